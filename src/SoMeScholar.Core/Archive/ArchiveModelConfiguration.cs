using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.Archive;

// Indexes here serve the queries later capabilities run at scale: posts by hashtag and time (analytics, live wall),
// edges by kind and endpoint (graph building, mentor proximity), posts by author and time (account pages, portfolio),
// links by URL (resource impact). import_run_id columns are provenance only: no foreign key and no index, so bulk
// loads do not pay for them.

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.Property(a => a.ExternalId).HasMaxLength(512);
        account.Property(a => a.Handle).HasMaxLength(256);
        account.Property(a => a.DisplayName).HasMaxLength(512);
        account.Property(a => a.ProfileUrl).HasMaxLength(2048);
        account.Property(a => a.AvatarUrl).HasMaxLength(2048);
        account.Ignore(a => a.Label);
        account.HasIndex(a => new { a.Platform, a.ExternalId }).IsUnique();
        account.HasIndex(a => new { a.Platform, a.Handle });
        account.HasIndex(a => a.PersonId);
        account.HasOne(a => a.Person).WithMany(p => p.Accounts).HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FollowerSnapshotConfiguration : IEntityTypeConfiguration<FollowerSnapshot>
{
    public void Configure(EntityTypeBuilder<FollowerSnapshot> snapshot)
    {
        snapshot.HasIndex(s => new { s.AccountId, s.ObservedAt }).IsUnique();
        snapshot.HasOne(s => s.Account).WithMany(a => a.FollowerSnapshots).HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property(p => p.ExternalId).HasMaxLength(512);
        post.Property(p => p.Version).HasMaxLength(128);
        post.Property(p => p.LocalId).HasMaxLength(128);
        post.Property(p => p.Url).HasMaxLength(2048);
        post.Property(p => p.Language).HasMaxLength(32);
        post.Property(p => p.ReplyToExternalId).HasMaxLength(512);
        post.Property(p => p.ReplyRootExternalId).HasMaxLength(512);
        post.Property(p => p.QuoteOfExternalId).HasMaxLength(512);
        post.Property(p => p.ReplyToLocalId).HasMaxLength(128);
        post.Property(p => p.QuoteOfLocalId).HasMaxLength(128);
        post.Property(p => p.RepostOfExternalId).HasMaxLength(512);
        post.HasIndex(p => new { p.Platform, p.ExternalId }).IsUnique();
        post.HasIndex(p => new { p.AuthorId, p.CreatedAt });
        post.HasIndex(p => p.CreatedAt);
        post.HasIndex(p => new { p.Platform, p.LocalId });
        post.HasIndex(p => p.ReplyToPostId);
        post.HasIndex(p => p.QuoteOfPostId);
        post.HasIndex(p => p.RepostOfPostId);
        post.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        post.HasOne<Post>().WithMany().HasForeignKey(p => p.ReplyToPostId).OnDelete(DeleteBehavior.SetNull);
        post.HasOne<Post>().WithMany().HasForeignKey(p => p.QuoteOfPostId).OnDelete(DeleteBehavior.SetNull);
        post.HasOne<Post>().WithMany().HasForeignKey(p => p.RepostOfPostId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PostHashtagConfiguration : IEntityTypeConfiguration<PostHashtag>
{
    public void Configure(EntityTypeBuilder<PostHashtag> hashtag)
    {
        hashtag.HasKey(h => new { h.PostId, h.Tag });
        hashtag.Property(h => h.Tag).HasMaxLength(640);
        hashtag.HasIndex(h => new { h.Tag, h.CreatedAt });
        hashtag.HasOne(h => h.Post).WithMany(p => p.Hashtags).HasForeignKey(h => h.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostLinkConfiguration : IEntityTypeConfiguration<PostLink>
{
    public void Configure(EntityTypeBuilder<PostLink> link)
    {
        link.Property(l => l.Url).HasMaxLength(2048);
        link.Property(l => l.Domain).HasMaxLength(256);
        link.HasIndex(l => l.PostId);
        link.HasIndex(l => l.Url);
        link.HasIndex(l => l.Domain);
        link.HasOne(l => l.Post).WithMany(p => p.Links).HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostMediaConfiguration : IEntityTypeConfiguration<PostMedia>
{
    public void Configure(EntityTypeBuilder<PostMedia> media)
    {
        media.Property(m => m.Url).HasMaxLength(2048);
        media.Property(m => m.MediaType).HasMaxLength(64);
        media.HasIndex(m => m.PostId);
        media.HasOne(m => m.Post).WithMany(p => p.Media).HasForeignKey(m => m.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> edge)
    {
        edge.Property(e => e.NaturalKey).HasMaxLength(1100);
        edge.Property(e => e.SubjectExternalId).HasMaxLength(512);
        edge.HasIndex(e => new { e.Platform, e.NaturalKey }).IsUnique();
        edge.HasIndex(e => new { e.SourceAccountId, e.Kind });
        edge.HasIndex(e => new { e.TargetAccountId, e.Kind });
        edge.HasIndex(e => e.PostId);
        edge.HasIndex(e => e.SubjectPostId);
        edge.HasOne(e => e.SourceAccount).WithMany().HasForeignKey(e => e.SourceAccountId).OnDelete(DeleteBehavior.Cascade);
        edge.HasOne(e => e.TargetAccount).WithMany().HasForeignKey(e => e.TargetAccountId).OnDelete(DeleteBehavior.Cascade);
        edge.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Cascade);
        edge.HasOne<Post>().WithMany().HasForeignKey(e => e.SubjectPostId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.Property(r => r.Source).HasMaxLength(4096);
        run.Property(r => r.Format).HasMaxLength(64);
        run.Property(r => r.Fingerprint).HasMaxLength(128);
        run.Property(r => r.Checkpoint).HasMaxLength(4096);
        run.Ignore(r => r.Duration);
        run.HasIndex(r => r.StartedAt);
    }
}

internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> record)
    {
        record.Property(r => r.Source).HasMaxLength(4096);
        record.Property(r => r.Field).HasMaxLength(256);
        record.Property(r => r.Reason).HasMaxLength(1024);
        record.HasIndex(r => r.ImportRunId);
        record.HasOne(r => r.ImportRun).WithMany().HasForeignKey(r => r.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FetchCursorConfiguration : IEntityTypeConfiguration<FetchCursor>
{
    public void Configure(EntityTypeBuilder<FetchCursor> cursor)
    {
        cursor.HasKey(c => c.JobKey);
        cursor.Property(c => c.JobKey).HasMaxLength(1024);
        cursor.Property(c => c.Cursor).HasMaxLength(4096);
        cursor.Property(c => c.HighWaterMark).HasMaxLength(256);
    }
}
