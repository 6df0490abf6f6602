namespace SoMeScholar.Graph.Centrality;

public enum ClusteringVariant
{
    /// <summary>networkx <c>clustering</c> (unweighted): undirected 2T/(d(d−1)); directed Fagiolo's T/(2(d_tot(d_tot−1) − 2d↔)).</summary>
    NetworkX,

    /// <summary>NodeXL's <c>ClusteringCoefficientCalculator</c>: edges among the k distinct neighbours divided by k(k−1)/2
    /// (undirected) or k(k−1) (directed, each direction an edge).</summary>
    NodeXL,
}

public sealed record ClusteringOptions
{
    public ClusteringVariant Variant { get; init; } = ClusteringVariant.NetworkX;

    public int? MaxThreads { get; init; }
}

/// <summary>
/// Local clustering coefficient.
/// </summary>
/// <remarks>
/// <para><b>Definition (networkx).</b> Undirected: c(v) = 2T(v)/(d(v)(d(v)−1)), T(v) the triangles through v and d(v) the
/// number of distinct neighbours other than v. Directed (Fagiolo 2007): c(v) = T(v)/(2(d_tot(d_tot−1) − 2d↔(v))), where
/// T(v) counts directed triangles through v, d_tot = in- + out-neighbours (distinct, v excluded) and d↔ the reciprocated
/// neighbours. Self-loops are ignored; c = 0 when the denominator is 0.</para>
/// <para><b>Definition (NodeXL).</b> k = distinct neighbours in either direction (v excluded); c(v) = (edges among them)
/// / (k(k−1)/2) undirected, / (k(k−1)) directed, where in a directed graph u→w and w→u are two edges; 0 when k &lt; 2.</para>
/// <para><b>Reference.</b> D. J. Watts, S. H. Strogatz, Collective dynamics of 'small-world' networks, Nature 393 (1998)
/// 440–442, https://doi.org/10.1038/30918; G. Fagiolo, Clustering in complex directed networks, Physical Review E 76
/// (2007) 026107, https://doi.org/10.1103/PhysRevE.76.026107.</para>
/// <para><b>Complexity.</b> O(Σ_v Σ_{u∈N(v)} d(u)) time (at most O(m·d_max)), O(n) memory per thread; parallel over
/// nodes, integer counts, deterministic.</para>
/// </remarks>
public static class ClusteringCoefficient
{
    public static NodeScores Compute(CsrGraph graph, ClusteringOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClusteringOptions();
        var n = graph.NodeCount;
        var values = new double[n];
        var nodexl = options.Variant == ClusteringVariant.NodeXL;
        var locals = new System.Collections.Concurrent.ConcurrentBag<int[]>();
        Parallelism.ForRanges(n, options.MaxThreads, (start, end) =>
        {
            if (!locals.TryTake(out var mark))
            {
                mark = new int[n];
            }

            // mark[k] bit 0: k is a predecessor of v, bit 1: k is a successor; stamped per node by the high bits.
            for (var v = start; v < end; v++)
            {
                values[v] = graph.IsDirected
                    ? (nodexl ? NodeXLDirected(graph, v, mark) : Directed(graph, v, mark))
                    : Undirected(graph, v, mark);
            }

            Array.Clear(mark);
            locals.Add(mark);
        }, cancellationToken);

        return new NodeScores("clustering", graph, values);
    }

    private static double Undirected(CsrGraph graph, int v, int[] mark)
    {
        var stamp = v + 1;
        long degree = 0;
        foreach (var u in graph.OutNeighbors(v))
        {
            if (u != v && mark[u] != stamp)
            {
                mark[u] = stamp;
                degree++;
            }
        }

        if (degree < 2)
        {
            ClearStamp(graph.OutNeighbors(v), mark);
            return 0;
        }

        // Count ordered neighbour pairs (u, w) with u–w an edge: each triangle twice. Distinct edges only.
        long links = 0;
        foreach (var u in graph.OutNeighbors(v))
        {
            if (u == v || mark[u] != stamp)
            {
                continue;
            }

            mark[u] = -stamp; // visited as u once (parallel edges to u do not repeat it)
            foreach (var w in graph.OutNeighbors(u))
            {
                if (w != u && (mark[w] == stamp || mark[w] == -stamp))
                {
                    links++;
                }
            }
        }

        // Parallel edges u–w would count twice; on multigraphs NodeXL also calls the value invalid. Both definitions give
        // links/(k(k−1)) here: networkx 2T/(k(k−1)) with T = links/2; NodeXL (links/2)/(k(k−1)/2).
        ClearStamp(graph.OutNeighbors(v), mark);
        return (double)links / (degree * (degree - 1));
    }

    private static void ClearStamp(ReadOnlySpan<int> neighbors, int[] mark)
    {
        foreach (var u in neighbors)
        {
            mark[u] = 0;
        }
    }

    private static double Directed(CsrGraph graph, int v, int[] mark)
    {
        // networkx _directed_triangles_and_degree_iter, with sets as bit marks: 1 = pred of v, 2 = succ of v.
        foreach (var u in graph.InNeighbors(v))
        {
            if (u != v)
            {
                mark[u] |= 1;
            }
        }

        foreach (var u in graph.OutNeighbors(v))
        {
            if (u != v)
            {
                mark[u] |= 2;
            }
        }

        long preds = 0, succs = 0, both = 0, triangles = 0;
        // j ranges over ipreds then isuccs (a reciprocated neighbour twice), each distinct once per set.
        foreach (var j in graph.InNeighbors(v))
        {
            if (j != v && (mark[j] & 4) == 0)
            {
                mark[j] |= 4;
                preds++;
                if ((mark[j] & 2) != 0)
                {
                    both++;
                }

                triangles += CountFor(graph, j, mark);
            }
        }

        foreach (var j in graph.OutNeighbors(v))
        {
            if (j != v && (mark[j] & 8) == 0)
            {
                mark[j] |= 8;
                succs++;
                triangles += CountFor(graph, j, mark);
            }
        }

        ClearStamp(graph.InNeighbors(v), mark);
        ClearStamp(graph.OutNeighbors(v), mark);
        var total = preds + succs;
        var denominator = 2 * ((total * (total - 1)) - (2 * both));
        return triangles == 0 || denominator == 0 ? 0 : (double)triangles / denominator;
    }

    /// <summary>|ipreds ∩ jpreds| + |ipreds ∩ jsuccs| + |isuccs ∩ jpreds| + |isuccs ∩ jsuccs| over distinct k.</summary>
    private static long CountFor(CsrGraph graph, int j, int[] mark)
    {
        long count = 0;
        // jpreds and jsuccs are sets: skip repeated entries (parallel edges) with a second stamp bit.
        foreach (var k in graph.InNeighbors(j))
        {
            if (k != j && (mark[k] & 16) == 0 && (mark[k] & 3) != 0)
            {
                mark[k] |= 16;
                count += (mark[k] & 1) + ((mark[k] >> 1) & 1);
            }

        }

        foreach (var k in graph.InNeighbors(j))
        {
            mark[k] &= ~16;
        }

        foreach (var k in graph.OutNeighbors(j))
        {
            if (k != j && (mark[k] & 16) == 0 && (mark[k] & 3) != 0)
            {
                mark[k] |= 16;
                count += (mark[k] & 1) + ((mark[k] >> 1) & 1);
            }
        }

        foreach (var k in graph.OutNeighbors(j))
        {
            mark[k] &= ~16;
        }

        return count;
    }

    private static double NodeXLDirected(CsrGraph graph, int v, int[] mark)
    {
        // Distinct neighbours in either direction, v excluded.
        long k = 0;
        foreach (var u in graph.InNeighbors(v))
        {
            if (u != v && mark[u] == 0)
            {
                mark[u] = 1;
                k++;
            }
        }

        foreach (var u in graph.OutNeighbors(v))
        {
            if (u != v && mark[u] == 0)
            {
                mark[u] = 1;
                k++;
            }
        }

        if (k < 2)
        {
            ClearStamp(graph.InNeighbors(v), mark);
            ClearStamp(graph.OutNeighbors(v), mark);
            return 0;
        }

        // Directed edges a→b among the neighbours, each ordered pair once.
        long edges = 0;
        CountOut(graph.InNeighbors(v));
        CountOut(graph.OutNeighbors(v));
        ClearStamp(graph.InNeighbors(v), mark);
        ClearStamp(graph.OutNeighbors(v), mark);
        return (double)edges / (k * (k - 1));

        void CountOut(ReadOnlySpan<int> neighbors)
        {
            foreach (var a in neighbors)
            {
                if (a == v || mark[a] != 1)
                {
                    continue;
                }

                mark[a] = 2; // counted as a source once
                foreach (var b in graph.OutNeighbors(a))
                {
                    if (b != a && (mark[b] & 3) != 0 && (mark[b] & 4) == 0)
                    {
                        mark[b] |= 4;
                        edges++;
                    }
                }

                foreach (var b in graph.OutNeighbors(a))
                {
                    mark[b] &= ~4;
                }
            }
        }
    }
}
