using System.Collections.ObjectModel;

namespace SoMeScholar.Graph;

/// <summary>How an iterative measure (eigenvector, PageRank) ended.</summary>
/// <param name="Converged">True when the stopping criterion was met before the iteration cap.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Residual">The last iteration's change (sum of absolute differences).</param>
public readonly record struct Convergence(bool Converged, int Iterations, double Residual);

/// <summary>The error guarantee of a sampled measure: with probability at least 1 − <see cref="Delta"/>, every node's
/// estimate is within <see cref="Epsilon"/> of its exact value, on the scale named by <see cref="Scale"/>.</summary>
public readonly record struct ApproximationBound(double Epsilon, double Delta, int Samples, int VertexDiameterBound, string Scale);

/// <summary>
/// Scores of one measure for every node of a graph, by node index: an immutable value with ranking, top-k and lookup by
/// external id.
/// </summary>
/// <remarks>
/// Ranking order is deterministic: score descending, then external id in ordinal order (so two runs, or two machines,
/// list tied nodes the same way). NaN never occurs in results of this library.
/// </remarks>
public sealed class NodeScores
{
    private readonly double[] _values;
    private readonly string[] _ids;
    private int[]? _ranking;

    public NodeScores(string measure, CsrGraph graph, double[] values, Convergence? convergence = null, ApproximationBound? approximation = null)
        : this(measure, graph.NodeIdArray, values, convergence, approximation)
    {
    }

    internal NodeScores(string measure, string[] ids, double[] values, Convergence? convergence = null, ApproximationBound? approximation = null)
    {
        if (values.Length != ids.Length)
        {
            throw new ArgumentException($"Measure {measure}: {values.Length} scores for {ids.Length} nodes.", nameof(values));
        }

        Measure = measure;
        _ids = ids;
        _values = values;
        Convergence = convergence;
        Approximation = approximation;
    }

    /// <summary>The measure's name as used in CSV headers, e.g. "betweenness".</summary>
    public string Measure { get; }

    public int Count => _values.Length;

    /// <summary>Scores by node index.</summary>
    public ReadOnlySpan<double> Values => _values;

    public double this[int node] => _values[node];

    /// <summary>The score of the node with this external id; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public double this[string id] => TryGet(id, out var value) ? value : throw new KeyNotFoundException($"No node with id '{id}'.");

    public IReadOnlyList<string> NodeIds => new ReadOnlyCollection<string>(_ids);

    /// <summary>Set for iterative measures: whether and when the power iteration stopped.</summary>
    public Convergence? Convergence { get; }

    /// <summary>Set for sampled measures: the (epsilon, delta) guarantee.</summary>
    public ApproximationBound? Approximation { get; }

    public bool TryGet(string id, out double value)
    {
        // Built on first use; a race builds two equal maps, which is harmless.
        _lookup ??= BuildLookup(_ids);
        if (_lookup.TryGetValue(id, out var index))
        {
            value = _values[index];
            return true;
        }

        value = 0;
        return false;
    }

    private static Dictionary<string, int> BuildLookup(string[] ids)
    {
        var map = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = i;
        }

        return map;
    }

    private Dictionary<string, int>? _lookup;

    /// <summary>Node indices ordered by score descending, ties by external id (ordinal).</summary>
    public IReadOnlyList<int> Ranking()
    {
        if (_ranking is null)
        {
            var order = new int[_values.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, Compare);
            _ranking = order;
        }

        return new ReadOnlyCollection<int>(_ranking);
    }

    /// <summary>Compares two nodes in ranking order (higher score first, then id ordinal).</summary>
    public int Compare(int a, int b)
    {
        var byScore = _values[b].CompareTo(_values[a]);
        return byScore != 0 ? byScore : string.CompareOrdinal(_ids[a], _ids[b]);
    }

    /// <summary>The first <paramref name="k"/> nodes of <see cref="Ranking"/> (fewer if the graph is smaller).</summary>
    public IReadOnlyList<RankedNode> Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var ranking = Ranking();
        var count = Math.Min(k, ranking.Count);
        var top = new RankedNode[count];
        for (var i = 0; i < count; i++)
        {
            var node = ranking[i];
            top[i] = new RankedNode(i + 1, node, _ids[node], _values[node]);
        }

        return top;
    }

    public double Max() => _values.Length == 0 ? 0 : _values.Max();

    public double Sum()
    {
        var sum = 0.0;
        foreach (var v in _values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>The same scores multiplied by <paramref name="factor"/>.</summary>
    public NodeScores Scaled(double factor, string? measure = null)
    {
        var values = new double[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _values[i] * factor;
        }

        return new NodeScores(measure ?? Measure, _ids, values, Convergence, Approximation);
    }

    /// <summary>A copy of the scores by index.</summary>
    public double[] ToArray() => (double[])_values.Clone();

    public override string ToString() => $"{Measure}: {Count} nodes";
}

/// <summary>A node's place in a ranking (1-based).</summary>
public readonly record struct RankedNode(int Rank, int Node, string Id, double Score);

/// <summary>Progress of a long computation: <paramref name="Done"/> of <paramref name="Total"/> units of the named stage.</summary>
public readonly record struct GraphProgress(string Stage, long Done, long Total)
{
    public double Fraction => Total <= 0 ? 0 : (double)Done / Total;
}
