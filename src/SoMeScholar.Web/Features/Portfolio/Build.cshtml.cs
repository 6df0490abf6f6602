using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>The dossier builder: a period, the items to include (every portfolio item in the period, private ones too), and the narrative.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class BuildModel(ScholarDb db, Dossiers dossiers, TimeProvider clock) : PageModel
{
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<EvidenceItem> Candidates { get; private set; } = [];
    public long? DossierId { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty]
    public string? Narrative { get; set; }

    [BindProperty]
    public bool IncludeAll { get; set; }

    [BindProperty]
    public List<string> Items { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long personId, long? dossier, CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        if (await LoadPersonAsync(viewer, personId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (dossier is { } id)
        {
            try
            {
                var stored = await dossiers.GetAsync(viewer, id, cancellationToken);
                if (stored.PersonId != personId)
                {
                    return NotFound();
                }

                DossierId = id;
                Title = stored.Title;
                From ??= DateOnly.FromDateTime(stored.PeriodStart);
                To ??= DateOnly.FromDateTime(stored.PeriodEnd.AddTicks(-1));
                Narrative = stored.Narrative;
                IncludeAll = stored.IncludeAllItems;
                Items = [.. stored.Items.Select(i => i.ItemKey)];
            }
            catch (PortfolioNotFoundException)
            {
                return NotFound();
            }
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        From ??= today.AddYears(-3);
        To ??= today;
        if (Title.Length == 0)
        {
            Title = $"Promotion dossier {To.Value.Year}";
            IncludeAll = DossierId is null;
        }

        await LoadCandidatesAsync(viewer, personId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long personId, long? dossier, CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        if (await LoadPersonAsync(viewer, personId, cancellationToken) is { } refused)
        {
            return refused;
        }

        DossierId = dossier;
        if (From is null || To is null)
        {
            Error = "Choose the start and end of the period.";
        }
        else
        {
            var input = new DossierInput(Title, From.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Narrative, IncludeAll, Items);
            try
            {
                var saved = dossier is { } id ? await dossiers.UpdateAsync(viewer, id, input, cancellationToken) : await dossiers.CreateAsync(viewer, personId, input, cancellationToken: cancellationToken);
                return Redirect($"/Portfolio/Dossier/{saved.Id}");
            }
            catch (PortfolioRuleException e)
            {
                Error = e.Message;
            }
            catch (PortfolioAccessDeniedException)
            {
                return Forbid();
            }
            catch (PortfolioNotFoundException)
            {
                return NotFound();
            }
        }

        await LoadCandidatesAsync(viewer, personId, cancellationToken);
        return Page();
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private async Task<IActionResult?> LoadPersonAsync(PortfolioViewer viewer, long personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!viewer.CanManage(personId))
        {
            return Forbid();
        }

        Person = person;
        return null;
    }

    private async Task LoadCandidatesAsync(PortfolioViewer viewer, long personId, CancellationToken cancellationToken)
    {
        if (From is { } from && To is { } to && from <= to)
        {
            Candidates = await dossiers.CandidatesAsync(viewer, personId, from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), cancellationToken);
        }
    }
}
