using System.Text;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;

namespace SoMeScholar.Core.Research;

public sealed record TranscriptSummary(long Id, string Title, string? ParticipantCode, TranscriptStatus Status, TranscriptFormat Format, DateTime ImportedAt, int Length, int PendingReplacements, int Replacements, int Codings);

public sealed record TranscriptView(long Id, long StudyId, string Title, string? ParticipantCode, TranscriptStatus Status, string Text, Guid ExchangeId);

/// <summary>One replacement for review, with the words around it in the original.</summary>
public sealed record ReplacementView(
    long Id,
    int OriginalStart,
    int OriginalLength,
    string? OriginalText,
    string Category,
    string Tag,
    string? Reason,
    bool IsManual,
    ReplacementDecision Decision,
    string? EditedText,
    string Before,
    string After);

public sealed record TranscriptReview(TranscriptSummary Transcript, IReadOnlyList<ReplacementView> Replacements, string Preview);

/// <summary>
/// Importing transcripts and de-identifying them. Import runs the professionalism check's de-identification mode
/// through <see cref="ProfessionalismService"/>, so the administrators' settings (allowed and denied terms, categories)
/// apply as they do to every check (identifiers anywhere, not only near case stories); a coder then accepts, rejects or edits each replacement (and
/// can add ones the check missed). Only when none is pending can the transcript be approved; approval writes the
/// final text and erases the original and the identifiers from the store, and only then can it be coded.
/// </summary>
public sealed class Transcripts(ScholarDb db, StudyAccess access, ProfessionalismService professionalism, TimeProvider clock)
{
    private const int ContextCharacters = 60;

    public async Task<IReadOnlyList<TranscriptSummary>> ListAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await SummariesAsync(studyId, null, cancellationToken);
    }

    public async Task<TranscriptView> GetAsync(ResearchActor actor, long transcriptId, CancellationToken cancellationToken = default)
    {
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Read, cancellationToken);
        var t = await db.Transcripts.AsNoTracking().FirstAsync(t => t.Id == transcriptId, cancellationToken);
        var code = t.ParticipantId is { } p ? await db.Participants.Where(x => x.Id == p).Select(x => (int?)x.Number).FirstOrDefaultAsync(cancellationToken) : null;
        return new TranscriptView(t.Id, t.StudyId, t.Title, code is { } n ? Participant.CodeFor(n) : null, t.Status, t.Status == TranscriptStatus.Ready ? t.Text : "", t.ExchangeId);
    }

    /// <summary>Imports a file (.txt, .md or .docx) and de-identifies it for review.</summary>
    public async Task<Transcript> ImportAsync(ResearchActor actor, long studyId, string fileName, Stream content, string? title, string? participantCode, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var format = TranscriptText.FormatOf(fileName);
        var text = TranscriptText.Read(content, format, fileName);
        return await AddAsync(actor, studyId, Studies.Optional(title, 512) ?? Path.GetFileNameWithoutExtension(fileName), fileName, format, text, participantCode, cancellationToken);
    }

    public async Task<Transcript> ImportTextAsync(ResearchActor actor, long studyId, string title, string text, string? participantCode, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        text = TranscriptText.Normalize(text);
        if (text.Trim().Length == 0)
        {
            throw ResearchException.Invalid("The transcript is empty.");
        }

        return await AddAsync(actor, studyId, Studies.Required(title, "A transcript needs a title.", 512), null, TranscriptFormat.PlainText, text, participantCode, cancellationToken);
    }

    private async Task<Transcript> AddAsync(ResearchActor actor, long studyId, string title, string? fileName, TranscriptFormat format, string text, string? participantCode, CancellationToken cancellationToken)
    {
        var participantId = await ParticipantIdAsync(studyId, participantCode, cancellationToken);
        var deidentified = await professionalism.DeidentifyAsync(text, cancellationToken: cancellationToken);
        var transcript = new Transcript
        {
            StudyId = studyId,
            Title = title,
            ParticipantId = participantId,
            Format = format,
            SourceFileName = fileName,
            OriginalText = text,
            Text = deidentified.Text,
            Status = TranscriptStatus.InReview,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedByUserId = actor.UserId,
            ExchangeId = Guid.NewGuid(),
        };
        db.Transcripts.Add(transcript);
        await db.SaveChangesAsync(cancellationToken);
        db.DeidReplacements.AddRange(deidentified.Replacements.Select(r => new DeidReplacement
        {
            TranscriptId = transcript.Id,
            OriginalStart = r.OriginalStart,
            OriginalLength = r.OriginalLength,
            OriginalText = r.OriginalText,
            Category = r.Category.ToString(),
            Tag = r.Tag,
            Reason = r.Reason.Length > 1024 ? r.Reason[..1024] : r.Reason,
            Decision = ReplacementDecision.Pending,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return transcript;
    }

    public async Task<TranscriptReview> ReviewAsync(ResearchActor actor, long transcriptId, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        var transcript = await db.Transcripts.AsNoTracking().FirstAsync(t => t.Id == transcriptId, cancellationToken);
        var replacements = await db.DeidReplacements.AsNoTracking().Where(r => r.TranscriptId == transcriptId).OrderBy(r => r.OriginalStart).ToListAsync(cancellationToken);
        var original = transcript.OriginalText ?? "";
        var views = replacements.Select(r => new ReplacementView(
            r.Id, r.OriginalStart, r.OriginalLength, r.OriginalText, r.Category, r.Tag, r.Reason, r.IsManual, r.Decision, r.EditedText,
            original.Length == 0 ? "" : original[Math.Max(0, r.OriginalStart - ContextCharacters)..r.OriginalStart],
            original.Length == 0 ? "" : original[(r.OriginalStart + r.OriginalLength)..Math.Min(original.Length, r.OriginalStart + r.OriginalLength + ContextCharacters)]))
            .ToList();
        var summary = (await SummariesAsync(studyId, transcriptId, cancellationToken))[0];
        return new TranscriptReview(summary, views, transcript.Status == TranscriptStatus.Ready ? transcript.Text : Apply(original, replacements));
    }

    /// <summary>Accept (use the tag), reject (keep the original words) or edit (use the coder's own replacement) one replacement.</summary>
    public async Task DecideAsync(ResearchActor actor, long replacementId, ReplacementDecision decision, string? editedText, CancellationToken cancellationToken = default)
    {
        var transcriptId = await db.DeidReplacements.Where(r => r.Id == replacementId).Select(r => (long?)r.TranscriptId).FirstOrDefaultAsync(cancellationToken)
            ?? throw ResearchException.NotFound($"Replacement {replacementId}");
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        await EnsureInReviewAsync(transcriptId, cancellationToken);
        if (decision == ReplacementDecision.Pending)
        {
            throw ResearchException.Invalid("Decide: accept, reject or edit.");
        }

        var replacement = await db.DeidReplacements.FirstAsync(r => r.Id == replacementId, cancellationToken);
        replacement.Decision = decision;
        replacement.EditedText = decision == ReplacementDecision.Edited
            ? Studies.Required(editedText, "An edited replacement needs its text, e.g. [COLLEAGUE].", 512)
            : null;
        replacement.DecidedByUserId = actor.UserId;
        replacement.DecidedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces every occurrence of words the check missed (outside existing replacements) with a tag; returns how many.</summary>
    public async Task<int> AddReplacementAsync(ResearchActor actor, long transcriptId, string words, string tag, CancellationToken cancellationToken = default)
    {
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        await EnsureInReviewAsync(transcriptId, cancellationToken);
        words = Studies.Required(words, "Which words should be replaced?", 512);
        tag = Studies.Required(tag, "Replace them with what, e.g. [NAME]?", 64);
        var transcript = await db.Transcripts.AsNoTracking().FirstAsync(t => t.Id == transcriptId, cancellationToken);
        var original = transcript.OriginalText ?? "";
        var existing = await db.DeidReplacements.Where(r => r.TranscriptId == transcriptId).Select(r => new TextSpan(r.OriginalStart, r.OriginalStart + r.OriginalLength)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        for (var at = original.IndexOf(words, StringComparison.OrdinalIgnoreCase); at >= 0; at = original.IndexOf(words, at + words.Length, StringComparison.OrdinalIgnoreCase))
        {
            var span = new TextSpan(at, at + words.Length);
            if (existing.Any(e => e.Start < span.End && span.Start < e.End))
            {
                continue;
            }

            existing.Add(span);
            db.DeidReplacements.Add(new DeidReplacement
            {
                TranscriptId = transcriptId,
                OriginalStart = at,
                OriginalLength = words.Length,
                OriginalText = original.Substring(at, words.Length),
                Category = "Manual",
                Tag = tag,
                Reason = "added by the coder",
                IsManual = true,
                Decision = ReplacementDecision.Accepted,
                DecidedByUserId = actor.UserId,
                DecidedAt = now,
            });
            added++;
        }

        if (added == 0)
        {
            throw ResearchException.Invalid($"\u201c{words}\u201d does not occur in the transcript outside the replacements already listed.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Approves the de-identification: writes the final text, erases the original text and the identifiers (the
    /// replacements keep their position, category and decision), and makes the transcript ready for coding.
    /// </summary>
    public async Task ApproveAsync(ResearchActor actor, long transcriptId, CancellationToken cancellationToken = default)
    {
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        await EnsureInReviewAsync(transcriptId, cancellationToken);
        var replacements = await db.DeidReplacements.Where(r => r.TranscriptId == transcriptId).OrderBy(r => r.OriginalStart).ToListAsync(cancellationToken);
        var pending = replacements.Count(r => r.Decision == ReplacementDecision.Pending);
        if (pending > 0)
        {
            throw ResearchException.Invalid($"{pending} replacement(s) still need a decision: review each before approving.");
        }

        var transcript = await db.Transcripts.FirstAsync(t => t.Id == transcriptId, cancellationToken);
        transcript.Text = Apply(transcript.OriginalText ?? "", replacements);
        transcript.OriginalText = null;
        transcript.Status = TranscriptStatus.Ready;
        transcript.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        transcript.ApprovedByUserId = actor.UserId;
        foreach (var replacement in replacements)
        {
            replacement.OriginalText = null;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetParticipantAsync(ResearchActor actor, long transcriptId, string? participantCode, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        var transcript = await db.Transcripts.FirstAsync(t => t.Id == transcriptId, cancellationToken);
        transcript.ParticipantId = await ParticipantIdAsync(studyId, participantCode, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a transcript with its codings and memos (lead only).</summary>
    public async Task DeleteAsync(ResearchActor actor, long transcriptId, CancellationToken cancellationToken = default)
    {
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Manage, cancellationToken);
        await db.Transcripts.Where(t => t.Id == transcriptId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The original with each replacement applied in order (pending ones as if accepted, for the preview).</summary>
    public static string Apply(string original, IEnumerable<DeidReplacement> replacements)
    {
        var text = new StringBuilder(original.Length);
        var position = 0;
        foreach (var r in replacements.OrderBy(r => r.OriginalStart))
        {
            if (r.OriginalStart < position || r.OriginalStart + r.OriginalLength > original.Length)
            {
                continue;
            }

            text.Append(original, position, r.OriginalStart - position);
            text.Append(r.Decision == ReplacementDecision.Rejected ? original.Substring(r.OriginalStart, r.OriginalLength) : r.Replacement ?? r.Tag);
            position = r.OriginalStart + r.OriginalLength;
        }

        return text.Append(original, position, original.Length - position).ToString();
    }

    private async Task EnsureInReviewAsync(long transcriptId, CancellationToken cancellationToken)
    {
        if (await db.Transcripts.AnyAsync(t => t.Id == transcriptId && t.Status == TranscriptStatus.Ready, cancellationToken))
        {
            throw ResearchException.Invalid("This transcript's de-identification was approved; the original is no longer kept.");
        }
    }

    internal async Task<long?> ParticipantIdAsync(long studyId, string? participantCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(participantCode))
        {
            return null;
        }

        var number = Snowball.ParseCode(participantCode) ?? throw ResearchException.Invalid($"\u201c{participantCode}\u201d is not a study code such as P3.");
        return await db.Participants.Where(p => p.StudyId == studyId && p.Number == number).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw ResearchException.Invalid($"There is no participant {Participant.CodeFor(number)} in this study.");
    }

    private async Task<List<TranscriptSummary>> SummariesAsync(long studyId, long? transcriptId, CancellationToken cancellationToken)
    {
        var transcripts = await db.Transcripts.AsNoTracking()
            .Where(t => t.StudyId == studyId && (transcriptId == null || t.Id == transcriptId))
            .OrderBy(t => t.Title).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.Title,
                Number = db.Participants.Where(p => p.Id == t.ParticipantId).Select(p => (int?)p.Number).FirstOrDefault(),
                t.Status,
                t.Format,
                t.ImportedAt,
                Length = t.Text.Length,
                Pending = db.DeidReplacements.Count(r => r.TranscriptId == t.Id && r.Decision == ReplacementDecision.Pending),
                Replacements = db.DeidReplacements.Count(r => r.TranscriptId == t.Id),
                Codings = db.Codings.Count(c => c.TranscriptId == t.Id),
            })
            .ToListAsync(cancellationToken);
        return transcripts.Select(t => new TranscriptSummary(t.Id, t.Title, t.Number is { } n ? Participant.CodeFor(n) : null, t.Status, t.Format, t.ImportedAt, t.Length, t.Pending, t.Replacements, t.Codings)).ToList();
    }
}
