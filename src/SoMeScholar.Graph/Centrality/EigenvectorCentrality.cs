namespace SoMeScholar.Graph.Centrality;

/// <summary>Which published power iteration to reproduce.</summary>
public enum EigenvectorVariant
{
    /// <summary>networkx <c>eigenvector_centrality</c>: iterate x ← (A + I)ᵀx from the uniform vector, normalise to unit
    /// L2 norm each step, stop when Σ|Δ| &lt; n·tolerance. Directed graphs use in-edges (left eigenvector).</summary>
    NetworkX,

    /// <summary>SNAP <c>GetEigenVectorCentr</c> (what NodeXL calls): x ← Ax on the graph as given (callers pass the
    /// undirected view), start 1/N, normalise to unit L2 norm each step, stop when Σ|Δ| &lt; tolerance (1e-4).</summary>
    Snap,
}

public sealed record EigenvectorOptions
{
    public EigenvectorVariant Variant { get; init; } = EigenvectorVariant.NetworkX;

    /// <summary>Iteration cap (networkx and SNAP: 100). Reaching it gives <see cref="Convergence.Converged"/> = false.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>networkx: per-node tolerance (1e-6, compared with Σ|Δ| / n). SNAP: total tolerance (1e-4).</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Use edge weights (networkx's <c>weight="weight"</c>); default false as networkx's <c>weight=None</c>.</summary>
    public bool UseWeights { get; init; }

    public int? MaxThreads { get; init; }
}

/// <summary>
/// Eigenvector centrality by power iteration.
/// </summary>
/// <remarks>
/// <para><b>Definition.</b> x is the principal eigenvector of the adjacency matrix: x_v = (1/λ) Σ_{u→v} a_uv x_u (a node
/// is central if pointed to by central nodes). Directed graphs use in-edges, as networkx's <c>eigenvector_centrality</c>
/// (left eigenvector); undirected graphs use neighbours.</para>
/// <para><b>Normalisation.</b> Unit Euclidean (L2) norm, Σx² = 1, in both variants. The networkx variant iterates with
/// A + I, which has the same eigenvectors but converges on bipartite graphs; the SNAP variant does not shift and
/// oscillates on bipartite graphs (e.g. a 3-node path), which shows as <see cref="Convergence.Converged"/> = false after
/// the cap rather than an exception or an endless loop. Nodes without in-edges score 0 after the first iteration (SNAP;
/// NodeXL reports isolated vertices as 0).</para>
/// <para><b>Reference.</b> P. Bonacich, Power and centrality: a family of measures, American Journal of Sociology 92 (1987)
/// 1170–1182, https://doi.org/10.1086/228631; M. E. J. Newman, Networks (2nd ed., 2018) §7.1.</para>
/// <para><b>Complexity.</b> O(k·(n + m)) time for k iterations, O(n) memory; each iteration is parallel over nodes and
/// deterministic.</para>
/// </remarks>
public static class EigenvectorCentrality
{
    public static NodeScores Compute(CsrGraph graph, EigenvectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EigenvectorOptions();
        var n = graph.NodeCount;
        if (n == 0)
        {
            return new NodeScores("eigenvector", graph, [], new Convergence(true, 0, 0));
        }

        var offsets = graph.InOffsetsArray;
        var sources = graph.InSourcesArray;
        var weights = options.UseWeights ? graph.InWeightsArray : null;
        var snap = options.Variant == EigenvectorVariant.Snap;
        var x = new double[n];
        var next = new double[n];
        Array.Fill(x, 1.0 / n);
        var iterations = 0;
        var residual = double.PositiveInfinity;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            var current = x;
            var target = next;
            Parallelism.ForRanges(n, options.MaxThreads, (start, end) =>
            {
                for (var v = start; v < end; v++)
                {
                    var sum = snap ? 0.0 : current[v];
                    var e0 = offsets[v];
                    var e1 = offsets[v + 1];
                    if (weights is null)
                    {
                        for (var e = e0; e < e1; e++)
                        {
                            sum += current[sources[e]];
                        }
                    }
                    else
                    {
                        for (var e = e0; e < e1; e++)
                        {
                            sum += current[sources[e]] * weights[e];
                        }
                    }

                    target[v] = sum;
                }
            }, cancellationToken);

            var norm = 0.0;
            for (var v = 0; v < n; v++)
            {
                norm += next[v] * next[v];
            }

            norm = Math.Sqrt(norm);
            if (norm == 0 || !double.IsFinite(norm))
            {
                // No edges (SNAP would divide by zero): every score is 0, nothing left to iterate.
                Array.Clear(next);
                residual = 0;
                for (var v = 0; v < n; v++)
                {
                    residual += Math.Abs(x[v]);
                }

                (x, next) = (next, x);
                converged = true;
                break;
            }

            residual = 0;
            for (var v = 0; v < n; v++)
            {
                next[v] /= norm;
                residual += Math.Abs(next[v] - x[v]);
            }

            (x, next) = (next, x);
            var threshold = snap ? options.Tolerance : n * options.Tolerance;
            if (residual < threshold)
            {
                converged = true;
                break;
            }
        }

        return new NodeScores("eigenvector", graph, x, new Convergence(converged, iterations, residual));
    }
}
