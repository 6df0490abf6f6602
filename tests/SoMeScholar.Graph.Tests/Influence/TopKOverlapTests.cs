using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Influence;

namespace SoMeScholar.Graph.Tests.Influence;

public class TopKOverlapTests
{
    private static readonly CsrGraph Nodes = TestGraphs.FromEdges(true, ("a", "b"), ("c", "d"), ("e", "a"));

    private static NodeScores Scores(string name, params double[] values) => new(name, Nodes, values);

    [Fact]
    public void Reports_union_and_intersection_of_the_top_lists()
    {
        // ids:                          a  b  c  d  e
        var indegree = Scores("indegree", 5, 4, 3, 2, 1);     // top 2: a, b
        var eigenvector = Scores("eigenvector", 1, 5, 4, 2, 3); // top 2: b, c
        var betweenness = Scores("betweenness", 4, 5, 1, 1, 1); // top 2: b, a

        var overlap = TopKOverlap.Compute([indegree, eigenvector, betweenness], new TopKOptions { K = 2 });

        Assert.Equal(6, overlap.Slots);
        Assert.Equal(3, overlap.UnionSize);
        Assert.Equal(["b", "a", "c"], overlap.Union.Select(m => m.Id));
        Assert.Equal(["b"], overlap.Intersection.Select(m => m.Id));
        Assert.Equal([2, 1, 1], overlap.Intersection[0].Ranks.Select(r => r!.Value));
        Assert.Equal([true, false, true], overlap.Union[1].InTop);
    }

    [Fact]
    public void Breaks_ties_at_rank_k_by_id_and_lists_the_tied_nodes_left_out()
    {
        // c, d and e tie at 1 for third place: the id rule takes c and reports d and e.
        var scores = Scores("betweenness", 4, 5, 1, 1, 1);

        var overlap = TopKOverlap.Compute([scores], new TopKOptions { K = 3 });

        var top = Assert.Single(overlap.Measures);
        Assert.Equal(["b", "a", "c"], top.Top.Select(r => r.Id));
        Assert.Equal(1.0, top.CutoffScore);
        Assert.Equal(["d", "e"], top.TiedBeyondK);
    }

    [Fact]
    public void Can_include_every_node_tied_at_rank_k()
    {
        var scores = Scores("betweenness", 4, 5, 1, 1, 1);

        var overlap = TopKOverlap.Compute([scores], new TopKOptions { K = 3, TieRule = TieRule.IncludeTies });

        Assert.Equal(["b", "a", "c", "d", "e"], overlap.Measures[0].Top.Select(r => r.Id));
        Assert.Empty(overlap.Measures[0].TiedBeyondK);
        Assert.Equal(5, overlap.UnionSize);
    }

    [Fact]
    public void Runs_the_riddell_method_on_a_real_graph()
    {
        // In-degree, eigenvector and betweenness on the political blogs, top 100 each (the shape of Riddell et al. 2017).
        var graph = TestGraphs.Shared("gt-polblogs", directed: true);
        NodeScores[] measures =
        [
            Degree.Compute(graph, DegreeKind.In),
            EigenvectorCentrality.Compute(graph, new EigenvectorOptions { MaxIterations = 1000 }),
            Betweenness.Compute(graph),
        ];

        var overlap = TopKOverlap.Compute(measures);

        Assert.Equal(300, overlap.Slots);
        Assert.InRange(overlap.UnionSize, 100, 300);
        Assert.InRange(overlap.IntersectionSize, 1, 100);
        Assert.All(overlap.Intersection, m => Assert.True(m.ListCount == 3));
        Assert.Equal(overlap.Union.Count(m => m.ListCount == 3), overlap.IntersectionSize);
    }

    [Fact]
    public void Rejects_measures_over_different_graphs()
    {
        var other = new NodeScores("x", TestGraphs.Parse(true, "p-q"), [1.0, 2.0]);

        Assert.Throws<ArgumentException>(() => TopKOverlap.Compute([Scores("m", 1, 2, 3, 4, 5), other]));
    }
}
