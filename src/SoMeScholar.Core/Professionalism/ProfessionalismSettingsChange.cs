using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.Professionalism;

/// <summary>
/// One change an administrator made to the professionalism settings: who, when, what changed in plain words, and the
/// whole settings as saved (JSON), so any earlier state can be read back and any result explained.
/// </summary>
public class ProfessionalismSettingsChange
{
    public long Id { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>The user name of the administrator (or "somescholar" for the command line).</summary>
    public required string ChangedBy { get; set; }

    /// <summary>What changed, one line per change ("Blocking severity: High → Medium").</summary>
    public required string Changes { get; set; }

    /// <summary>The settings after the change, as stored under <see cref="ProfessionalismService.SettingKey"/>.</summary>
    public required string Settings { get; set; }
}

internal sealed class ProfessionalismSettingsChangeConfiguration : IEntityTypeConfiguration<ProfessionalismSettingsChange>
{
    public void Configure(EntityTypeBuilder<ProfessionalismSettingsChange> change)
    {
        change.ToTable("professionalism_settings_changes");
        change.Property(c => c.ChangedBy).HasMaxLength(256);
    }
}
