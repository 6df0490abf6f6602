using System.Numerics;

namespace SoMeScholar.Graph.Centrality;

public sealed record BetweennessOptions
{
    /// <summary>networkx's <c>normalized</c> (default true): divide by (n−1)(n−2) for directed graphs; for undirected
    /// graphs by (n−1)(n−2)/2 pairs, i.e. 2·raw/((n−1)(n−2)). With <see cref="Endpoints"/>, by n(n−1) instead.</summary>
    public bool Normalized { get; init; } = true;

    /// <summary>networkx's <c>endpoints</c>: count the path's end nodes too (default false).</summary>
    public bool Endpoints { get; init; }

    /// <summary>Threads to use (default: all processors). Results are identical for any value.</summary>
    public int? MaxThreads { get; init; }
}

/// <summary>
/// Exact betweenness centrality (Brandes), unweighted, parallel over sources.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> b(v) = Σ_{s≠v≠t} σ_st(v) / σ_st, where σ_st is the number of shortest s–t paths and σ_st(v)
/// the number passing through v. Directed graphs count ordered pairs; undirected graphs count each unordered pair once
/// (networkx halves the sum over both orders). Edge weights are ignored (networkx's default <c>weight=None</c>);
/// parallel edges count as distinct paths (igraph's semantics; collapse them for networkx's).</para>
/// <para><b>Normalisation.</b> As networkx's <c>betweenness_centrality</c>: unnormalised = the sum above; normalised
/// divides by (n−1)(n−2) when directed and by (n−1)(n−2)/2 when undirected (so the maximum, the centre of a star, is 1);
/// with endpoints by n(n−1) (directed) or n(n−1)/2 (undirected). Graphs with n ≤ 2 are not rescaled. The NodeXL preset
/// uses the undirected graph, unnormalised (SNAP's <c>GetBetweennessCentr</c>).</para>
/// <para><b>Determinism.</b> Each source's dependencies are added to per-thread accumulators in 128-bit fixed point
/// (2^-s units, s chosen from n so nothing overflows), and the per-thread sums are added as integers: integer addition
/// is associative, so the result is bit-identical for any thread count and any scheduling. The fixed-point rounding
/// error is below n·2^-s ≤ 1e-9 in absolute terms.</para>
/// <para><b>Reference.</b> U. Brandes, A faster algorithm for betweenness centrality, Journal of Mathematical Sociology
/// 25 (2001) 163–177, https://doi.org/10.1080/0022250X.2001.9990249; U. Brandes, On variants of shortest-path
/// betweenness centrality and their generic computation, Social Networks 30 (2008) 136–145,
/// https://doi.org/10.1016/j.socnet.2007.11.001 (endpoints).</para>
/// <para><b>Complexity.</b> O(n·m) time, O(n) memory per thread (plus a 16n-byte accumulator per thread).</para>
/// </remarks>
public static class Betweenness
{
    public static NodeScores Compute(CsrGraph graph, BetweennessOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new BetweennessOptions();
        var n = graph.NodeCount;
        var raw = SumOverSources(graph, options.Endpoints, options.MaxThreads, progress, cancellationToken);
        var scale = Scale(n, graph.IsDirected, options.Normalized, options.Endpoints);
        for (var v = 0; v < n; v++)
        {
            raw[v] *= scale;
        }

        return new NodeScores("betweenness", graph, raw);
    }

    /// <summary>networkx's rescaling of the sum over all ordered sources.</summary>
    internal static double Scale(int n, bool directed, bool normalized, bool endpoints)
    {
        if (normalized)
        {
            if (endpoints)
            {
                return n < 2 ? 1.0 : 1.0 / ((double)n * (n - 1));
            }

            return n <= 2 ? 1.0 : 1.0 / ((double)(n - 1) * (n - 2));
        }

        return directed ? 1.0 : 0.5;
    }

    private struct Slot
    {
        // Forward pass: σ (shortest-path count). Backward pass: (1 + δ)/σ once the node is done.
        public double Value;
        public int Dist;
    }

    /// <summary>Σ over every source s of δ_s(v) (the sum over both orders for undirected graphs).</summary>
    internal static double[] SumOverSources(CsrGraph graph, bool endpoints, int? maxThreads, IProgress<GraphProgress>? progress, CancellationToken cancellationToken)
    {
        var n = graph.NodeCount;
        var result = new double[n];
        if (n == 0)
        {
            return result;
        }

        // Fixed point: a source contributes at most n − 1 to a node, so values·2^shift stay below 2^62.
        var shift = 61 - (64 - BitOperations.LeadingZeroCount((ulong)n));
        var fixedScale = Math.ScaleB(1.0, shift);
        var threads = Math.Min(Parallelism.Threads(maxThreads), Math.Max(1, n / 64));
        var offsets = graph.OutOffsetsArray;
        var targets = graph.OutTargetsArray;
        var accumulators = new Int128[threads][];
        var next = -1;
        long done = 0;
        var reportEvery = Math.Max(1, n / 200);
        const int Block = 8;

        void Worker(int thread)
        {
            var slots = new Slot[n];
            for (var i = 0; i < n; i++)
            {
                slots[i].Dist = -1;
            }

            var order = new int[n];
            var acc = new Int128[n];
            accumulators[thread] = acc;
            while (true)
            {
                var first = (Interlocked.Add(ref next, Block) - Block) + 1;
                if (first >= n)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var last = Math.Min(n, first + Block);
                for (var s = first; s < last; s++)
                {
                    SingleSource(s, offsets, targets, slots, order, acc, fixedScale, endpoints);
                }

                var completed = Interlocked.Add(ref done, last - first);
                if (progress is not null && (completed / reportEvery) != ((completed - (last - first)) / reportEvery))
                {
                    progress.Report(new GraphProgress("betweenness", completed, n));
                }
            }
        }

        if (threads == 1)
        {
            Worker(0);
        }
        else
        {
            var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
            Parallel.For(0, threads, parallelOptions, Worker);
        }

        for (var v = 0; v < n; v++)
        {
            Int128 total = 0;
            foreach (var acc in accumulators)
            {
                if (acc is not null)
                {
                    total += acc[v];
                }
            }

            result[v] = (double)total / fixedScale;
        }

        progress?.Report(new GraphProgress("betweenness", n, n));
        return result;
    }

    private static void SingleSource(int s, int[] offsets, int[] targets, Slot[] slots, int[] order, Int128[] acc, double fixedScale, bool endpoints)
    {
        // Forward: breadth-first search counting shortest paths.
        slots[s].Dist = 0;
        slots[s].Value = 1;
        order[0] = s;
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var v = order[head++];
            var nextDist = slots[v].Dist + 1;
            var sigma = slots[v].Value;
            var end = offsets[v + 1];
            for (var e = offsets[v]; e < end; e++)
            {
                var w = targets[e];
                ref var slot = ref slots[w];
                if (slot.Dist < 0)
                {
                    slot.Dist = nextDist;
                    slot.Value = sigma;
                    order[tail++] = w;
                }
                else if (slot.Dist == nextDist)
                {
                    slot.Value += sigma;
                }
            }
        }

        // Backward: δ(v) = σ(v) Σ_{w successor} (1 + δ(w))/σ(w); successors are finished first in reverse BFS order,
        // and their slot already holds (1 + δ)/σ.
        for (var i = tail - 1; i > 0; i--)
        {
            var v = order[i];
            var nextDist = slots[v].Dist + 1;
            var sum = 0.0;
            var end = offsets[v + 1];
            for (var e = offsets[v]; e < end; e++)
            {
                ref var slot = ref slots[targets[e]];
                if (slot.Dist == nextDist)
                {
                    sum += slot.Value;
                }
            }

            var sigma = slots[v].Value;
            var delta = sigma * sum;
            slots[v].Value = (1 + delta) / sigma;
            var contribution = endpoints ? delta + 1 : delta;
            acc[v] += (long)((contribution * fixedScale) + 0.5);
        }

        if (endpoints)
        {
            acc[s] += (long)(((tail - 1) * fixedScale) + 0.5);
        }

        for (var i = 0; i < tail; i++)
        {
            slots[order[i]].Dist = -1;
        }
    }
}
