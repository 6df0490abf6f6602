using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

/// <summary>What a member's trust level rests on.</summary>
public sealed record TrustStanding(TrustLevel Level, TrustLevel Computed, TrustLevel? Granted, int AcceptedComments, int Threads, int DaysSinceJoining, bool CleanRecord, DateTime? SuspendedUntil, string? SuspensionReason);

/// <summary>
/// Computes Discourse-style trust levels from accepted participation (thresholds in <see cref="DiscussionOptions"/>),
/// stores the level reached, and lets moderators grant a level. Moderators and administrators count as Leaders.
/// </summary>
public sealed class TrustLevels(ScholarDb db, IOptions<DiscussionOptions> options, AuditLog audit, TimeProvider clock)
{
    private DiscussionOptions Options => options.Value;

    public async Task<TrustStanding> StandingAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var createdAt = await db.Users.Where(u => u.Id == userId).Select(u => (DateTime?)u.CreatedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ModerationException("No such member.");
        var stored = await db.MemberTrust.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        var accepted = await db.Comments.CountAsync(c => c.AuthorUserId == userId && c.Status == CommentStatus.Published, cancellationToken);
        var threads = await db.Comments.Where(c => c.AuthorUserId == userId && c.Status == CommentStatus.Published).Select(c => c.ThreadId).Distinct().CountAsync(cancellationToken);
        var since = now.AddDays(-Options.CleanRecordDays);
        var clean = !await db.Comments.AnyAsync(c => c.AuthorUserId == userId && (c.Status == CommentStatus.Hidden || c.Status == CommentStatus.Rejected) && c.CreatedAt >= since, cancellationToken);
        var days = (int)Math.Floor((now - createdAt).TotalDays);

        TrustLevel computed;
        if (await IsModeratorAsync(db, userId, cancellationToken))
        {
            computed = TrustLevel.Leader;
        }
        else if (clean && accepted >= Options.RegularAcceptedComments && threads >= Options.RegularThreads && days >= Options.RegularDays)
        {
            computed = TrustLevel.Regular;
        }
        else if (clean && accepted >= Options.MemberAcceptedComments && threads >= Options.MemberThreads && days >= Options.MemberDays)
        {
            computed = TrustLevel.Member;
        }
        else if (accepted >= Options.BasicAcceptedComments)
        {
            computed = TrustLevel.Basic;
        }
        else
        {
            computed = TrustLevel.New;
        }

        var granted = stored?.GrantedLevel;
        var level = granted is { } g && g > computed ? g : computed;
        return new TrustStanding(level, computed, granted, accepted, threads, days, clean, stored?.SuspendedUntil, stored?.SuspensionReason);
    }

    public async Task<TrustLevel> LevelAsync(string userId, CancellationToken cancellationToken = default) => (await StandingAsync(userId, cancellationToken)).Level;

    /// <summary>Recomputes and stores the member's level; a change is recorded in the audit log as the system's.</summary>
    public async Task<TrustLevel> RefreshAsync(string userId, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(userId, cancellationToken);
        var row = await RowAsync(userId, cancellationToken);
        if (row.Level != standing.Level)
        {
            var basis = standing.Granted is { } granted && granted == standing.Level && granted > standing.Computed
                ? "granted by a moderator"
                : $"{standing.AcceptedComments} accepted comment(s) in {standing.Threads} thread(s), {standing.DaysSinceJoining} day(s) since joining";
            audit.Record(Actor.System, ModerationActionKind.TrustLevelChanged, ModerationTarget.Account, userId,
                $"{(standing.Level > row.Level ? "Reached" : "Returned to")} {standing.Level}: {basis}.",
                $"{row.Level} -> {standing.Level}");
            row.Level = standing.Level;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return standing.Level;
    }

    /// <summary>A moderator grants a level (Discourse: Leader is granted by hand); null removes a grant.</summary>
    public async Task GrantAsync(Actor moderator, string userId, TrustLevel? level, string reason, CancellationToken cancellationToken = default)
    {
        await RequireModeratorAsync(db, moderator, cancellationToken);
        var row = await RowAsync(userId, cancellationToken);
        audit.Record(moderator, ModerationActionKind.TrustLevelChanged, ModerationTarget.Account, userId, reason, $"granted {level?.ToString() ?? "none"} (was {row.GrantedLevel?.ToString() ?? "none"})");
        row.GrantedLevel = level;
        await db.SaveChangesAsync(cancellationToken);
        await RefreshAsync(userId, cancellationToken);
    }

    public async Task<bool> IsSuspendedAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.MemberTrust.AnyAsync(t => t.UserId == userId && t.SuspendedUntil != null && t.SuspendedUntil > now, cancellationToken);
    }

    internal async Task<MemberTrust> RowAsync(string userId, CancellationToken cancellationToken)
    {
        var row = await db.MemberTrust.FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new MemberTrust { UserId = userId, Level = TrustLevel.New, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            db.MemberTrust.Add(row);
        }

        return row;
    }

    public static async Task<bool> IsModeratorAsync(ScholarDb db, string? userId, CancellationToken cancellationToken = default) =>
        userId is not null && await (from userRole in db.UserRoles
                                     join role in db.Roles on userRole.RoleId equals role.Id
                                     where userRole.UserId == userId && (role.Name == Roles.Moderator || role.Name == Roles.Administrator)
                                     select userRole).AnyAsync(cancellationToken);

    public static async Task<bool> IsAdministratorAsync(ScholarDb db, string? userId, CancellationToken cancellationToken = default) =>
        userId is not null && await (from userRole in db.UserRoles
                                     join role in db.Roles on userRole.RoleId equals role.Id
                                     where userRole.UserId == userId && role.Name == Roles.Administrator
                                     select userRole).AnyAsync(cancellationToken);

    public static async Task RequireModeratorAsync(ScholarDb db, Actor actor, CancellationToken cancellationToken)
    {
        if (!await IsModeratorAsync(db, actor.UserId, cancellationToken))
        {
            throw new ModerationException("Only moderators and administrators may do that.");
        }
    }
}
