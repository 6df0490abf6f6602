using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Components;

namespace SoMeScholar.Graph.Metrics;

/// <summary>
/// Computes a set of measures under a preset: the one call behind <c>somescholar network metrics</c> and the web page.
/// </summary>
public static class NetworkMetrics
{
    public static MetricsTable Compute(CsrGraph graph, IReadOnlyList<Measure> measures, MetricsOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new MetricsOptions();
        var g = options.Undirected ? graph.AsUndirected() : graph;
        var columns = new NodeScores[measures.Count];
        for (var i = 0; i < measures.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new GraphProgress(MeasureNames.Name(measures[i]), 0, 1));
            columns[i] = ComputeOne(g, measures[i], options, progress, cancellationToken);
        }

        return new MetricsTable(g, columns, options);
    }

    /// <summary>One measure under the options' preset (the graph is used as given; apply <c>AsUndirected()</c> first for
    /// <see cref="MetricsOptions.Undirected"/>).</summary>
    public static NodeScores ComputeOne(CsrGraph graph, Measure measure, MetricsOptions options, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var nodexl = options.Preset == MetricsPreset.NodeXL;
        var threads = options.MaxThreads;
        return measure switch
        {
            Measure.InDegree => Degree.Compute(graph, DegreeKind.In),
            Measure.OutDegree => Degree.Compute(graph, DegreeKind.Out),
            Measure.Degree => Degree.Compute(graph, DegreeKind.Total),
            Measure.InDegreeCentrality => Degree.Compute(graph, DegreeKind.In, normalized: true),
            Measure.OutDegreeCentrality => Degree.Compute(graph, DegreeKind.Out, normalized: true),
            Measure.DegreeCentrality => Degree.Compute(graph, DegreeKind.Total, normalized: true),
            Measure.Eigenvector => nodexl
                ? OnNonIsolated(graph.AsUndirected(), graph, "eigenvector", g => EigenvectorCentrality.Compute(g, new EigenvectorOptions
                {
                    Variant = EigenvectorVariant.Snap,
                    Tolerance = 1e-4,
                    MaxIterations = 100,
                    MaxThreads = threads,
                }, cancellationToken))
                : EigenvectorCentrality.Compute(graph, new EigenvectorOptions { MaxThreads = threads }, cancellationToken),
            Measure.PageRank => nodexl
                ? OnNonIsolated(graph, graph, "pagerank", g => PageRank.Compute(g, new PageRankOptions
                {
                    Variant = PageRankVariant.Snap,
                    Tolerance = 1e-4,
                    MaxIterations = 100,
                    MaxThreads = threads,
                }, cancellationToken))
                : PageRank.Compute(graph, new PageRankOptions { MaxThreads = threads }, cancellationToken),
            Measure.Betweenness => BetweennessFor(nodexl ? graph.AsUndirected() : graph, graph, normalized: !nodexl, options, progress, cancellationToken),
            Measure.Closeness => nodexl
                ? Rename(Closeness.Compute(graph.AsUndirected(), new ClosenessOptions { Variant = ClosenessVariant.Snap, MaxThreads = threads }, progress, cancellationToken), graph)
                : Closeness.Compute(graph, new ClosenessOptions { MaxThreads = threads }, progress, cancellationToken),
            Measure.Clustering => ClusteringCoefficient.Compute(graph, new ClusteringOptions
            {
                Variant = nodexl ? ClusteringVariant.NodeXL : ClusteringVariant.NetworkX,
                MaxThreads = threads,
            }, cancellationToken),
            Measure.KCore => CoreNumber.Compute(graph, cancellationToken),
            Measure.Community => Louvain.Compute(graph, new LouvainOptions { Seed = options.Seed }, progress, cancellationToken).ToScores(graph),
            Measure.Leiden => Leiden.Compute(graph, new LeidenOptions { Seed = options.Seed }, progress, cancellationToken).ToScores(graph, "leiden"),
            Measure.WeakComponent => WeaklyConnectedComponents.Compute(graph, cancellationToken).ToScores(graph, "wcc"),
            Measure.StrongComponent => StronglyConnectedComponents.Compute(graph, cancellationToken).ToScores(graph, "scc"),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
        };
    }

    private static NodeScores BetweennessFor(CsrGraph used, CsrGraph original, bool normalized, MetricsOptions options, IProgress<GraphProgress>? progress, CancellationToken cancellationToken)
    {
        var scores = options.Betweenness == BetweennessMethod.Sampled
            ? ApproximateBetweenness.Compute(used, new ApproximateBetweennessOptions
            {
                Epsilon = options.Epsilon,
                Delta = options.Delta,
                Seed = options.Seed,
                Normalized = normalized,
                MaxThreads = options.MaxThreads,
            }, progress, cancellationToken)
            : Centrality.Betweenness.Compute(used, new BetweennessOptions { Normalized = normalized, MaxThreads = options.MaxThreads }, progress, cancellationToken);
        return Rename(scores, original);
    }

    /// <summary>Scores computed on a view of the graph (same node indices) re-attached to the original graph.</summary>
    private static NodeScores Rename(NodeScores scores, CsrGraph original) =>
        new(scores.Measure, original, scores.ToArray(), scores.Convergence, scores.Approximation);

    /// <summary>
    /// NodeXL passes SNAP only its edges, so isolated vertices are not in SNAP's graph (they change N) and NodeXL reports
    /// 0 for them. Computes on the subgraph of non-isolated nodes and maps back.
    /// </summary>
    private static NodeScores OnNonIsolated(CsrGraph graph, CsrGraph original, string measure, Func<CsrGraph, NodeScores> compute)
    {
        var n = graph.NodeCount;
        var isolated = 0;
        for (var v = 0; v < n; v++)
        {
            if (graph.OutDegree(v) == 0 && graph.InDegree(v) == 0)
            {
                isolated++;
            }
        }

        if (isolated == 0)
        {
            return Rename(compute(graph), original);
        }

        var (sub, originalIndex) = graph.InducedSubgraph(v => graph.OutDegree(v) > 0 || graph.InDegree(v) > 0);
        var scores = compute(sub);
        var values = new double[n];
        for (var i = 0; i < originalIndex.Length; i++)
        {
            values[originalIndex[i]] = scores[i];
        }

        return new NodeScores(measure, original, values, scores.Convergence, scores.Approximation);
    }
}
