namespace SoMeScholar.Graph.Centrality;

/// <summary>Which published PageRank iteration to reproduce.</summary>
public enum PageRankVariant
{
    /// <summary>networkx <c>pagerank</c>: x ← α(xW + (Σ_dangling x)·d) + (1 − α)p, stop when Σ|Δ| &lt; n·tolerance.</summary>
    NetworkX,

    /// <summary>SNAP <c>GetPageRank</c> (what NodeXL calls; Berkhin's formulation): x ← αxW, then the mass lost to
    /// teleportation and dangling nodes is spread uniformly; stop when Σ|Δ| &lt; tolerance (1e-4). Same fixed point as
    /// networkx with uniform personalisation; uses no weights.</summary>
    Snap,
}

public sealed record PageRankOptions
{
    public PageRankVariant Variant { get; init; } = PageRankVariant.NetworkX;

    /// <summary>α, the probability of following an edge (0.85).</summary>
    public double Damping { get; init; } = 0.85;

    public int MaxIterations { get; init; } = 100;

    /// <summary>networkx: per-node tolerance 1e-6 (compared with Σ|Δ| / n). SNAP: total tolerance 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Teleport distribution by node index (normalised to sum 1); null = uniform. networkx's <c>personalization</c>.</summary>
    public IReadOnlyList<double>? Personalization { get; init; }

    /// <summary>Where a dangling node's rank goes (normalised); null = the personalisation vector, as networkx.</summary>
    public IReadOnlyList<double>? DanglingWeights { get; init; }

    /// <summary>Use edge weights when the graph has them (networkx's default <c>weight="weight"</c>).</summary>
    public bool UseWeights { get; init; } = true;

    public int? MaxThreads { get; init; }
}

/// <summary>
/// PageRank by power iteration.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> The stationary distribution of a random surfer who, with probability α (damping), follows an
/// out-edge chosen in proportion to its weight and otherwise jumps to a node drawn from the personalisation vector p.
/// A dangling node (no out-edges, or zero out-weight) sends its rank to the dangling distribution (p unless given), as
/// networkx does. An undirected edge is followed both ways.</para>
/// <para><b>Normalisation.</b> Scores sum to 1.</para>
/// <para><b>Reference.</b> S. Brin, L. Page, The anatomy of a large-scale hypertextual Web search engine, Computer Networks
/// and ISDN Systems 30 (1998) 107–117, https://doi.org/10.1016/S0169-7552(98)00110-X; P. Berkhin, A survey on PageRank
/// computing, Internet Mathematics 2 (2005) 73–120, https://doi.org/10.1080/15427951.2005.10129098.</para>
/// <para><b>Complexity.</b> O(k·(n + m)) time for k iterations (pull over in-edges, parallel over nodes, deterministic),
/// O(n) extra memory.</para>
/// </remarks>
public static class PageRank
{
    public static NodeScores Compute(CsrGraph graph, PageRankOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PageRankOptions();
        if (options.Damping is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Damping, "PageRank damping must be in [0, 1].");
        }

        var n = graph.NodeCount;
        if (n == 0)
        {
            return new NodeScores("pagerank", graph, [], new Convergence(true, 0, 0));
        }

        var snap = options.Variant == PageRankVariant.Snap;
        var weighted = options.UseWeights && graph.IsWeighted && !snap;
        var alpha = options.Damping;

        // Out-strength of each node (weights summed, or edge count).
        var outStrength = new double[n];
        var outWeights = graph.OutWeightsArray;
        var outOffsets = graph.OutOffsetsArray;
        for (var v = 0; v < n; v++)
        {
            if (weighted)
            {
                var s = 0.0;
                for (var e = outOffsets[v]; e < outOffsets[v + 1]; e++)
                {
                    s += outWeights![e];
                }

                outStrength[v] = s;
            }
            else
            {
                outStrength[v] = outOffsets[v + 1] - outOffsets[v];
            }
        }

        var p = Distribution(options.Personalization, n, "personalization");
        var dangling = options.DanglingWeights is null ? p : Distribution(options.DanglingWeights, n, "dangling weights");
        var danglingNodes = new List<int>();
        var inverseStrength = new double[n];
        for (var v = 0; v < n; v++)
        {
            if (outStrength[v] == 0)
            {
                danglingNodes.Add(v);
            }
            else
            {
                inverseStrength[v] = 1.0 / outStrength[v];
            }
        }

        var inOffsets = graph.InOffsetsArray;
        var inSources = graph.InSourcesArray;
        var inWeights = weighted ? graph.InWeightsArray : null;
        var x = new double[n];
        Array.Fill(x, 1.0 / n);
        var y = new double[n];
        var next = new double[n];
        var iterations = 0;
        var residual = double.PositiveInfinity;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            var danglingSum = 0.0;
            foreach (var d in danglingNodes)
            {
                danglingSum += x[d];
            }

            for (var v = 0; v < n; v++)
            {
                y[v] = x[v] * inverseStrength[v];
            }

            var target = next;
            var scaled = y;
            Parallelism.ForRanges(n, options.MaxThreads, (start, end) =>
            {
                for (var v = start; v < end; v++)
                {
                    var sum = 0.0;
                    var e1 = inOffsets[v + 1];
                    if (inWeights is null)
                    {
                        for (var e = inOffsets[v]; e < e1; e++)
                        {
                            sum += scaled[inSources[e]];
                        }
                    }
                    else
                    {
                        for (var e = inOffsets[v]; e < e1; e++)
                        {
                            sum += scaled[inSources[e]] * inWeights[e];
                        }
                    }

                    target[v] = alpha * sum;
                }
            }, cancellationToken);

            residual = 0;
            if (snap)
            {
                var total = 0.0;
                for (var v = 0; v < n; v++)
                {
                    total += next[v];
                }

                var leaked = (1.0 - total) / n;
                for (var v = 0; v < n; v++)
                {
                    next[v] += leaked;
                    residual += Math.Abs(next[v] - x[v]);
                }
            }
            else
            {
                for (var v = 0; v < n; v++)
                {
                    next[v] += (alpha * danglingSum * dangling[v]) + ((1 - alpha) * p[v]);
                    residual += Math.Abs(next[v] - x[v]);
                }
            }

            (x, next) = (next, x);
            if (residual < (snap ? options.Tolerance : n * options.Tolerance))
            {
                converged = true;
                break;
            }
        }

        return new NodeScores("pagerank", graph, x, new Convergence(converged, iterations, residual));
    }

    private static double[] Distribution(IReadOnlyList<double>? values, int n, string name)
    {
        var result = new double[n];
        if (values is null)
        {
            Array.Fill(result, 1.0 / n);
            return result;
        }

        if (values.Count != n)
        {
            throw new ArgumentException($"PageRank {name}: {values.Count} values for {n} nodes.");
        }

        var sum = 0.0;
        for (var v = 0; v < n; v++)
        {
            if (values[v] < 0 || !double.IsFinite(values[v]))
            {
                throw new ArgumentException($"PageRank {name}: value {values[v]} for node {v} is not a non-negative number.");
            }

            sum += values[v];
        }

        if (sum == 0)
        {
            throw new ArgumentException($"PageRank {name}: the values sum to zero.");
        }

        for (var v = 0; v < n; v++)
        {
            result[v] = values[v] / sum;
        }

        return result;
    }
}
