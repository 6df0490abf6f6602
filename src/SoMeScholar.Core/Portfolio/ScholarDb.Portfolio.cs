using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Portfolio;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<PortfolioVisibility> PortfolioVisibilities => Set<PortfolioVisibility>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierItem> DossierItems => Set<DossierItem>();
    public DbSet<DossierShareLink> DossierShareLinks => Set<DossierShareLink>();
    public DbSet<PortfolioCommunity> PortfolioCommunities => Set<PortfolioCommunity>();
}
