using SoMeScholar.Graph.Generators;
using SoMeScholar.Graph.Layout;

namespace SoMeScholar.Graph.Tests.Layout;

public class ForceAtlas2Tests
{
    private static double Distance(GraphLayout layout, int a, int b)
    {
        var (ax, ay) = layout[a];
        var (bx, by) = layout[b];
        return Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
    }

    /// <summary>Two 8-cliques (a0..a7, b0..b7) joined by the single edge a0–b0.</summary>
    private static CsrGraph TwoCliques()
    {
        var lines = new List<string>();
        foreach (var side in new[] { "a", "b" })
        {
            for (var i = 0; i < 8; i++)
            {
                for (var j = i + 1; j < 8; j++)
                {
                    lines.Add($"{side}{i}-{side}{j}");
                }
            }
        }

        lines.Add("a0-b0");
        return TestGraphs.Parse(directed: false, string.Join(" ", lines));
    }

    [Fact]
    public void Places_two_cliques_joined_by_one_edge_as_two_separate_clusters()
    {
        var graph = TwoCliques();
        var layout = ForceAtlas2.Compute(graph);

        var a = Enumerable.Range(0, 8).Select(i => graph.IndexOf($"a{i}")).ToArray();
        var b = Enumerable.Range(0, 8).Select(i => graph.IndexOf($"b{i}")).ToArray();
        var within = a.SelectMany(u => a.Where(v => v != u).Select(v => Distance(layout, u, v)))
            .Concat(b.SelectMany(u => b.Where(v => v != u).Select(v => Distance(layout, u, v)))).Max();
        var between = a.SelectMany(u => b.Select(v => Distance(layout, u, v))).Min();

        Assert.True(between > within, $"closest pair across the cliques {between:F2} should be farther apart than the farthest pair inside one {within:F2}");
        Assert.All(Enumerable.Range(0, graph.NodeCount), v => Assert.True(double.IsFinite(layout.X[v]) && double.IsFinite(layout.Y[v])));
    }

    [Fact]
    public void Puts_linked_nodes_of_karate_closer_than_unlinked_ones()
    {
        // Zachary's karate club: the mean length of an edge is well below the mean distance between two members.
        var graph = TestGraphs.Shared("nx-karate_club", directed: false);
        var layout = ForceAtlas2.Compute(graph);

        var edges = new List<double>();
        var pairs = new List<double>();
        for (var u = 0; u < graph.NodeCount; u++)
        {
            foreach (var v in graph.OutNeighbors(u))
            {
                if (v > u)
                {
                    edges.Add(Distance(layout, u, v));
                }
            }

            for (var v = u + 1; v < graph.NodeCount; v++)
            {
                pairs.Add(Distance(layout, u, v));
            }
        }

        Assert.True(edges.Average() < 0.6 * pairs.Average(), $"mean edge length {edges.Average():F2}, mean pair distance {pairs.Average():F2}");
    }

    [Fact]
    public void Gives_the_same_layout_for_the_same_seed_whatever_the_thread_count_and_another_for_another_seed()
    {
        var graph = PreferentialAttachment.Generate(new PreferentialAttachmentOptions { Nodes = 5_000, EdgesPerNode = 3, Seed = 7 });
        var one = ForceAtlas2.Compute(graph, new ForceAtlas2Options { Iterations = 10, MaxThreads = 1 });
        var many = ForceAtlas2.Compute(graph, new ForceAtlas2Options { Iterations = 10, MaxThreads = 4 });
        var other = ForceAtlas2.Compute(graph, new ForceAtlas2Options { Iterations = 10, MaxThreads = 1, Seed = 43 });

        Assert.Equal(one.X.ToArray(), many.X.ToArray());
        Assert.Equal(one.Y.ToArray(), many.Y.ToArray());
        Assert.NotEqual(one.X.ToArray(), other.X.ToArray());
    }

    [Fact]
    public void Barnes_hut_repulsion_gives_the_same_clusters_as_exact_repulsion()
    {
        var graph = TwoCliques();
        var exact = ForceAtlas2.Compute(graph, new ForceAtlas2Options { BarnesHutTheta = 0 });
        var approximate = ForceAtlas2.Compute(graph);

        foreach (var layout in new[] { exact, approximate })
        {
            var a0 = graph.IndexOf("a1");
            var a1 = graph.IndexOf("a2");
            var b0 = graph.IndexOf("b1");
            Assert.True(Distance(layout, a0, a1) < Distance(layout, a0, b0));
        }
    }

    [Fact]
    public void Lays_out_an_empty_graph_and_a_single_node()
    {
        Assert.Equal(0, ForceAtlas2.Compute(TestGraphs.Parse(directed: true, "")).Count);
        var single = ForceAtlas2.Compute(TestGraphs.FromEdges(true, ("a", "a")));
        Assert.Equal(1, single.Count);
        Assert.True(double.IsFinite(single.X[0]));
    }
}
