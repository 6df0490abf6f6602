using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.People;
using SoMeScholar.Core.Settings;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonRole> PersonRoles => Set<PersonRole>();
    public DbSet<Setting> Settings => Set<Setting>();
}
