using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class ClosenessTests
{
    [Fact]
    public void Applies_the_wasserman_faust_correction_to_a_disconnected_graph()
    {
        // networkx test_closeness_centrality.py, test_wf_improved: path 0–1–2–3 plus path 4–5–6, abs 1e-3.
        var graph = TestGraphs.Parse(false, "0-1 1-2 2-3 4-5 5-6");

        var corrected = Closeness.Compute(graph);
        var plain = Closeness.Compute(graph, new ClosenessOptions { WassermanFaust = false });

        double[] expected = [0.25, 0.375, 0.375, 0.25, 0.222, 0.333, 0.222];
        double[] expectedPlain = [0.5, 0.75, 0.75, 0.5, 0.667, 1.0, 0.667];
        for (var v = 0; v < 7; v++)
        {
            Assert.Equal(expected[v], corrected[v], 1e-3);
            Assert.Equal(expectedPlain[v], plain[v], 1e-3);
        }
    }

    [Fact]
    public void Uses_incoming_distances_on_a_directed_graph()
    {
        // networkx test_digraph: path 0 → 1 → 2 gives {0: 0, 1: 0.5, 2: 0.667}, abs 1e-3.
        var graph = TestGraphs.Parse(true, "0-1 1-2");

        var scores = Closeness.Compute(graph);

        Assert.Equal(0.0, scores["0"]);
        Assert.Equal(0.5, scores["1"], 1e-3);
        Assert.Equal(0.667, scores["2"], 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_the_krackhardt_kite()
    {
        // networkx test_closeness_centrality.py, test_krackhardt_closeness, abs 1e-3.
        var expected = new Dictionary<string, double>
        {
            ["0"] = 0.529, ["1"] = 0.529, ["2"] = 0.5, ["3"] = 0.6, ["4"] = 0.5, ["5"] = 0.643, ["6"] = 0.643, ["7"] = 0.6, ["8"] = 0.429, ["9"] = 0.31,
        };

        TestGraphs.AssertScores(Closeness.Compute(TestGraphs.KrackhardtKite()), expected, 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_the_florentine_families_and_les_miserables()
    {
        // networkx test_closeness_centrality.py, test_florentine_families_closeness and test_les_miserables_closeness.
        var florentine = new Dictionary<string, double>
        {
            ["Acciaiuoli"] = 0.368, ["Albizzi"] = 0.483, ["Barbadori"] = 0.4375, ["Bischeri"] = 0.400, ["Castellani"] = 0.389,
            ["Ginori"] = 0.333, ["Guadagni"] = 0.467, ["Lamberteschi"] = 0.326, ["Medici"] = 0.560, ["Pazzi"] = 0.286,
            ["Peruzzi"] = 0.368, ["Ridolfi"] = 0.500, ["Salviati"] = 0.389, ["Strozzi"] = 0.4375, ["Tornabuoni"] = 0.483,
        };
        var lesMiserables = new Dictionary<string, double>
        {
            ["Napoleon"] = 0.302, ["Myriel"] = 0.429, ["MlleBaptistine"] = 0.413, ["MmeMagloire"] = 0.413, ["CountessDeLo"] = 0.302, ["Geborand"] = 0.302, ["Champtercier"] = 0.302, ["Cravatte"] = 0.302, ["Count"] = 0.302, ["OldMan"] = 0.302, ["Valjean"] = 0.644, ["Labarre"] = 0.394, ["Marguerite"] = 0.413, ["MmeDeR"] = 0.394, ["Isabeau"] = 0.394, ["Gervais"] = 0.394, ["Listolier"] = 0.341, ["Tholomyes"] = 0.392, ["Fameuil"] = 0.341, ["Blacheville"] = 0.341, ["Favourite"] = 0.341, ["Dahlia"] = 0.341, ["Zephine"] = 0.341, ["Fantine"] = 0.461, ["MmeThenardier"] = 0.461, ["Thenardier"] = 0.517, ["Cosette"] = 0.478, ["Javert"] = 0.517, ["Fauchelevent"] = 0.402, ["Bamatabois"] = 0.427, ["Perpetue"] = 0.318, ["Simplice"] = 0.418, ["Scaufflaire"] = 0.394, ["Woman1"] = 0.396, ["Judge"] = 0.404, ["Champmathieu"] = 0.404, ["Brevet"] = 0.404, ["Chenildieu"] = 0.404, ["Cochepaille"] = 0.404, ["Pontmercy"] = 0.373, ["Boulatruelle"] = 0.342, ["Eponine"] = 0.396, ["Anzelma"] = 0.352, ["Woman2"] = 0.402, ["MotherInnocent"] = 0.398, ["Gribier"] = 0.288, ["MmeBurgon"] = 0.344, ["Jondrette"] = 0.257, ["Gavroche"] = 0.514, ["Gillenormand"] = 0.442, ["Magnon"] = 0.335, ["MlleGillenormand"] = 0.442, ["MmePontmercy"] = 0.315, ["MlleVaubois"] = 0.308, ["LtGillenormand"] = 0.365, ["Marius"] = 0.531, ["BaronessT"] = 0.352, ["Mabeuf"] = 0.396, ["Enjolras"] = 0.481, ["Combeferre"] = 0.392, ["Prouvaire"] = 0.357, ["Feuilly"] = 0.392, ["Courfeyrac"] = 0.4, ["Bahorel"] = 0.394, ["Bossuet"] = 0.475, ["Joly"] = 0.394, ["Grantaire"] = 0.358, ["MotherPlutarch"] = 0.285, ["Gueulemer"] = 0.463, ["Babet"] = 0.463, ["Claquesous"] = 0.452, ["Montparnasse"] = 0.458, ["Toussaint"] = 0.402, ["Child1"] = 0.342, ["Child2"] = 0.342, ["Brujon"] = 0.38, ["MmeHucheloup"] = 0.353,
        };

        TestGraphs.AssertScores(Closeness.Compute(TestGraphs.Shared("nx-florentine_families", false, labelled: true)), florentine, 1e-3);
        TestGraphs.AssertScores(Closeness.Compute(TestGraphs.Shared("nx-les_miserables", false, labelled: true)), lesMiserables, 1e-3);
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club_and_the_directed_political_blogs()
    {
        // networkx 2.8.8 closeness_centrality, bench/graph/reference_values.py.
        var karate = new Dictionary<string, double>
        {
            ["0"] = 0.5689655172413793, ["1"] = 0.4852941176470588, ["16"] = 0.28448275862068967, ["26"] = 0.3626373626373626, ["33"] = 0.55,
        };
        var polblogs = new Dictionary<string, double>
        {
            ["0"] = 0.25373785516187836, ["1"] = 0.20759811442905254, ["12"] = 0.3303969990720566, ["55"] = 0.0, ["155"] = 0.29362336047670784, ["641"] = 0.3820767435793168, ["1051"] = 0.26768036609178486, ["1245"] = 0.2859840602374873,
        };

        TestGraphs.AssertSome(Closeness.Compute(TestGraphs.Shared("nx-karate_club", false)), karate, 1e-12);
        TestGraphs.AssertSome(Closeness.Compute(TestGraphs.Shared("gt-polblogs", true)), polblogs, 1e-12);
    }

    [Fact]
    public void Snap_variant_is_the_inverse_mean_distance_without_correction()
    {
        // a — b — c   and an isolated pair d — e: SNAP gives 1/mean distance within the component.
        var graph = TestGraphs.Parse(false, "a-b b-c d-e");

        var scores = Closeness.Compute(graph, new ClosenessOptions { Variant = ClosenessVariant.Snap });

        Assert.Equal(2.0 / 3, scores["a"], 12);
        Assert.Equal(1.0, scores["b"], 12);
        Assert.Equal(1.0, scores["d"], 12);
    }

    [Fact]
    public void Gives_the_same_scores_for_any_thread_count()
    {
        var graph = TestGraphs.Shared("sf-1000", directed: true);

        Assert.Equal(
            Closeness.Compute(graph, new ClosenessOptions { MaxThreads = 1 }).ToArray(),
            Closeness.Compute(graph, new ClosenessOptions { MaxThreads = 4 }).ToArray());
    }
}
