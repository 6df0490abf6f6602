using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Core.Hashtags;

internal sealed class HashtagEventConfiguration : IEntityTypeConfiguration<HashtagEvent>
{
    public void Configure(EntityTypeBuilder<HashtagEvent> item)
    {
        item.Property(e => e.Name).HasMaxLength(256);
        item.Property(e => e.Slug).HasMaxLength(128);
        item.Property(e => e.TimeZone).HasMaxLength(64);
        item.Property(e => e.CreatedBy).HasMaxLength(256);
        item.HasIndex(e => e.Slug).IsUnique();
        item.HasIndex(e => e.StartDate);
    }
}

internal sealed class EventHashtagConfiguration : IEntityTypeConfiguration<EventHashtag>
{
    public void Configure(EntityTypeBuilder<EventHashtag> tag)
    {
        tag.HasKey(t => new { t.EventId, t.Tag });
        tag.Property(t => t.Tag).HasMaxLength(640);
        tag.HasIndex(t => t.Tag);
        tag.HasOne(t => t.Event).WithMany(e => e.Hashtags).HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventSessionConfiguration : IEntityTypeConfiguration<EventSession>
{
    public void Configure(EntityTypeBuilder<EventSession> session)
    {
        session.Property(s => s.Title).HasMaxLength(512);
        session.Property(s => s.Room).HasMaxLength(128);
        session.Property(s => s.Speakers).HasMaxLength(1024);
        session.Property(s => s.Hashtag).HasMaxLength(640);
        session.HasIndex(s => new { s.EventId, s.StartsAt });
        session.HasOne(s => s.Event).WithMany(e => e.Sessions).HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WallSettingsConfiguration : IEntityTypeConfiguration<WallSettings>
{
    public void Configure(EntityTypeBuilder<WallSettings> wall)
    {
        wall.HasKey(w => w.EventId);
        wall.Property(w => w.EventId).ValueGeneratedNever();
        wall.Property(w => w.SourceAddress).HasMaxLength(2048);
        wall.Property(w => w.Cursor).HasMaxLength(256);
        wall.Property(w => w.LastError).HasMaxLength(2048);
        wall.HasOne(w => w.Event).WithOne().HasForeignKey<WallSettings>(w => w.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WallListEntryConfiguration : IEntityTypeConfiguration<WallListEntry>
{
    public void Configure(EntityTypeBuilder<WallListEntry> entry)
    {
        entry.Property(e => e.Value).HasMaxLength(512);
        entry.Property(e => e.CreatedBy).HasMaxLength(256);
        entry.HasIndex(e => new { e.EventId, e.Kind, e.Value }).IsUnique();
        entry.HasOne<HashtagEvent>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WallPostConfiguration : IEntityTypeConfiguration<WallPost>
{
    public void Configure(EntityTypeBuilder<WallPost> post)
    {
        post.Property(p => p.ExternalId).HasMaxLength(512);
        post.Property(p => p.AuthorExternalId).HasMaxLength(512);
        post.Property(p => p.AuthorHandle).HasMaxLength(256);
        post.Property(p => p.AuthorName).HasMaxLength(512);
        post.Property(p => p.Reason).HasMaxLength(2048);
        post.Property(p => p.DecidedBy).HasMaxLength(256);
        post.HasIndex(p => new { p.EventId, p.Platform, p.ExternalId }).IsUnique();
        post.HasIndex(p => new { p.EventId, p.Sequence });
        post.HasIndex(p => new { p.EventId, p.Status, p.CreatedAt });
        post.HasOne<HashtagEvent>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        post.HasOne<Post>().WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class WallDecisionConfiguration : IEntityTypeConfiguration<WallDecision>
{
    public void Configure(EntityTypeBuilder<WallDecision> decision)
    {
        decision.Property(d => d.Action).HasMaxLength(64);
        decision.Property(d => d.Actor).HasMaxLength(256);
        decision.Property(d => d.Detail).HasMaxLength(2048);
        decision.HasIndex(d => new { d.EventId, d.At });
        decision.HasIndex(d => d.WallPostId);
        decision.HasOne<HashtagEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        decision.HasOne<WallPost>().WithMany().HasForeignKey(d => d.WallPostId).OnDelete(DeleteBehavior.SetNull);
    }
}
