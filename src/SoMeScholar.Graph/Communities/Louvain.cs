namespace SoMeScholar.Graph.Communities;

public sealed record LouvainOptions
{
    /// <summary>Seed for the order in which nodes are visited; the same seed gives the same partition.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>γ: above 1 favours smaller communities (networkx's <c>resolution</c>).</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>A level whose modularity gain is below this stops the method (networkx's <c>threshold</c>, 1e-7).</summary>
    public double Threshold { get; init; } = 1e-7;

    /// <summary>Use edge weights when the graph has them.</summary>
    public bool UseWeights { get; init; } = true;


    public bool ShuffleNodes { get; init; } = true;
}

/// <summary>
/// Community detection by the Louvain method (modularity optimisation by local moving and aggregation).
/// </summary>
/// <remarks>
/// <para><b>Method.</b> On the undirected view (reciprocal edges collapse; weights add): repeatedly move each node, in a
/// seeded random order, to the neighbouring community with the largest modularity gain
/// ΔQ ∝ k_i,c − γ·Σ_tot(c)·k_i/(2m) (staying put unless a move strictly improves), until a pass moves nothing; then
/// merge each community into one node and repeat, until a level improves modularity by less than the threshold.</para>
/// <para><b>Result.</b> The partition of the last level and its modularity (<see cref="Modularity"/>). Deterministic for a
/// given seed; single-threaded.</para>
/// <para><b>Reference.</b> V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, Fast unfolding of communities in
/// large networks, Journal of Statistical Mechanics (2008) P10008, https://doi.org/10.1088/1742-5468/2008/10/P10008.</para>
/// <para><b>Complexity.</b> O(m) per pass; a few passes per level and O(log n) levels in practice; O(n + m) memory.</para>
/// </remarks>
public static class Louvain
{
    public static CommunityAssignment Compute(CsrGraph graph, LouvainOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new LouvainOptions();
        var g = graph.AsUndirected();
        var n = g.NodeCount;
        if (n == 0)
        {
            return new CommunityAssignment([], 0, []);
        }

        // Level graph: offsets/targets/weights without self-loops, plus self[i] = weight inside node i.
        var level = LevelGraph.From(g, options.UseWeights);
        var membership = new int[n];
        for (var v = 0; v < n; v++)
        {
            membership[v] = v;
        }

        var random = new SplitMix64(options.Seed);
        var levels = new List<double>();
        var previous = LevelModularity(level, Identity(level.NodeCount), options.Resolution);
        var round = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            round++;
            var community = MoveNodes(level, options, ref random, cancellationToken);
            var quality = LevelModularity(level, community, options.Resolution);
            var renumbered = CommunityAssignment.Canonical(community, out var count);
            if (quality - previous < options.Threshold || count == level.NodeCount)
            {
                if (quality - previous > 0 && count < level.NodeCount)
                {
                    Apply(membership, renumbered);
                    levels.Add(quality);
                }

                break;
            }

            Apply(membership, renumbered);
            levels.Add(quality);
            progress?.Report(new GraphProgress("louvain", round, round + 1));
            previous = quality;
            level = level.Aggregate(renumbered, count);
        }

        var final = Modularity.Compute(g, membership, options.Resolution, options.UseWeights);
        return new CommunityAssignment(membership, final, [.. levels]);
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = i;
        }

        return result;
    }

    private static void Apply(int[] membership, int[] levelCommunity)
    {
        for (var v = 0; v < membership.Length; v++)
        {
            membership[v] = levelCommunity[membership[v]];
        }
    }

    private static double LevelModularity(LevelGraph level, int[] community, double resolution)
    {
        var n = level.NodeCount;
        var inside = new double[n];
        var degree = new double[n];
        for (var i = 0; i < n; i++)
        {
            var c = community[i];
            degree[c] += level.Strength[i];
            inside[c] += level.Self[i];
            for (var e = level.Offsets[i]; e < level.Offsets[i + 1]; e++)
            {
                var j = level.Targets[e];
                if (j > i && community[j] == c)
                {
                    inside[c] += level.Weights[e];
                }
            }
        }

        var m = level.TotalWeight;
        if (m == 0)
        {
            return 0;
        }

        var q = 0.0;
        for (var c = 0; c < n; c++)
        {
            if (degree[c] > 0)
            {
                var share = degree[c] / (2 * m);
                q += (inside[c] / m) - (resolution * share * share);
            }
        }

        return q;
    }

    private static int[] MoveNodes(LevelGraph level, LouvainOptions options, ref SplitMix64 random, CancellationToken cancellationToken)
    {
        var n = level.NodeCount;
        var community = Identity(n);
        var total = new double[n];
        for (var i = 0; i < n; i++)
        {
            total[i] = level.Strength[i];
        }

        var order = Identity(n);
        if (options.ShuffleNodes)
        {
            for (var i = n - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var neighborWeight = new double[n];
        Array.Fill(neighborWeight, -1);
        var touched = new int[n];
        var twoM = 2 * level.TotalWeight;
        if (twoM == 0)
        {
            return community;
        }

        var gamma = options.Resolution;
        bool moved;
        var passes = 0;
        do
        {
            moved = false;
            passes++;
            for (var index = 0; index < n; index++)
            {
                if ((index & 16383) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var i = order[index];
                var own = community[i];
                var ki = level.Strength[i];
                var touchedCount = 0;
                neighborWeight[own] = 0;
                touched[touchedCount++] = own;
                for (var e = level.Offsets[i]; e < level.Offsets[i + 1]; e++)
                {
                    var c = community[level.Targets[e]];
                    if (neighborWeight[c] < 0)
                    {
                        neighborWeight[c] = 0;
                        touched[touchedCount++] = c;
                    }

                    neighborWeight[c] += level.Weights[e];
                }

                // Remove i from its community, then choose the best community (its own unless strictly better).
                total[own] -= ki;
                var best = own;
                var bestGain = neighborWeight[own] - (gamma * total[own] * ki / twoM);
                for (var t = 1; t < touchedCount; t++)
                {
                    var c = touched[t];
                    var gain = neighborWeight[c] - (gamma * total[c] * ki / twoM);
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        best = c;
                    }
                }

                total[best] += ki;
                if (best != own)
                {
                    community[i] = best;
                    moved = true;
                }

                for (var t = 0; t < touchedCount; t++)
                {
                    neighborWeight[touched[t]] = -1;
                }
            }
        }
        while (moved && passes < 1000);

        return community;
    }
}
