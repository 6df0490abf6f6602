using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class EigenvectorCentralityTests
{
    [Fact]
    public void Gives_every_node_of_K5_one_over_root_five()
    {
        // networkx test_eigenvector_centrality.py, test_K5: sqrt(1/5), abs 1e-7.
        var scores = EigenvectorCentrality.Compute(TestGraphs.Complete(5, directed: false));

        foreach (var value in scores.Values)
        {
            Assert.Equal(Math.Sqrt(0.2), value, 1e-7);
        }

        Assert.True(scores.Convergence!.Value.Converged);
    }

    [Fact]
    public void Gives_the_path_of_three_nodes_half_root_half_half()
    {
        // networkx test_eigenvector_centrality.py, test_P3: {0: 0.5, 1: 0.7071, 2: 0.5}, abs 1e-4.
        //   a — b — c
        var scores = EigenvectorCentrality.Compute(TestGraphs.Parse(false, "a-b b-c"));

        Assert.Equal(0.5, scores["a"], 1e-4);
        Assert.Equal(0.7071, scores["b"], 1e-4);
        Assert.Equal(0.5, scores["c"], 1e-4);
    }

    [Fact]
    public void Uses_in_edges_on_a_directed_graph_as_networkx_does()
    {
        // networkx test_eigenvector_centrality.py, TestEigenvectorCentralityDirected: the graph is the reverse of the
        // edge list below; expected values for nodes 1..8, abs 1e-4. Unweighted and weight 2 give the same vector.
        (int, int)[] edges = [(1, 2), (1, 3), (2, 4), (3, 2), (3, 5), (4, 2), (4, 5), (4, 6), (5, 6), (5, 7), (5, 8), (6, 8), (7, 1), (7, 5), (7, 8), (8, 6), (8, 7)];
        double[] expected = [0.25368793, 0.19576478, 0.32817092, 0.40430835, 0.48199885, 0.15724483, 0.51346196, 0.32475403];
        var plain = new GraphBuilder(true);
        var weighted = new GraphBuilder(true);
        foreach (var (s, t) in edges)
        {
            plain.AddEdge(t.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            weighted.AddEdge(t.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(System.Globalization.CultureInfo.InvariantCulture), 2.0);
        }

        var unweightedScores = EigenvectorCentrality.Compute(plain.Build());
        var weightedScores = EigenvectorCentrality.Compute(weighted.Build(), new EigenvectorOptions { UseWeights = true });

        for (var node = 1; node <= 8; node++)
        {
            var id = node.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected[node - 1], unweightedScores[id], 1e-4);
            Assert.Equal(expected[node - 1], weightedScores[id], 1e-4);
        }
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club()
    {
        // networkx 2.8.8 eigenvector_centrality(karate_club_graph()), bench/graph/reference_values.py.
        var expected = new Dictionary<string, double>
        {
            ["0"] = 0.35548349418519426, ["1"] = 0.26595387045450236, ["2"] = 0.3171893899684447, ["3"] = 0.21117407832057056, ["4"] = 0.0759664588165738, ["5"] = 0.07948057788594245, ["6"] = 0.07948057788594245, ["7"] = 0.1709551149803543, ["8"] = 0.22740509147166046, ["9"] = 0.10267519030637758, ["10"] = 0.0759664588165738, ["11"] = 0.05285416945233646, ["12"] = 0.08425192086558085, ["13"] = 0.22646969838808148, ["14"] = 0.10140627846270833, ["15"] = 0.10140627846270833, ["16"] = 0.02363479426059687, ["17"] = 0.0923967566684595, ["18"] = 0.10140627846270833, ["19"] = 0.14791134007618667, ["20"] = 0.10140627846270833, ["21"] = 0.0923967566684595, ["22"] = 0.10140627846270833, ["23"] = 0.15012328691726787, ["24"] = 0.057053735638028055, ["25"] = 0.05920820250279008, ["26"] = 0.07558192219009326, ["27"] = 0.13347932684333308, ["28"] = 0.13107925627221215, ["29"] = 0.13496528673866567, ["30"] = 0.17476027834493088, ["31"] = 0.19103626979791702, ["32"] = 0.3086510477336959, ["33"] = 0.37337121301323495,
        };

        var scores = EigenvectorCentrality.Compute(TestGraphs.Shared("nx-karate_club", directed: false));

        TestGraphs.AssertScores(scores, expected, 1e-12);
    }

    [Fact]
    public void Matches_networkx_on_the_directed_political_blogs()
    {
        // networkx 2.8.8 eigenvector_centrality(polblogs, max_iter=1000), bench/graph/reference_values.py.
        var expected = new Dictionary<string, double>
        {
            ["0"] = 0.005778247615321455, ["1"] = 0.0005209745426450157, ["12"] = 0.05861904676358137, ["55"] = 7.361895396939513e-55, ["155"] = 0.02237148581781144, ["641"] = 0.1616204490388652, ["1051"] = 0.002187336517531462, ["1112"] = 7.361895396939513e-55, ["1245"] = 0.0030719799016841074, ["1489"] = 7.361895396939513e-55,
        };

        var scores = EigenvectorCentrality.Compute(TestGraphs.Shared("gt-polblogs", directed: true), new EigenvectorOptions { MaxIterations = 1000 });

        TestGraphs.AssertSome(scores, expected, 1e-12);
    }

    [Fact]
    public void Reports_non_convergence_of_the_unshifted_iteration_on_a_three_node_path_instead_of_looping()
    {
        // a — b — c is bipartite: x ← Ax alternates between (1, 2, 1)/√6 and (1, 1, 1)/√3 for ever (graph-tool's
        // eigenvector never converges here). SNAP's iteration stops at its cap of 100 and says so.
        var scores = EigenvectorCentrality.Compute(TestGraphs.Parse(false, "a-b b-c"), new EigenvectorOptions
        {
            Variant = EigenvectorVariant.Snap,
            Tolerance = 1e-4,
        });

        var convergence = scores.Convergence!.Value;
        Assert.False(convergence.Converged);
        Assert.Equal(100, convergence.Iterations);
        Assert.True(convergence.Residual > 0.1);
    }

    [Fact]
    public void Reports_non_convergence_when_the_cap_is_reached()
    {
        var scores = EigenvectorCentrality.Compute(TestGraphs.Shared("nx-karate_club", directed: false), new EigenvectorOptions { MaxIterations = 2 });

        Assert.Equal(new Convergence(false, 2, scores.Convergence!.Value.Residual), scores.Convergence);
    }

    [Fact]
    public void Unshifted_snap_iteration_agrees_with_networkx_on_a_non_bipartite_graph()
    {
        var graph = TestGraphs.Shared("nx-karate_club", directed: false);

        var snap = EigenvectorCentrality.Compute(graph, new EigenvectorOptions { Variant = EigenvectorVariant.Snap, Tolerance = 1e-4 });
        var networkx = EigenvectorCentrality.Compute(graph);

        Assert.True(snap.Convergence!.Value.Converged);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(networkx[v], snap[v], 1e-3);
        }
    }

    [Fact]
    public void Gives_the_same_scores_for_any_thread_count()
    {
        var graph = TestGraphs.Shared("sf-10000", directed: true);

        var one = EigenvectorCentrality.Compute(graph, new EigenvectorOptions { MaxThreads = 1 });
        var four = EigenvectorCentrality.Compute(graph, new EigenvectorOptions { MaxThreads = 4 });

        Assert.Equal(one.ToArray(), four.ToArray());
    }
}
