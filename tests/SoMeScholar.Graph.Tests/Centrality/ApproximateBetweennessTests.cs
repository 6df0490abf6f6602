using SoMeScholar.Graph.Centrality;

namespace SoMeScholar.Graph.Tests.Centrality;

public class ApproximateBetweennessTests
{
    [Fact]
    public void Uses_the_riondato_kornaropoulos_sample_size()
    {
        // r = ⌈(0.5/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ with ε = 0.05, δ = 0.1, VD = 10: ⌈200·(3 + 1 + 2.302585)⌉ = 1261.
        Assert.Equal(1261, ApproximateBetweenness.SampleSize(0.05, 0.1, 10));
        Assert.Equal(0, ApproximateBetweenness.SampleSize(0.05, 0.1, 2));
    }

    [Fact]
    public void Bounds_the_vertex_diameter_of_an_undirected_path_by_twice_an_eccentricity_plus_one()
    {
        // a — b — c — d — e: the search from a has eccentricity 4, so VD ≤ min(2·4 + 1, 5 nodes) = 5 (exactly 5).
        var graph = TestGraphs.Parse(false, "a-b b-c c-d d-e");

        Assert.Equal(5, ApproximateBetweenness.VertexDiameterBound(graph));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Stays_within_epsilon_of_the_exact_scores(bool directed)
    {
        var graph = TestGraphs.Shared("sf-1000", directed);
        const double Epsilon = 0.02;
        var n = (double)graph.NodeCount;

        var exact = Betweenness.Compute(graph);
        var sampled = ApproximateBetweenness.Compute(graph, new ApproximateBetweennessOptions { Epsilon = Epsilon, Delta = 0.1, Seed = 7 });

        // Normalised scores are b·n/(n−2), so the guarantee |b̃ − b| ≤ ε becomes ε·n/(n−2).
        var worst = 0.0;
        for (var v = 0; v < graph.NodeCount; v++)
        {
            worst = Math.Max(worst, Math.Abs(sampled[v] - exact[v]));
        }

        Assert.True(worst <= Epsilon * n / (n - 2), $"largest error {worst}");
        Assert.Equal(ApproximateBetweenness.SampleSize(Epsilon, 0.1, sampled.Approximation!.Value.VertexDiameterBound), sampled.Approximation.Value.Samples);
        Assert.Equal(exact.Ranking()[0], sampled.Ranking()[0]);
    }

    [Fact]
    public void Gives_the_same_estimate_for_a_seed_regardless_of_thread_count_and_another_for_another_seed()
    {
        var graph = TestGraphs.Shared("sf-1000", directed: true);
        ApproximateBetweennessOptions Options(ulong seed, int threads) => new() { Epsilon = 0.05, Seed = seed, MaxThreads = threads };

        var one = ApproximateBetweenness.Compute(graph, Options(3, 1)).ToArray();
        var three = ApproximateBetweenness.Compute(graph, Options(3, 3)).ToArray();
        var other = ApproximateBetweenness.Compute(graph, Options(4, 3)).ToArray();

        Assert.Equal(one, three);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Reports_unnormalised_estimates_on_the_exact_scale()
    {
        // Star with centre a and 4 leaves: every sampled pair of leaves passes through a, pairs with a do not.
        var graph = TestGraphs.Parse(false, "a-b a-c a-d a-e");

        var scores = ApproximateBetweenness.Compute(graph, new ApproximateBetweennessOptions { Epsilon = 0.05, Normalized = false });

        // Exact: 6 leaf pairs. Estimate = (fraction of ordered pairs that are leaf pairs, 12/20 in expectation)·n(n−1)/2.
        Assert.Equal(6.0, scores["a"], 0.05 * 20 / 2);
        Assert.Equal(0.0, scores["b"]);
    }
}
