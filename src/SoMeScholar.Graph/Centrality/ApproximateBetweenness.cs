using SoMeScholar.Graph.Components;

namespace SoMeScholar.Graph.Centrality;

public sealed record ApproximateBetweennessOptions
{
    /// <summary>Maximum additive error ε on the Riondato–Kornaropoulos scale (see <see cref="ApproximateBetweenness"/>).</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Failure probability δ: the bound holds for all nodes at once with probability ≥ 1 − δ.</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>Seed of the sample; the same seed gives the same scores for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Same meaning as <see cref="BetweennessOptions.Normalized"/>: the estimate is reported on networkx's scale.</summary>
    public bool Normalized { get; init; } = true;

    public int? MaxThreads { get; init; }
}

/// <summary>
/// Sampled betweenness centrality with an (ε, δ) guarantee (Riondato–Kornaropoulos).
/// </summary>
/// <remarks>
/// <para><b>Method.</b> Draw r ordered pairs (s, t), s ≠ t, uniformly; for each, pick one shortest s–t path uniformly at
/// random (a breadth-first search from s that stops after t's level, then a walk back from t choosing each predecessor
/// u with probability σ_su/σ_s,next) and add 1/r to every inner node of the path. With
/// r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, c = 0.5 and VD an upper bound on the vertex diameter (the number of
/// nodes on a longest shortest path), every estimate b̃(v) is within ε of
/// b(v) = (1/(n(n−1))) Σ_{s≠t} σ_st(v)/σ_st, for all v simultaneously, with probability at least 1 − δ.</para>
/// <para><b>Vertex-diameter bound.</b> Undirected: for each connected component, 2·ecc(x) + 1 from one breadth-first
/// search from its first node x (a shortest path between any two nodes is at most twice x's eccentricity). Directed: the
/// size of the largest weakly connected component (always safe; r grows only with log₂ of it).</para>
/// <para><b>Scale.</b> Scores are reported like <see cref="Betweenness"/>: unnormalised = b̃·n(n−1) (directed) or
/// b̃·n(n−1)/2 (undirected); normalised = b̃·n/(n−2). The guarantee ε is on b's scale; in normalised units the bound is
/// ε·n/(n−2). <see cref="NodeScores.Approximation"/> carries ε, δ, r and VD.</para>
/// <para><b>Reference.</b> M. Riondato, E. M. Kornaropoulos, Fast approximation of betweenness centrality through
/// sampling, Data Mining and Knowledge Discovery 30 (2016) 438–475, https://doi.org/10.1007/s10618-015-0423-0.</para>
/// <para><b>Complexity.</b> O(r·(n + m)) time in the worst case (each sample's search usually stops early), r independent
/// of n beyond log₂ VD; O(n) memory per thread. Parallel over samples; counts are integers, so results do not depend on
/// the thread count.</para>
/// </remarks>
public static class ApproximateBetweenness
{
    /// <summary>The sample size r for a vertex-diameter bound.</summary>
    public static int SampleSize(double epsilon, double delta, int vertexDiameter)
    {
        if (epsilon is <= 0 or >= 1 || delta is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "Epsilon and delta must lie in (0, 1).");
        }

        if (vertexDiameter <= 2)
        {
            return 0;
        }

        const double C = 0.5;
        var log = vertexDiameter == 3 ? 0 : Math.Floor(Math.Log2(vertexDiameter - 2));
        return (int)Math.Ceiling(C / (epsilon * epsilon) * (log + 1 + Math.Log(1 / delta)));
    }

    /// <summary>An upper bound on the vertex diameter (see the remarks).</summary>
    public static int VertexDiameterBound(CsrGraph graph, CancellationToken cancellationToken = default)
    {
        var components = WeaklyConnectedComponents.Compute(graph, cancellationToken);
        if (graph.IsDirected)
        {
            return components.LargestSize;
        }

        var n = graph.NodeCount;
        var dist = new int[n];
        Array.Fill(dist, -1);
        var queue = new int[n];
        var bound = n == 0 ? 0 : 1;
        var started = new bool[components.Count];
        for (var x = 0; x < n; x++)
        {
            var c = components.Membership[x];
            if (started[c])
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            started[c] = true;
            dist[x] = 0;
            queue[0] = x;
            int head = 0, tail = 1, eccentricity = 0;
            while (head < tail)
            {
                var v = queue[head++];
                foreach (var w in graph.OutNeighbors(v))
                {
                    if (dist[w] < 0)
                    {
                        dist[w] = dist[v] + 1;
                        eccentricity = dist[w];
                        queue[tail++] = w;
                    }
                }
            }

            bound = Math.Max(bound, Math.Min(components.Sizes[c], (2 * eccentricity) + 1));
        }

        return bound;
    }

    public static NodeScores Compute(CsrGraph graph, ApproximateBetweennessOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ApproximateBetweennessOptions();
        var n = graph.NodeCount;
        var vd = VertexDiameterBound(graph, cancellationToken);
        var r = n < 3 ? 0 : SampleSize(options.Epsilon, options.Delta, vd);
        var counts = new long[n];
        if (r > 0)
        {
            Sample(graph, r, options.Seed, options.MaxThreads, counts, progress, cancellationToken);
        }

        // b̃ = count / r on the scale 1/(n(n−1)); convert to networkx's scale.
        double factor;
        if (r == 0)
        {
            factor = 0;
        }
        else if (options.Normalized)
        {
            factor = (double)n / (n - 2) / r;
        }
        else
        {
            factor = (double)n * (n - 1) / r * (graph.IsDirected ? 1.0 : 0.5);
        }

        var values = new double[n];
        for (var v = 0; v < n; v++)
        {
            values[v] = counts[v] * factor;
        }

        var bound = new ApproximationBound(options.Epsilon, options.Delta, r, vd, "b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n−1)); normalised scores are b·n/(n−2)");
        return new NodeScores("betweenness", graph, values, approximation: bound);
    }

    private static void Sample(CsrGraph graph, int r, ulong seed, int? maxThreads, long[] counts, IProgress<GraphProgress>? progress, CancellationToken cancellationToken)
    {
        var n = graph.NodeCount;
        var offsets = graph.OutOffsetsArray;
        var targets = graph.OutTargetsArray;
        var inOffsets = graph.InOffsetsArray;
        var inSources = graph.InSourcesArray;
        var threads = Math.Min(Parallelism.Threads(maxThreads), r);
        var perThread = new long[threads][];
        var next = -1;
        long done = 0;
        var reportEvery = Math.Max(1, r / 200);

        void Worker(int thread)
        {
            var dist = new int[n];
            Array.Fill(dist, -1);
            var sigma = new double[n];
            var order = new int[n];
            var local = new long[n];
            perThread[thread] = local;
            int i;
            while ((i = Interlocked.Increment(ref next)) < r)
            {
                if ((i & 63) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Sample i depends only on (seed, i): the pair and the path choice.
                var random = SplitMix64.ForItem(seed, i);
                var s = random.NextInt(n);
                var t = random.NextInt(n - 1);
                if (t >= s)
                {
                    t++;
                }

                dist[s] = 0;
                sigma[s] = 1;
                order[0] = s;
                int head = 0, tail = 1;
                while (head < tail)
                {
                    var v = order[head++];
                    var dv = dist[v];
                    if (dist[t] >= 0 && dv >= dist[t])
                    {
                        break;
                    }

                    for (var e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        var w = targets[e];
                        if (dist[w] < 0)
                        {
                            dist[w] = dv + 1;
                            sigma[w] = sigma[v];
                            order[tail++] = w;
                        }
                        else if (dist[w] == dv + 1)
                        {
                            sigma[w] += sigma[v];
                        }
                    }
                }

                if (dist[t] > 0)
                {
                    var current = t;
                    while (true)
                    {
                        // Choose a predecessor u (dist = dist(current) − 1) with probability σ_u / σ_current.
                        var pick = random.NextDouble() * sigma[current];
                        var want = dist[current] - 1;
                        var chosen = -1;
                        for (var e = inOffsets[current]; e < inOffsets[current + 1]; e++)
                        {
                            var u = inSources[e];
                            if (dist[u] == want)
                            {
                                chosen = u;
                                pick -= sigma[u];
                                if (pick < 0)
                                {
                                    break;
                                }
                            }
                        }

                        if (chosen == s)
                        {
                            break;
                        }

                        local[chosen]++;
                        current = chosen;
                    }
                }

                for (var k = 0; k < tail; k++)
                {
                    dist[order[k]] = -1;
                }

                var completed = Interlocked.Increment(ref done);
                if (progress is not null && completed % reportEvery == 0)
                {
                    progress.Report(new GraphProgress("betweenness (sampled)", completed, r));
                }
            }
        }

        if (threads == 1)
        {
            Worker(0);
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, Worker);
        }

        foreach (var local in perThread)
        {
            for (var v = 0; v < n; v++)
            {
                counts[v] += local[v];
            }
        }

        progress?.Report(new GraphProgress("betweenness (sampled)", r, r));
    }
}
