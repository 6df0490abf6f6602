using System.Diagnostics;
using System.Globalization;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Components;
using SoMeScholar.Graph.IO;

namespace SoMeScholar.Benchmarks.Graph;

/// <summary>
/// The SoMeScholar side of graph-peers, run as its own process (<c>graph-peers --worker MEASURE FILE directed|undirected
/// OUTPUT THREADS</c>) so that its wall time and peak memory are measured like the peers': load, compute, write.
/// Semantics follow networkx (the peers' scripts convert igraph and graph-tool to the same scale).
/// </summary>
internal static class GraphPeerWorker
{
    public static int Run(string[] args)
    {
        var (measure, file, directed, output) = (args[0], args[1], args[2] == "directed", args[3]);
        var threads = int.Parse(args[4], CultureInfo.InvariantCulture);
        var graph = EdgeListReader.Read(file, new EdgeListOptions { Directed = directed });
        var stopwatch = Stopwatch.StartNew();
        NodeScores? scores = null;
        double[]? extra = null;
        var results = new List<(string, string)>();
        switch (measure)
        {
            case "pagerank":
                scores = PageRank.Compute(graph, new PageRankOptions { MaxThreads = threads });
                break;
            case "eigenvector":
                scores = EigenvectorCentrality.Compute(graph, new EigenvectorOptions { MaxIterations = 1000, MaxThreads = threads });
                results.Add(("converged", scores.Convergence!.Value.Converged.ToString()));
                results.Add(("iterations", scores.Convergence.Value.Iterations.ToString(CultureInfo.InvariantCulture)));
                break;
            case "betweenness":
                scores = Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = threads });
                break;
            case "betweenness-sampled":
                scores = ApproximateBetweenness.Compute(graph, new ApproximateBetweennessOptions { Epsilon = 0.01, Delta = 0.1, MaxThreads = threads });
                results.Add(("samples", scores.Approximation!.Value.Samples.ToString(CultureInfo.InvariantCulture)));
                break;
            case "closeness":
                // networkx's closeness, and beside it (r − 1): igraph and graph-tool omit the Wasserman–Faust factor
                // (r − 1)/(n − 1), so the comparison divides it back out.
                var (reach, total) = Closeness.DistanceSums(graph, threads, null, CancellationToken.None);
                var closeness = new double[graph.NodeCount];
                extra = new double[graph.NodeCount];
                for (var v = 0; v < closeness.Length; v++)
                {
                    extra[v] = reach[v] - 1;
                    closeness[v] = total[v] > 0 && graph.NodeCount > 1 ? (reach[v] - 1.0) / total[v] * ((reach[v] - 1.0) / (graph.NodeCount - 1)) : 0;
                }

                scores = new NodeScores("closeness", graph, closeness);
                break;
            case "kcore":
                scores = CoreNumber.Compute(graph);
                break;
            case "clustering":
                scores = ClusteringCoefficient.Compute(graph, new ClusteringOptions { MaxThreads = threads });
                break;
            case "wcc":
            case "scc":
                var components = measure == "scc" ? StronglyConnectedComponents.Compute(graph) : WeaklyConnectedComponents.Compute(graph);
                results.Add(("count", components.Count.ToString(CultureInfo.InvariantCulture)));
                results.Add(("largest", components.LargestSize.ToString(CultureInfo.InvariantCulture)));
                break;
            case "louvain":
                var communities = Louvain.Compute(graph);
                results.Add(("modularity", communities.Modularity.ToString("R", CultureInfo.InvariantCulture)));
                results.Add(("count", communities.Count.ToString(CultureInfo.InvariantCulture)));
                break;
            case "leiden":
                var leiden = Leiden.Compute(graph);
                results.Add(("modularity", leiden.Modularity.ToString("R", CultureInfo.InvariantCulture)));
                results.Add(("count", leiden.Count.ToString(CultureInfo.InvariantCulture)));
                break;
            default:
                Console.Error.WriteLine($"unknown measure {measure}");
                return 2;
        }

        Console.WriteLine($"RESULT compute_seconds={stopwatch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}");
        foreach (var (key, value) in results)
        {
            Console.WriteLine($"RESULT {key}={value}");
        }

        if (scores is not null)
        {
            using var writer = new StreamWriter(output);
            for (var v = 0; v < graph.NodeCount; v++)
            {
                writer.Write(graph.NodeId(v));
                writer.Write(' ');
                writer.Write(scores[v].ToString("R", CultureInfo.InvariantCulture));
                if (extra is not null)
                {
                    writer.Write(' ');
                    writer.Write(extra[v].ToString("R", CultureInfo.InvariantCulture));
                }

                writer.Write('\n');
            }
        }

        return 0;
    }
}
