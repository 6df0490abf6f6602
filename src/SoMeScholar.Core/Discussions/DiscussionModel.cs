using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Discussions;

/// <summary>What a thread is about. Threads refer to their subject by kind and id, without a foreign key, so each
/// capability owns its own tables and answers for its kinds through <see cref="IDiscussionSubjects"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubjectKind>))]
public enum SubjectKind
{
    /// <summary>A standalone topic (e.g. a consensus statement open for comment); the thread is its own subject.</summary>
    Topic,
    Resource,
    Review,
    Event,
}

[JsonConverter(typeof(JsonStringEnumConverter<CommentStatus>))]
public enum CommentStatus
{
    /// <summary>Waiting in the moderation queue (a new member's comment, or one the professionalism check held).</summary>
    Pending,
    Published,

    /// <summary>Hidden by flags (pending review) or by a moderator; the author and moderators still see it.</summary>
    Hidden,

    /// <summary>Refused from the queue by a moderator.</summary>
    Rejected,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReactionKind>))]
public enum ReactionKind
{
    Agree,
    Insightful,
    NeedsSource,
    Thanks,
}

/// <summary>Why a member flags a comment (PubPeer's rules and the platform's content rules).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlagReason>))]
public enum FlagReason
{
    /// <summary>Accuses someone of fraud, misconduct, deceit or incompetence.</summary>
    MisconductAccusation,

    /// <summary>Could identify a patient.</summary>
    PatientInformation,

    /// <summary>A claim without publicly verifiable sources.</summary>
    UnverifiableClaim,
    Disrespectful,
    OffTopic,
    Spam,
    Other,
}

/// <summary>Discourse-style trust levels; see <see cref="DiscussionOptions"/> for the thresholds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrustLevel>))]
public enum TrustLevel
{
    New = 0,
    Basic = 1,
    Member = 2,
    Regular = 3,
    Leader = 4,
}

public class DiscussionThread
{
    public long Id { get; set; }
    public SubjectKind SubjectKind { get; set; }

    /// <summary>The resource, review or event id; null for a standalone topic (whose subject is the thread itself).</summary>
    public long? SubjectId { get; set; }

    public required string Title { get; set; }

    /// <summary>The opening statement in Markdown (a consensus statement's text, or the question put).</summary>
    public required string Body { get; set; }

    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastActivityAt { get; set; }

    /// <summary>Comments close after this time (a consensus statement open for comment until a date).</summary>
    public DateTime? OpenUntil { get; set; }

    public bool IsLocked { get; set; }
    public bool IsSynthetic { get; set; }
    public List<Comment> Comments { get; } = [];
}

public class Comment
{
    public long Id { get; set; }
    public long ThreadId { get; set; }
    public DiscussionThread? Thread { get; set; }

    /// <summary>The comment this one replies to.</summary>
    public long? ParentId { get; set; }

    /// <summary>The comment this one quotes (its quoted text is part of <see cref="Body"/>).</summary>
    public long? QuotedCommentId { get; set; }

    /// <summary>Null once the author deleted their account: the comment stays, anonymous.</summary>
    public string? AuthorUserId { get; set; }

    public required string Body { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>How many findings the professionalism check reported when it was posted, and the highest severity.</summary>
    public int CheckFindings { get; set; }

    public string? CheckSeverity { get; set; }
    public bool IsSynthetic { get; set; }
}

public class CommentReaction
{
    public long CommentId { get; set; }
    public required string UserId { get; set; }
    public ReactionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class CommentFlag
{
    public long Id { get; set; }
    public long CommentId { get; set; }

    /// <summary>Null once the flagger deleted their account.</summary>
    public string? UserId { get; set; }

    public FlagReason Reason { get; set; }
    public required string Detail { get; set; }

    /// <summary>The flagger's trust level when they flagged (it sets the flag's weight).</summary>
    public TrustLevel TrustLevel { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a moderator reviewed the comment (restored or hid it).</summary>
    public DateTime? ResolvedAt { get; set; }
}

public class ThreadSubscription
{
    public long ThreadId { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A member's standing in the discussions: the trust level reached, a level granted by a moderator, suspension.</summary>
public class MemberTrust
{
    public required string UserId { get; set; }
    public TrustLevel Level { get; set; }

    /// <summary>A level set by a moderator; the member's level never falls below it.</summary>
    public TrustLevel? GrantedLevel { get; set; }

    public DateTime? SuspendedUntil { get; set; }
    public string? SuspensionReason { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>What a member says about themselves on their public page (Markdown, sanitised when shown).</summary>
public class MemberProfile
{
    public required string UserId { get; set; }
    public string? Affiliation { get; set; }
    public string? About { get; set; }
    public DateTime UpdatedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>A new thread about a resource (or other work) the recipient authored.</summary>
    NewThreadOnYourWork,
    Reply,
    Mention,
    ThreadActivity,
    Moderation,
    Account,
}

public class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

internal sealed class DiscussionThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> thread)
    {
        thread.ToTable("discussion_threads");
        thread.Property(t => t.Title).HasMaxLength(300);
        thread.HasOne<ScholarUser>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        thread.HasIndex(t => new { t.SubjectKind, t.SubjectId });
        thread.HasIndex(t => t.LastActivityAt);
        thread.HasIndex(t => t.CreatedByUserId);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.ToTable("discussion_comments");
        comment.Property(c => c.CheckSeverity).HasMaxLength(16);
        comment.HasOne(c => c.Thread).WithMany(t => t.Comments).HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        comment.HasOne<ScholarUser>().WithMany().HasForeignKey(c => c.AuthorUserId).OnDelete(DeleteBehavior.SetNull);
        comment.HasIndex(c => new { c.ThreadId, c.CreatedAt });
        comment.HasIndex(c => new { c.Status, c.CreatedAt });
        comment.HasIndex(c => c.AuthorUserId);
        comment.HasIndex(c => c.ParentId);
    }
}

internal sealed class CommentReactionConfiguration : IEntityTypeConfiguration<CommentReaction>
{
    public void Configure(EntityTypeBuilder<CommentReaction> reaction)
    {
        reaction.ToTable("discussion_reactions");
        reaction.HasKey(r => new { r.CommentId, r.UserId, r.Kind });
        reaction.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasOne<ScholarUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasIndex(r => r.UserId);
    }
}

internal sealed class CommentFlagConfiguration : IEntityTypeConfiguration<CommentFlag>
{
    public void Configure(EntityTypeBuilder<CommentFlag> flag)
    {
        flag.ToTable("discussion_flags");
        flag.Property(f => f.Detail).HasMaxLength(1000);
        flag.HasOne<Comment>().WithMany().HasForeignKey(f => f.CommentId).OnDelete(DeleteBehavior.Cascade);
        flag.HasOne<ScholarUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.SetNull);
        flag.HasIndex(f => new { f.CommentId, f.UserId }).IsUnique();
        flag.HasIndex(f => f.UserId);
    }
}

internal sealed class ThreadSubscriptionConfiguration : IEntityTypeConfiguration<ThreadSubscription>
{
    public void Configure(EntityTypeBuilder<ThreadSubscription> subscription)
    {
        subscription.ToTable("discussion_subscriptions");
        subscription.HasKey(s => new { s.ThreadId, s.UserId });
        subscription.HasOne<DiscussionThread>().WithMany().HasForeignKey(s => s.ThreadId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasOne<ScholarUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasIndex(s => s.UserId);
    }
}

internal sealed class MemberTrustConfiguration : IEntityTypeConfiguration<MemberTrust>
{
    public void Configure(EntityTypeBuilder<MemberTrust> trust)
    {
        trust.ToTable("member_trust");
        trust.HasKey(t => t.UserId);
        trust.Property(t => t.SuspensionReason).HasMaxLength(1000);
        trust.HasOne<ScholarUser>().WithOne().HasForeignKey<MemberTrust>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> profile)
    {
        profile.ToTable("member_profiles");
        profile.HasKey(p => p.UserId);
        profile.Property(p => p.Affiliation).HasMaxLength(256);
        profile.Property(p => p.About).HasMaxLength(4000);
        profile.HasOne<ScholarUser>().WithOne().HasForeignKey<MemberProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.Property(n => n.Title).HasMaxLength(500);
        notification.Property(n => n.Url).HasMaxLength(500);
        notification.HasOne<ScholarUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
