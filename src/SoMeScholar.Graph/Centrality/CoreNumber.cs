namespace SoMeScholar.Graph.Centrality;

/// <summary>
/// k-core decomposition: the core number of every node.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> The k-core is the largest subgraph in which every node has degree ≥ k; a node's core number is
/// the largest k whose k-core contains it. Degree is the number of incident edges, in + out when directed (networkx's
/// <c>core_number</c>); self-loops are ignored (networkx refuses graphs with self-loops); parallel edges each count.</para>
/// <para><b>Normalisation.</b> None (integer-valued).</para>
/// <para><b>Reference.</b> V. Batagelj, M. Zaveršnik, An O(m) algorithm for cores decomposition of networks, Advances in
/// Data Analysis and Classification 5 (2011) 129–145, https://doi.org/10.1007/s11634-010-0079-y; S. B. Seidman, Network
/// structure and minimum degree, Social Networks 5 (1983) 269–287, https://doi.org/10.1016/0378-8733(83)90028-X.</para>
/// <para><b>Complexity.</b> O(n + m) time (bucket sort by degree), O(n) memory.</para>
/// </remarks>
public static class CoreNumber
{
    public static NodeScores Compute(CsrGraph graph, CancellationToken cancellationToken = default)
    {
        var n = graph.NodeCount;
        var degree = new int[n];
        var maxDegree = 0;
        for (var v = 0; v < n; v++)
        {
            var d = 0;
            foreach (var w in graph.OutNeighbors(v))
            {
                d += w != v ? 1 : 0;
            }

            if (graph.IsDirected)
            {
                foreach (var w in graph.InNeighbors(v))
                {
                    d += w != v ? 1 : 0;
                }
            }

            degree[v] = d;
            maxDegree = Math.Max(maxDegree, d);
        }

        // Batagelj–Zaveršnik: nodes sorted by degree in bins; peel the smallest, decrement neighbours.
        var bin = new int[maxDegree + 2];
        foreach (var d in degree)
        {
            bin[d + 1]++;
        }

        for (var d = 0; d <= maxDegree; d++)
        {
            bin[d + 1] += bin[d];
        }

        var position = new int[n];
        var order = new int[n];
        var fill = (int[])bin.Clone();
        for (var v = 0; v < n; v++)
        {
            position[v] = fill[degree[v]]++;
            order[position[v]] = v;
        }

        for (var i = 0; i < n; i++)
        {
            if ((i & 65535) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var v = order[i];
            Peel(graph.OutNeighbors(v), v);
            if (graph.IsDirected)
            {
                Peel(graph.InNeighbors(v), v);
            }
        }

        var values = new double[n];
        for (var v = 0; v < n; v++)
        {
            values[v] = degree[v];
        }

        return new NodeScores("kcore", graph, values);

        void Peel(ReadOnlySpan<int> neighbors, int v)
        {
            foreach (var u in neighbors)
            {
                if (u == v || degree[u] <= degree[v])
                {
                    continue;
                }

                // Move u to the front of its bin, then shrink the bin.
                var du = degree[u];
                var pu = position[u];
                var pw = bin[du];
                var w = order[pw];
                if (u != w)
                {
                    position[u] = pw;
                    order[pu] = w;
                    position[w] = pu;
                    order[pw] = u;
                }

                bin[du]++;
                degree[u]--;
            }
        }
    }
}
