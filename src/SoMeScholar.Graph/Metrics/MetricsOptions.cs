namespace SoMeScholar.Graph.Metrics;

/// <summary>Whose definitions the numbers follow. docs/metrics.md lists every difference.</summary>
public enum MetricsPreset
{
    /// <summary>networkx 2.8–3.x defaults: directed where the graph is directed, normalised where networkx normalises.</summary>
    NetworkX,

    /// <summary>NodeXL (its SNAP back end): eigenvector and betweenness on the undirected graph, betweenness unnormalised
    /// with each unordered pair once, eigenvector L2-normalised (1e-4, 100 iterations), SNAP PageRank and closeness, NodeXL's
    /// clustering coefficient; isolated vertices score 0 on every SNAP measure.</summary>
    NodeXL,
}

/// <summary>Exact or sampled betweenness.</summary>
public enum BetweennessMethod
{
    Exact,

    /// <summary>Riondato–Kornaropoulos sampling with <see cref="MetricsOptions.Epsilon"/> and <see cref="MetricsOptions.Delta"/>.</summary>
    Sampled,
}

public sealed record MetricsOptions
{
    public MetricsPreset Preset { get; init; } = MetricsPreset.NetworkX;

    /// <summary>Treat the graph as undirected before computing anything (<c>--undirected</c>).</summary>
    public bool Undirected { get; init; }

    public BetweennessMethod Betweenness { get; init; } = BetweennessMethod.Exact;

    /// <summary>Sampled betweenness: additive error bound (Riondato–Kornaropoulos scale).</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Sampled betweenness: failure probability.</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>Seed for sampled betweenness and Louvain.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Threads for parallel measures (default: all processors). Results do not depend on it.</summary>
    public int? MaxThreads { get; init; }

    public static MetricsPreset ParsePreset(string text) => text.Trim().ToLowerInvariant() switch
    {
        "networkx" or "nx" => MetricsPreset.NetworkX,
        "nodexl" or "snap" => MetricsPreset.NodeXL,
        _ => throw new ArgumentException($"Unknown preset '{text}'; use networkx or nodexl.", nameof(text)),
    };
}
