using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class ClusteringCoefficientTests
{
    [Fact]
    public void Gives_a_triangle_with_a_pendant_edge_its_hand_computed_values()
    {
        //   b
        //  / \
        // a — c — d     a, b: one triangle over one pair → 1; c: one link among 3 neighbours (3 pairs) → 1/3; d → 0.
        var graph = TestGraphs.Parse(false, "a-b b-c a-c c-d");

        var networkx = ClusteringCoefficient.Compute(graph);
        var nodexl = ClusteringCoefficient.Compute(graph, new ClusteringOptions { Variant = ClusteringVariant.NodeXL });

        Assert.Equal([1.0, 1.0, 1.0 / 3, 0], networkx.ToArray());
        Assert.Equal(networkx.ToArray(), nodexl.ToArray());
    }

    [Fact]
    public void Matches_networkx_on_a_directed_complete_graph_with_edges_removed()
    {
        // networkx tests/test_cluster.py, TestDirectedClustering.test_k5.
        var builder = new GraphBuilder(true);
        for (var v = 0; v < 5; v++)
        {
            for (var w = 0; w < 5; w++)
            {
                if (v != w && !(v == 1 && w == 2))
                {
                    builder.AddEdge(v.ToString(System.Globalization.CultureInfo.InvariantCulture), w.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        var scores = ClusteringCoefficient.Compute(builder.Build());

        Assert.Equal([11.0 / 12, 1, 1, 11.0 / 12, 11.0 / 12], scores.ToArray());
    }

    [Fact]
    public void Matches_networkx_on_a_directed_triangle_with_an_extra_edge()
    {
        // networkx TestDirectedClustering.test_triangle_and_edge: cycle 0→1→2→0 plus 0→4 gives clustering(0) = 1/6.
        var graph = TestGraphs.Parse(true, "0-1 1-2 2-0 0-4");

        Assert.Equal(1.0 / 6, ClusteringCoefficient.Compute(graph)["0"], 15);
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club_and_the_directed_political_blogs()
    {
        // networkx 2.8.8 clustering, bench/graph/reference_values.py; average clustering of the karate club 0.5706384782076823.
        var polblogs = new Dictionary<string, double>
        {
            ["0"] = 0.24142857142857144, ["1"] = 0.22977777777777778, ["12"] = 0.26810477657935283, ["55"] = 0.2889237199582027, ["155"] = 0.1929590017825312, ["641"] = 0.15607026270791233, ["1051"] = 0.164519906323185, ["1112"] = 0.17833333333333334, ["1245"] = 0.15122156697556866, ["1489"] = 0,
        };

        var karate = ClusteringCoefficient.Compute(TestGraphs.Shared("nx-karate_club", false));

        Assert.Equal(0.5706384782076823, karate.Sum() / karate.Count, 14);
        Assert.Equal(0.19696969696969696, karate["32"], 15);
        TestGraphs.AssertSome(ClusteringCoefficient.Compute(TestGraphs.Shared("gt-polblogs", true)), polblogs, 1e-14);
    }

    [Fact]
    public void NodeXL_variant_counts_directed_edges_among_neighbours_over_k_times_k_minus_one()
    {
        // a → b, a → c, b → c, c → b: a's neighbours {b, c} have 2 directed edges among them → 2/(2·1) = 1.
        // b's neighbours {a, c}: edges a→c and c→b? only a→c lies among {a, c} → 1/2.
        var graph = TestGraphs.Parse(true, "a-b a-c b-c c-b");

        var scores = ClusteringCoefficient.Compute(graph, new ClusteringOptions { Variant = ClusteringVariant.NodeXL });

        Assert.Equal(1.0, scores["a"]);
        Assert.Equal(0.5, scores["b"]);
        Assert.Equal(0.5, scores["c"]);
    }

    [Fact]
    public void Ignores_self_loops()
    {
        var graph = TestGraphs.Parse(false, "a-a a-b b-c a-c");

        Assert.Equal(1.0, ClusteringCoefficient.Compute(graph)["a"]);
    }
}
