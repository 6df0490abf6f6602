using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<DiscussionThread> DiscussionThreads => Set<DiscussionThread>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentReaction> CommentReactions => Set<CommentReaction>();
    public DbSet<CommentFlag> CommentFlags => Set<CommentFlag>();
    public DbSet<ThreadSubscription> ThreadSubscriptions => Set<ThreadSubscription>();
    public DbSet<MemberTrust> MemberTrust => Set<MemberTrust>();
    public DbSet<MemberProfile> MemberProfiles => Set<MemberProfile>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ModerationAction> ModerationActions => Set<ModerationAction>();
}
