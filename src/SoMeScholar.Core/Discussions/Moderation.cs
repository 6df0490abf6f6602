using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

public sealed record FlagView(FlagReason Reason, string Detail, string FlaggedBy, TrustLevel TrustLevel, DateTime At);

public sealed record QueueItem(long CommentId, long ThreadId, string ThreadTitle, string AuthorName, string? AuthorUserName, string Body, CommentStatus Status, DateTime CreatedAt, int CheckFindings, string? CheckSeverity, IReadOnlyList<FlagView> Flags, string Why);

/// <summary>
/// What moderators do: work the queue (approve or reject pending comments, hide or restore flagged ones), hide and
/// restore any comment, lock threads, suspend accounts. Every action needs a reason and is written to the audit log
/// in the same transaction as the change.
/// </summary>
public sealed class Moderation(ScholarDb db, DiscussionBoard board, TrustLevels trust, Notifier notifier, AuditLog audit, UserManager<ScholarUser> users, TimeProvider clock)
{
    /// <summary>Pending comments, then comments with unresolved flags (hidden ones first), oldest first.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken = default)
    {
        var flagged = db.CommentFlags.Where(f => f.ResolvedAt == null).Select(f => f.CommentId);
        var rows = await (from c in db.Comments.AsNoTracking()
                          where c.Status == CommentStatus.Pending || ((c.Status == CommentStatus.Published || c.Status == CommentStatus.Hidden) && flagged.Contains(c.Id))
                          join t in db.DiscussionThreads on c.ThreadId equals t.Id
                          join u in db.Users on c.AuthorUserId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          orderby c.CreatedAt, c.Id
                          select new { Comment = c, t.Title, UserName = u == null ? null : u.UserName, Name = u == null ? null : u.DisplayName ?? u.UserName })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Comment.Id).ToList();
        var flags = await (from f in db.CommentFlags.AsNoTracking()
                           where ids.Contains(f.CommentId) && f.ResolvedAt == null
                           join u in db.Users on f.UserId equals u.Id into flaggers
                           from u in flaggers.DefaultIfEmpty()
                           orderby f.CreatedAt
                           select new { f.CommentId, View = new FlagView(f.Reason, f.Detail, u == null ? DiscussionBoard.AnonymousName : u.DisplayName ?? u.UserName ?? "", f.TrustLevel, f.CreatedAt) })
            .ToListAsync(cancellationToken);
        var queuedWhy = await db.ModerationActions.AsNoTracking()
            .Where(a => a.Action == ModerationActionKind.CommentQueued && a.TargetKind == ModerationTarget.Comment)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.TargetId, a.Reason })
            .Take(2_000)
            .ToListAsync(cancellationToken);
        return rows
            .Select(r =>
            {
                var id = DiscussionBoard.Id(r.Comment);
                var why = r.Comment.Status switch
                {
                    CommentStatus.Pending => queuedWhy.FirstOrDefault(q => q.TargetId == id)?.Reason ?? "Waiting for approval.",
                    CommentStatus.Hidden => "Hidden pending review: flagged by members.",
                    _ => "Flagged by members (below the hiding threshold).",
                };
                return new QueueItem(r.Comment.Id, r.Comment.ThreadId, r.Title, r.Name ?? DiscussionBoard.AnonymousName, r.UserName, r.Comment.Body, r.Comment.Status, r.Comment.CreatedAt,
                    r.Comment.CheckFindings, r.Comment.CheckSeverity, flags.Where(f => f.CommentId == r.Comment.Id).Select(f => f.View).ToList(), why);
            })
            .OrderBy(i => i.Status == CommentStatus.Pending ? 0 : i.Status == CommentStatus.Hidden ? 1 : 2)
            .ThenBy(i => i.CreatedAt)
            .ToList();
    }

    public Task<int> QueueLengthAsync(CancellationToken cancellationToken = default)
    {
        var flagged = db.CommentFlags.Where(f => f.ResolvedAt == null).Select(f => f.CommentId);
        return db.Comments.CountAsync(c => c.Status == CommentStatus.Pending || ((c.Status == CommentStatus.Published || c.Status == CommentStatus.Hidden) && flagged.Contains(c.Id)), cancellationToken);
    }

    public Task ApproveAsync(Actor moderator, long commentId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(moderator, commentId, reason, [CommentStatus.Pending], CommentStatus.Published, ModerationActionKind.CommentApproved, "Your comment was approved", cancellationToken);

    public Task RejectAsync(Actor moderator, long commentId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(moderator, commentId, reason, [CommentStatus.Pending], CommentStatus.Rejected, ModerationActionKind.CommentRejected, "Your comment was not approved", cancellationToken);

    public Task HideAsync(Actor moderator, long commentId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(moderator, commentId, reason, [CommentStatus.Published, CommentStatus.Hidden], CommentStatus.Hidden, ModerationActionKind.CommentHidden, "A moderator hid your comment", cancellationToken);

    public Task RestoreAsync(Actor moderator, long commentId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(moderator, commentId, reason, [CommentStatus.Hidden, CommentStatus.Rejected], CommentStatus.Published, ModerationActionKind.CommentRestored, "A moderator restored your comment", cancellationToken);

    /// <summary>Keeps a flagged (still published) comment: the flags are resolved.</summary>
    public Task DismissFlagsAsync(Actor moderator, long commentId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(moderator, commentId, reason, [CommentStatus.Published], CommentStatus.Published, ModerationActionKind.FlagsDismissed, null, cancellationToken);

    private async Task ChangeAsync(Actor moderator, long commentId, string reason, CommentStatus[] from, CommentStatus to, ModerationActionKind action, string? tellAuthor, CancellationToken cancellationToken)
    {
        RequireReason(reason);
        await TrustLevels.RequireModeratorAsync(db, moderator, cancellationToken);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw new ModerationException("No such comment.");
        if (!from.Contains(comment.Status))
        {
            throw new ModerationException($"The comment is {comment.Status.ToString().ToLowerInvariant()}; that action applies to {string.Join(" or ", from.Select(s => s.ToString().ToLowerInvariant()))} comments.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasPublished = comment.PublishedAt is not null;
        comment.Status = to;
        if (to == CommentStatus.Published)
        {
            comment.PublishedAt ??= now;
        }

        foreach (var flag in await db.CommentFlags.Where(f => f.CommentId == commentId && f.ResolvedAt == null).ToListAsync(cancellationToken))
        {
            flag.ResolvedAt = now;
        }

        audit.Record(moderator, action, ModerationTarget.Comment, DiscussionBoard.Id(comment), reason, $"thread {comment.ThreadId}; now {to}");
        var thread = await db.DiscussionThreads.FirstAsync(t => t.Id == comment.ThreadId, cancellationToken);
        if (to == CommentStatus.Published && !wasPublished)
        {
            await board.OnPublishedAsync(comment, thread, cancellationToken);
        }

        if (tellAuthor is not null && comment.AuthorUserId is { } author)
        {
            await notifier.NotifyAsync([author], NotificationKind.Moderation, $"{tellAuthor} in \"{thread.Title}\"", $"/Discussions/Thread/{thread.Id}#comment-{comment.Id}", $"{tellAuthor}. Reason: {reason}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (comment.AuthorUserId is { } authorId)
        {
            await trust.RefreshAsync(authorId, cancellationToken);
        }
    }

    public async Task LockAsync(Actor moderator, long threadId, bool locked, string reason, CancellationToken cancellationToken = default)
    {
        RequireReason(reason);
        await TrustLevels.RequireModeratorAsync(db, moderator, cancellationToken);
        var thread = await db.DiscussionThreads.FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken) ?? throw new ModerationException("No such thread.");
        if (thread.IsLocked == locked)
        {
            throw new ModerationException(locked ? "The thread is already locked." : "The thread is not locked.");
        }

        thread.IsLocked = locked;
        audit.Record(moderator, locked ? ModerationActionKind.ThreadLocked : ModerationActionKind.ThreadUnlocked, ModerationTarget.Thread, threadId.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, thread.Title);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Suspends an account until a time: it cannot sign in (Identity lockout), its sessions end (security stamp), and it
    /// cannot post, react or flag. Only administrators may suspend moderators or administrators; nobody suspends themselves.
    /// </summary>
    public async Task SuspendAsync(Actor moderator, string userName, DateTime until, string reason, CancellationToken cancellationToken = default)
    {
        RequireReason(reason);
        await TrustLevels.RequireModeratorAsync(db, moderator, cancellationToken);
        var user = await users.FindByNameAsync(userName) ?? throw new ModerationException($"No member named '{userName}'.");
        if (user.Id == moderator.UserId)
        {
            throw new ModerationException("You cannot suspend yourself.");
        }

        if (await TrustLevels.IsModeratorAsync(db, user.Id, cancellationToken) && !await TrustLevels.IsAdministratorAsync(db, moderator.UserId, cancellationToken))
        {
            throw new ModerationException("Only administrators may suspend moderators and administrators.");
        }

        if (until <= clock.GetUtcNow().UtcDateTime)
        {
            throw new ModerationException("A suspension ends in the future.");
        }

        var row = await trust.RowAsync(user.Id, cancellationToken);
        row.SuspendedUntil = until;
        row.SuspensionReason = reason.Length > 1000 ? reason[..1000] : reason;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(moderator, ModerationActionKind.AccountSuspended, ModerationTarget.Account, user.Id, reason, $"{user.UserName} until {until:yyyy-MM-ddTHH:mm}Z");
        await db.SaveChangesAsync(cancellationToken);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, new DateTimeOffset(until, TimeSpan.Zero));
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task UnsuspendAsync(Actor moderator, string userName, string reason, CancellationToken cancellationToken = default)
    {
        RequireReason(reason);
        await TrustLevels.RequireModeratorAsync(db, moderator, cancellationToken);
        var user = await users.FindByNameAsync(userName) ?? throw new ModerationException($"No member named '{userName}'.");
        var row = await trust.RowAsync(user.Id, cancellationToken);
        if (row.SuspendedUntil is null)
        {
            throw new ModerationException($"{userName} is not suspended.");
        }

        row.SuspendedUntil = null;
        row.SuspensionReason = null;
        audit.Record(moderator, ModerationActionKind.AccountUnsuspended, ModerationTarget.Account, user.Id, reason, user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 3)
        {
            throw new ModerationException("Give a reason (it is recorded in the audit log).");
        }
    }
}
