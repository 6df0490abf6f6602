namespace SoMeScholar.Graph.Centrality;

/// <summary>Which edges a degree counts.</summary>
public enum DegreeKind
{
    /// <summary>Edges into the node (directed); the degree when undirected.</summary>
    In,

    /// <summary>Edges out of the node (directed); the degree when undirected.</summary>
    Out,

    /// <summary>In + out (directed); the degree when undirected.</summary>
    Total,
}

/// <summary>
/// Degree and degree centrality.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> deg⁻(v) = number of edges u→v, deg⁺(v) = number of edges v→u, total = deg⁻ + deg⁺. In an
/// undirected graph every kind is the number of incident edges, a self-loop counting twice (networkx's
/// <c>G.degree</c>); in a directed graph a self-loop adds one to in- and one to out-degree. Parallel edges each count.</para>
/// <para><b>Normalisation.</b> With <c>normalized</c>, divided by n − 1, as networkx's <c>degree_centrality</c>,
/// <c>in_degree_centrality</c> and <c>out_degree_centrality</c> (a one-node graph scores 1).</para>
/// <para><b>Reference.</b> L. C. Freeman, Centrality in social networks conceptual clarification, Social Networks 1 (1978)
/// 215–239, https://doi.org/10.1016/0378-8733(78)90021-7.</para>
/// <para><b>Complexity.</b> O(n) time from the CSR offsets (O(m) to count undirected self-loops), O(n) memory.</para>
/// </remarks>
public static class Degree
{
    public static NodeScores Compute(CsrGraph graph, DegreeKind kind, bool normalized = false)
    {
        var n = graph.NodeCount;
        var values = new double[n];
        for (var v = 0; v < n; v++)
        {
            double d;
            if (!graph.IsDirected)
            {
                d = graph.OutDegree(v);
                foreach (var w in graph.OutNeighbors(v))
                {
                    if (w == v)
                    {
                        d++;
                    }
                }
            }
            else
            {
                d = kind switch
                {
                    DegreeKind.In => graph.InDegree(v),
                    DegreeKind.Out => graph.OutDegree(v),
                    _ => graph.InDegree(v) + graph.OutDegree(v),
                };
            }

            values[v] = d;
        }

        if (normalized)
        {
            var scale = n <= 1 ? 1.0 : 1.0 / (n - 1);
            for (var v = 0; v < n; v++)
            {
                values[v] = n <= 1 ? 1.0 : values[v] * scale;
            }
        }

        var name = kind switch
        {
            DegreeKind.In => "indegree",
            DegreeKind.Out => "outdegree",
            _ => "degree",
        };
        return new NodeScores(normalized ? name + "_centrality" : name, graph, values);
    }
}
