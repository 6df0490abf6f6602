using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class CoreNumberTests
{
    [Fact]
    public void Reproduces_figure_1_of_batagelj_and_zaversnik()
    {
        // networkx tests/test_core.py, TestCore: two tetrahedra 1–4 and 5–8 plus the listed edges and isolated node 21;
        // the 3-core is nodes 1–8, the 2-core 9–16, the 1-core 17–20, node 21 has core number 0.
        var builder = new GraphBuilder(false);
        foreach (var (a, b) in new[]
        {
            (1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4), (5, 6), (5, 7), (5, 8), (6, 7), (6, 8), (7, 8),
            (3, 7), (2, 11), (11, 5), (11, 12), (5, 12), (12, 19), (12, 18), (3, 9), (7, 9), (7, 10), (9, 10), (9, 20),
            (17, 13), (13, 14), (14, 15), (15, 16), (16, 13),
        })
        {
            builder.AddEdge(a.ToString(System.Globalization.CultureInfo.InvariantCulture), b.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.AddNode("21");

        var core = CoreNumber.Compute(builder.Build());

        for (var v = 1; v <= 21; v++)
        {
            var expected = v <= 8 ? 3 : v <= 16 ? 2 : v <= 20 ? 1 : 0;
            Assert.Equal(expected, core[v.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    [Fact]
    public void Uses_in_plus_out_degree_on_directed_graphs()
    {
        // networkx test_directed_core_number (issue #1959).
        var graph = TestGraphs.Parse(true, "1-2 2-1 2-3 2-4 3-4 4-3");
        var larger = TestGraphs.Parse(true, "1-2 2-1 2-3 2-4 3-4 4-3 1-5 3-5 4-5 3-6 4-6 5-6");

        Assert.Equal([2.0, 2, 2, 2], CoreNumber.Compute(graph).ToArray());
        Assert.Equal([3.0, 3, 3, 3, 3, 3], CoreNumber.Compute(larger).ToArray());
    }

    [Fact]
    public void Matches_networkx_on_the_karate_club_and_the_political_blogs()
    {
        // networkx 2.8.8 core_number, bench/graph/reference_values.py (polblogs with its 3 self-loops removed).
        double[] karate = [4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4];
        var polblogs = new Dictionary<string, double>
        {
            ["0"] = 23, ["1"] = 33, ["12"] = 40, ["55"] = 43, ["155"] = 33, ["641"] = 43, ["1051"] = 30, ["1112"] = 23, ["1245"] = 37, ["1489"] = 1,
        };

        var karateScores = CoreNumber.Compute(TestGraphs.Shared("nx-karate_club", false));
        for (var v = 0; v < karate.Length; v++)
        {
            Assert.Equal(karate[v], karateScores[v.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        TestGraphs.AssertSome(CoreNumber.Compute(TestGraphs.Shared("gt-polblogs", true)), polblogs, 0);
    }
}
