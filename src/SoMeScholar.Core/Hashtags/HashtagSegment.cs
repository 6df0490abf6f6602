using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// The <see cref="HashtagFacts"/> of one hashtag on one UTC day, stored in a compact binary form
/// (<see cref="HashtagSegmentCodec"/>) so a dashboard reads a few blobs instead of every post. Built on demand by
/// <see cref="HashtagSegmentStore"/> from the archive; removed when a write to the archive marks its day dirty.
/// </summary>
public class HashtagSegment
{
    public string Tag { get; set; } = "";
    public DateOnly Day { get; set; }

    /// <summary>The <see cref="HashtagSegmentState.Generation"/> it was built under.</summary>
    public long Generation { get; set; }

    public byte[] Data { get; set; } = [];
}

/// <summary>A UTC day whose archive rows changed since its segments were built (written by database triggers).</summary>
public class HashtagDirtyDay
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
}

/// <summary>One row: the generation, raised each time dirty days are cleared, so a segment built before is not stored after.</summary>
public class HashtagSegmentState
{
    public int Id { get; set; }
    public long Generation { get; set; }
}

internal sealed class HashtagSegmentConfiguration : IEntityTypeConfiguration<HashtagSegment>
{
    public void Configure(EntityTypeBuilder<HashtagSegment> segment)
    {
        segment.HasKey(s => new { s.Tag, s.Day });
        segment.Property(s => s.Tag).HasMaxLength(640);
        segment.HasIndex(s => s.Day);
    }
}

internal sealed class HashtagDirtyDayConfiguration : IEntityTypeConfiguration<HashtagDirtyDay>
{
    public void Configure(EntityTypeBuilder<HashtagDirtyDay> day) => day.HasIndex(d => d.Day);
}

internal sealed class HashtagSegmentStateConfiguration : IEntityTypeConfiguration<HashtagSegmentState>
{
    public void Configure(EntityTypeBuilder<HashtagSegmentState> state) => state.Property(s => s.Id).ValueGeneratedNever();
}
