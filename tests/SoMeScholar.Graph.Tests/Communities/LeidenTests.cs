using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Components;

namespace SoMeScholar.Graph.Tests.Communities;

public class LeidenTests
{
    [Fact]
    public void Separates_two_cliques_joined_by_one_edge()
    {
        var graph = TestGraphs.Parse(false, "a-b a-c a-d b-c b-d c-d e-f e-g e-h f-g f-h g-h d-e");

        var communities = Leiden.Compute(graph);

        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], communities.Membership);
        Assert.Equal(Modularity.Compute(graph, communities.Membership), communities.Modularity, 15);
    }

    [Fact]
    public void Finds_a_partition_of_the_karate_club_near_its_optimum()
    {
        // Optimum 0.4198 (Brandes et al. 2008, https://doi.org/10.1109/TKDE.2007.190689).
        var communities = Leiden.Compute(TestGraphs.Shared("nx-karate_club", false));

        Assert.InRange(communities.Modularity, 0.41, 0.4199);
    }

    [Theory]
    [InlineData("nx-karate_club", false)]
    [InlineData("sf-1000", true)]
    [InlineData("gt-netscience", false)]
    public void Gives_only_connected_communities(string name, bool directed)
    {
        var graph = TestGraphs.Shared(name, directed).AsUndirected();

        var communities = Leiden.Compute(graph);

        for (var c = 0; c < communities.Count; c++)
        {
            var (sub, _) = graph.InducedSubgraph(v => communities.CommunityOf(v) == c);
            Assert.Equal(1, WeaklyConnectedComponents.Compute(sub).Count);
        }
    }

    [Fact]
    public void Is_deterministic_for_a_seed_and_at_least_as_good_as_louvain_on_a_scale_free_graph()
    {
        var graph = TestGraphs.Shared("sf-1000", true);

        var first = Leiden.Compute(graph, new LeidenOptions { Seed = 5 });
        var second = Leiden.Compute(graph, new LeidenOptions { Seed = 5 });
        var louvain = Louvain.Compute(graph, new LouvainOptions { Seed = 5 });

        Assert.Equal(first.Membership, second.Membership);
        Assert.True(first.Modularity >= louvain.Modularity - 0.005, $"Leiden {first.Modularity}, Louvain {louvain.Modularity}");
    }
}
