using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>Administrators: the recommender's weights, the index (status, rebuild), and linking sign-ins to people.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminModel(ScholarDb db, MentorSettings settings, MentorIndexProvider indexes, MentorPeople people, MentorProfiles profiles) : PageModel
{
    [BindProperty]
    public RecommenderWeights Weights { get; set; } = RecommenderWeights.Default;

    [BindProperty]
    public string? LinkUserName { get; set; }

    [BindProperty]
    public string? LinkPersonSlug { get; set; }

    public MentorsApi.IndexStatus Index { get; private set; } = null!;
    public MentorOverview Overview { get; private set; } = null!;
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Weights = await settings.WeightsAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostWeightsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await settings.SaveWeightsAsync(Weights, cancellationToken);
            Message = "Weights saved; they apply to the next recommendation.";
            return RedirectToPage();
        }
        catch (MentorRuleException e)
        {
            Error = e.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        await settings.ResetWeightsAsync(cancellationToken);
        Message = "Weights reset to the documented defaults.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRebuildAsync(CancellationToken cancellationToken)
    {
        var snapshot = await indexes.RebuildAsync(db, cancellationToken);
        Message = $"Index rebuilt in {snapshot.BuildTime.TotalMilliseconds:N0} ms.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await people.LinkUserAsync(LinkUserName ?? "", LinkPersonSlug ?? "", cancellationToken);
            Message = $"{LinkUserName} now acts for {LinkPersonSlug}.";
            return RedirectToPage();
        }
        catch (MentorRuleException e)
        {
            Error = e.Message;
            Weights = await settings.WeightsAsync(cancellationToken);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Index = MentorsApi.Status(indexes.Current);
        Overview = await profiles.OverviewAsync(cancellationToken);
    }
}
