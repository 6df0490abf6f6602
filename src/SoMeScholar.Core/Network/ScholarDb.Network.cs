using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Network;

namespace SoMeScholar.Core.Data;

public partial class ScholarDb
{
    public DbSet<NetworkAnalysis> NetworkAnalyses => Set<NetworkAnalysis>();
    public DbSet<NetworkAnalysisNode> NetworkAnalysisNodes => Set<NetworkAnalysisNode>();
    public DbSet<NetworkAnalysisGraph> NetworkAnalysisGraphs => Set<NetworkAnalysisGraph>();
}
