using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class BetweennessTests
{
    [Fact]
    public void Gives_the_centre_of_a_star_every_pair_of_leaves()
    {
        //     b
        //     |
        // c — a — d     a lies on the 3 leaf pairs {b,c}, {b,d}, {c,d}.
        var graph = TestGraphs.Parse(false, "a-b a-c a-d");

        var raw = Betweenness.Compute(graph, new BetweennessOptions { Normalized = false });
        var normalised = Betweenness.Compute(graph);

        Assert.Equal([3.0, 0, 0, 0], raw.ToArray());
        Assert.Equal(1.0, normalised["a"], 12); // 3 / ((n−1)(n−2)/2) = 3/3
    }

    [Fact]
    public void Counts_ordered_pairs_on_a_directed_path()
    {
        // a → b → c: b is on the path a→c only.
        var graph = TestGraphs.Parse(true, "a-b b-c");

        Assert.Equal([0.0, 1, 0], Betweenness.Compute(graph, new BetweennessOptions { Normalized = false }).ToArray());
        Assert.Equal(0.5, Betweenness.Compute(graph)["b"], 12); // 1 / ((n−1)(n−2)) = 1/2
    }

    [Fact]
    public void Splits_credit_between_equally_short_paths()
    {
        //   b
        //  / \
        // a   d      two shortest a–d paths: b and c get ½ each.
        //  \ /
        //   c
        var graph = TestGraphs.Parse(false, "a-b a-c b-d c-d");

        var raw = Betweenness.Compute(graph, new BetweennessOptions { Normalized = false });

        Assert.Equal(0.5, raw["b"], 12);
        Assert.Equal(0.5, raw["c"], 12);
        Assert.Equal(0.5, raw["a"], 12); // b–c pair: via a or via d
    }

    [Fact]
    public void Counts_endpoints_when_asked()
    {
        // networkx betweenness_centrality(path_graph(3), normalized=False, endpoints=True) = {0: 2, 1: 3, 2: 2}.
        var graph = TestGraphs.Parse(false, "a-b b-c");

        var scores = Betweenness.Compute(graph, new BetweennessOptions { Normalized = false, Endpoints = true });

        Assert.Equal([2.0, 3, 2], scores.ToArray());
    }

    [Fact]
    public void Matches_networkx_on_the_krackhardt_kite()
    {
        // networkx test_betweenness_centrality.py, test_krackhardt_kite_graph: the listed values halved, abs 1e-3.
        var expected = new Dictionary<string, double>
        {
            ["0"] = 1.667 / 2, ["1"] = 1.667 / 2, ["2"] = 0, ["3"] = 7.333 / 2, ["4"] = 0,
            ["5"] = 16.667 / 2, ["6"] = 16.667 / 2, ["7"] = 28.0 / 2, ["8"] = 16.0 / 2, ["9"] = 0,
        };

        var scores = Betweenness.Compute(TestGraphs.KrackhardtKite(), new BetweennessOptions { Normalized = false });

        TestGraphs.AssertScores(scores, expected, 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_the_florentine_families()
    {
        // networkx test_betweenness_centrality.py, test_florentine_families_graph (normalized), abs 1e-3.
        var expected = new Dictionary<string, double>
        {
            ["Acciaiuoli"] = 0.000, ["Albizzi"] = 0.212, ["Barbadori"] = 0.093, ["Bischeri"] = 0.104, ["Castellani"] = 0.055,
            ["Ginori"] = 0.000, ["Guadagni"] = 0.255, ["Lamberteschi"] = 0.000, ["Medici"] = 0.522, ["Pazzi"] = 0.000,
            ["Peruzzi"] = 0.022, ["Ridolfi"] = 0.114, ["Salviati"] = 0.143, ["Strozzi"] = 0.103, ["Tornabuoni"] = 0.092,
        };

        var scores = Betweenness.Compute(TestGraphs.Shared("nx-florentine_families", directed: false, labelled: true));

        TestGraphs.AssertScores(scores, expected, 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_les_miserables()
    {
        // networkx test_betweenness_centrality.py, test_les_miserables_graph (normalized), abs 1e-3.
        var expected = new Dictionary<string, double>
        {
            ["Napoleon"] = 0.0, ["Myriel"] = 0.177, ["MlleBaptistine"] = 0.0, ["MmeMagloire"] = 0.0, ["CountessDeLo"] = 0.0, ["Geborand"] = 0.0, ["Champtercier"] = 0.0, ["Cravatte"] = 0.0, ["Count"] = 0.0, ["OldMan"] = 0.0, ["Valjean"] = 0.57, ["Labarre"] = 0.0, ["Marguerite"] = 0.0, ["MmeDeR"] = 0.0, ["Isabeau"] = 0.0, ["Gervais"] = 0.0, ["Listolier"] = 0.0, ["Tholomyes"] = 0.041, ["Fameuil"] = 0.0, ["Blacheville"] = 0.0, ["Favourite"] = 0.0, ["Dahlia"] = 0.0, ["Zephine"] = 0.0, ["Fantine"] = 0.13, ["MmeThenardier"] = 0.029, ["Thenardier"] = 0.075, ["Cosette"] = 0.024, ["Javert"] = 0.054, ["Fauchelevent"] = 0.026, ["Bamatabois"] = 0.008, ["Perpetue"] = 0.0, ["Simplice"] = 0.009, ["Scaufflaire"] = 0.0, ["Woman1"] = 0.0, ["Judge"] = 0.0, ["Champmathieu"] = 0.0, ["Brevet"] = 0.0, ["Chenildieu"] = 0.0, ["Cochepaille"] = 0.0, ["Pontmercy"] = 0.007, ["Boulatruelle"] = 0.0, ["Eponine"] = 0.011, ["Anzelma"] = 0.0, ["Woman2"] = 0.0, ["MotherInnocent"] = 0.0, ["Gribier"] = 0.0, ["MmeBurgon"] = 0.026, ["Jondrette"] = 0.0, ["Gavroche"] = 0.165, ["Gillenormand"] = 0.02, ["Magnon"] = 0.0, ["MlleGillenormand"] = 0.048, ["MmePontmercy"] = 0.0, ["MlleVaubois"] = 0.0, ["LtGillenormand"] = 0.0, ["Marius"] = 0.132, ["BaronessT"] = 0.0, ["Mabeuf"] = 0.028, ["Enjolras"] = 0.043, ["Combeferre"] = 0.001, ["Prouvaire"] = 0.0, ["Feuilly"] = 0.001, ["Courfeyrac"] = 0.005, ["Bahorel"] = 0.002, ["Bossuet"] = 0.031, ["Joly"] = 0.002, ["Grantaire"] = 0.0, ["MotherPlutarch"] = 0.0, ["Gueulemer"] = 0.005, ["Babet"] = 0.005, ["Claquesous"] = 0.005, ["Montparnasse"] = 0.004, ["Toussaint"] = 0.0, ["Child1"] = 0.0, ["Child2"] = 0.0, ["Brujon"] = 0.0, ["MmeHucheloup"] = 0.0,
        };

        var scores = Betweenness.Compute(TestGraphs.Shared("nx-les_miserables", directed: false, labelled: true));

        TestGraphs.AssertScores(scores, expected, 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club_and_the_directed_political_blogs()
    {
        // networkx 2.8.8 betweenness_centrality (normalized), bench/graph/reference_values.py.
        var karate = new Dictionary<string, double>
        {
            ["0"] = 0.4376352813852815, ["1"] = 0.05393668831168831, ["2"] = 0.14365680615680615, ["9"] = 0.0008477633477633478, ["19"] = 0.03247504810004811, ["31"] = 0.13827561327561327, ["32"] = 0.14524711399711404, ["33"] = 0.30407497594997596,
        };
        var polblogs = new Dictionary<string, double>
        {
            ["0"] = 6.96934492322616e-05, ["1"] = 0.0011311005072635314, ["12"] = 0.0013048966508493907, ["55"] = 0.0, ["155"] = 0.003641301767666709, ["641"] = 0.007228593924521089, ["1051"] = 0.0010128190610841207, ["1245"] = 0.0016093540045045113,
        };

        TestGraphs.AssertSome(Betweenness.Compute(TestGraphs.Shared("nx-karate_club", false)), karate, 1e-12);
        TestGraphs.AssertSome(Betweenness.Compute(TestGraphs.Shared("gt-polblogs", true)), polblogs, 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Normalised_scores_are_raw_scores_over_the_number_of_pairs(bool directed)
    {
        var graph = TestGraphs.Shared("sf-1000", directed);
        var n = (double)graph.NodeCount;
        var pairs = directed ? (n - 1) * (n - 2) : (n - 1) * (n - 2) / 2;

        var raw = Betweenness.Compute(graph, new BetweennessOptions { Normalized = false });
        var normalised = Betweenness.Compute(graph);

        for (var v = 0; v < graph.NodeCount; v++)
        {
            Assert.Equal(raw[v] / pairs, normalised[v], 1e-15);
        }
    }

    [Fact]
    public void Gives_bit_identical_scores_for_any_thread_count()
    {
        var graph = TestGraphs.Shared("sf-1000", directed: true);

        var one = Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = 1 }).ToArray();
        var two = Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = 2 }).ToArray();
        var five = Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = 5 }).ToArray();

        Assert.Equal(one, two);
        Assert.Equal(one, five);
    }

    [Fact]
    public void Reports_progress_up_to_every_source_and_honours_cancellation()
    {
        var graph = TestGraphs.Shared("sf-1000", directed: true);
        var reports = new List<GraphProgress>();
        var progress = new SynchronousProgress(reports.Add);

        Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = 2 }, progress);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(new GraphProgress("betweenness", 1000, 1000), reports[^1]);
        Assert.True(reports.Count > 10);
        Assert.ThrowsAny<OperationCanceledException>(() => Betweenness.Compute(graph, cancellationToken: cancelled.Token));
    }
}

/// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<GraphProgress> report) : IProgress<GraphProgress>
{
    private readonly Lock _gate = new();

    public void Report(GraphProgress value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
