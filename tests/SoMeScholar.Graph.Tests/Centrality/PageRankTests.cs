using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class PageRankTests
{
    // networkx link_analysis/tests/test_pagerank.py (example from Langville and Meyer); node 2 is dangling.
    private static CsrGraph LangvilleMeyer() => TestGraphs.Parse(true, "1-2 1-3 3-1 3-2 3-5 4-5 4-6 5-4 5-6 6-4");

    [Fact]
    public void Matches_the_networkx_test_values_with_a_dangling_node()
    {
        // test_pagerank: alpha 0.9, tol 1e-8, abs 1e-4.
        var expected = new Dictionary<string, double>
        {
            ["1"] = 0.03721197, ["2"] = 0.05395735, ["3"] = 0.04150565, ["4"] = 0.37508082, ["5"] = 0.20599833, ["6"] = 0.28624589,
        };

        TestGraphs.AssertScores(PageRank.Compute(LangvilleMeyer(), new PageRankOptions { Damping = 0.9, Tolerance = 1e-8 }), expected, 1e-4);
    }

    [Fact]
    public void Sends_dangling_rank_where_the_dangling_weights_say()
    {
        // test_dangling_pagerank: default alpha 0.85, dangling = {1: 2, 2: 3, 3: 0, 4: 0, 5: 0, 6: 0}.
        var graph = LangvilleMeyer();
        var dangling = new double[graph.NodeCount];
        dangling[graph.IndexOf("1")] = 2;
        dangling[graph.IndexOf("2")] = 3;
        var expected = new Dictionary<string, double>
        {
            ["1"] = 0.10844518, ["2"] = 0.18618601, ["3"] = 0.0710892, ["4"] = 0.2683668, ["5"] = 0.15919783, ["6"] = 0.20671497,
        };

        TestGraphs.AssertScores(PageRank.Compute(graph, new PageRankOptions { DanglingWeights = dangling }), expected, 1e-4);
    }

    [Fact]
    public void Teleports_by_the_personalisation_vector()
    {
        // test_personalization: complete_graph(4), personalization {0: 1, 1: 1, 2: 4, 3: 4}.
        var graph = TestGraphs.Complete(4, directed: false);

        var scores = PageRank.Compute(graph, new PageRankOptions { Personalization = [1, 1, 4, 4] });

        Assert.Equal(0.23246732615667579, scores["0"], 1e-4);
        Assert.Equal(0.23246732615667579, scores["1"], 1e-4);
        Assert.Equal(0.267532673843324, scores["2"], 1e-4);
        Assert.Equal(0.2675326738433241, scores["3"], 1e-4);
    }

    [Fact]
    public void Counts_parallel_edges_of_a_multigraph()
    {
        // test_multigraph: edges 1–2 ×3, 2–3 ×2, "3"–3 ×2 (here "3" is called t).
        var builder = new GraphBuilder(false, new GraphBuilderOptions { DuplicateEdges = DuplicateEdges.KeepParallel });
        foreach (var (s, t) in new[] { ("1", "2"), ("1", "2"), ("1", "2"), ("2", "3"), ("2", "3"), ("t", "3"), ("t", "3") })
        {
            builder.AddEdge(s, t);
        }

        var scores = PageRank.Compute(builder.Build());

        Assert.Equal(0.21066048614468322, scores["1"], 1e-4);
        Assert.Equal(0.3395308825985378, scores["2"], 1e-4);
        Assert.Equal(0.28933951385531687, scores["3"], 1e-4);
        Assert.Equal(0.16046911740146227, scores["t"], 1e-4);
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club_and_the_political_blogs()
    {
        // networkx 2.8.8 pagerank, bench/graph/reference_values.py. Same iteration and stopping rule, so equal to ~1e-15.
        var karate = new Dictionary<string, double>
        {
            ["0"] = 0.09700181758983706, ["2"] = 0.05707842304763674, ["11"] = 0.009564916863537146, ["16"] = 0.016785378110253487, ["33"] = 0.10091791674871207,
        };
        var polblogs = new Dictionary<string, double>
        {
            ["0"] = 0.00035980691611885423, ["1"] = 0.0003592599655542815, ["12"] = 0.0019798280297860446, ["55"] = 0.0001971758473545099, ["155"] = 0.0019471014029901587, ["641"] = 0.005779865176508262, ["1051"] = 0.0004767903254163805, ["1245"] = 0.0004885810336815487,
        };

        TestGraphs.AssertSome(PageRank.Compute(TestGraphs.Shared("nx-karate_club", false)), karate, 1e-9);
        TestGraphs.AssertSome(PageRank.Compute(TestGraphs.Shared("gt-polblogs", true)), polblogs, 1e-9);
    }

    [Theory]
    [InlineData(PageRankVariant.NetworkX)]
    [InlineData(PageRankVariant.Snap)]
    public void Sums_to_one(PageRankVariant variant)
    {
        var scores = PageRank.Compute(TestGraphs.Shared("sf-1000", true), new PageRankOptions { Variant = variant });

        Assert.Equal(1.0, scores.Sum(), 1e-9);
        Assert.True(scores.Convergence!.Value.Converged);
    }

    [Fact]
    public void Snap_iteration_reaches_the_same_fixed_point_as_networkx()
    {
        var graph = LangvilleMeyer();

        var snap = PageRank.Compute(graph, new PageRankOptions { Variant = PageRankVariant.Snap, Tolerance = 1e-10, MaxIterations = 1000 });
        var networkx = PageRank.Compute(graph, new PageRankOptions { Tolerance = 1e-12, MaxIterations = 1000 });

        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(networkx[v], snap[v], 1e-8);
        }
    }

    [Fact]
    public void Reports_non_convergence_at_the_iteration_cap()
    {
        var scores = PageRank.Compute(LangvilleMeyer(), new PageRankOptions { MaxIterations = 3 });

        Assert.False(scores.Convergence!.Value.Converged);
        Assert.Equal(3, scores.Convergence.Value.Iterations);
    }

    [Fact]
    public void Rejects_a_personalisation_vector_that_sums_to_zero()
    {
        Assert.Throws<ArgumentException>(() => PageRank.Compute(TestGraphs.Complete(4, false), new PageRankOptions { Personalization = [0, 0, 0, 0] }));
    }

    [Fact]
    public void Gives_the_same_scores_for_any_thread_count()
    {
        var graph = TestGraphs.Shared("sf-10000", directed: true);

        Assert.Equal(
            PageRank.Compute(graph, new PageRankOptions { MaxThreads = 1 }).ToArray(),
            PageRank.Compute(graph, new PageRankOptions { MaxThreads = 3 }).ToArray());
    }
}
