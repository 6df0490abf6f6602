using SoMeScholar.Graph.Communities;

namespace SoMeScholar.Graph.Tests.Communities;

public class LouvainTests
{
    [Fact]
    public void Separates_two_cliques_joined_by_one_edge()
    {
        var graph = TestGraphs.Parse(false, "a-b a-c a-d b-c b-d c-d e-f e-g e-h f-g f-h g-h d-e");

        var communities = Louvain.Compute(graph);

        Assert.Equal(2, communities.Count);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], communities.Membership);
        Assert.Equal(Modularity.Compute(graph, communities.Membership), communities.Modularity, 15);
    }

    [Fact]
    public void Finds_a_partition_of_the_karate_club_near_its_optimum()
    {
        // The optimum modularity of the karate club is 0.4198 (Brandes et al., On modularity clustering, IEEE TKDE 20
        // (2008) 172–188, https://doi.org/10.1109/TKDE.2007.190689); Louvain finds 0.41–0.42 depending on order.
        var graph = TestGraphs.Shared("nx-karate_club", false);

        var communities = Louvain.Compute(graph);

        Assert.InRange(communities.Modularity, 0.40, 0.4199);
        Assert.InRange(communities.Count, 3, 6);
        Assert.Equal(Modularity.Compute(graph, communities.Membership), communities.Modularity, 15);
    }

    [Fact]
    public void Gives_the_same_partition_for_the_same_seed()
    {
        var graph = TestGraphs.Shared("sf-1000", true);

        var first = Louvain.Compute(graph, new LouvainOptions { Seed = 11 });
        var second = Louvain.Compute(graph, new LouvainOptions { Seed = 11 });

        Assert.Equal(first.Membership, second.Membership);
        Assert.Equal(first.Modularity, second.Modularity);
        Assert.True(first.Modularity > 0.2);
        Assert.Equal(first.LevelModularity[^1], first.Modularity, 12);
    }

    [Fact]
    public void Uses_edge_weights_when_the_graph_has_them()
    {
        // A 4-cycle a–b–c–d–a with heavy a–b and c–d edges splits into {a, b} and {c, d}.
        var builder = new GraphBuilder(false);
        builder.AddEdge("a", "b", 10);
        builder.AddEdge("b", "c", 1);
        builder.AddEdge("c", "d", 10);
        builder.AddEdge("d", "a", 1);

        var communities = Louvain.Compute(builder.Build());

        Assert.Equal([0, 0, 1, 1], communities.Membership);
    }
}
