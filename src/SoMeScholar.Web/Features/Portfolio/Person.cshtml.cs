using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Portfolio;

namespace SoMeScholar.Web.Features.Portfolio;

/// <summary>A person's portfolio. Guests and other members see the public sections; the person and administrators see everything and choose what is public.</summary>
[AllowAnonymous]
public sealed class PersonModel(PortfolioBuilder builder, Dossiers dossiers, PortfolioCommunities communities) : PageModel
{
    public PersonPortfolio Portfolio { get; private set; } = null!;
    public IReadOnlyList<Dossier> Dossiers { get; private set; } = [];

    /// <summary>The communities the person may choose (their accounts' communities in stored analyses), with the current choice.</summary>
    public IReadOnlyList<CommunityOption> Communities { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        var portfolio = await builder.ForViewerAsync(slug, viewer, cancellationToken: cancellationToken);
        if (portfolio is null)
        {
            return NotFound();
        }

        Portfolio = portfolio;
        Dossiers = await dossiers.ForPersonAsync(viewer, portfolio.Person.Id, cancellationToken);
        if (portfolio.Sections.Any(s => s.Section == PortfolioSection.Network && s.Visible))
        {
            Communities = await communities.OptionsAsync(portfolio.Person.Id, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostVisibilityAsync(string slug, [FromForm] List<PortfolioSection> publicSections, CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        var subject = await builder.SubjectAsync(slug, null, null, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (!viewer.CanManage(subject.Person.Id))
        {
            return viewer.UserId is null ? Challenge() : Forbid();
        }

        await builder.SetVisibilityAsync(viewer, subject.Person.Id, publicSections.ToHashSet(), cancellationToken);
        Message = "Saved which sections are public.";
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostCommunitiesAsync(string slug, [FromForm] List<string> chosenCommunities, CancellationToken cancellationToken)
    {
        var viewer = await PortfolioWeb.ViewerAsync(HttpContext);
        var subject = await builder.SubjectAsync(slug, null, null, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (!viewer.CanManage(subject.Person.Id))
        {
            return viewer.UserId is null ? Challenge() : Forbid();
        }

        try
        {
            await communities.SetAsync(viewer, subject.Person.Id, chosenCommunities, cancellationToken);
            Message = chosenCommunities.Count == 0 ? "No communities chosen: network ranks are shown among all nodes only." : $"Saved: betweenness ranks are computed within {chosenCommunities.Count} chosen communities.";
        }
        catch (PortfolioRuleException e)
        {
            Message = e.Message;
        }

        return RedirectToPage(null, null, new { slug }, "section-Network");
    }
}
