using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>Inter-coder agreement of two coders (NVivo's coding comparison by character) and the disagreements of one code in one transcript.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class AgreementModel(Studies studies, Analysis analysis, CodingWorkbench workbench) : ResearchPageModel
{
    public IReadOnlyList<CoderView> Coders { get; private set; } = [];
    public AgreementReport? Report { get; private set; }
    public DisagreementReport? Disagreements { get; private set; }

    [BindProperty(SupportsGet = true, Name = "a")]
    public long? CoderA { get; set; }

    [BindProperty(SupportsGet = true, Name = "b")]
    public long? CoderB { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public long? CodeId { get; set; }

    [BindProperty(SupportsGet = true, Name = "transcript")]
    public long? TranscriptId { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Coders = await workbench.CodersAsync(Actor, id, cancellationToken);
        CoderA ??= Coders.ElementAtOrDefault(0)?.Id;
        CoderB ??= Coders.FirstOrDefault(c => c.Id != CoderA)?.Id;
        if (CoderA is { } a && CoderB is { } b && a != b)
        {
            Report = await analysis.AgreementAsync(Actor, id, a, b, cancellationToken);
            if (CodeId is { } code && TranscriptId is { } transcript)
            {
                Disagreements = await analysis.DisagreementsAsync(Actor, id, code, transcript, a, b, cancellationToken);
            }
        }
    }, cancellationToken);

    public string Link(long code, long transcript) => $"/Research/Agreement/{Header.Id}?a={CoderA}&b={CoderB}&code={code}&transcript={transcript}#disagreements";
}
