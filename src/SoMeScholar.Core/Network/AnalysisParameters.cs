using System.Text.Json;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Core.Network;

/// <summary>
/// How an analysis computes: which measures, under which preset (networkx or NodeXL semantics), on the directed graph
/// or its undirected view, exact or sampled betweenness with its (epsilon, delta), and the seed for sampling and
/// community detection. Stored with the analysis; together with the selection and the software version it fixes every
/// figure.
/// </summary>
public sealed record AnalysisParameters
{
    /// <summary>In-degree, out-degree, PageRank, eigenvector, betweenness and Louvain communities.</summary>
    public static readonly IReadOnlyList<Measure> DefaultMeasures =
        [Measure.InDegree, Measure.OutDegree, Measure.PageRank, Measure.Eigenvector, Measure.Betweenness, Measure.Community];

    public IReadOnlyList<Measure> Measures { get; init; } = DefaultMeasures;
    public MetricsPreset Preset { get; init; } = MetricsPreset.NetworkX;
    public bool Undirected { get; init; }
    public BetweennessMethod Betweenness { get; init; } = BetweennessMethod.Exact;
    public double Epsilon { get; init; } = 0.01;
    public double Delta { get; init; } = 0.1;
    public ulong Seed { get; init; } = 42;

    public MetricsOptions ToOptions(int? maxThreads = null) => new()
    {
        Preset = Preset,
        Undirected = Undirected,
        Betweenness = Betweenness,
        Epsilon = Epsilon,
        Delta = Delta,
        Seed = Seed,
        MaxThreads = maxThreads,
    };

    public AnalysisParameters Normalized() => this with { Measures = (Measures.Count == 0 ? DefaultMeasures : Measures).Distinct().ToList() };

    public void Validate()
    {
        if (Betweenness == BetweennessMethod.Sampled && (Epsilon is <= 0 or >= 1 || Delta is <= 0 or >= 1))
        {
            throw new ArgumentException("Sampled betweenness needs 0 < epsilon < 1 and 0 < delta < 1.");
        }
    }

    public string MeasureList => string.Join(",", Measures.Select(MeasureNames.Name));

    public static string PresetName(MetricsPreset preset) => preset == MetricsPreset.NodeXL ? "nodexl" : "networkx";

    public string Describe() =>
        $"{PresetName(Preset)} preset{(Undirected ? ", undirected" : "")}, betweenness {(Betweenness == BetweennessMethod.Sampled ? $"sampled (ε={Epsilon}, δ={Delta})" : "exact")}, seed {Seed}";

    public string ToJson() => JsonSerializer.Serialize(Normalized(), GraphSelection.Json);

    public static AnalysisParameters FromJson(string json) => JsonSerializer.Deserialize<AnalysisParameters>(json, GraphSelection.Json) ?? new AnalysisParameters();
}
