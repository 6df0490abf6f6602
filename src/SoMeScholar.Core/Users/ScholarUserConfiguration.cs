using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.Users;

internal sealed class ScholarUserConfiguration : IEntityTypeConfiguration<ScholarUser>
{
    public void Configure(EntityTypeBuilder<ScholarUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(256);
        user.HasIndex(u => u.PersonId);
        user.HasOne(u => u.Person).WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
