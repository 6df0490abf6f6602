using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Security;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
}
