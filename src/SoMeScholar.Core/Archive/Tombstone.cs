using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// A deletion the archive has seen, by the deleted thing's natural key (post external id or edge natural key). Kept
/// even when the deleted post or edge was never archived, so a later import of the original never resurrects it.
/// </summary>
public class Tombstone
{
    public Platform Platform { get; set; }
    public required string Key { get; set; }
    public DateTime DeletedAt { get; set; }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> tombstone)
    {
        tombstone.HasKey(t => new { t.Platform, t.Key });
        tombstone.Property(t => t.Key).HasMaxLength(1100);
    }
}
