namespace SoMeScholar.Graph.Communities;

public sealed record LeidenOptions
{
    /// <summary>Seed for the node orders; the same seed gives the same partition.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>γ of the modularity (1 = Newman–Girvan).</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>Times the whole method is repeated, each starting from the previous partition (igraph's default: 2).</summary>
    public int Iterations { get; init; } = 2;

    public bool UseWeights { get; init; } = true;
}

/// <summary>
/// Community detection by the Leiden method, optimising modularity.
/// </summary>
/// <remarks>
/// <para><b>Method.</b> On the undirected view: (1) fast local moving — nodes are taken from a queue (seeded random order)
/// and moved to the community with the largest modularity gain, or to an empty community when every gain is negative;
/// when a node moves, its neighbours outside the new community are queued again. (2) Refinement — within each community,
/// nodes still alone and well connected to the community (w(v, S − v) ≥ γ·k_v·(K_S − k_v)/(2m)) are merged into the
/// well-connected sub-community with the largest non-negative gain (the deterministic θ → 0 limit of the paper's
/// randomised choice). (3) Aggregation by the refined partition, starting the next level from the unrefined one. Levels
/// repeat until local moving leaves every node alone or refinement merges nothing; the method runs
/// <see cref="LeidenOptions.Iterations"/> times. Communities are guaranteed connected, unlike Louvain's.</para>
/// <para><b>Reference.</b> V. A. Traag, L. Waltman, N. J. van Eck, From Louvain to Leiden: guaranteeing well-connected
/// communities, Scientific Reports 9 (2019) 5233, https://doi.org/10.1038/s41598-019-41695-z.</para>
/// <para><b>Complexity.</b> O(m) per pass over the queue; a few levels in practice; O(n + m) memory. Single-threaded,
/// deterministic for a seed.</para>
/// </remarks>
public static class Leiden
{
    public static CommunityAssignment Compute(CsrGraph graph, LeidenOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new LeidenOptions();
        var g = graph.AsUndirected();
        var n = g.NodeCount;
        if (n == 0)
        {
            return new CommunityAssignment([], 0, []);
        }

        var random = new SplitMix64(options.Seed);
        var gamma = options.Resolution;
        var original = LevelGraph.From(g, options.UseWeights);
        var community = Identity(n);
        var levels = new List<double>();
        for (var iteration = 0; iteration < Math.Max(1, options.Iterations); iteration++)
        {
            var level = original;
            var partition = (int[])community.Clone();
            var nodeOf = Identity(n);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                partition = CommunityAssignment.Canonical(MoveNodes(level, partition, gamma, ref random, cancellationToken), out var count);
                if (count == level.NodeCount)
                {
                    break;
                }

                var refined = CommunityAssignment.Canonical(Refine(level, partition, count, gamma, ref random), out var refinedCount);
                if (refinedCount == level.NodeCount)
                {
                    break;
                }

                var next = new int[refinedCount];
                for (var i = 0; i < level.NodeCount; i++)
                {
                    next[refined[i]] = partition[i];
                }

                for (var v = 0; v < n; v++)
                {
                    nodeOf[v] = refined[nodeOf[v]];
                }

                level = level.Aggregate(refined, refinedCount);
                partition = next;
            }

            for (var v = 0; v < n; v++)
            {
                community[v] = partition[nodeOf[v]];
            }

            levels.Add(Modularity.Compute(g, community, gamma, options.UseWeights));
            progress?.Report(new GraphProgress("leiden", iteration + 1, options.Iterations));
        }

        return new CommunityAssignment(community, levels[^1], [.. levels]);
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

    /// <summary>Queue-based local moving from <paramref name="start"/> (community ids below the node count).</summary>
    private static int[] MoveNodes(LevelGraph level, int[] start, double gamma, ref SplitMix64 random, CancellationToken cancellationToken)
    {
        var n = level.NodeCount;
        var community = (int[])start.Clone();
        var total = new double[n];
        var size = new int[n];
        for (var i = 0; i < n; i++)
        {
            total[community[i]] += level.Strength[i];
            size[community[i]]++;
        }

        var empty = new Stack<int>();
        for (var c = n - 1; c >= 0; c--)
        {
            if (size[c] == 0)
            {
                empty.Push(c);
            }
        }

        var twoM = 2 * level.TotalWeight;
        if (twoM == 0)
        {
            return community;
        }

        // Circular queue holding each node at most once, filled in a seeded random order.
        var queue = Identity(n);
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (queue[i], queue[j]) = (queue[j], queue[i]);
        }

        var queued = new bool[n];
        Array.Fill(queued, true);
        int head = 0, length = n;
        var neighborWeight = new double[n];
        Array.Fill(neighborWeight, -1);
        var touched = new int[n + 1];
        var steps = 0;
        while (length > 0)
        {
            if ((++steps & 16383) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var i = queue[head];
            head = (head + 1) % n;
            length--;
            queued[i] = false;
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

            total[own] -= ki;
            size[own]--;
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

            if (bestGain < 0 && size[own] > 0 && empty.Count > 0)
            {
                best = empty.Pop();
            }

            for (var t = 0; t < touchedCount; t++)
            {
                neighborWeight[touched[t]] = -1;
            }

            total[best] += ki;
            size[best]++;
            if (best == own)
            {
                continue;
            }

            if (size[own] == 0)
            {
                empty.Push(own);
            }

            community[i] = best;
            for (var e = level.Offsets[i]; e < level.Offsets[i + 1]; e++)
            {
                var j = level.Targets[e];
                if (!queued[j] && community[j] != best)
                {
                    queued[j] = true;
                    queue[(head + length) % n] = j;
                    length++;
                }
            }
        }

        return community;
    }

    /// <summary>Refines each community into well-connected sub-communities, merging singletons greedily.</summary>
    private static int[] Refine(LevelGraph level, int[] partition, int count, double gamma, ref SplitMix64 random)
    {
        var n = level.NodeCount;
        var twoM = 2 * level.TotalWeight;
        var refined = Identity(n);
        var refinedTotal = new double[n];
        var refinedSize = new int[n];
        var refinedExternal = new double[n];
        var communityTotal = new double[count];
        var external = new double[n];
        for (var i = 0; i < n; i++)
        {
            refinedTotal[i] = level.Strength[i];
            refinedSize[i] = 1;
            communityTotal[partition[i]] += level.Strength[i];
            for (var e = level.Offsets[i]; e < level.Offsets[i + 1]; e++)
            {
                if (partition[level.Targets[e]] == partition[i])
                {
                    external[i] += level.Weights[e];
                }
            }

            refinedExternal[i] = external[i];
        }

        // Visit nodes in a seeded random order; each node's choice involves only its own community.
        var order = Identity(n);
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var neighborWeight = new double[n];
        Array.Fill(neighborWeight, -1);
        var touched = new int[n];
        foreach (var v in order)
        {
            if (refinedSize[refined[v]] != 1)
            {
                continue;
            }

            var s = partition[v];
            var kv = level.Strength[v];
            var ks = communityTotal[s];
            if (external[v] < gamma * kv * (ks - kv) / twoM)
            {
                continue;
            }

            var touchedCount = 0;
            for (var e = level.Offsets[v]; e < level.Offsets[v + 1]; e++)
            {
                var u = level.Targets[e];
                if (partition[u] != s)
                {
                    continue;
                }

                var r = refined[u];
                if (neighborWeight[r] < 0)
                {
                    neighborWeight[r] = 0;
                    touched[touchedCount++] = r;
                }

                neighborWeight[r] += level.Weights[e];
            }

            var own = refined[v];
            var best = own;
            var bestGain = 0.0;
            for (var t = 0; t < touchedCount; t++)
            {
                var r = touched[t];
                if (r == own)
                {
                    continue;
                }

                var wellConnected = refinedExternal[r] >= gamma * refinedTotal[r] * (ks - refinedTotal[r]) / twoM;
                var gain = neighborWeight[r] - (gamma * refinedTotal[r] * kv / twoM);
                if (wellConnected && gain > bestGain)
                {
                    bestGain = gain;
                    best = r;
                }
            }

            if (best != own)
            {
                refinedExternal[best] += external[v] - (2 * neighborWeight[best]);
                refinedTotal[best] += kv;
                refinedSize[best]++;
                refinedTotal[own] = 0;
                refinedSize[own] = 0;
                refined[v] = best;
            }

            for (var t = 0; t < touchedCount; t++)
            {
                neighborWeight[touched[t]] = -1;
            }
        }

        return refined;
    }
}
