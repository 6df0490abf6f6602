namespace SoMeScholar.Graph.Tests;

public class GraphBuilderTests
{
    [Fact]
    public void Gives_indices_in_order_of_first_appearance_and_maps_ids_both_ways()
    {
        var graph = TestGraphs.FromEdges(true, ("alice", "bob"), ("carol", "alice"), ("7", "bob"));

        Assert.Equal(["alice", "bob", "carol", "7"], graph.NodeIds);
        Assert.Equal(2, graph.IndexOf("carol"));
        Assert.Equal(3, graph.IndexOf("7"));
        Assert.Equal(-1, graph.IndexOf("dave"));
        Assert.Equal(-1, graph.IndexOf("07"));
    }

    [Fact]
    public void Keeps_numeric_looking_ids_with_leading_zeros_distinct()
    {
        var graph = TestGraphs.FromEdges(true, ("7", "07"), ("007", "7"));

        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(["7", "07", "007"], graph.NodeIds);
    }

    [Fact]
    public void Builds_out_and_in_adjacency_of_a_directed_graph()
    {
        // a → b, a → c, c → b
        var graph = TestGraphs.Parse(true, "a-b a-c c-b");

        Assert.True(graph.IsDirected);
        Assert.Equal(3, graph.EdgeCount);
        Assert.Equal([1, 2], graph.OutNeighbors(0).ToArray());
        Assert.Equal([0, 2], graph.InNeighbors(1).ToArray());
        Assert.Equal(0, graph.InDegree(0));
    }

    [Fact]
    public void Stores_an_undirected_edge_in_both_rows_and_counts_it_once()
    {
        var graph = TestGraphs.Parse(false, "a-b b-c");

        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal([1], graph.OutNeighbors(0).ToArray());
        Assert.Equal([0, 2], graph.OutNeighbors(1).ToArray());
    }

    [Fact]
    public void Collapses_repeated_edges_with_the_last_weight_as_networkx_does()
    {
        var builder = new GraphBuilder(directed: true);
        builder.AddEdge("a", "b", 1.0);
        builder.AddEdge("a", "b", 5.0);
        builder.AddEdge("b", "a", 2.0);
        var graph = builder.Build();

        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal([5.0], graph.OutEdgeWeights(0).ToArray());
        Assert.False(graph.HasParallelEdges);
    }

    [Fact]
    public void Collapses_both_orders_of_an_undirected_edge()
    {
        var graph = TestGraphs.Parse(false, "a-b b-a a-b");

        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(1, graph.OutDegree(0));
    }

    [Fact]
    public void Sums_repeated_edges_into_a_weight_when_asked()
    {
        var builder = new GraphBuilder(true, new GraphBuilderOptions { DuplicateEdges = DuplicateEdges.SumWeights });
        builder.AddEdge("a", "b");
        builder.AddEdge("a", "b");
        builder.AddEdge("a", "b", 2.5);
        var graph = builder.Build();

        Assert.True(graph.IsWeighted);
        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal([4.5], graph.OutEdgeWeights(0).ToArray());
    }

    [Fact]
    public void Keeps_parallel_edges_when_asked()
    {
        var builder = new GraphBuilder(true, new GraphBuilderOptions { DuplicateEdges = DuplicateEdges.KeepParallel });
        builder.AddEdge("a", "b");
        builder.AddEdge("a", "b");
        var graph = builder.Build();

        Assert.True(graph.HasParallelEdges);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(2, graph.InDegree(1));
    }

    [Fact]
    public void Keeps_self_loops_by_default_and_drops_them_when_asked()
    {
        var kept = TestGraphs.Parse(true, "a-a a-b");
        var builder = new GraphBuilder(true, new GraphBuilderOptions { SelfLoops = SelfLoops.Drop });
        builder.AddEdge("a", "a");
        builder.AddEdge("a", "b");
        var dropped = builder.Build();

        Assert.Equal(1, kept.SelfLoopCount);
        Assert.Equal(2, kept.EdgeCount);
        Assert.Equal(0, dropped.SelfLoopCount);
        Assert.Equal(1, dropped.EdgeCount);
        Assert.Equal(2, dropped.NodeCount);
    }

    [Fact]
    public void Rejects_edges_between_indices_that_were_never_added_and_weights_that_are_not_finite()
    {
        var builder = new GraphBuilder(true);
        builder.AddNode("a");

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddEdge(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddEdge(0, 0, double.NaN));
        Assert.Throws<ArgumentException>(() => builder.AddNode(""));
    }
}
