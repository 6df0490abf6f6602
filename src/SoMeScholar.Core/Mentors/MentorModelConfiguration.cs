using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.Mentors;

internal sealed class MentorProfileConfiguration : IEntityTypeConfiguration<MentorProfile>
{
    public void Configure(EntityTypeBuilder<MentorProfile> profile)
    {
        profile.Property(p => p.Specialty).HasMaxLength(128);
        profile.Property(p => p.TimeZone).HasMaxLength(64);
        profile.Property(p => p.Languages).HasMaxLength(128);
        // A bit set: combinations have no single name, so the integer is stored (an explicit converter, so the
        // enums-by-name convention leaves it alone).
        profile.Property(p => p.Offers).HasConversion(v => (int)v, v => (MentoringAreas)v);
        profile.HasIndex(p => p.PersonId).IsUnique();
        profile.HasIndex(p => p.Status);
        profile.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TraineeRequestConfiguration : IEntityTypeConfiguration<TraineeRequest>
{
    public void Configure(EntityTypeBuilder<TraineeRequest> request)
    {
        request.Property(r => r.Specialty).HasMaxLength(128);
        request.Property(r => r.TimeZone).HasMaxLength(64);
        request.Property(r => r.Languages).HasMaxLength(128);
        request.Property(r => r.Seeking).HasConversion(v => (int)v, v => (MentoringAreas)v);
        request.HasIndex(r => r.PersonId).IsUnique();
        request.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentorIntroductionConfiguration : IEntityTypeConfiguration<MentorIntroduction>
{
    public void Configure(EntityTypeBuilder<MentorIntroduction> introduction)
    {
        introduction.HasIndex(i => new { i.MentorProfileId, i.Status });
        introduction.HasIndex(i => new { i.TraineePersonId, i.Status });
        introduction.HasOne(i => i.MentorProfile).WithMany().HasForeignKey(i => i.MentorProfileId).OnDelete(DeleteBehavior.Cascade);
        introduction.HasOne(i => i.TraineePerson).WithMany().HasForeignKey(i => i.TraineePersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentorBlockConfiguration : IEntityTypeConfiguration<MentorBlock>
{
    public void Configure(EntityTypeBuilder<MentorBlock> block)
    {
        block.HasKey(b => new { b.MentorProfileId, b.TraineePersonId });
        block.HasIndex(b => b.TraineePersonId);
        block.HasOne(b => b.MentorProfile).WithMany().HasForeignKey(b => b.MentorProfileId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne(b => b.TraineePerson).WithMany().HasForeignKey(b => b.TraineePersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentorNotificationConfiguration : IEntityTypeConfiguration<MentorNotification>
{
    public void Configure(EntityTypeBuilder<MentorNotification> notification)
    {
        notification.HasIndex(n => new { n.PersonId, n.CreatedAt });
        notification.HasIndex(n => n.IntroductionId);
        notification.HasOne(n => n.Person).WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        notification.HasOne(n => n.Introduction).WithMany().HasForeignKey(n => n.IntroductionId).OnDelete(DeleteBehavior.Cascade);
    }
}
