using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

/// <summary>A quote for a finding: a span of a ready (de-identified) transcript.</summary>
public sealed record QuoteInput(long TranscriptId, int Start, int End);

public sealed record FindingInput(string Title, string? Summary, long? ThemeId, IReadOnlyList<QuoteInput> Quotes);

public sealed record MemberCheckSummary(long Id, string Title, string? Introduction, DateTime PublishedAt, DateTime ClosesAt, DateTime? WithdrawnAt, bool IsOpen, int Findings, int Comments, string? Token);

public sealed record PublicQuote(string Text, string? ParticipantCode);

public sealed record PublicFinding(long Id, string Title, string? Summary, IReadOnlyList<PublicQuote> Quotes);

/// <summary>What a participant with the link sees: the findings, and nothing else of the study.</summary>
public sealed record PublicMemberCheck(string Title, string? Introduction, DateTime ClosesAt, IReadOnlyList<PublicFinding> Findings);

/// <summary>A passage that could be quoted for a theme: a coded span of one of the theme's codes in an approved transcript.</summary>
public sealed record QuoteCandidate(long TranscriptId, int Start, int End, string Text, string? ParticipantCode, string CodeName);

public sealed record ThemeCandidates(ThemeEntry Theme, IReadOnlyList<QuoteCandidate> Quotes);

public sealed record MemberCheckCommentView(long Id, string? FindingTitle, string Text, string? ParticipantCode, DateTime CreatedAt);

/// <summary>
/// The participant member check: the lead publishes findings (themes with de-identified quotes, copied at
/// publication) behind a private link with 256 random bits; participants read and comment until the closing date,
/// after which (or once withdrawn) the link shows nothing. Each comment comes back into the study as a memo (on the
/// finding's theme when it has one). Unknown, closed and withdrawn links are indistinguishable from outside.
/// </summary>
public sealed class MemberChecks(ScholarDb db, StudyAccess access, TimeProvider clock, IDataProtectionProvider protection)
{
    public const int MaxCommentLength = 4000;
    private const string Purpose = "SoMeScholar.Research.MemberCheck.v1";

    public async Task<(MemberCheck Check, string Token)> PublishAsync(ResearchActor actor, long studyId, string title, string? introduction, DateTime closesAt, IReadOnlyList<FindingInput> findings, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        closesAt = DateTime.SpecifyKind(closesAt, DateTimeKind.Utc);
        if (closesAt <= now)
        {
            throw ResearchException.Invalid("The closing date must be in the future.");
        }

        if (closesAt > now.AddYears(1))
        {
            throw ResearchException.Invalid("A member check stays open for at most a year.");
        }

        if (findings.Count == 0)
        {
            throw ResearchException.Invalid("Publish at least one finding.");
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var check = new MemberCheck
        {
            StudyId = studyId,
            Title = Studies.Required(title, "The page needs a title.", 512),
            Introduction = Studies.Optional(introduction, 20_000),
            TokenHash = HashOf(token),
            ProtectedToken = protection.CreateProtector(Purpose).Protect(token),
            PublishedAt = now,
            PublishedByUserId = actor.UserId,
            ClosesAt = closesAt,
        };

        var transcriptIds = findings.SelectMany(f => f.Quotes).Select(q => q.TranscriptId).Distinct().ToList();
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => transcriptIds.Contains(t.Id) && t.StudyId == studyId && t.Status == TranscriptStatus.Ready)
            .Select(t => new { t.Id, t.Text, Number = db.Participants.Where(p => p.Id == t.ParticipantId).Select(p => (int?)p.Number).FirstOrDefault() })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var themeIds = findings.Where(f => f.ThemeId is not null).Select(f => f.ThemeId!.Value).ToList();
        if (await db.Themes.CountAsync(t => themeIds.Contains(t.Id) && t.StudyId == studyId, cancellationToken) != themeIds.Distinct().Count())
        {
            throw ResearchException.Invalid("Every finding's theme must belong to this study.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MemberChecks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < findings.Count; i++)
        {
            var input = findings[i];
            var finding = new MemberCheckFinding
            {
                MemberCheckId = check.Id,
                Order = i + 1,
                ThemeId = input.ThemeId,
                Title = Studies.Required(input.Title, "Every finding needs a title.", 512),
                Summary = Studies.Optional(input.Summary, 20_000),
            };
            db.MemberCheckFindings.Add(finding);
            await db.SaveChangesAsync(cancellationToken);
            var order = 0;
            foreach (var quote in input.Quotes)
            {
                var transcript = transcripts.GetValueOrDefault(quote.TranscriptId)
                    ?? throw ResearchException.Invalid("Quotes come from this study's approved (de-identified) transcripts.");
                CodingWorkbench.ValidateSpan(transcript.Text, quote.Start, quote.End);
                db.MemberCheckQuotes.Add(new MemberCheckQuote
                {
                    FindingId = finding.Id,
                    Order = ++order,
                    Text = transcript.Text[quote.Start..quote.End].Trim(),
                    ParticipantCode = transcript.Number is { } n ? Participant.CodeFor(n) : null,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (check, token);
    }

    /// <summary>For the publishing form: each theme with passages coded with its codes (or its categories' codes), one per span.</summary>
    public async Task<IReadOnlyList<ThemeCandidates>> CandidatesAsync(ResearchActor actor, long studyId, int perTheme = 15, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var view = await Codebook.ViewAsync(db, studyId, cancellationToken);
        var names = view.Codes.ToDictionary(c => c.Id, c => c.Name);
        var transcripts = await db.Transcripts.AsNoTracking().Where(t => t.StudyId == studyId && t.Status == TranscriptStatus.Ready)
            .Select(t => new { t.Id, t.Text, Number = db.Participants.Where(p => p.Id == t.ParticipantId).Select(p => (int?)p.Number).FirstOrDefault() })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var codings = await db.Codings.AsNoTracking().Where(c => c.StudyId == studyId).OrderBy(c => c.TranscriptId).ThenBy(c => c.Start).ThenBy(c => c.End)
            .Select(c => new { c.TranscriptId, c.CodeId, c.Start, c.End }).ToListAsync(cancellationToken);
        return view.Themes.Select(theme =>
        {
            var codeIds = view.Themes.Where(t => t.Id == theme.Id || t.Path.StartsWith(theme.Path + " › ", StringComparison.Ordinal)).SelectMany(t => t.CodeIds).ToHashSet();
            var quotes = codings.Where(c => codeIds.Contains(c.CodeId) && transcripts.ContainsKey(c.TranscriptId))
                .DistinctBy(c => (c.TranscriptId, c.Start, c.End))
                .Take(perTheme)
                .Select(c =>
                {
                    var t = transcripts[c.TranscriptId];
                    return new QuoteCandidate(c.TranscriptId, c.Start, c.End, t.Text[c.Start..c.End].Trim(), t.Number is { } n ? Participant.CodeFor(n) : null, names[c.CodeId]);
                })
                .ToList();
            return new ThemeCandidates(theme, quotes);
        }).ToList();
    }

    public async Task<IReadOnlyList<MemberCheckSummary>> ListAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.MemberChecks.AsNoTracking().Where(c => c.StudyId == studyId).OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                Check = c,
                Findings = db.MemberCheckFindings.Count(f => f.MemberCheckId == c.Id),
                Comments = db.MemberCheckComments.Count(m => m.MemberCheckId == c.Id),
            })
            .ToListAsync(cancellationToken);
        var protector = protection.CreateProtector(Purpose);
        return rows.Select(r => new MemberCheckSummary(r.Check.Id, r.Check.Title, r.Check.Introduction, r.Check.PublishedAt, r.Check.ClosesAt, r.Check.WithdrawnAt,
            IsOpen(r.Check, now), r.Findings, r.Comments,
            role == StudyRole.Lead && IsOpen(r.Check, now) ? Unprotect(protector, r.Check.ProtectedToken) : null)).ToList();
    }

    /// <summary>The team's view of a published page: findings as published, and the comments received.</summary>
    public async Task<(MemberCheckSummary Summary, PublicMemberCheck Page, IReadOnlyList<MemberCheckCommentView> Comments)> GetAsync(ResearchActor actor, long memberCheckId, CancellationToken cancellationToken = default)
    {
        var studyId = await db.MemberChecks.Where(c => c.Id == memberCheckId).Select(c => (long?)c.StudyId).FirstOrDefaultAsync(cancellationToken);
        await access.RequireForAsync(actor, studyId, $"Member check {memberCheckId}", StudyRight.Read, cancellationToken);
        var summary = (await ListAsync(actor, studyId!.Value, cancellationToken)).First(s => s.Id == memberCheckId);
        var check = await db.MemberChecks.AsNoTracking().FirstAsync(c => c.Id == memberCheckId, cancellationToken);
        var comments = await db.MemberCheckComments.AsNoTracking().Where(c => c.MemberCheckId == memberCheckId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new MemberCheckCommentView(c.Id, db.MemberCheckFindings.Where(f => f.Id == c.FindingId).Select(f => f.Title).FirstOrDefault(), c.Text, c.ParticipantCode, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return (summary, await PageAsync(check, cancellationToken), comments);
    }

    /// <summary>The page behind a link, or null when the link is unknown, closed or withdrawn.</summary>
    public async Task<PublicMemberCheck?> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        var check = await FindOpenAsync(token, cancellationToken);
        return check is null ? null : await PageAsync(check, cancellationToken);
    }

    /// <summary>Takes a participant's comment (anonymous unless they give a study code) and files it in the study as a memo.</summary>
    public async Task<bool> CommentAsync(string? token, long? findingId, string text, string? participantCode, CancellationToken cancellationToken = default)
    {
        var check = await FindOpenAsync(token, cancellationToken);
        if (check is null)
        {
            return false;
        }

        var body = Studies.Required(text, "Write a comment first.", MaxCommentLength);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(participantCode))
        {
            code = Snowball.ParseCode(participantCode) is { } n ? Participant.CodeFor(n) : throw ResearchException.Invalid("A study code looks like P3 (or leave it empty).");
        }

        MemberCheckFinding? finding = null;
        if (findingId is { } id)
        {
            finding = await db.MemberCheckFindings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.MemberCheckId == check.Id, cancellationToken)
                ?? throw ResearchException.Invalid("That finding is not on this page.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new MemberCheckComment { MemberCheckId = check.Id, FindingId = finding?.Id, Text = body, ParticipantCode = code, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MemberCheckComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        var heading = finding is null ? $"Member check \u201c{check.Title}\u201d" : $"Member check on \u201c{finding.Title}\u201d";
        db.Memos.Add(new Memo
        {
            StudyId = check.StudyId,
            Target = finding?.ThemeId is null ? MemoTarget.Study : MemoTarget.Theme,
            ThemeId = finding?.ThemeId,
            Text = $"**{heading}**\n\n{body}",
            AuthorLabel = code is null ? "Participant (member check, anonymous)" : $"Participant {code} (member check)",
            CreatedAt = now,
            MemberCheckCommentId = comment.Id,
            ExchangeId = Guid.NewGuid(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task WithdrawAsync(ResearchActor actor, long memberCheckId, CancellationToken cancellationToken = default)
    {
        var studyId = await db.MemberChecks.Where(c => c.Id == memberCheckId).Select(c => (long?)c.StudyId).FirstOrDefaultAsync(cancellationToken);
        await access.RequireForAsync(actor, studyId, $"Member check {memberCheckId}", StudyRight.Manage, cancellationToken);
        var check = await db.MemberChecks.FirstAsync(c => c.Id == memberCheckId, cancellationToken);
        check.WithdrawnAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool IsOpen(MemberCheck check, DateTime now) => check.WithdrawnAt is null && now < check.ClosesAt;

    private async Task<MemberCheck?> FindOpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }

        var hash = HashOf(token.Trim());
        var check = await db.MemberChecks.AsNoTracking().FirstOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        return check is not null && IsOpen(check, clock.GetUtcNow().UtcDateTime) ? check : null;
    }

    private async Task<PublicMemberCheck> PageAsync(MemberCheck check, CancellationToken cancellationToken)
    {
        var findings = await db.MemberCheckFindings.AsNoTracking().Where(f => f.MemberCheckId == check.Id).OrderBy(f => f.Order).ToListAsync(cancellationToken);
        var ids = findings.Select(f => f.Id).ToList();
        var quotes = await db.MemberCheckQuotes.AsNoTracking().Where(q => ids.Contains(q.FindingId)).OrderBy(q => q.Order).ToListAsync(cancellationToken);
        return new PublicMemberCheck(check.Title, check.Introduction, check.ClosesAt,
            findings.Select(f => new PublicFinding(f.Id, f.Title, f.Summary, quotes.Where(q => q.FindingId == f.Id).Select(q => new PublicQuote(q.Text, q.ParticipantCode)).ToList())).ToList());
    }

    private static string? Unprotect(IDataProtector protector, string value)
    {
        try
        {
            return protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            // Keys rotated away: the lead can withdraw this page and publish a new one.
            return null;
        }
    }
}
