using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

/// <summary>The discussions' part of a person's data: export everything; on deletion comments and threads stay, anonymous.</summary>
public sealed class DiscussionPersonalData(ScholarDb db) : IPersonalDataSource
{
    public string Name => "discussions";

    public async Task<object?> ExportAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        return new
        {
            Profile = await db.MemberProfiles.AsNoTracking().Where(p => p.UserId == id).Select(p => new { p.Affiliation, p.About, p.UpdatedAt }).FirstOrDefaultAsync(cancellationToken),
            Trust = await db.MemberTrust.AsNoTracking().Where(t => t.UserId == id).Select(t => new { t.Level, t.GrantedLevel, t.SuspendedUntil, t.SuspensionReason }).FirstOrDefaultAsync(cancellationToken),
            ThreadsStarted = await db.DiscussionThreads.AsNoTracking().Where(t => t.CreatedByUserId == id).OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.SubjectKind, t.SubjectId, t.Title, t.Body, t.CreatedAt, t.OpenUntil }).ToListAsync(cancellationToken),
            Comments = await db.Comments.AsNoTracking().Where(c => c.AuthorUserId == id).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.ThreadId, c.ParentId, c.QuotedCommentId, c.Body, c.Status, c.CreatedAt, c.PublishedAt }).ToListAsync(cancellationToken),
            Reactions = await db.CommentReactions.AsNoTracking().Where(r => r.UserId == id).OrderBy(r => r.CreatedAt)
                .Select(r => new { r.CommentId, r.Kind, r.CreatedAt }).ToListAsync(cancellationToken),
            Flags = await db.CommentFlags.AsNoTracking().Where(f => f.UserId == id).OrderBy(f => f.Id)
                .Select(f => new { f.CommentId, f.Reason, f.Detail, f.CreatedAt, f.ResolvedAt }).ToListAsync(cancellationToken),
            Subscriptions = await db.ThreadSubscriptions.AsNoTracking().Where(s => s.UserId == id).Select(s => new { s.ThreadId, s.CreatedAt }).ToListAsync(cancellationToken),
            Notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderBy(n => n.Id)
                .Select(n => new { n.Kind, n.Title, n.Url, n.CreatedAt, n.ReadAt }).ToListAsync(cancellationToken),
        };
    }

    public async Task AnonymiseAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        await db.Comments.Where(c => c.AuthorUserId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorUserId, (string?)null), cancellationToken);
        await db.DiscussionThreads.Where(t => t.CreatedByUserId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedByUserId, (string?)null), cancellationToken);
        await db.CommentFlags.Where(f => f.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.UserId, (string?)null), cancellationToken);
        await db.CommentReactions.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ThreadSubscriptions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.MemberProfiles.Where(p => p.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.MemberTrust.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
    }
}
