using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>Code frequencies per transcript and participant, code co-occurrence, and the themes with their totals.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class AnalysisModel(Studies studies, Analysis analysis, CodingWorkbench workbench) : ResearchPageModel
{
    public Frequencies Frequencies { get; private set; } = null!;
    public CooccurrenceMatrix Matrix { get; private set; } = null!;
    public IReadOnlyList<ThemeSummary> Themes { get; private set; } = [];
    public IReadOnlyList<CoderView> Coders { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "coder")]
    public long? CoderId { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Coders = await workbench.CodersAsync(Actor, id, cancellationToken);
        Frequencies = await analysis.FrequenciesAsync(Actor, id, CoderId, cancellationToken);
        Matrix = await analysis.CooccurrenceAsync(Actor, id, CoderId, cancellationToken);
        Themes = await analysis.ThemesAsync(Actor, id, cancellationToken);
    }, cancellationToken);
}
