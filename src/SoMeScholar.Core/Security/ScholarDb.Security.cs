using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Security;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
