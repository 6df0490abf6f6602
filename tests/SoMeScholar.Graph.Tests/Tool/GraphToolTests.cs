using System.Globalization;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.IO;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Graph.Tool;
using SoMeScholar.Testing;

namespace SoMeScholar.Graph.Tests.Tool;

/// <summary>The <c>somescholar-graph</c> command (what the peer benchmark measures) writes the same numbers as the engine.</summary>
public class GraphToolTests
{
    private static readonly string Karate = SharedFiles.Graph("nx-karate_club.edges.gz");

    private static (int Code, string Csv, string Summary) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = GraphTool.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string[]> Rows(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1..]);

    [Fact]
    public void Writes_the_scripting_csv_with_the_same_values_as_the_metrics_table()
    {
        var (code, csv, _) = Run("--undirected", "--measures", "pagerank,betweenness,kcore", Karate);

        Assert.Equal(0, code);
        Assert.StartsWith("node,pagerank,betweenness,kcore\n", csv, StringComparison.Ordinal);
        var graph = GraphFile.Read(Karate, directed: false).Graph;
        var table = NetworkMetrics.Compute(graph, [Measure.PageRank, Measure.Betweenness, Measure.KCore]);
        var expected = new StringWriter(CultureInfo.InvariantCulture);
        table.WriteCsv(expected);
        Assert.Equal(expected.ToString(), csv);
    }

    [Fact]
    public void Reports_louvain_modularity_and_component_counts_on_standard_error()
    {
        var (code, csv, summary) = Run("--undirected", "--measures", "community,wcc", "--threads", "1", Karate);

        Assert.Equal(0, code);
        var graph = GraphFile.Read(Karate, directed: false).Graph;
        var louvain = Louvain.Compute(graph, new LouvainOptions { Seed = 42 });
        Assert.Contains($"community seconds=", summary, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"count={louvain.Count} modularity={louvain.Modularity:R}"), summary, StringComparison.Ordinal);
        Assert.Contains("wcc seconds=", summary, StringComparison.Ordinal);
        Assert.Contains("count=1 largest=34", summary, StringComparison.Ordinal);
        var rows = Rows(csv);
        Assert.Equal(34, rows.Count);
        Assert.Equal(louvain.Count, rows.Values.Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public void Closeness_reach_gives_networkx_closeness_and_the_number_of_nodes_reaching_each_node()
    {
        // Directed path a → b → c plus an isolated pair d → e: c is reached by 2 nodes, b by 1, a by none.
        var path = Path.Combine(Path.GetTempPath(), $"somescholar-graph-{Guid.NewGuid():N}.edges");
        File.WriteAllText(path, "a b\nb c\nd e\n");
        try
        {
            var (code, csv, _) = Run("--measures", "closeness", "--closeness-reach", "-q", path);

            Assert.Equal(0, code);
            Assert.StartsWith("node,closeness,closeness_reached\n", csv, StringComparison.Ordinal);
            var rows = Rows(csv);
            var graph = GraphFile.Read(path).Graph;
            var closeness = Closeness.Compute(graph);
            foreach (var id in new[] { "a", "b", "c", "d", "e" })
            {
                Assert.Equal(closeness[id], double.Parse(rows[id][0], CultureInfo.InvariantCulture), 12);
            }

            Assert.Equal(["0", "1", "2", "0", "1"], new[] { "a", "b", "c", "d", "e" }.Select(id => rows[id][1]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Refuses_unknown_measures_and_missing_files_with_a_message()
    {
        var unknown = Run("--measures", "fame", Karate);
        var missing = Run("/nonexistent/graph.edges");

        Assert.Equal(2, unknown.Code);
        Assert.Contains("Unknown measure 'fame'", unknown.Summary, StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Contains("not found", missing.Summary, StringComparison.Ordinal);
    }
}
