using System.Diagnostics;
using System.Globalization;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Components;
using SoMeScholar.Graph.IO;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Graph.Tool;

/// <summary>
/// <c>somescholar-graph [options] FILE</c>: reads an edge list, GraphML or GEXF file, computes the requested measures
/// with the engine's <see cref="NetworkMetrics"/> under a preset and writes the CSV of the scripting interface (a
/// <c>node</c> column holding the input's ids, then one column per measure), exactly as
/// <c>somescholar network metrics --input FILE --format csv</c> does, without the database, web and CLI frameworks.
/// A one-line summary per measure (seconds, convergence, modularity, component counts) goes to standard error.
/// </summary>
internal static class GraphTool
{
    public const string Usage = """
        somescholar-graph [options] FILE
          Computes network measures on an edge list (source target [weight] lines; .gz allowed), GraphML or GEXF file
          and writes CSV: node, then one column per measure (same numbers as `somescholar network metrics --input`).
          --measures LIST     comma-separated: indegree, outdegree, degree, *_centrality, eigenvector, pagerank,
                              betweenness, closeness, clustering, kcore, community (Louvain), leiden, wcc, scc, or all
                              (default: indegree,pagerank,eigenvector,betweenness)
          --undirected        read an edge list as undirected, or treat a directed graph as undirected
          --preset NAME       networkx (default) or nodexl
          --sampled           sampled betweenness with an (epsilon, delta) guarantee instead of exact
          --epsilon X         sampled betweenness: maximum absolute error (default 0.01)
          --delta X           sampled betweenness: failure probability (default 0.1)
          --seed N            seed for Louvain, Leiden and sampling (default 42)
          --threads N         threads for parallel measures (default: all processors); results do not depend on it
          --closeness-reach   with closeness: add a column closeness_reached (how many other nodes reach each node),
                              to compare with tools that omit the Wasserman-Faust factor
          --output FILE       write the CSV there instead of standard output
          --quiet             no summary on standard error
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ToolOptions options;
        try
        {
            options = ToolOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            error.WriteLine("somescholar-graph: " + e.Message);
            error.WriteLine(Usage);
            return 2;
        }

        if (options.Help)
        {
            output.WriteLine(Usage);
            return 0;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var graph = GraphFile.Read(options.Input, directed: !options.Undirected).Graph;
            if (options.Undirected && graph.IsDirected)
            {
                graph = graph.AsUndirected();
            }

            var loaded = clock.Elapsed.TotalSeconds;
            if (!options.Quiet)
            {
                error.WriteLine(Invariant($"somescholar-graph: read nodes={graph.NodeCount} edges={graph.EdgeCount} directed={graph.IsDirected} seconds={loaded:0.000}"));
            }

            var columns = new List<NodeScores>();
            foreach (var measure in options.Measures)
            {
                var started = clock.Elapsed.TotalSeconds;
                var (computed, summary) = Compute(graph, measure, options);
                columns.AddRange(computed);
                if (!options.Quiet)
                {
                    error.WriteLine(Invariant($"somescholar-graph: {MeasureNames.Name(measure)} seconds={clock.Elapsed.TotalSeconds - started:0.000}{summary}"));
                }
            }

            if (options.OutputPath is null)
            {
                WriteCsv(graph, columns, output);
            }
            else
            {
                using var file = new StreamWriter(options.OutputPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
                WriteCsv(graph, columns, file);
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or GraphFormatException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine("somescholar-graph: " + e.Message);
            return 1;
        }
    }

    /// <summary>One measure's column(s) and its summary. Partitions are computed here rather than through
    /// <see cref="NetworkMetrics.ComputeOne"/> (with the same options) so that the summary can report their modularity
    /// and counts; the membership columns are identical.</summary>
    private static (NodeScores[] Columns, string Summary) Compute(CsrGraph graph, Measure measure, ToolOptions options)
    {
        var metrics = options.Metrics;
        switch (measure)
        {
            case Measure.Community:
                var louvain = Louvain.Compute(graph, new LouvainOptions { Seed = metrics.Seed });
                return ([louvain.ToScores(graph)], Invariant($" count={louvain.Count} modularity={louvain.Modularity:R}"));
            case Measure.Leiden:
                var leiden = Leiden.Compute(graph, new LeidenOptions { Seed = metrics.Seed });
                return ([leiden.ToScores(graph, "leiden")], Invariant($" count={leiden.Count} modularity={leiden.Modularity:R}"));
            case Measure.WeakComponent:
            case Measure.StrongComponent:
                var components = measure == Measure.StrongComponent ? StronglyConnectedComponents.Compute(graph) : WeaklyConnectedComponents.Compute(graph);
                var name = MeasureNames.Name(measure);
                return ([components.ToScores(graph, name)], Invariant($" count={components.Count} largest={components.LargestSize}"));
            case Measure.Closeness when options.ClosenessReach:
                return (ClosenessWithReach(graph, metrics.MaxThreads), "");
            default:
                var scores = NetworkMetrics.ComputeOne(graph, measure, metrics);
                var summary = scores.Convergence is { } c ? Invariant($" converged={c.Converged} iterations={c.Iterations}")
                    : scores.Approximation is { } a ? Invariant($" epsilon={a.Epsilon:R} delta={a.Delta:R} samples={a.Samples}")
                    : "";
                return ([scores], summary);
        }
    }

    /// <summary>networkx closeness (the default preset's) from one pass of distance sums, and beside it r − 1, the number
    /// of other nodes that reach each node, so that a comparison can divide the Wasserman–Faust factor (r − 1)/(n − 1)
    /// back out for igraph and graph-tool, which omit it.</summary>
    internal static NodeScores[] ClosenessWithReach(CsrGraph graph, int? threads)
    {
        var (reach, total) = Closeness.DistanceSums(graph, threads, null, CancellationToken.None);
        var n = graph.NodeCount;
        var closeness = new double[n];
        var reached = new double[n];
        for (var v = 0; v < n; v++)
        {
            reached[v] = reach[v] - 1;
            closeness[v] = total[v] > 0 && n > 1 ? (reach[v] - 1.0) / total[v] * ((reach[v] - 1.0) / (n - 1)) : 0;
        }

        return [new NodeScores("closeness", graph, closeness), new NodeScores("closeness_reached", graph, reached)];
    }

    /// <summary>The scripting interface's CSV, as <see cref="MetricsTable.WriteCsv"/> writes it.</summary>
    private static void WriteCsv(CsrGraph graph, List<NodeScores> columns, TextWriter writer)
    {
        writer.Write("node");
        foreach (var column in columns)
        {
            writer.Write(',');
            writer.Write(Quote(column.Measure));
        }

        writer.Write('\n');
        Span<char> number = stackalloc char[32];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            writer.Write(Quote(graph.NodeId(v)));
            foreach (var column in columns)
            {
                writer.Write(',');
                if (column[v].TryFormat(number, out var written, "R", CultureInfo.InvariantCulture))
                {
                    writer.Write(number[..written]);
                }
                else
                {
                    writer.Write(column[v].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }

        writer.Flush();
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The parsed command line of <c>somescholar-graph</c>.</summary>
internal sealed record ToolOptions(string Input, IReadOnlyList<Measure> Measures, MetricsOptions Metrics, string? OutputPath, bool ClosenessReach, bool Quiet, bool Help)
{
    public static readonly IReadOnlyList<Measure> DefaultMeasures = [Measure.InDegree, Measure.PageRank, Measure.Eigenvector, Measure.Betweenness];

    public bool Undirected => Metrics.Undirected;

    public static ToolOptions Parse(string[] args)
    {
        string? input = null, outputPath = null;
        IReadOnlyList<Measure> measures = DefaultMeasures;
        var metrics = new MetricsOptions();
        bool reach = false, quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            double Number() => double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new ArgumentException($"{arg} needs a number.");
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    return new ToolOptions("", measures, metrics, null, false, false, Help: true);
                case "--measures" or "-m":
                    measures = MeasureNames.ParseList(Next());
                    break;
                case "--undirected":
                    metrics = metrics with { Undirected = true };
                    break;
                case "--preset":
                    metrics = metrics with { Preset = MetricsOptions.ParsePreset(Next()) };
                    break;
                case "--sampled":
                    metrics = metrics with { Betweenness = BetweennessMethod.Sampled };
                    break;
                case "--epsilon":
                    metrics = metrics with { Epsilon = Number() };
                    break;
                case "--delta":
                    metrics = metrics with { Delta = Number() };
                    break;
                case "--seed":
                    metrics = metrics with { Seed = ulong.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : throw new ArgumentException("--seed needs a non-negative integer.") };
                    break;
                case "--threads":
                    metrics = metrics with { MaxThreads = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads > 0 ? threads : throw new ArgumentException("--threads needs a positive integer.") };
                    break;
                case "--closeness-reach":
                    reach = true;
                    break;
                case "--output" or "-o":
                    outputPath = Next();
                    break;
                case "--input" or "-i":
                    input = Next();
                    break;
                case "--quiet" or "-q":
                    quiet = true;
                    break;
                default:
                    if (arg.StartsWith('-') || input is not null)
                    {
                        throw new ArgumentException($"Unexpected argument '{arg}'.");
                    }

                    input = arg;
                    break;
            }
        }

        if (input is null)
        {
            throw new ArgumentException("Give the graph file to read.");
        }

        if (reach && metrics.Preset != MetricsPreset.NetworkX)
        {
            throw new ArgumentException("--closeness-reach goes with the networkx preset.");
        }

        return new ToolOptions(input, measures, metrics, outputPath, reach, quiet, Help: false);
    }
}
