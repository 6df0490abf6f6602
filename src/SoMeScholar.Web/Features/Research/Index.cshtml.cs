using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The research section: what the toolkit does, the studies the user is on the team of, a new study, a QDPX import.</summary>
[AllowAnonymous]
public sealed class IndexModel(Studies studies, RefiQda refi) : ResearchPageModel
{
    public IReadOnlyList<StudySummary> Studies { get; private set; } = [];

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? EthicsReference { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            Studies = await studies.ListAsync(Actor, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Member))
        {
            return Challenge();
        }

        long? id = null;
        var result = await ChangeAsync(async () =>
        {
            id = (await studies.CreateAsync(Actor, Title, EthicsReference, Description, cancellationToken: cancellationToken)).Id;
            return "Study created: you are its lead. Add coders and auditors by user name on the overview.";
        });
        return id is { } created ? RedirectToPage("Study", new { id = created }) : result;
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? project, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Member))
        {
            return Challenge();
        }

        if (project is null || project.Length == 0)
        {
            Error = "Choose a .qdpx file to import.";
            return RedirectToPage();
        }

        long? id = null;
        var result = await ChangeAsync(async () =>
        {
            await using var stream = project.OpenReadStream();
            var report = await refi.ImportProjectAsync(Actor, stream, Path.GetFileName(project.FileName), cancellationToken);
            id = report.StudyId;
            return $"Imported {report.Title}: {report.Codes} codes, {report.Transcripts} transcripts, {report.Codings} codings by {report.Coders} coder(s), {report.Memos} memos, {report.Themes} themes." +
                (report.SkippedSources + report.SkippedSelections > 0 ? $" Skipped {report.SkippedSources} non-text source(s) and {report.SkippedSelections} selection(s) outside their text." : "") +
                (report.PossibleIdentifiers > 0 ? $" The de-identification check flags {report.PossibleIdentifiers} possible identifier(s) in the imported transcripts: review them before sharing." : "");
        });
        return id is { } created ? RedirectToPage("Study", new { id = created }) : result;
    }
}
