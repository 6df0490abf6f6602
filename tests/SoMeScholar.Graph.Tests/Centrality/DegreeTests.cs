using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class DegreeTests
{
    [Fact]
    public void Counts_in_out_and_total_degree_of_a_directed_graph()
    {
        //   a → b → c
        //   ↑_______|   (c → a), plus a → c
        var graph = TestGraphs.Parse(true, "a-b b-c c-a a-c");

        Assert.Equal([1, 1, 2], Degree.Compute(graph, DegreeKind.In).ToArray());
        Assert.Equal([2, 1, 1], Degree.Compute(graph, DegreeKind.Out).ToArray());
        Assert.Equal([3, 2, 3], Degree.Compute(graph, DegreeKind.Total).ToArray());
    }

    [Fact]
    public void Counts_an_undirected_self_loop_twice_as_networkx_does()
    {
        var graph = TestGraphs.Parse(false, "a-a a-b");

        Assert.Equal([3, 1], Degree.Compute(graph, DegreeKind.Total).ToArray());
    }

    [Fact]
    public void Normalised_degree_matches_networkx_degree_centrality_on_the_krackhardt_kite()
    {
        // networkx/algorithms/centrality/tests/test_degree_centrality.py, test_degree_centrality_3 (3 decimals).
        var expected = new Dictionary<string, double>
        {
            ["0"] = 0.444, ["1"] = 0.444, ["2"] = 0.333, ["3"] = 0.667, ["4"] = 0.333,
            ["5"] = 0.556, ["6"] = 0.556, ["7"] = 0.333, ["8"] = 0.222, ["9"] = 0.111,
        };

        var scores = Degree.Compute(TestGraphs.KrackhardtKite(), DegreeKind.Total, normalized: true);

        TestGraphs.AssertScores(scores, expected, 5e-4);
        Assert.Equal("degree_centrality", scores.Measure);
    }

    [Fact]
    public void Normalised_degree_is_raw_degree_over_n_minus_one()
    {
        var graph = TestGraphs.Shared("sf-1000", directed: true);

        var raw = Degree.Compute(graph, DegreeKind.In);
        var normalised = Degree.Compute(graph, DegreeKind.In, normalized: true);

        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(raw[v] / (graph.NodeCount - 1), normalised[v], 12);
        }
    }
}
