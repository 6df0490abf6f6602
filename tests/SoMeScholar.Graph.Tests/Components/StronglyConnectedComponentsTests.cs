using SoMeScholar.Graph.Components;

namespace SoMeScholar.Graph.Tests.Components;

public class StronglyConnectedComponentsTests
{
    [Fact]
    public void Finds_cycles_as_components_and_single_nodes_otherwise()
    {
        // a → b → c → a,  c → d,  d ⇄ e,  f alone
        var builder = new GraphBuilder(true);
        foreach (var (s, t) in new[] { ("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "d") })
        {
            builder.AddEdge(s, t);
        }

        builder.AddNode("f");

        var components = StronglyConnectedComponents.Compute(builder.Build());

        Assert.Equal(3, components.Count);
        Assert.Equal([0, 0, 0, 1, 1, 2], components.Membership);
    }

    [Fact]
    public void Matches_networkx_on_the_political_blogs()
    {
        // networkx 2.8.8: 422 strongly connected components, the largest of 793 nodes (bench/graph/reference_values.py).
        var components = StronglyConnectedComponents.Compute(TestGraphs.Shared("gt-polblogs", true));

        Assert.Equal(422, components.Count);
        Assert.Equal(793, components.LargestSize);
    }

    [Fact]
    public void Handles_a_cycle_of_a_million_nodes_without_recursion()
    {
        const int N = 1_000_000;
        var builder = new GraphBuilder(true);
        for (var v = 0; v < N; v++)
        {
            builder.AddNode(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var v = 0; v < N; v++)
        {
            builder.AddEdge(v, (v + 1) % N);
        }

        var cycle = builder.Build();
        var (path, _) = cycle.InducedSubgraph(v => true);

        Assert.Equal(1, StronglyConnectedComponents.Compute(cycle).Count);
        Assert.Equal(N, StronglyConnectedComponents.Compute(cycle).LargestSize);
        Assert.Equal(1, StronglyConnectedComponents.Compute(path).Count);
    }

    [Fact]
    public void Treats_an_undirected_graph_as_its_connected_components()
    {
        var graph = TestGraphs.Parse(false, "a-b c-d");

        Assert.Equal(2, StronglyConnectedComponents.Compute(graph).Count);
    }
}
