namespace SoMeScholar.Graph.Tests;

public class CsrGraphTests
{
    [Fact]
    public void Undirected_view_joins_reciprocal_edges_into_one()
    {
        // a ⇄ b, b → c
        var graph = TestGraphs.Parse(true, "a-b b-a b-c");

        var undirected = graph.AsUndirected();

        Assert.False(undirected.IsDirected);
        Assert.Equal(2, undirected.EdgeCount);
        Assert.Equal([1], undirected.OutNeighbors(0).ToArray());
        Assert.Equal([0, 2], undirected.OutNeighbors(1).ToArray().Order().ToArray());
        Assert.Same(undirected, graph.AsUndirected());
        Assert.Same(undirected, undirected.AsUndirected());
    }

    [Fact]
    public void Undirected_view_adds_the_weights_of_both_directions_and_keeps_a_self_loop_once()
    {
        var builder = new GraphBuilder(true);
        builder.AddEdge("a", "b", 2);
        builder.AddEdge("b", "a", 3);
        builder.AddEdge("a", "a", 1);
        var undirected = builder.Build().AsUndirected();

        Assert.Equal(2, undirected.EdgeCount);
        var row = undirected.OutNeighbors(0).ToArray();
        var weights = undirected.OutEdgeWeights(0).ToArray();
        Assert.Equal(5.0, weights[Array.IndexOf(row, 1)]);
        Assert.Equal(1.0, weights[Array.IndexOf(row, 0)]);
        Assert.Equal(1, undirected.SelfLoopCount);
    }

    [Fact]
    public void Induced_subgraph_keeps_the_chosen_nodes_their_ids_and_edges_among_them()
    {
        var graph = TestGraphs.Parse(true, "a-b b-c c-d d-a");

        var (sub, original) = graph.InducedSubgraph(v => graph.NodeId(v) != "c");

        Assert.Equal(["a", "b", "d"], sub.NodeIds);
        Assert.Equal([0, 1, 3], original);
        Assert.Equal(2, sub.EdgeCount);
    }
}
