namespace SoMeScholar.Graph.Communities;

/// <summary>
/// Newman–Girvan modularity of a partition, on the undirected view of the graph.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> Q = Σ_c [ L_c/m − γ (d_c/(2m))² ], where m is the total edge weight, L_c the weight of edges
/// inside community c and d_c the sum of its nodes' (weighted) degrees; a self-loop adds its weight once to L_c and twice
/// to the degree (networkx's <c>modularity</c> on an undirected graph; igraph's <c>modularity</c>).</para>
/// <para><b>Reference.</b> M. E. J. Newman, M. Girvan, Finding and evaluating community structure in networks, Physical
/// Review E 69 (2004) 026113, https://doi.org/10.1103/PhysRevE.69.026113; resolution γ: J. Reichardt, S. Bornholdt,
/// Physical Review E 74 (2006) 016110, https://doi.org/10.1103/PhysRevE.74.016110.</para>
/// <para><b>Complexity.</b> O(n + m).</para>
/// </remarks>
public static class Modularity
{
    public static double Compute(CsrGraph graph, IReadOnlyList<int> membership, double resolution = 1.0, bool useWeights = true)
    {
        var g = graph.AsUndirected();
        var n = g.NodeCount;
        if (membership.Count != n)
        {
            throw new ArgumentException($"Membership has {membership.Count} entries for {n} nodes.", nameof(membership));
        }

        var communities = 0;
        foreach (var c in membership)
        {
            communities = Math.Max(communities, c + 1);
        }

        var degreeSum = new double[communities];
        var inside = new double[communities];
        var total = 0.0;
        for (var v = 0; v < n; v++)
        {
            var targets = g.OutNeighbors(v);
            var weights = useWeights ? g.OutEdgeWeights(v) : default;
            for (var i = 0; i < targets.Length; i++)
            {
                var w = targets[i];
                var weight = weights.IsEmpty ? 1.0 : weights[i];
                var cv = membership[v];
                if (w == v)
                {
                    degreeSum[cv] += 2 * weight;
                    inside[cv] += weight;
                    total += weight;
                    continue;
                }

                degreeSum[cv] += weight;
                if (w > v)
                {
                    total += weight;
                    if (membership[w] == cv)
                    {
                        inside[cv] += weight;
                    }
                }
            }
        }

        if (total == 0)
        {
            return 0;
        }

        var q = 0.0;
        for (var c = 0; c < communities; c++)
        {
            var share = degreeSum[c] / (2 * total);
            q += (inside[c] / total) - (resolution * share * share);
        }

        return q;
    }
}
