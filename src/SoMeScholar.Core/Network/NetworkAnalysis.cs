using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoMeScholar.Core.Archive;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Core.Network;

/// <summary>Where an analysis's graph came from.</summary>
public enum AnalysisSource
{
    /// <summary>Built from the archive by <see cref="NetworkAnalysis.SelectionJson"/>.</summary>
    Archive,

    /// <summary>Read from a file (<c>somescholar network metrics --input FILE --save</c>); the graph is stored with it.</summary>
    File,
}

public enum AnalysisStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// A stored network analysis: its inputs (the selection, or the input file's name and SHA-256), parameters (measures,
/// preset, options, seed), the software version, the graph's size and fingerprint, timings and its results (one
/// <see cref="NetworkAnalysisNode"/> row per node, the graph itself in <see cref="NetworkAnalysisGraph"/>). With these,
/// <see cref="NetworkAnalyses.RecomputeAsync"/> recomputes every figure and checks it is the same.
/// </summary>
public class NetworkAnalysis
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public AnalysisSource Source { get; set; }

    /// <summary>The <see cref="GraphSelection"/> as JSON (archive analyses; "{}" for files).</summary>
    public string SelectionJson { get; set; } = "{}";

    /// <summary>The <see cref="AnalysisParameters"/> as JSON.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The measures as CSV names, in column order (e.g. "indegree,pagerank,betweenness").</summary>
    public string Measures { get; set; } = "";

    public MetricsPreset Preset { get; set; }
    public long Seed { get; set; }

    /// <summary>File analyses: the file name and the SHA-256 of its bytes.</summary>
    public string? InputName { get; set; }
    public string? InputSha256 { get; set; }

    /// <summary><see cref="Data.SchemaMigrator.AppVersion"/> of the build that computed it.</summary>
    public string SoftwareVersion { get; set; } = "";

    public AnalysisStatus Status { get; set; }
    public string? Error { get; set; }

    public int NodeCount { get; set; }
    public long EdgeCount { get; set; }
    public bool Directed { get; set; }
    public bool Weighted { get; set; }

    /// <summary>SHA-256 of the graph in canonical form (node ids in order, then edges): equal graphs, equal fingerprints.</summary>
    public string? GraphSha256 { get; set; }

    public int? CommunityCount { get; set; }
    public double? Modularity { get; set; }

    /// <summary>Per-measure notes as JSON: convergence of power iterations, the (epsilon, delta) bound of sampled betweenness.</summary>
    public string? NotesJson { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string? CreatedByName { get; set; }

    /// <summary>Part of the synthetic demo community.</summary>
    public bool IsSynthetic { get; set; }

    public GraphSelection Selection() => GraphSelection.FromJson(SelectionJson);

    public AnalysisParameters Parameters() => AnalysisParameters.FromJson(ParametersJson);
}

/// <summary>
/// One node of a stored analysis with its scores: a column per measure (null when not computed), keyed by
/// (analysis, node index). <see cref="AccountId"/> links archive nodes to their account, so a person's measures can be
/// followed over analyses (the portfolio) and influencers listed (the research toolkit).
/// </summary>
public class NetworkAnalysisNode
{
    public long AnalysisId { get; set; }
    public int NodeIndex { get; set; }
    public long? AccountId { get; set; }
    public required string NodeId { get; set; }
    public string? Label { get; set; }

    public double? InDegree { get; set; }
    public double? OutDegree { get; set; }
    public double? Degree { get; set; }
    public double? InDegreeCentrality { get; set; }
    public double? OutDegreeCentrality { get; set; }
    public double? DegreeCentrality { get; set; }
    public double? Eigenvector { get; set; }
    public double? PageRank { get; set; }
    public double? Betweenness { get; set; }
    public double? Closeness { get; set; }
    public double? Clustering { get; set; }
    public int? KCore { get; set; }
    public int? Community { get; set; }
    public int? Leiden { get; set; }
    public int? WeakComponent { get; set; }
    public int? StrongComponent { get; set; }

    public double? Get(Measure measure) => measure switch
    {
        Measure.InDegree => InDegree,
        Measure.OutDegree => OutDegree,
        Measure.Degree => Degree,
        Measure.InDegreeCentrality => InDegreeCentrality,
        Measure.OutDegreeCentrality => OutDegreeCentrality,
        Measure.DegreeCentrality => DegreeCentrality,
        Measure.Eigenvector => Eigenvector,
        Measure.PageRank => PageRank,
        Measure.Betweenness => Betweenness,
        Measure.Closeness => Closeness,
        Measure.Clustering => Clustering,
        Measure.KCore => KCore,
        Measure.Community => Community,
        Measure.Leiden => Leiden,
        Measure.WeakComponent => WeakComponent,
        Measure.StrongComponent => StrongComponent,
        _ => null,
    };

    public void Set(Measure measure, double value)
    {
        switch (measure)
        {
            case Measure.InDegree: InDegree = value; break;
            case Measure.OutDegree: OutDegree = value; break;
            case Measure.Degree: Degree = value; break;
            case Measure.InDegreeCentrality: InDegreeCentrality = value; break;
            case Measure.OutDegreeCentrality: OutDegreeCentrality = value; break;
            case Measure.DegreeCentrality: DegreeCentrality = value; break;
            case Measure.Eigenvector: Eigenvector = value; break;
            case Measure.PageRank: PageRank = value; break;
            case Measure.Betweenness: Betweenness = value; break;
            case Measure.Closeness: Closeness = value; break;
            case Measure.Clustering: Clustering = value; break;
            case Measure.KCore: KCore = checked((int)value); break;
            case Measure.Community: Community = checked((int)value); break;
            case Measure.Leiden: Leiden = checked((int)value); break;
            case Measure.WeakComponent: WeakComponent = checked((int)value); break;
            case Measure.StrongComponent: StrongComponent = checked((int)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure.");
        }
    }
}

/// <summary>The analysed graph itself, compressed (<see cref="SelectionGraph.Serialize"/>): exports and the graph view read it, so they
/// show exactly the graph the scores were computed on even after the archive grows.</summary>
public class NetworkAnalysisGraph
{
    public long AnalysisId { get; set; }
    public required byte[] Data { get; set; }
}

internal sealed class NetworkAnalysisConfiguration : IEntityTypeConfiguration<NetworkAnalysis>
{
    public void Configure(EntityTypeBuilder<NetworkAnalysis> analysis)
    {
        analysis.Property(a => a.Title).HasMaxLength(256);
        analysis.Property(a => a.Measures).HasMaxLength(512);
        analysis.Property(a => a.InputName).HasMaxLength(1024);
        analysis.Property(a => a.InputSha256).HasMaxLength(64);
        analysis.Property(a => a.SoftwareVersion).HasMaxLength(64);
        analysis.Property(a => a.GraphSha256).HasMaxLength(64);
        analysis.Property(a => a.CreatedByUserId).HasMaxLength(450);
        analysis.Property(a => a.CreatedByName).HasMaxLength(256);
        analysis.HasIndex(a => a.CreatedAt);
        analysis.HasIndex(a => a.Status);
    }
}

internal sealed class NetworkAnalysisNodeConfiguration : IEntityTypeConfiguration<NetworkAnalysisNode>
{
    public void Configure(EntityTypeBuilder<NetworkAnalysisNode> node)
    {
        node.HasKey(n => new { n.AnalysisId, n.NodeIndex });
        node.Property(n => n.NodeId).HasMaxLength(1024);
        node.Property(n => n.Label).HasMaxLength(512);
        node.HasIndex(n => n.AccountId);
        node.HasOne<NetworkAnalysis>().WithMany().HasForeignKey(n => n.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        node.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NetworkAnalysisGraphConfiguration : IEntityTypeConfiguration<NetworkAnalysisGraph>
{
    public void Configure(EntityTypeBuilder<NetworkAnalysisGraph> graph)
    {
        graph.HasKey(g => g.AnalysisId);
        graph.Property(g => g.AnalysisId).ValueGeneratedNever();
        graph.HasOne<NetworkAnalysis>().WithOne().HasForeignKey<NetworkAnalysisGraph>(g => g.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }
}
