using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Reviews;

/// <summary>
/// A stored instrument version. Built-in definitions (embedded JSON, see <see cref="InstrumentCatalog"/>) are copied
/// here on first use; administrators add local ones. Reviews point at the exact row they were scored with, so a
/// new version of an instrument never changes an old review's meaning.
/// </summary>
public class ReviewInstrument
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string DefinitionJson { get; set; }
    public bool IsBuiltIn { get; set; }
    public bool IsActive { get; set; } = true;
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus
{
    /// <summary>Waiting for the reviewer's conflict-of-interest declaration.</summary>
    AwaitingDeclaration,

    /// <summary>No conflict declared: the reviewer may score.</summary>
    Open,

    /// <summary>A conflict was declared: this review is blocked.</summary>
    Conflicted,

    Submitted,
}

/// <summary>A reviewer's task on one version of a resource with one instrument: assigned by an editor or volunteered.</summary>
public class ReviewAssignment
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public Resource? Resource { get; set; }
    public int ResourceVersion { get; set; }
    public long InstrumentId { get; set; }
    public ReviewInstrument? Instrument { get; set; }

    /// <summary>"person:{id}" or "user:{id}" (as for endorsements); one assignment per reviewer, resource version and instrument.</summary>
    public required string ReviewerKey { get; set; }

    public string? ReviewerUserId { get; set; }
    public long? ReviewerPersonId { get; set; }
    public required string ReviewerName { get; set; }

    /// <summary>The editor who assigned it; null when the reviewer volunteered.</summary>
    public string? AssignedByUserId { get; set; }

    public bool Volunteered { get; set; }
    public AssignmentStatus Status { get; set; }
    public bool? HasConflict { get; set; }
    public string? ConflictStatement { get; set; }
    public DateTime? ConflictDeclaredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsSynthetic { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Recommendation>))]
public enum Recommendation
{
    Recommend,
    RecommendWithRevisions,
    DoNotRecommend,
}

/// <summary>
/// A submitted review. Immutable: nothing updates a review row. A correction is a new review with
/// <see cref="SupersedesReviewId"/> pointing at the one it replaces and <see cref="Revision"/> one higher; the current
/// review of an assignment is the one no other review supersedes.
/// </summary>
public class Review
{
    public long Id { get; set; }
    public long AssignmentId { get; set; }
    public ReviewAssignment? Assignment { get; set; }
    public long ResourceId { get; set; }
    public Resource? Resource { get; set; }
    public int ResourceVersion { get; set; }
    public long InstrumentId { get; set; }
    public ReviewInstrument? Instrument { get; set; }
    public required string ReviewerKey { get; set; }
    public string? ReviewerUserId { get; set; }
    public long? ReviewerPersonId { get; set; }
    public required string ReviewerName { get; set; }
    public int Revision { get; set; } = 1;
    public long? SupersedesReviewId { get; set; }
    public double Total { get; set; }

    /// <summary>Free-text comments (Markdown; rendered sanitised).</summary>
    public string? Comments { get; set; }

    public Recommendation Recommendation { get; set; }
    public DateTime SubmittedAt { get; set; }
    public bool IsSynthetic { get; set; }
    public List<ReviewItemScore> Scores { get; } = [];
}

public class ReviewItemScore
{
    public long ReviewId { get; set; }
    public Review? Review { get; set; }
    public required string ItemKey { get; set; }
    public int Score { get; set; }
}

internal sealed class ReviewInstrumentConfiguration : IEntityTypeConfiguration<ReviewInstrument>
{
    public void Configure(EntityTypeBuilder<ReviewInstrument> instrument)
    {
        instrument.Property(i => i.Key).HasMaxLength(64);
        instrument.Property(i => i.Name).HasMaxLength(256);
        instrument.Property(i => i.CreatedByUserId).HasMaxLength(450);
        instrument.HasIndex(i => new { i.Key, i.Version }).IsUnique();
    }
}

internal sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> assignment)
    {
        assignment.Property(a => a.ReviewerKey).HasMaxLength(480);
        assignment.Property(a => a.ReviewerUserId).HasMaxLength(450);
        assignment.Property(a => a.ReviewerName).HasMaxLength(256);
        assignment.Property(a => a.AssignedByUserId).HasMaxLength(450);
        assignment.Property(a => a.ConflictStatement).HasMaxLength(2000);
        assignment.HasIndex(a => new { a.ResourceId, a.ResourceVersion, a.InstrumentId, a.ReviewerKey }).IsUnique().HasDatabaseName("ix_review_assignments_reviewer_per_version");
        assignment.HasIndex(a => a.ReviewerKey);
        assignment.HasOne(a => a.Resource).WithMany().HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne(a => a.Instrument).WithMany().HasForeignKey(a => a.InstrumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> review)
    {
        review.Property(r => r.ReviewerKey).HasMaxLength(480);
        review.Property(r => r.ReviewerUserId).HasMaxLength(450);
        review.Property(r => r.ReviewerName).HasMaxLength(256);
        review.HasIndex(r => new { r.ResourceId, r.InstrumentId });
        review.HasIndex(r => r.AssignmentId);
        review.HasIndex(r => r.ReviewerKey);
        review.HasIndex(r => r.SupersedesReviewId).IsUnique();
        review.HasOne(r => r.Assignment).WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        review.HasOne(r => r.Resource).WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.Cascade);
        review.HasOne(r => r.Instrument).WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Review>().WithOne().HasForeignKey<Review>(r => r.SupersedesReviewId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewItemScoreConfiguration : IEntityTypeConfiguration<ReviewItemScore>
{
    public void Configure(EntityTypeBuilder<ReviewItemScore> score)
    {
        score.HasKey(s => new { s.ReviewId, s.ItemKey });
        score.Property(s => s.ItemKey).HasMaxLength(64);
        score.HasOne(s => s.Review).WithMany(r => r.Scores).HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}
