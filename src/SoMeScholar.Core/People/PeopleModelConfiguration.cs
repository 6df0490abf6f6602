using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoMeScholar.Core.People;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.Property(p => p.DisplayName).HasMaxLength(256);
        person.Property(p => p.Slug).HasMaxLength(128);
        person.Property(p => p.Specialty).HasMaxLength(128);
        person.Property(p => p.Institution).HasMaxLength(256);
        person.Property(p => p.Country).HasMaxLength(64);
        person.Property(p => p.TimeZone).HasMaxLength(64);
        person.Property(p => p.Languages).HasMaxLength(128);
        person.HasIndex(p => p.Slug).IsUnique();
    }
}

internal sealed class PersonRoleConfiguration : IEntityTypeConfiguration<PersonRole>
{
    public void Configure(EntityTypeBuilder<PersonRole> role)
    {
        role.HasKey(r => new { r.PersonId, r.Role });
        role.HasOne(r => r.Person).WithMany(p => p.Roles).HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
