using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>
/// The coding workbench: the transcript, the codebook, the coder's codings and the co-occurrence matrix. Selecting
/// text and applying codes happens in wwwroot/js/research.js through the JSON API; the page renders everything first
/// so it reads without JavaScript.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class CodeModel(Studies studies, Transcripts transcripts, Codebook codebook, CodingWorkbench workbench, Analysis analysis) : ResearchPageModel
{
    public TranscriptView Transcript { get; private set; } = null!;
    public CodebookView Codebook { get; private set; } = null!;
    public IReadOnlyList<CodingView> Codings { get; private set; } = [];
    public IReadOnlyList<MemoView> Memos { get; private set; } = [];
    public CooccurrenceMatrix Matrix { get; private set; } = null!;
    public long? MyCoderId { get; private set; }

    [BindProperty(SupportsGet = true, Name = "all")]
    public bool AllCoders { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            Transcript = await transcripts.GetAsync(Actor, id, cancellationToken);
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }

        if (Transcript.Status != TranscriptStatus.Ready)
        {
            return RedirectToPage("Review", new { id });
        }

        return await PageAsync(studies, Transcript.StudyId, async () =>
        {
            Codebook = await codebook.GetAsync(Actor, Transcript.StudyId, cancellationToken);
            Codings = await workbench.CodingsAsync(Actor, id, AllCoders || !CanEdit, cancellationToken);
            Memos = await workbench.MemosAsync(Actor, Transcript.StudyId, MemoTarget.Transcript, id, cancellationToken);
            MyCoderId = (await workbench.CodersAsync(Actor, Transcript.StudyId, cancellationToken)).FirstOrDefault(c => c.IsMe)?.Id;
            Matrix = await analysis.CooccurrenceAsync(Actor, Transcript.StudyId, CanEdit ? MyCoderId ?? -1 : null, cancellationToken);
        }, cancellationToken);
    }
}
