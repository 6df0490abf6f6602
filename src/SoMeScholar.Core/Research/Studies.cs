using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Research;

public sealed record StudySummary(long Id, string Title, string? EthicsReference, StudyRole Role, bool IsSynthetic, DateTime CreatedAt, int Members, int Transcripts, int Codes, int Participants);

public sealed record TeamMember(string UserId, string UserName, string? DisplayName, StudyRole Role, DateTime AddedAt);

public sealed record StudyDetail(
    long Id,
    string Title,
    string? EthicsReference,
    string? Description,
    bool IsSynthetic,
    DateTime CreatedAt,
    StudyRole Role,
    IReadOnlyList<TeamMember> Team,
    int Frames,
    int Participants,
    int Transcripts,
    int TranscriptsInReview,
    int Codes,
    int Codings,
    int Memos,
    int AuditEntries,
    int MemberChecks);

/// <summary>What every study page shows in its header.</summary>
public sealed record StudyHeader(long Id, string Title, string? EthicsReference, bool IsSynthetic, StudyRole Role);

/// <summary>Studies and their teams. Whoever creates a study is its lead; the lead adds coders and auditors by user name.</summary>
public sealed class Studies(ScholarDb db, StudyAccess access, TimeProvider clock)
{
    public const int MaxTitleLength = 512;

    /// <summary>The acting user for a user name or e-mail (the command line's --as).</summary>
    public async Task<ResearchActor> ActorAsync(string userNameOrEmail, CancellationToken cancellationToken = default)
    {
        var normalized = userNameOrEmail.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.UserName })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw ResearchException.Invalid($"No user named '{userNameOrEmail}'.");
        return new ResearchActor(user.Id, user.UserName!);
    }

    public async Task<Study> CreateAsync(ResearchActor actor, string title, string? ethicsReference, string? description, bool isSynthetic = false, CancellationToken cancellationToken = default)
    {
        title = Required(title, "A study needs a title.", MaxTitleLength);
        var now = clock.GetUtcNow().UtcDateTime;
        var study = new Study
        {
            Title = title,
            EthicsReference = Optional(ethicsReference, 256),
            Description = Optional(description, 20_000),
            CreatedAt = now,
            CreatedByUserId = actor.UserId,
            IsSynthetic = isSynthetic,
        };
        study.Members.Add(new StudyMember { UserId = actor.UserId, Role = StudyRole.Lead, AddedAt = now });
        db.Studies.Add(study);
        await db.SaveChangesAsync(cancellationToken);
        return study;
    }

    public async Task<IReadOnlyList<StudySummary>> ListAsync(ResearchActor actor, CancellationToken cancellationToken = default) =>
        await access.Visible(actor.UserId).AsNoTracking()
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new StudySummary(
                s.Id,
                s.Title,
                s.EthicsReference,
                s.Members.First(m => m.UserId == actor.UserId).Role,
                s.IsSynthetic,
                s.CreatedAt,
                s.Members.Count,
                db.Transcripts.Count(t => t.StudyId == s.Id),
                db.Codes.Count(c => c.StudyId == s.Id),
                db.Participants.Count(p => p.StudyId == s.Id)))
            .ToListAsync(cancellationToken);

    public async Task<StudyDetail> GetAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        var study = await db.Studies.AsNoTracking().FirstAsync(s => s.Id == studyId, cancellationToken);
        return new StudyDetail(
            study.Id,
            study.Title,
            study.EthicsReference,
            study.Description,
            study.IsSynthetic,
            study.CreatedAt,
            role,
            await TeamAsync(studyId, cancellationToken),
            await db.SamplingFrames.CountAsync(f => f.StudyId == studyId, cancellationToken),
            await db.Participants.CountAsync(p => p.StudyId == studyId, cancellationToken),
            await db.Transcripts.CountAsync(t => t.StudyId == studyId, cancellationToken),
            await db.Transcripts.CountAsync(t => t.StudyId == studyId && t.Status == TranscriptStatus.InReview, cancellationToken),
            await db.Codes.CountAsync(c => c.StudyId == studyId, cancellationToken),
            await db.Codings.CountAsync(c => c.StudyId == studyId, cancellationToken),
            await db.Memos.CountAsync(m => m.StudyId == studyId, cancellationToken),
            await db.CodebookChanges.CountAsync(c => c.StudyId == studyId, cancellationToken),
            await db.MemberChecks.CountAsync(c => c.StudyId == studyId, cancellationToken));
    }

    public async Task<StudyHeader> HeaderAsync(ResearchActor actor, long studyId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(actor, studyId, StudyRight.Read, cancellationToken);
        return await db.Studies.AsNoTracking().Where(s => s.Id == studyId)
            .Select(s => new StudyHeader(s.Id, s.Title, s.EthicsReference, s.IsSynthetic, role))
            .FirstAsync(cancellationToken);
    }

    public async Task UpdateAsync(ResearchActor actor, long studyId, string title, string? ethicsReference, string? description, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var study = await db.Studies.FirstAsync(s => s.Id == studyId, cancellationToken);
        study.Title = Required(title, "A study needs a title.", MaxTitleLength);
        study.EthicsReference = Optional(ethicsReference, 256);
        study.Description = Optional(description, 20_000);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds a user to the team, or changes their role. Administrators are added like anyone else.</summary>
    public async Task<TeamMember> SetMemberAsync(ResearchActor actor, long studyId, string userNameOrEmail, StudyRole role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var target = await ActorAsync(userNameOrEmail, cancellationToken);
        var member = await db.StudyMembers.FirstOrDefaultAsync(m => m.StudyId == studyId && m.UserId == target.UserId, cancellationToken);
        if (member is null)
        {
            member = new StudyMember { StudyId = studyId, UserId = target.UserId, Role = role, AddedAt = clock.GetUtcNow().UtcDateTime };
            db.StudyMembers.Add(member);
        }
        else
        {
            if (member.Role == StudyRole.Lead && role != StudyRole.Lead)
            {
                await EnsureAnotherLeadAsync(studyId, target.UserId, cancellationToken);
            }

            member.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (await TeamAsync(studyId, cancellationToken)).First(m => m.UserId == target.UserId);
    }

    public async Task RemoveMemberAsync(ResearchActor actor, long studyId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Manage, cancellationToken);
        var member = await db.StudyMembers.FirstOrDefaultAsync(m => m.StudyId == studyId && m.UserId == userId, cancellationToken)
            ?? throw ResearchException.Invalid("That user is not on the team.");
        if (member.Role == StudyRole.Lead)
        {
            await EnsureAnotherLeadAsync(studyId, userId, cancellationToken);
        }

        db.StudyMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamMember>> TeamAsync(long studyId, CancellationToken cancellationToken)
    {
        var team = await db.StudyMembers.AsNoTracking()
            .Where(m => m.StudyId == studyId)
            .Select(m => new TeamMember(m.UserId, m.User!.UserName!, m.User.DisplayName, m.Role, m.AddedAt))
            .ToListAsync(cancellationToken);
        return team.OrderBy(m => m.Role).ThenBy(m => m.UserName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The coder record of a team member, created the first time they code.</summary>
    public static async Task<StudyCoder> CoderForAsync(ScholarDb db, long studyId, ResearchActor actor, CancellationToken cancellationToken)
    {
        var coder = await db.StudyCoders.FirstOrDefaultAsync(c => c.StudyId == studyId && c.UserId == actor.UserId, cancellationToken);
        if (coder is null)
        {
            var name = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(cancellationToken) ?? actor.UserName;
            coder = new StudyCoder { StudyId = studyId, UserId = actor.UserId, Name = name, ExchangeId = Guid.NewGuid() };
            db.StudyCoders.Add(coder);
            await db.SaveChangesAsync(cancellationToken);
        }

        return coder;
    }

    private async Task EnsureAnotherLeadAsync(long studyId, string userId, CancellationToken cancellationToken)
    {
        if (!await db.StudyMembers.AnyAsync(m => m.StudyId == studyId && m.UserId != userId && m.Role == StudyRole.Lead, cancellationToken))
        {
            throw ResearchException.Invalid("A study keeps at least one lead: make someone else lead first.");
        }
    }

    internal static string Required(string? value, string message, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ResearchException.Invalid(message);
        }

        return trimmed.Length > maxLength ? throw ResearchException.Invalid($"At most {maxLength} characters, please.") : trimmed;
    }

    internal static string? Optional(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw ResearchException.Invalid($"At most {maxLength} characters, please.") : trimmed;
    }
}
