using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record CodingView(long Id, long TranscriptId, long CodeId, string CodeName, string Color, long CoderId, string CoderName, bool IsMine, int Start, int End, DateTime CreatedAt);

public sealed record CoderView(long Id, string Name, bool IsTeamMember, bool IsMe, int Codings);

public sealed record MemoInput(MemoTarget Target, string Text, long? CodeId = null, long? TranscriptId = null, long? ThemeId = null, int? Start = null, int? End = null);

public sealed record MemoView(
    long Id,
    MemoTarget Target,
    long? CodeId,
    string? CodeName,
    long? TranscriptId,
    string? TranscriptTitle,
    long? ThemeId,
    string? ThemeName,
    int? Start,
    int? End,
    string? Excerpt,
    string Text,
    string AuthorLabel,
    DateTime CreatedAt,
    bool FromMemberCheck,
    bool CanDelete);

/// <summary>
/// Coding and memos. Each team member who codes is a coder; coders code independently (the workbench shows a coder
/// their own codings unless they ask for everyone's). A span gets one or more codes; offsets are UTF-16 code units of
/// the transcript's final text, and a span may not cut a surrogate pair.
/// </summary>
public sealed class CodingWorkbench(ScholarDb db, StudyAccess access, TimeProvider clock)
{
    public const int MaxMemoLength = 20_000;

    public async Task<IReadOnlyList<CodingView>> ApplyAsync(ResearchActor actor, long transcriptId, int start, int end, IReadOnlyCollection<long> codeIds, CancellationToken cancellationToken = default)
    {
        var (studyId, _) = await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Edit, cancellationToken);
        var transcript = await db.Transcripts.AsNoTracking().Where(t => t.Id == transcriptId).Select(t => new { t.Status, t.Text }).FirstAsync(cancellationToken);
        if (transcript.Status != TranscriptStatus.Ready)
        {
            throw ResearchException.Invalid("Approve the transcript's de-identification before coding it.");
        }

        ValidateSpan(transcript.Text, start, end);
        var ids = codeIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw ResearchException.Invalid("Choose at least one code.");
        }

        if (await db.Codes.CountAsync(c => ids.Contains(c.Id) && c.StudyId == studyId, cancellationToken) != ids.Count)
        {
            throw ResearchException.Invalid("Every code must belong to this study's codebook.");
        }

        var coder = await Studies.CoderForAsync(db, studyId, actor, cancellationToken);
        var existing = await db.Codings.Where(c => c.TranscriptId == transcriptId && c.CoderId == coder.Id && c.Start == start && c.End == end && ids.Contains(c.CodeId))
            .Select(c => c.CodeId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = ids.Except(existing).Select(codeId => new Coding
        {
            StudyId = studyId,
            TranscriptId = transcriptId,
            CodeId = codeId,
            CoderId = coder.Id,
            Start = start,
            End = end,
            CreatedAt = now,
            ExchangeId = Guid.NewGuid(),
        }).ToList();
        db.Codings.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        var addedIds = added.Select(c => c.Id).ToList();
        return (await ViewsAsync(db.Codings.Where(c => addedIds.Contains(c.Id)), actor, cancellationToken)).ToList();
    }

    /// <summary>Removes one of the actor's own codings.</summary>
    public async Task RemoveAsync(ResearchActor actor, long codingId, CancellationToken cancellationToken = default)
    {
        var row = await db.Codings.Where(c => c.Id == codingId).Select(c => new { c.StudyId, c.CoderId }).FirstOrDefaultAsync(cancellationToken);
        var (studyId, _) = await access.RequireForAsync(actor, row?.StudyId, $"Coding {codingId}", StudyRight.Edit, cancellationToken);
        var mine = await db.StudyCoders.AnyAsync(c => c.Id == row!.CoderId && c.StudyId == studyId && c.UserId == actor.UserId, cancellationToken);
        if (!mine)
        {
            throw ResearchException.Forbidden("Coders remove only their own codings.");
        }

        await db.Codings.Where(c => c.Id == codingId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The codings of a transcript: the actor's own, or every coder's.</summary>
    public async Task<IReadOnlyList<CodingView>> CodingsAsync(ResearchActor actor, long transcriptId, bool allCoders, CancellationToken cancellationToken = default)
    {
        await access.RequireTranscriptAsync(actor, transcriptId, StudyRight.Read, cancellationToken);
        var query = db.Codings.Where(c => c.TranscriptId == transcriptId);
        if (!allCoders)
        {
            query = query.Where(c => db.StudyCoders.Any(s => s.Id == c.CoderId && s.UserId == actor.UserId));
        }

        return await ViewsAsync(query, actor, cancellationToken);
    }

    public async Task<IReadOnlyList<CoderView>> CodersAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await db.StudyCoders.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new CoderView(c.Id, c.Name, c.UserId != null, c.UserId == actor.UserId, db.Codings.Count(x => x.CoderId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Memo> AddMemoAsync(ResearchActor actor, long studyId, MemoInput input, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.WriteMemos, cancellationToken);
        var text = Studies.Required(input.Text, "A memo needs text.", MaxMemoLength);
        var memo = new Memo
        {
            StudyId = studyId,
            Target = input.Target,
            Text = text,
            AuthorUserId = actor.UserId,
            AuthorLabel = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(cancellationToken) ?? actor.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExchangeId = Guid.NewGuid(),
        };
        switch (input.Target)
        {
            case MemoTarget.Study:
                break;
            case MemoTarget.Code:
                memo.CodeId = await BelongsAsync(db.Codes.Where(c => c.Id == input.CodeId && c.StudyId == studyId).Select(c => (long?)c.Id), "code", cancellationToken);
                break;
            case MemoTarget.Theme:
                memo.ThemeId = await BelongsAsync(db.Themes.Where(t => t.Id == input.ThemeId && t.StudyId == studyId).Select(t => (long?)t.Id), "theme", cancellationToken);
                break;
            case MemoTarget.Transcript:
            case MemoTarget.Span:
                memo.TranscriptId = await BelongsAsync(db.Transcripts.Where(t => t.Id == input.TranscriptId && t.StudyId == studyId).Select(t => (long?)t.Id), "transcript", cancellationToken);
                if (input.Target == MemoTarget.Span)
                {
                    var transcript = await db.Transcripts.AsNoTracking().Where(t => t.Id == memo.TranscriptId).Select(t => new { t.Text, t.Status }).FirstAsync(cancellationToken);
                    if (transcript.Status != TranscriptStatus.Ready)
                    {
                        throw ResearchException.Invalid("Memos on spans need an approved transcript.");
                    }

                    ValidateSpan(transcript.Text, input.Start ?? -1, input.End ?? -1);
                    (memo.Start, memo.End) = (input.Start, input.End);
                }

                break;
            default:
                throw ResearchException.Invalid("Unknown memo target.");
        }

        db.Memos.Add(memo);
        await db.SaveChangesAsync(cancellationToken);
        return memo;
    }

    /// <summary>Memos of the study, optionally only those on one code, transcript or theme.</summary>
    public async Task<IReadOnlyList<MemoView>> MemosAsync(ResearchActor actor, long studyId, MemoTarget? target = null, long? targetId = null, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var query = db.Memos.AsNoTracking().Where(m => m.StudyId == studyId);
        query = target switch
        {
            MemoTarget.Code => query.Where(m => m.CodeId == targetId),
            MemoTarget.Theme => query.Where(m => m.ThemeId == targetId),
            MemoTarget.Transcript or MemoTarget.Span => query.Where(m => m.TranscriptId == targetId),
            MemoTarget.Study => query.Where(m => m.Target == MemoTarget.Study),
            _ => query,
        };
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new
            {
                Memo = m,
                CodeName = db.Codes.Where(c => c.Id == m.CodeId).Select(c => c.Name).FirstOrDefault(),
                Transcript = db.Transcripts.Where(t => t.Id == m.TranscriptId).Select(t => new { t.Title, t.Text }).FirstOrDefault(),
                ThemeName = db.Themes.Where(t => t.Id == m.ThemeId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MemoView(
            r.Memo.Id, r.Memo.Target, r.Memo.CodeId, r.CodeName, r.Memo.TranscriptId, r.Transcript?.Title, r.Memo.ThemeId, r.ThemeName, r.Memo.Start, r.Memo.End,
            r.Memo.Start is { } s && r.Memo.End is { } e && r.Transcript is { } t && e <= t.Text.Length ? Excerpt(t.Text, s, e) : null,
            r.Memo.Text, r.Memo.AuthorLabel, r.Memo.CreatedAt, r.Memo.MemberCheckCommentId is not null,
            r.Memo.AuthorUserId == actor.UserId || role == StudyRole.Lead)).ToList();
    }

    /// <summary>Deletes a memo: its author, or the lead.</summary>
    public async Task DeleteMemoAsync(ResearchActor actor, long memoId, CancellationToken cancellationToken = default)
    {
        var memo = await db.Memos.Where(m => m.Id == memoId).Select(m => new { m.StudyId, m.AuthorUserId }).FirstOrDefaultAsync(cancellationToken);
        var (_, role) = await access.RequireForAsync(actor, memo?.StudyId, $"Memo {memoId}", StudyRight.WriteMemos, cancellationToken);
        if (memo!.AuthorUserId != actor.UserId && role != StudyRole.Lead)
        {
            throw ResearchException.Forbidden("Only a memo's author or the study lead can delete it.");
        }

        await db.Memos.Where(m => m.Id == memoId).ExecuteDeleteAsync(cancellationToken);
    }

    public static void ValidateSpan(string text, int start, int end)
    {
        if (start < 0 || end > text.Length || start >= end)
        {
            throw ResearchException.Invalid($"A span runs from a start to a later end inside the transcript (0 to {text.Length}).");
        }

        if (char.IsLowSurrogate(text[start]) || (end < text.Length && char.IsLowSurrogate(text[end])))
        {
            throw ResearchException.Invalid("A span cannot cut a character in half.");
        }
    }

    public static string Excerpt(string text, int start, int end, int max = 240)
    {
        var excerpt = text[start..end].Trim();
        return excerpt.Length <= max ? excerpt : excerpt[..max].TrimEnd() + "…";
    }

    private async Task<List<CodingView>> ViewsAsync(IQueryable<Coding> codings, ResearchActor actor, CancellationToken cancellationToken)
    {
        var views = await codings.AsNoTracking()
            .Join(db.Codes, c => c.CodeId, code => code.Id, (c, code) => new { c, code })
            .Join(db.StudyCoders, x => x.c.CoderId, coder => coder.Id, (x, coder) => new CodingView(
                x.c.Id, x.c.TranscriptId, x.c.CodeId, x.code.Name, x.code.Color, coder.Id, coder.Name, coder.UserId == actor.UserId, x.c.Start, x.c.End, x.c.CreatedAt))
            .ToListAsync(cancellationToken);
        return views.OrderBy(v => v.Start).ThenBy(v => v.End).ThenBy(v => v.Id).ToList();
    }

    private static async Task<long> BelongsAsync(IQueryable<long?> query, string what, CancellationToken cancellationToken) =>
        await query.FirstOrDefaultAsync(cancellationToken) ?? throw ResearchException.Invalid($"That {what} is not part of this study.");
}
