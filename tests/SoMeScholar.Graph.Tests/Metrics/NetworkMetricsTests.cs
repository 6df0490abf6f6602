using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Graph.Tests.Metrics;

public class NetworkMetricsTests
{
    [Fact]
    public void Parses_measure_lists_with_aliases_and_rejects_unknown_names()
    {
        Assert.Equal([Measure.InDegree, Measure.Eigenvector, Measure.Betweenness], MeasureNames.ParseList("in-degree, eigenvector,betweenness"));
        Assert.Equal(MeasureNames.All.Count, MeasureNames.ParseList("all").Count);
        Assert.Throws<ArgumentException>(() => MeasureNames.ParseList("indegree,fame"));
        Assert.Equal(MetricsPreset.NodeXL, MetricsOptions.ParsePreset("NodeXL"));
    }

    [Fact]
    public void Writes_csv_with_a_node_column_then_one_column_per_measure()
    {
        // a → b, "c,d" → b
        var graph = TestGraphs.FromEdges(true, ("a", "b"), ("c,d", "b"));

        var table = NetworkMetrics.Compute(graph, [Measure.InDegree, Measure.OutDegree]);
        var csv = new StringWriter();
        table.WriteCsv(csv);

        Assert.Equal("node,indegree,outdegree\na,0,1\nb,2,0\n\"c,d\",0,1\n", csv.ToString());
    }

    [Fact]
    public void Networkx_preset_keeps_direction_and_normalises_betweenness()
    {
        var graph = TestGraphs.Shared("gt-polblogs", directed: true);

        var table = NetworkMetrics.Compute(graph, [Measure.Betweenness]);

        Assert.Equal(Betweenness.Compute(graph).ToArray(), table["betweenness"].ToArray());
    }

    [Fact]
    public void Nodexl_preset_uses_undirected_unnormalised_betweenness_with_each_pair_once()
    {
        // a → b → c directed: on the undirected view b lies on the single pair {a, c}: 1 (networkx normalised directed: 0.5).
        var graph = TestGraphs.Parse(true, "a-b b-c");

        var nodexl = NetworkMetrics.Compute(graph, [Measure.Betweenness], new MetricsOptions { Preset = MetricsPreset.NodeXL });

        Assert.Equal([0.0, 1, 0], nodexl["betweenness"].ToArray());
        Assert.True(nodexl.Graph.IsDirected);
    }

    [Fact]
    public void Nodexl_preset_gives_the_kite_its_unnormalised_undirected_betweenness()
    {
        // networkx test_krackhardt_kite_graph values halved (each unordered pair once), abs 1e-3.
        var scores = NetworkMetrics.Compute(TestGraphs.KrackhardtKite(), [Measure.Betweenness], new MetricsOptions { Preset = MetricsPreset.NodeXL })["betweenness"];

        Assert.Equal(28.0 / 2, scores["7"], 1e-3);
        Assert.Equal(16.667 / 2, scores["5"], 1e-3);
    }

    [Fact]
    public void Nodexl_preset_gives_isolated_vertices_zero_and_l2_normalised_undirected_eigenvector()
    {
        // Triangle a–b–c with pendant d (given as directed edges), and isolated e.
        var builder = new GraphBuilder(true);
        foreach (var (s, t) in new[] { ("a", "b"), ("b", "c"), ("c", "a"), ("d", "c") })
        {
            builder.AddEdge(s, t);
        }

        builder.AddNode("e");
        var graph = builder.Build();

        var table = NetworkMetrics.Compute(graph, [Measure.Eigenvector, Measure.PageRank, Measure.Closeness], new MetricsOptions { Preset = MetricsPreset.NodeXL });
        var eigenvector = table["eigenvector"];
        var undirected = EigenvectorCentrality.Compute(TestGraphs.Parse(false, "a-b b-c c-a d-c"), new EigenvectorOptions
        {
            Variant = EigenvectorVariant.Snap,
            Tolerance = 1e-4,
        });

        Assert.Equal(0.0, eigenvector["e"]);
        Assert.Equal(0.0, table["pagerank"]["e"]);
        Assert.Equal(0.0, table["closeness"]["e"]);
        Assert.Equal(1.0, eigenvector.ToArray().Sum(x => x * x), 12);
        for (var v = 0; v < 4; v++)
        {
            Assert.Equal(undirected[v], eigenvector[v], 15);
        }

        Assert.Equal(1.0, table["pagerank"].Sum(), 9);
    }

    [Fact]
    public void Undirected_option_computes_every_measure_on_the_undirected_view()
    {
        var graph = TestGraphs.Parse(true, "a-b b-c");

        var table = NetworkMetrics.Compute(graph, [Measure.Degree, Measure.Closeness], new MetricsOptions { Undirected = true });

        Assert.False(table.Graph.IsDirected);
        Assert.Equal([1.0, 2, 1], table["degree"].ToArray());
        Assert.Equal(1.0, table["closeness"]["b"], 15);
    }

    [Fact]
    public void Sampled_betweenness_carries_its_error_bound()
    {
        var graph = TestGraphs.Shared("nx-karate_club", directed: false);

        var scores = NetworkMetrics.Compute(graph, [Measure.Betweenness], new MetricsOptions { Betweenness = BetweennessMethod.Sampled, Epsilon = 0.05, Delta = 0.05 })["betweenness"];

        Assert.Equal(0.05, scores.Approximation!.Value.Epsilon);
        Assert.Equal(0.05, scores.Approximation.Value.Delta);
        Assert.True(scores.Approximation.Value.Samples > 0);
    }

    [Fact]
    public void Computes_every_measure_with_one_call()
    {
        var graph = TestGraphs.Shared("nx-karate_club", directed: false);

        var table = NetworkMetrics.Compute(graph, MeasureNames.ParseList("all"));

        Assert.Equal(MeasureNames.All, table.Columns.Select(c => c.Measure));
        Assert.Equal(4.0, table["kcore"]["0"]);
        Assert.Equal(0.0, table["wcc"]["33"]);
    }
}
