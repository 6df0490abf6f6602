using SoMeScholar.Graph.Generators;

namespace SoMeScholar.Graph.Tests.Generators;

public class PreferentialAttachmentTests
{
    [Fact]
    public void Gives_each_new_node_its_out_edges_and_is_the_same_for_the_same_seed()
    {
        var options = new PreferentialAttachmentOptions { Nodes = 2000, EdgesPerNode = 5, FollowBack = 0, Seed = 9 };

        var first = PreferentialAttachment.Generate(options);
        var second = PreferentialAttachment.Generate(options);

        Assert.Equal(2000, first.NodeCount);
        // Node v follows min(v, 5) distinct earlier nodes: 0 + 1 + 2 + 3 + 4 + 5·1995.
        Assert.Equal(10 + (5 * 1995), first.EdgeCount);
        Assert.Equal(first.OutTargets.ToArray(), second.OutTargets.ToArray());
        Assert.NotEqual(first.OutTargets.ToArray(), PreferentialAttachment.Generate(options with { Seed = 10 }).OutTargets.ToArray());
    }

    [Fact]
    public void Concentrates_in_degree_on_early_nodes_and_adds_follow_backs()
    {
        var graph = PreferentialAttachment.Generate(new PreferentialAttachmentOptions { Nodes = 5000, EdgesPerNode = 8, FollowBack = 0.25, Seed = 3 });

        var maxIn = Enumerable.Range(0, graph.NodeCount).Max(graph.InDegree);
        Assert.True(maxIn > 200, $"largest in-degree {maxIn}");
        Assert.InRange(graph.EdgeCount, 8 * 4990 * 1.2, 8 * 5000 * 1.3);
    }
}
