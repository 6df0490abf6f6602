using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>The de-identification review: accept, reject or edit each replacement, add missed ones, approve.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class ReviewModel(Studies studies, Transcripts transcripts) : ResearchPageModel
{
    public TranscriptReview Review { get; private set; } = null!;
    public long TranscriptId { get; private set; }

    [BindProperty]
    public string? Words { get; set; }

    [BindProperty]
    public string? Tag { get; set; } = "[NAME]";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        TranscriptView transcript;
        try
        {
            transcript = await transcripts.GetAsync(Actor, id, cancellationToken);
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }

        TranscriptId = id;
        return await PageAsync(studies, transcript.StudyId, async () => Review = await transcripts.ReviewAsync(Actor, id, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostDecideAsync(long id, long replacementId, ReplacementDecision decision, string? edited, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await transcripts.DecideAsync(Actor, replacementId, decision, edited, cancellationToken);
        return decision switch
        {
            ReplacementDecision.Accepted => "Replacement accepted.",
            ReplacementDecision.Rejected => "Replacement rejected: the original words stay.",
            _ => "Replacement edited.",
        };
    });

    public Task<IActionResult> OnPostAddAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var added = await transcripts.AddReplacementAsync(Actor, id, Words ?? "", Tag ?? "", cancellationToken);
        return $"Added {added} replacement(s).";
    });

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken)
    {
        var approved = false;
        var result = await ChangeAsync(async () =>
        {
            await transcripts.ApproveAsync(Actor, id, cancellationToken);
            approved = true;
            return "Approved: the de-identified text is final and the original was erased. Start coding.";
        });
        return approved ? RedirectToPage("Code", new { id }) : result;
    }
}
