using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Portfolio;

/// <summary>The parts of a portfolio; each can be public or private, as the person chooses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PortfolioSection>))]
public enum PortfolioSection
{
    Resources,
    PeerReview,
    Conferences,
    Discussions,
    Mentoring,
    Network,
    Timeline,
}

/// <summary>Whether a section of a person's portfolio is public. A section without a row is private.</summary>
public class PortfolioVisibility
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public PortfolioSection Section { get; set; }
    public bool IsPublic { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A promotion dossier: a period, the portfolio items the person chose (or all items in the period), and the
/// narrative they wrote (Markdown, rendered sanitised). Its content is assembled from the store when it is shown.
/// </summary>
public class Dossier
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Title { get; set; }

    /// <summary>Start of the period (inclusive, UTC).</summary>
    public DateTime PeriodStart { get; set; }

    /// <summary>End of the period (exclusive, UTC).</summary>
    public DateTime PeriodEnd { get; set; }

    public string? Narrative { get; set; }

    /// <summary>When set, every portfolio item in the period is included, whatever <see cref="Items"/> holds.</summary>
    public bool IncludeAllItems { get; set; }

    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsSynthetic { get; set; }
    public List<DossierItem> Items { get; } = [];
}

/// <summary>An item chosen for a dossier, by its portfolio key (e.g. <c>resource:12</c>, <c>review:40</c>, <c>event:smacc26</c>).</summary>
public class DossierItem
{
    public long DossierId { get; set; }
    public Dossier? Dossier { get; set; }
    public required string ItemKey { get; set; }
}

/// <summary>A read-only link to a dossier. Only the SHA-256 of the token is stored; the link shows nothing once expired or revoked.</summary>
public class DossierShareLink
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    public Dossier? Dossier { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? CreatedByUserId { get; set; }
}

internal sealed class PortfolioVisibilityConfiguration : IEntityTypeConfiguration<PortfolioVisibility>
{
    public void Configure(EntityTypeBuilder<PortfolioVisibility> visibility)
    {
        visibility.HasKey(v => new { v.PersonId, v.Section });
        visibility.HasOne(v => v.Person).WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> dossier)
    {
        dossier.Property(d => d.Title).HasMaxLength(256);
        dossier.Property(d => d.CreatedByUserId).HasMaxLength(450);
        dossier.HasIndex(d => d.PersonId);
        dossier.HasOne(d => d.Person).WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierItemConfiguration : IEntityTypeConfiguration<DossierItem>
{
    public void Configure(EntityTypeBuilder<DossierItem> item)
    {
        item.HasKey(i => new { i.DossierId, i.ItemKey });
        item.Property(i => i.ItemKey).HasMaxLength(200);
        item.HasOne(i => i.Dossier).WithMany(d => d.Items).HasForeignKey(i => i.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierShareLinkConfiguration : IEntityTypeConfiguration<DossierShareLink>
{
    public void Configure(EntityTypeBuilder<DossierShareLink> link)
    {
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.CreatedByUserId).HasMaxLength(450);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.DossierId);
        link.HasOne(l => l.Dossier).WithMany().HasForeignKey(l => l.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}
