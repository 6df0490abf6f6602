using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Professionalism;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<ProfessionalismSettingsChange> ProfessionalismSettingsChanges => Set<ProfessionalismSettingsChange>();
}
