using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Core.Resources;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> resource)
    {
        resource.Property(r => r.Url).HasMaxLength(2048);
        resource.Property(r => r.NormalizedUrl).HasMaxLength(2048);
        resource.Property(r => r.Title).HasMaxLength(512);
        resource.Property(r => r.Publisher).HasMaxLength(256);
        resource.Property(r => r.Specialty).HasMaxLength(128);
        resource.Property(r => r.Licence).HasMaxLength(128);
        resource.Property(r => r.SubmittedByUserId).HasMaxLength(450);
        resource.Property(r => r.EditorUserId).HasMaxLength(450);
        resource.HasIndex(r => r.NormalizedUrl).IsUnique();
        resource.HasIndex(r => new { r.Type, r.Specialty });
        resource.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class ResourceAuthorConfiguration : IEntityTypeConfiguration<ResourceAuthor>
{
    public void Configure(EntityTypeBuilder<ResourceAuthor> author)
    {
        author.Property(a => a.Name).HasMaxLength(256);
        author.HasIndex(a => new { a.ResourceId, a.Position });
        author.HasIndex(a => a.PersonId);
        author.HasOne(a => a.Resource).WithMany(r => r.Authors).HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Cascade);
        author.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ResourceTopicConfiguration : IEntityTypeConfiguration<ResourceTopic>
{
    public void Configure(EntityTypeBuilder<ResourceTopic> topic)
    {
        topic.HasKey(t => new { t.ResourceId, t.Topic });
        topic.Property(t => t.Topic).HasMaxLength(128);
        topic.HasIndex(t => t.Topic);
        topic.HasOne(t => t.Resource).WithMany(r => r.Topics).HasForeignKey(t => t.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResourceVersionConfiguration : IEntityTypeConfiguration<ResourceVersion>
{
    public void Configure(EntityTypeBuilder<ResourceVersion> version)
    {
        version.Property(v => v.Url).HasMaxLength(2048);
        version.Property(v => v.Title).HasMaxLength(512);
        version.Property(v => v.CreatedByUserId).HasMaxLength(450);
        version.HasIndex(v => new { v.ResourceId, v.Number }).IsUnique();
        version.HasOne(v => v.Resource).WithMany(r => r.Versions).HasForeignKey(v => v.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResourceSnapshotConfiguration : IEntityTypeConfiguration<ResourceSnapshot>
{
    public void Configure(EntityTypeBuilder<ResourceSnapshot> snapshot)
    {
        snapshot.Property(s => s.ContentType).HasMaxLength(256);
        snapshot.Property(s => s.Sha256).HasMaxLength(64);
        snapshot.Property(s => s.Error).HasMaxLength(1024);
        snapshot.HasIndex(s => new { s.ResourceId, s.FetchedAt });
        snapshot.HasOne(s => s.Resource).WithMany().HasForeignKey(s => s.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EndorsementConfiguration : IEntityTypeConfiguration<Endorsement>
{
    public void Configure(EntityTypeBuilder<Endorsement> endorsement)
    {
        endorsement.Property(e => e.EndorserKey).HasMaxLength(480);
        endorsement.Property(e => e.UserId).HasMaxLength(450);
        endorsement.Property(e => e.EndorserName).HasMaxLength(256);
        endorsement.Property(e => e.Comment).HasMaxLength(1000);
        endorsement.HasIndex(e => new { e.ResourceId, e.EndorserKey }).IsUnique();
        endorsement.HasIndex(e => e.PersonId);
        endorsement.HasOne(e => e.Resource).WithMany().HasForeignKey(e => e.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VerifiedExpertConfiguration : IEntityTypeConfiguration<VerifiedExpert>
{
    public void Configure(EntityTypeBuilder<VerifiedExpert> expert)
    {
        expert.Property(e => e.ExpertKey).HasMaxLength(480);
        expert.Property(e => e.UserId).HasMaxLength(450);
        expert.Property(e => e.ExpertName).HasMaxLength(256);
        expert.Property(e => e.Field).HasMaxLength(256);
        expert.Property(e => e.GrantedBy).HasMaxLength(256);
        expert.Property(e => e.GrantedByUserId).HasMaxLength(450);
        expert.HasIndex(e => e.ExpertKey).IsUnique();
    }
}

internal sealed class UptakeReportConfiguration : IEntityTypeConfiguration<UptakeReport>
{
    public void Configure(EntityTypeBuilder<UptakeReport> report)
    {
        report.Property(r => r.ReporterKey).HasMaxLength(480);
        report.Property(r => r.UserId).HasMaxLength(450);
        report.Property(r => r.ReporterName).HasMaxLength(256);
        report.Property(r => r.Setting).HasMaxLength(512);
        report.HasIndex(r => new { r.ResourceId, r.ReportedAt });
        report.HasOne(r => r.Resource).WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostLinkUrlConfiguration : IEntityTypeConfiguration<PostLinkUrl>
{
    public void Configure(EntityTypeBuilder<PostLinkUrl> link)
    {
        link.HasKey(l => l.PostLinkId);
        link.Property(l => l.PostLinkId).ValueGeneratedNever();
        link.Property(l => l.NormalizedUrl).HasMaxLength(2048);
        link.HasIndex(l => new { l.NormalizedUrl, l.PostId });
        link.HasOne<PostLink>().WithOne().HasForeignKey<PostLinkUrl>(l => l.PostLinkId).OnDelete(DeleteBehavior.Cascade);
    }
}
