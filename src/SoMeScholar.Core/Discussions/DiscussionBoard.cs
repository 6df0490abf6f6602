using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Discussions;

public sealed record NewThread(SubjectKind Kind, long? SubjectId, string Title, string Body, DateTime? OpenUntil = null);

public sealed record NewComment(long ThreadId, string Body, long? ParentId = null, long? QuotedCommentId = null);

/// <summary>
/// The result of posting: when the professionalism check found something and the writer has not yet acknowledged
/// it, nothing is saved and <see cref="NeedsAcknowledgement"/> is true so the page shows the findings as a warning.
/// </summary>
public sealed record PostResult(Comment? Comment, CheckResult Check, bool NeedsAcknowledgement, string? QueueReason)
{
    public bool Queued => QueueReason is not null;
}

public sealed record ThreadSummary(long Id, SubjectKind Kind, long? SubjectId, string Title, string? SubjectTitle, string? SubjectUrl, int Comments, DateTime CreatedAt, DateTime LastActivityAt, DateTime? OpenUntil, bool IsLocked, bool IsSynthetic, string StartedBy);

public sealed record ReactionCount(ReactionKind Kind, int Count, bool Mine);

public sealed record CommentView(long Id, long? ParentId, int Depth, string? AuthorUserName, string AuthorName, string Body, CommentStatus Status, bool BodyVisible, bool IsMine, DateTime CreatedAt, IReadOnlyList<ReactionCount> Reactions, int OpenFlags, int CheckFindings, bool IsSynthetic);

public sealed record ThreadView(DiscussionThread Thread, DiscussionSubject? Subject, string StartedBy, bool IsOpen, string? ClosedReason, IReadOnlyList<CommentView> Comments, bool Subscribed);

/// <summary>
/// Threads and comments: opening threads on a subject or as a standalone topic, posting comments (with the
/// professionalism check, the moderation queue for new members, mentions and notifications), reactions and flags.
/// Moderators' actions are in <see cref="Moderation"/>.
/// </summary>
public sealed class DiscussionBoard(ScholarDb db, DiscussionSubjects subjects, TrustLevels trust, Notifier notifier, AuditLog audit, ProfessionalismService professionalism, IOptions<DiscussionOptions> options, TimeProvider clock)
{
    public const string AnonymousName = "Anonymous (account deleted)";
    private DiscussionOptions Options => options.Value;

    public static readonly IReadOnlyList<string> ContentRules =
    [
        "Make claims others can verify: cite publicly available sources (a DOI, PubMed id or link) for what you state.",
        "No accusations of fraud, misconduct, deceit or incompetence; discuss the work, not the people.",
        "No patient-identifying information: no names, dates, places, ages over 89, images or details that could identify a patient.",
        "Be polite and specific. Personal knowledge must be signed; hearsay is not evidence.",
    ];

    public async Task<DiscussionThread> CreateThreadAsync(string userId, NewThread input, CancellationToken cancellationToken = default)
    {
        var title = input.Title?.Trim() ?? "";
        var body = input.Body?.Trim() ?? "";
        if (title.Length is < 3 or > 300)
        {
            throw new ModerationException("A title needs 3 to 300 characters.");
        }

        if (body.Length == 0 || body.Length > Options.MaxCommentLength)
        {
            throw new ModerationException($"The opening text needs 1 to {Options.MaxCommentLength} characters.");
        }

        await RequireNotSuspendedAsync(userId, cancellationToken);
        var moderator = await TrustLevels.IsModeratorAsync(db, userId, cancellationToken);
        if (!moderator && await trust.LevelAsync(userId, cancellationToken) < TrustLevel.Basic)
        {
            throw new ModerationException($"New members start by commenting; opening threads comes with Basic trust ({Options.BasicAcceptedComments} accepted comments).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (input.OpenUntil is { } until && until <= now)
        {
            throw new ModerationException("The closing date must be in the future.");
        }

        DiscussionSubject? subject = null;
        if (input.Kind == SubjectKind.Topic)
        {
            if (input.SubjectId is not null)
            {
                throw new ModerationException("A standalone topic has no subject id.");
            }
        }
        else
        {
            if (input.SubjectId is not { } subjectId)
            {
                throw new ModerationException($"Say which {input.Kind.ToString().ToLowerInvariant()} the thread is about.");
            }

            subject = await subjects.FindAsync(new SubjectReference(input.Kind, subjectId), cancellationToken)
                ?? throw new ModerationException($"There is no {input.Kind.ToString().ToLowerInvariant()} {subjectId} to discuss.");
        }

        var thread = new DiscussionThread
        {
            SubjectKind = input.Kind,
            SubjectId = input.SubjectId,
            Title = title,
            Body = body,
            CreatedByUserId = userId,
            CreatedAt = now,
            LastActivityAt = now,
            OpenUntil = input.OpenUntil,
        };
        db.DiscussionThreads.Add(thread);
        await db.SaveChangesAsync(cancellationToken);
        await SubscribeAsync(thread.Id, userId, cancellationToken);

        if (subject is not null)
        {
            // PubPeer: authors are alerted. The authors' accounts follow the thread from now on.
            var authorUserIds = subject.AuthorUserIds.ToList();
            var authors = await db.Users
                .Where(u => u.Id != userId && ((u.PersonId != null && subject.AuthorPersonIds.Contains(u.PersonId.Value)) || authorUserIds.Contains(u.Id)))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            foreach (var author in authors)
            {
                await SubscribeAsync(thread.Id, author, cancellationToken);
            }

            await notifier.NotifyAsync(authors, NotificationKind.NewThreadOnYourWork, $"New discussion about your work: {thread.Title}", $"/Discussions/Thread/{thread.Id}",
                $"A thread about \"{subject.Title}\" was opened: {thread.Title}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return thread;
    }

    /// <summary>
    /// Runs the professionalism check on a draft comment (what the writer sees as a warning), with the settings the
    /// administrators stored at /Check/Settings (defaults until they change them).
    /// </summary>
    public Task<CheckResult> CheckAsync(string body, CancellationToken cancellationToken = default) => professionalism.CheckAsync(body, cancellationToken: cancellationToken);

    public async Task<PostResult> PostCommentAsync(string userId, NewComment input, bool acknowledgeWarnings, CancellationToken cancellationToken = default)
    {
        var body = input.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            throw new ModerationException("Write something first.");
        }

        if (body.Length > Options.MaxCommentLength)
        {
            throw new ModerationException($"Comments are limited to {Options.MaxCommentLength:N0} characters.");
        }

        var thread = await db.DiscussionThreads.FirstOrDefaultAsync(t => t.Id == input.ThreadId, cancellationToken) ?? throw new ModerationException("No such thread.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (ClosedReason(thread, now) is { } closed)
        {
            throw new ModerationException(closed);
        }

        await RequireNotSuspendedAsync(userId, cancellationToken);
        await CheckRelatedAsync(thread.Id, input.ParentId, "reply to", cancellationToken);
        await CheckRelatedAsync(thread.Id, input.QuotedCommentId, "quote", cancellationToken);

        var check = await CheckAsync(body, cancellationToken);
        if (check.Findings.Count > 0 && !acknowledgeWarnings)
        {
            return new PostResult(null, check, true, null);
        }

        var level = await trust.RefreshAsync(userId, cancellationToken);
        string? queueReason = null;
        if (level == TrustLevel.New)
        {
            queueReason = $"New member: the first {Options.BasicAcceptedComments} comments are reviewed by a moderator before they appear.";
        }
        else if (check.IsBlocking)
        {
            queueReason = "The professionalism check found something serious (" + string.Join(", ", check.Findings.Where(f => f.Severity >= check.BlockingSeverity).Select(f => f.Category).Distinct()) + "): a moderator reviews the comment before it appears.";
        }

        var comment = new Comment
        {
            ThreadId = thread.Id,
            ParentId = input.ParentId,
            QuotedCommentId = input.QuotedCommentId,
            AuthorUserId = userId,
            Body = body,
            Status = queueReason is null ? CommentStatus.Published : CommentStatus.Pending,
            CreatedAt = now,
            PublishedAt = queueReason is null ? now : null,
            CheckFindings = check.Findings.Count,
            CheckSeverity = check.HighestSeverity?.ToString(),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await SubscribeAsync(thread.Id, userId, cancellationToken);
        if (queueReason is not null)
        {
            audit.Record(Actor.System, ModerationActionKind.CommentQueued, ModerationTarget.Comment, Id(comment), queueReason, $"thread {thread.Id}");
        }
        else
        {
            await OnPublishedAsync(comment, thread, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PostResult(comment, check, false, queueReason);
    }

    /// <summary>What happens when a comment becomes visible: thread activity, and notifications to the parent's author,
    /// the mentioned members and the thread's subscribers (each person once, never the writer).</summary>
    internal async Task OnPublishedAsync(Comment comment, DiscussionThread thread, CancellationToken cancellationToken)
    {
        thread.LastActivityAt = clock.GetUtcNow().UtcDateTime;
        var writer = comment.AuthorUserId;
        var writerName = await DisplayNameAsync(writer, cancellationToken);
        var url = $"/Discussions/Thread/{thread.Id}#comment-{comment.Id}";
        var notified = new HashSet<string>(StringComparer.Ordinal) { writer ?? "" };

        if (comment.ParentId is { } parentId
            && await db.Comments.Where(c => c.Id == parentId).Select(c => c.AuthorUserId).FirstOrDefaultAsync(cancellationToken) is { } parentAuthor
            && notified.Add(parentAuthor))
        {
            await notifier.NotifyAsync([parentAuthor], NotificationKind.Reply, $"{writerName} replied to you in \"{thread.Title}\"", url, Excerpt(comment.Body), cancellationToken);
        }

        var level = writer is null ? TrustLevel.New : await trust.LevelAsync(writer, cancellationToken);
        var allowed = level == TrustLevel.New ? Options.NewMemberMentions : Options.MaxMentions;
        var names = Mentions.Extract(comment.Body).Take(allowed).Select(n => n.ToUpperInvariant()).ToList();
        if (names.Count > 0)
        {
            var mentioned = await db.Users.Where(u => u.NormalizedUserName != null && names.Contains(u.NormalizedUserName)).Select(u => u.Id).ToListAsync(cancellationToken);
            var recipients = mentioned.Where(notified.Add).ToList();
            await notifier.NotifyAsync(recipients, NotificationKind.Mention, $"{writerName} mentioned you in \"{thread.Title}\"", url, Excerpt(comment.Body), cancellationToken);
        }

        var subscribers = await db.ThreadSubscriptions.Where(s => s.ThreadId == thread.Id).Select(s => s.UserId).ToListAsync(cancellationToken);
        await notifier.NotifyAsync(subscribers.Where(notified.Add), NotificationKind.ThreadActivity, $"New comment in \"{thread.Title}\"", url, $"{writerName}: {Excerpt(comment.Body)}", cancellationToken);
    }

    public async Task<IReadOnlyList<ThreadSummary>> ListThreadsAsync(SubjectKind? kind = null, long? subjectId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var threads = db.DiscussionThreads.AsNoTracking();
        if (kind is { } k)
        {
            threads = threads.Where(t => t.SubjectKind == k);
        }

        if (subjectId is { } id)
        {
            threads = threads.Where(t => t.SubjectId == id);
        }

        var rows = await threads.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id).Take(limit)
            .Select(t => new
            {
                t.Id, t.SubjectKind, t.SubjectId, t.Title, t.CreatedAt, t.LastActivityAt, t.OpenUntil, t.IsLocked, t.IsSynthetic,
                Comments = db.Comments.Count(c => c.ThreadId == t.Id && c.Status == CommentStatus.Published),
                StartedBy = db.Users.Where(u => u.Id == t.CreatedByUserId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var result = new List<ThreadSummary>(rows.Count);
        foreach (var r in rows)
        {
            var subject = r.SubjectKind == SubjectKind.Topic || r.SubjectId is null ? null : await subjects.FindAsync(new SubjectReference(r.SubjectKind, r.SubjectId.Value), cancellationToken);
            result.Add(new ThreadSummary(r.Id, r.SubjectKind, r.SubjectId, r.Title, subject?.Title, subject?.Url, r.Comments, r.CreatedAt, r.LastActivityAt, r.OpenUntil, r.IsLocked, r.IsSynthetic, r.StartedBy ?? AnonymousName));
        }

        return result;
    }

    /// <summary>A thread as the viewer may see it: published comments for everyone; pending, hidden and rejected
    /// comments in full to their author and moderators; others see a hidden comment's place but not its text.</summary>
    public async Task<ThreadView?> GetThreadAsync(long threadId, string? viewerUserId, CancellationToken cancellationToken = default)
    {
        var thread = await db.DiscussionThreads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return null;
        }

        var moderator = await TrustLevels.IsModeratorAsync(db, viewerUserId, cancellationToken);
        var rows = await (from c in db.Comments.AsNoTracking()
                          where c.ThreadId == threadId
                          join u in db.Users on c.AuthorUserId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          orderby c.CreatedAt, c.Id
                          select new { Comment = c, UserName = u == null ? null : u.UserName, Name = u == null ? null : u.DisplayName ?? u.UserName })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Comment.Id).ToList();
        var reactions = await db.CommentReactions.AsNoTracking().Where(r => ids.Contains(r.CommentId)).Select(r => new { r.CommentId, r.Kind, r.UserId }).ToListAsync(cancellationToken);
        var flags = await db.CommentFlags.AsNoTracking().Where(f => ids.Contains(f.CommentId) && f.ResolvedAt == null).GroupBy(f => f.CommentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var visible = rows.Where(r =>
                r.Comment.Status == CommentStatus.Published
                || r.Comment.Status == CommentStatus.Hidden
                || moderator
                || (viewerUserId is not null && r.Comment.AuthorUserId == viewerUserId))
            .ToList();
        var depth = new Dictionary<long, int>();
        var views = new List<CommentView>();
        foreach (var row in Threaded(visible.Select(v => v.Comment).ToList()))
        {
            var r = visible.First(v => v.Comment.Id == row.Id);
            var d = row.ParentId is { } p && depth.TryGetValue(p, out var parentDepth) ? Math.Min(parentDepth + 1, 4) : 0;
            depth[row.Id] = d;
            var mine = viewerUserId is not null && row.AuthorUserId == viewerUserId;
            var bodyVisible = row.Status == CommentStatus.Published || moderator || mine;
            views.Add(new CommentView(
                row.Id, row.ParentId, d, r.UserName, r.Name ?? AnonymousName, bodyVisible ? row.Body : "", row.Status, bodyVisible, mine, row.CreatedAt,
                Enum.GetValues<ReactionKind>().Select(kind => new ReactionCount(kind, reactions.Count(x => x.CommentId == row.Id && x.Kind == kind), reactions.Any(x => x.CommentId == row.Id && x.Kind == kind && x.UserId == viewerUserId))).ToList(),
                moderator ? flags.GetValueOrDefault(row.Id) : 0,
                row.CheckFindings,
                row.IsSynthetic));
        }

        var subject = thread.SubjectKind == SubjectKind.Topic || thread.SubjectId is null ? null : await subjects.FindAsync(new SubjectReference(thread.SubjectKind, thread.SubjectId.Value), cancellationToken);
        var startedBy = await DisplayNameAsync(thread.CreatedByUserId, cancellationToken);
        var subscribed = viewerUserId is not null && await db.ThreadSubscriptions.AnyAsync(s => s.ThreadId == threadId && s.UserId == viewerUserId, cancellationToken);
        var closed = ClosedReason(thread, clock.GetUtcNow().UtcDateTime);
        return new ThreadView(thread, subject, startedBy, closed is null, closed, views, subscribed);
    }

    public async Task<Comment?> FindCommentAsync(long commentId, CancellationToken cancellationToken = default) =>
        await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken);

    /// <summary>The Markdown a quote of a comment starts with ("> name wrote:" and its lines as a block quote).</summary>
    public async Task<string?> QuoteAsync(long commentId, CancellationToken cancellationToken = default)
    {
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.Status == CommentStatus.Published, cancellationToken);
        if (comment is null)
        {
            return null;
        }

        var name = await DisplayNameAsync(comment.AuthorUserId, cancellationToken);
        var lines = comment.Body.ReplaceLineEndings("\n").Split('\n').Select(l => "> " + l);
        return $"> {name} wrote:\n{string.Join("\n", lines)}\n\n";
    }

    /// <summary>Adds the reaction, or removes it when the member already gave it.</summary>
    public async Task<bool> ToggleReactionAsync(string userId, long commentId, ReactionKind kind, CancellationToken cancellationToken = default)
    {
        await RequireNotSuspendedAsync(userId, cancellationToken);
        if (!await db.Comments.AnyAsync(c => c.Id == commentId && c.Status == CommentStatus.Published, cancellationToken))
        {
            throw new ModerationException("Reactions go on published comments.");
        }

        var existing = await db.CommentReactions.FirstOrDefaultAsync(r => r.CommentId == commentId && r.UserId == userId && r.Kind == kind, cancellationToken);
        if (existing is not null)
        {
            db.CommentReactions.Remove(existing);
        }
        else
        {
            db.CommentReactions.Add(new CommentReaction { CommentId = commentId, UserId = userId, Kind = kind, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing is null;
    }

    /// <summary>
    /// Flags a published comment. A reason is required. Members below <see cref="DiscussionOptions.MinimumFlagLevel"/>
    /// cannot flag; when the unresolved flags' weight reaches <see cref="DiscussionOptions.HideFlagWeight"/> the
    /// comment is hidden pending a moderator's review. Returns true when this flag hid the comment.
    /// </summary>
    public async Task<bool> FlagAsync(string userId, long commentId, FlagReason reason, string detail, CancellationToken cancellationToken = default)
    {
        detail = detail?.Trim() ?? "";
        if (detail.Length < 3)
        {
            throw new ModerationException("Say why you flag this comment (at least a few words).");
        }

        if (detail.Length > 1000)
        {
            detail = detail[..1000];
        }

        await RequireNotSuspendedAsync(userId, cancellationToken);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) ?? throw new ModerationException("No such comment.");
        if (comment.Status != CommentStatus.Published)
        {
            throw new ModerationException("Only published comments can be flagged; this one is already with the moderators.");
        }

        if (comment.AuthorUserId == userId)
        {
            throw new ModerationException("You cannot flag your own comment.");
        }

        var level = await trust.LevelAsync(userId, cancellationToken);
        if (level < Options.MinimumFlagLevel)
        {
            throw new ModerationException($"Flagging comes with {Options.MinimumFlagLevel} trust ({Options.BasicAcceptedComments} accepted comments).");
        }

        if (await db.CommentFlags.AnyAsync(f => f.CommentId == commentId && f.UserId == userId, cancellationToken))
        {
            throw new ModerationException("You have already flagged this comment.");
        }

        var actor = new Actor(userId, await DisplayNameAsync(userId, cancellationToken));
        db.CommentFlags.Add(new CommentFlag { CommentId = commentId, UserId = userId, Reason = reason, Detail = detail, TrustLevel = level, CreatedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record(actor, ModerationActionKind.CommentFlagged, ModerationTarget.Comment, Id(comment), $"{reason}: {detail}", $"flagger trust {level}, weight {Options.FlagWeight(level)}");
        await db.SaveChangesAsync(cancellationToken);

        var open = await db.CommentFlags.Where(f => f.CommentId == commentId && f.ResolvedAt == null).Select(f => new { f.TrustLevel, f.Reason }).ToListAsync(cancellationToken);
        var weight = open.Sum(f => Options.FlagWeight(f.TrustLevel));
        if (weight < Options.HideFlagWeight)
        {
            return false;
        }

        comment.Status = CommentStatus.Hidden;
        audit.Record(Actor.System, ModerationActionKind.CommentAutoHidden, ModerationTarget.Comment, Id(comment),
            $"Hidden pending review: flagged by {open.Count} member(s), weight {weight} reached the threshold {Options.HideFlagWeight}.",
            string.Join(", ", open.GroupBy(f => f.Reason).Select(g => $"{g.Key} x{g.Count()}")));
        if (comment.AuthorUserId is { } author)
        {
            await notifier.NotifyAsync([author], NotificationKind.Moderation, "Your comment is hidden pending a moderator's review", $"/Discussions/Thread/{comment.ThreadId}#comment-{comment.Id}",
                "Members flagged your comment; a moderator will review it against the content rules.", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task SubscribeAsync(long threadId, string userId, CancellationToken cancellationToken = default)
    {
        if (!await db.ThreadSubscriptions.AnyAsync(s => s.ThreadId == threadId && s.UserId == userId, cancellationToken)
            && !db.ThreadSubscriptions.Local.Any(s => s.ThreadId == threadId && s.UserId == userId))
        {
            db.ThreadSubscriptions.Add(new ThreadSubscription { ThreadId = threadId, UserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task UnsubscribeAsync(long threadId, string userId, CancellationToken cancellationToken = default)
    {
        await db.ThreadSubscriptions.Where(s => s.ThreadId == threadId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public static string? ClosedReason(DiscussionThread thread, DateTime now) =>
        thread.IsLocked ? "A moderator locked this thread: no new comments."
        : thread.OpenUntil is { } until && until <= now ? $"Comments closed on {until:yyyy-MM-dd HH:mm} UTC."
        : null;

    internal async Task<string> DisplayNameAsync(string? userId, CancellationToken cancellationToken) =>
        userId is null ? AnonymousName
        : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(cancellationToken) ?? AnonymousName;

    private async Task RequireNotSuspendedAsync(string userId, CancellationToken cancellationToken)
    {
        if (await trust.IsSuspendedAsync(userId, cancellationToken))
        {
            throw new ModerationException("Your account is suspended from the discussions.");
        }
    }

    private async Task CheckRelatedAsync(long threadId, long? commentId, string what, CancellationToken cancellationToken)
    {
        if (commentId is { } id && !await db.Comments.AnyAsync(c => c.Id == id && c.ThreadId == threadId && c.Status == CommentStatus.Published, cancellationToken))
        {
            throw new ModerationException($"The comment to {what} is not a published comment of this thread.");
        }
    }

    /// <summary>Depth-first order: each comment followed by its replies (oldest first).</summary>
    private static IEnumerable<Comment> Threaded(IReadOnlyList<Comment> comments)
    {
        var ids = comments.Select(c => c.Id).ToHashSet();
        var children = comments.Where(c => c.ParentId is { } p && ids.Contains(p)).ToLookup(c => c.ParentId!.Value);
        var stack = new Stack<Comment>(comments.Where(c => c.ParentId is not { } p || !ids.Contains(p)).Reverse());
        while (stack.Count > 0)
        {
            var comment = stack.Pop();
            yield return comment;
            foreach (var child in children[comment.Id].Reverse())
            {
                stack.Push(child);
            }
        }
    }

    internal static string Id(Comment comment) => comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Excerpt(string body) => body.Length <= 280 ? body : body[..277] + "...";
}
