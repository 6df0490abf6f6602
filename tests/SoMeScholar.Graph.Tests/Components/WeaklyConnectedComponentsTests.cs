using SoMeScholar.Graph.Components;

namespace SoMeScholar.Graph.Tests.Components;

public class WeaklyConnectedComponentsTests
{
    [Fact]
    public void Joins_nodes_linked_in_either_direction_and_numbers_components_by_lowest_node()
    {
        // a → b ← c    d → e    f (isolated, added last)
        var builder = new GraphBuilder(true);
        builder.AddEdge("a", "b");
        builder.AddEdge("c", "b");
        builder.AddEdge("d", "e");
        builder.AddNode("f");

        var components = WeaklyConnectedComponents.Compute(builder.Build());

        Assert.Equal(3, components.Count);
        Assert.Equal([0, 0, 0, 1, 1, 2], components.Membership);
        Assert.Equal([3, 2, 1], components.Sizes);
        Assert.Equal(0, components.Largest);
    }

    [Fact]
    public void Matches_networkx_on_the_political_blogs()
    {
        // networkx 2.8.8 number_weakly_connected_components(polblogs) = 2, bench/graph/reference_values.py.
        Assert.Equal(2, WeaklyConnectedComponents.Compute(TestGraphs.Shared("gt-polblogs", true)).Count);
    }

    [Fact]
    public void Handles_a_path_of_a_million_nodes_without_recursion()
    {
        var builder = new GraphBuilder(false);
        for (var v = 0; v < 1_000_000; v++)
        {
            builder.AddNode(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var v = 1; v < 1_000_000; v++)
        {
            builder.AddEdge(v - 1, v);
        }

        var components = WeaklyConnectedComponents.Compute(builder.Build());

        Assert.Equal(1, components.Count);
        Assert.Equal(1_000_000, components.LargestSize);
    }
}
