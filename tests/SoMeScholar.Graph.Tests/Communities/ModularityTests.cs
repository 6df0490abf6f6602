using SoMeScholar.Graph.Communities;

namespace SoMeScholar.Graph.Tests.Communities;

public class ModularityTests
{
    [Fact]
    public void Gives_two_triangles_joined_by_an_edge_their_hand_computed_modularity()
    {
        // a — b — c — a   and   d — e — f — d, bridge c — d. m = 7; each triangle: L = 3, degree sum 7.
        // Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2.
        var graph = TestGraphs.Parse(false, "a-b b-c c-a d-e e-f f-d c-d");

        Assert.Equal((6.0 / 7) - 0.5, Modularity.Compute(graph, [0, 0, 0, 1, 1, 1]), 15);
        Assert.Equal(0.0, Modularity.Compute(graph, [0, 0, 0, 0, 0, 0]), 15);
    }

    [Fact]
    public void Scales_the_null_model_by_the_resolution()
    {
        var graph = TestGraphs.Parse(false, "a-b b-c c-a d-e e-f f-d c-d");

        // Q = Σ_c [L_c/m − γ(d_c/2m)²] = 6/7 − 2·(¼ + ¼).
        Assert.Equal((6.0 / 7) - 1, Modularity.Compute(graph, [0, 0, 0, 1, 1, 1], resolution: 2), 15);
    }

    [Fact]
    public void Matches_networkx_for_the_karate_club_factions()
    {
        // networkx 2.8.8: modularity(karate_club_graph() unweighted, the 'club' attribute split) = 0.3582347140039448
        // (the faction labels are those of networkx's karate_club_graph; Mr. Hi's club is nodes below).
        int[] mrHi = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];
        var graph = TestGraphs.Shared("nx-karate_club", false);
        var membership = new int[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            membership[v] = mrHi.Contains(int.Parse(graph.NodeId(v), System.Globalization.CultureInfo.InvariantCulture)) ? 0 : 1;
        }

        Assert.Equal(0.3582347140039448, Modularity.Compute(graph, membership), 12);
    }
}
