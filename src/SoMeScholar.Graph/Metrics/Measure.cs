namespace SoMeScholar.Graph.Metrics;

/// <summary>The per-node measures the metrics table computes. <see cref="MeasureNames"/> gives their CSV names.</summary>
public enum Measure
{
    InDegree,
    OutDegree,
    Degree,
    InDegreeCentrality,
    OutDegreeCentrality,
    DegreeCentrality,
    Eigenvector,
    PageRank,
    Betweenness,
    Closeness,
    Clustering,
    KCore,
    Community,
    Leiden,
    WeakComponent,
    StrongComponent,
}

/// <summary>Measure names as typed after <c>--measures</c> and printed in CSV headers.</summary>
public static class MeasureNames
{
    private static readonly (Measure Measure, string Name)[] Names =
    [
        (Measure.InDegree, "indegree"),
        (Measure.OutDegree, "outdegree"),
        (Measure.Degree, "degree"),
        (Measure.InDegreeCentrality, "indegree_centrality"),
        (Measure.OutDegreeCentrality, "outdegree_centrality"),
        (Measure.DegreeCentrality, "degree_centrality"),
        (Measure.Eigenvector, "eigenvector"),
        (Measure.PageRank, "pagerank"),
        (Measure.Betweenness, "betweenness"),
        (Measure.Closeness, "closeness"),
        (Measure.Clustering, "clustering"),
        (Measure.KCore, "kcore"),
        (Measure.Community, "community"),
        (Measure.Leiden, "leiden"),
        (Measure.WeakComponent, "wcc"),
        (Measure.StrongComponent, "scc"),
    ];

    /// <summary>Every measure name, in table order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static string Name(Measure measure) => Names.First(n => n.Measure == measure).Name;

    public static bool TryParse(string text, out Measure measure)
    {
        var key = text.Trim().Replace("-", "_", StringComparison.Ordinal).ToLowerInvariant();
        key = key switch
        {
            "in_degree" or "in" => "indegree",
            "out_degree" or "out" => "outdegree",
            "eigenvector_centrality" or "eigen" => "eigenvector",
            "page_rank" or "pr" => "pagerank",
            "betweenness_centrality" => "betweenness",
            "closeness_centrality" => "closeness",
            "clustering_coefficient" or "cc" => "clustering",
            "k_core" or "core" or "core_number" => "kcore",
            "communities" or "louvain" => "community",
            _ => key,
        };
        foreach (var (m, name) in Names)
        {
            if (name == key)
            {
                measure = m;
                return true;
            }
        }

        measure = default;
        return false;
    }

    /// <summary>Parses a comma-separated list such as "indegree,eigenvector,betweenness"; "all" means every measure.</summary>
    public static IReadOnlyList<Measure> ParseList(string text)
    {
        var result = new List<Measure>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(Names.Select(n => n.Measure));
                continue;
            }

            if (!TryParse(part, out var measure))
            {
                throw new ArgumentException($"Unknown measure '{part}'. Known: {string.Join(", ", All)}.", nameof(text));
            }

            result.Add(measure);
        }

        return result.Distinct().ToList();
    }
}
