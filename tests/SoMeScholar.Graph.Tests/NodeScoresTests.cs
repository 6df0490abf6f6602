namespace SoMeScholar.Graph.Tests;

public class NodeScoresTests
{
    private static NodeScores Scores(params (string Id, double Score)[] values)
    {
        var builder = new GraphBuilder(true);
        foreach (var (id, _) in values)
        {
            builder.AddNode(id);
        }

        return new NodeScores("m", builder.Build(), values.Select(v => v.Score).ToArray());
    }

    [Fact]
    public void Ranks_by_score_descending_then_by_id_in_ordinal_order()
    {
        var scores = Scores(("b", 1), ("a", 1), ("c", 2), ("B", 1));

        var ranking = scores.Ranking().Select(i => scores.NodeIds[i]).ToArray();

        Assert.Equal(["c", "B", "a", "b"], ranking);
    }

    [Fact]
    public void Top_k_gives_rank_id_and_score_and_stops_at_the_graph_size()
    {
        var scores = Scores(("x", 0.5), ("y", 0.9));

        var top = scores.Top(5);

        Assert.Equal(2, top.Count);
        Assert.Equal(new RankedNode(1, 1, "y", 0.9), top[0]);
        Assert.Equal(new RankedNode(2, 0, "x", 0.5), top[1]);
    }

    [Fact]
    public void Looks_scores_up_by_external_id()
    {
        var scores = Scores(("x", 0.5), ("y", 0.9));

        Assert.Equal(0.9, scores["y"]);
        Assert.False(scores.TryGet("z", out _));
        Assert.Throws<KeyNotFoundException>(() => scores["z"]);
    }

    [Fact]
    public void Rejects_a_score_array_of_the_wrong_length()
    {
        var graph = TestGraphs.Parse(true, "a-b");

        Assert.Throws<ArgumentException>(() => new NodeScores("m", graph, [1.0]));
    }
}
