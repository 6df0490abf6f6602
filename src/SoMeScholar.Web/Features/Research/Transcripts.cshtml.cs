using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Research;

/// <summary>A study's transcripts: import (text, Markdown, Word), each then reviewed for de-identification before coding.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class TranscriptsModel(Studies studies, Transcripts transcripts) : ResearchPageModel
{
    public const long MaxUploadBytes = 20_000_000;

    public IReadOnlyList<TranscriptSummary> Transcripts { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? ParticipantCode { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => PageAsync(studies, id, async () =>
    {
        Transcripts = await transcripts.ListAsync(Actor, id, cancellationToken);
    }, cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(long id, IFormFile? file, CancellationToken cancellationToken)
    {
        long? transcriptId = null;
        var result = await ChangeAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw ResearchException.Invalid("Choose a transcript file (.txt, .md or .docx).");
            }

            if (file.Length > MaxUploadBytes)
            {
                throw ResearchException.Invalid($"{file.FileName}: at most {MaxUploadBytes / 1_000_000} MB.");
            }

            await using var stream = file.OpenReadStream();
            var transcript = await transcripts.ImportAsync(Actor, id, Path.GetFileName(file.FileName), stream, Title, ParticipantCode, cancellationToken);
            transcriptId = transcript.Id;
            return "Imported. Review each de-identification replacement, then approve the transcript for coding.";
        });
        return transcriptId is { } t ? RedirectToPage("Review", new { id = t }) : result;
    }

    public Task<IActionResult> OnPostDeleteAsync(long id, long transcriptId, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await transcripts.DeleteAsync(Actor, transcriptId, cancellationToken);
        return "Transcript deleted with its codings and memos.";
    });
}
