using System.Numerics;

namespace SoMeScholar.Graph.Centrality;

/// <summary>Which published closeness to compute.</summary>
public enum ClosenessVariant
{
    /// <summary>networkx <c>closeness_centrality</c>: C(u) = (r−1)/Σd, times (r−1)/(n−1) when <see cref="ClosenessOptions.WassermanFaust"/>.</summary>
    NetworkX,

    /// <summary>SNAP <c>GetClosenessCentr</c> (current SNAP; what the NodeXL preset uses on the undirected graph):
    /// C(u) = 1 / (mean distance to the nodes u reaches) = (r−1)/Σd, with no correction for disconnected graphs.</summary>
    Snap,
}

public sealed record ClosenessOptions
{
    public ClosenessVariant Variant { get; init; } = ClosenessVariant.NetworkX;

    /// <summary>networkx's <c>wf_improved</c> (default true): scale by the fraction of other nodes reached.</summary>
    public bool WassermanFaust { get; init; } = true;

    public int? MaxThreads { get; init; }
}

/// <summary>
/// Closeness centrality from unweighted shortest-path distances.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> With r(u) the number of nodes that reach u (u included) and Σd(u) the sum of their distances
/// to u: C(u) = (r(u) − 1)/Σd(u), and 0 when nothing else reaches u. Directed graphs use incoming distances (distance
/// from v to u), as networkx does by searching the reversed graph; undirected graphs use plain distances.</para>
/// <para><b>Normalisation.</b> The Wasserman–Faust correction (networkx's default <c>wf_improved=True</c>) multiplies by
/// (r(u) − 1)/(n − 1), so nodes in small components do not score as high as hubs of the giant one. For a connected graph
/// it changes nothing.</para>
/// <para><b>Reference.</b> L. C. Freeman, Centrality in social networks conceptual clarification, Social Networks 1 (1978)
/// 215–239, https://doi.org/10.1016/0378-8733(78)90021-7; S. Wasserman, K. Faust, Social Network Analysis (1994),
/// https://doi.org/10.1017/CBO9780511815478, p. 201.</para>
/// <para><b>Complexity.</b> O(n·m) time. Implemented as a multi-source breadth-first search: 64 sources advance together as
/// the bits of one machine word per node, so each edge is read once per level for 64 searches (Then et al., The more
/// the merrier: efficient multi-source graph traversal, PVLDB 8 (2014) 449–460, https://doi.org/10.14778/2735496.2735507).
/// O(n) memory per thread; parallel over batches of sources; integer distance sums, so results do not depend on the
/// thread count.</para>
/// </remarks>
public static class Closeness
{
    public static NodeScores Compute(CsrGraph graph, ClosenessOptions? options = null, IProgress<GraphProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClosenessOptions();
        var n = graph.NodeCount;
        var (reach, total) = DistanceSums(graph, options.MaxThreads, progress, cancellationToken);
        var values = new double[n];
        for (var u = 0; u < n; u++)
        {
            if (total[u] > 0 && n > 1)
            {
                var c = (reach[u] - 1.0) / total[u];
                if (options.Variant == ClosenessVariant.NetworkX && options.WassermanFaust)
                {
                    c *= (reach[u] - 1.0) / (n - 1);
                }

                values[u] = c;
            }
        }

        return new NodeScores("closeness", graph, values);
    }

    /// <summary>For each node u: how many nodes reach u (u included) and the sum of their distances to u (out-distances
    /// when undirected). Other closeness variants (igraph's, harmonic-free SNAP's) follow from these two numbers.</summary>
    public static (long[] Reach, long[] Total) DistanceSums(CsrGraph graph, int? maxThreads, IProgress<GraphProgress>? progress, CancellationToken cancellationToken)
    {
        var n = graph.NodeCount;
        var reach = new long[n];
        var total = new long[n];
        // Distances *to* u: search from u along in-edges (undirected: in = out).
        var offsets = graph.InOffsetsArray;
        var neighbors = graph.InSourcesArray;
        var batches = (n + 63) / 64;
        var threads = Math.Min(Parallelism.Threads(maxThreads), Math.Max(1, batches));
        var next = -1;
        long done = 0;
        var reportEvery = Math.Max(64, n / 200);

        void Worker(int thread)
        {
            var seen = new ulong[n];
            var frontier = new ulong[n];
            var incoming = new ulong[n];
            var active = new int[n];
            var sums = new long[64];
            var reached = new long[64];
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = b * 64;
                var count = Math.Min(64, n - first);
                Array.Clear(seen);
                Array.Clear(frontier);
                var activeCount = 0;
                for (var i = 0; i < count; i++)
                {
                    var s = first + i;
                    seen[s] |= 1UL << i;
                    frontier[s] |= 1UL << i;
                    active[activeCount++] = s;
                    reach[s] = 1;
                }

                Array.Clear(sums);
                Array.Clear(reached);
                long level = 0;
                while (activeCount > 0)
                {
                    level++;
                    for (var a = 0; a < activeCount; a++)
                    {
                        var v = active[a];
                        var bits = frontier[v];
                        frontier[v] = 0;
                        var end = offsets[v + 1];
                        for (var e = offsets[v]; e < end; e++)
                        {
                            incoming[neighbors[e]] |= bits;
                        }
                    }

                    activeCount = 0;
                    for (var w = 0; w < n; w++)
                    {
                        var fresh = incoming[w];
                        if (fresh == 0)
                        {
                            continue;
                        }

                        incoming[w] = 0;
                        fresh &= ~seen[w];
                        if (fresh == 0)
                        {
                            continue;
                        }

                        seen[w] |= fresh;
                        frontier[w] = fresh;
                        active[activeCount++] = w;
                        while (fresh != 0)
                        {
                            var bit = BitOperations.TrailingZeroCount(fresh);
                            fresh &= fresh - 1;
                            sums[bit] += level;
                            reached[bit]++;
                        }
                    }
                }

                for (var i = 0; i < count; i++)
                {
                    reach[first + i] = 1 + reached[i];
                    total[first + i] = sums[i];
                }

                var completed = Interlocked.Add(ref done, count);
                if (progress is not null && (completed / reportEvery) != ((completed - count) / reportEvery))
                {
                    progress.Report(new GraphProgress("closeness", completed, n));
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

        return (reach, total);
    }
}
