namespace SoMeScholar.Graph;

/// <summary>What the builder does when the same edge is added more than once.</summary>
public enum DuplicateEdges
{
    /// <summary>
    /// One edge per node pair (ordered pair when directed, unordered when undirected); a repeated edge updates the weight,
    /// the last one winning. This is what networkx's <c>add_edge</c> (and so <c>read_edgelist</c>) does, so the default
    /// presets agree with networkx on files that repeat an edge.
    /// </summary>
    Collapse,

    /// <summary>One edge per node pair whose weight is the sum of the repeated edges' weights (an unweighted line counts 1),
    /// so repeated mentions become an edge weight. The graph is weighted.</summary>
    SumWeights,

    /// <summary>Keep every edge (a multigraph, NodeXL's "edges with duplicates"). Shortest-path measures then count
    /// parallel edges as distinct paths, as igraph does.</summary>
    KeepParallel,
}

/// <summary>What the builder does with an edge from a node to itself.</summary>
public enum SelfLoops
{
    /// <summary>Keep self-loops (networkx keeps them: they add to degree and take part in PageRank and eigenvector centrality).</summary>
    Keep,

    /// <summary>Drop self-loops as they are added.</summary>
    Drop,
}

public sealed record GraphBuilderOptions
{
    public DuplicateEdges DuplicateEdges { get; init; } = DuplicateEdges.Collapse;

    public SelfLoops SelfLoops { get; init; } = SelfLoops.Keep;
}

/// <summary>
/// Builds a <see cref="CsrGraph"/> from external string ids. Node indices are given in order of first appearance.
/// Not thread-safe; build once, then share the immutable graph.
/// </summary>
/// <remarks>
/// Ids that are canonical non-negative decimal integers ("0", "17", not "017") are kept as numbers until
/// <see cref="Build"/>, which makes reading large numeric edge lists fast; every other id is kept as a string. Ids are
/// compared ordinally (case-sensitive).
/// </remarks>
public sealed class GraphBuilder
{
    private readonly bool _directed;
    private readonly GraphBuilderOptions _options;
    private readonly Dictionary<long, int> _byNumber = [];
    private readonly Dictionary<string, int> _byString = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byStringSpan;
    private string?[] _ids = new string?[16];
    private long[] _numbers = new long[16];
    private int _nodeCount;
    private int[] _sources = new int[16];
    private int[] _targets = new int[16];
    private double[]? _weights;
    private int _edgeCount;

    public GraphBuilder(bool directed, GraphBuilderOptions? options = null)
    {
        _directed = directed;
        _options = options ?? new GraphBuilderOptions();
        _byStringSpan = _byString.GetAlternateLookup<ReadOnlySpan<char>>();
        if (_options.DuplicateEdges == DuplicateEdges.SumWeights)
        {
            _weights = new double[16];
        }
    }

    public bool IsDirected => _directed;

    public int NodeCount => _nodeCount;

    /// <summary>Edges added so far (before duplicates are collapsed).</summary>
    public int EdgeCount => _edgeCount;

    /// <summary>The index of <paramref name="id"/>, adding the node if it is new.</summary>
    public int AddNode(string id) => AddNode(id.AsSpan(), id);

    /// <summary>The index of <paramref name="id"/>, adding the node if it is new; allocates only for a new non-numeric id.</summary>
    public int AddNode(ReadOnlySpan<char> id) => AddNode(id, null);

    /// <summary>The index of an existing id, or -1.</summary>
    public int IndexOf(string id)
    {
        if (TryParseCanonical(id, out var number))
        {
            return _byNumber.TryGetValue(number, out var found) ? found : -1;
        }

        return _byString.TryGetValue(id, out var index) ? index : -1;
    }

    private int AddNode(ReadOnlySpan<char> id, string? idString)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("A node id must not be empty.", nameof(id));
        }

        if (TryParseCanonical(id, out var number))
        {
            if (_byNumber.TryGetValue(number, out var existing))
            {
                return existing;
            }

            var index = NewNode(null, number);
            _byNumber.Add(number, index);
            return index;
        }

        if (_byStringSpan.TryGetValue(id, out var found))
        {
            return found;
        }

        idString ??= id.ToString();
        var created = NewNode(idString, -1);
        _byString.Add(idString, created);
        return created;
    }

    private int NewNode(string? id, long number)
    {
        if (_nodeCount == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _numbers, _numbers.Length * 2);
        }

        _ids[_nodeCount] = id;
        _numbers[_nodeCount] = number;
        return _nodeCount++;
    }

    private static bool TryParseCanonical(ReadOnlySpan<char> id, out long number)
    {
        number = 0;
        if (id.Length is 0 or > 18 || (id[0] == '0' && id.Length > 1))
        {
            return false;
        }

        foreach (var c in id)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    public void AddEdge(string source, string target) => AddEdge(AddNode(source), AddNode(target));

    public void AddEdge(string source, string target, double weight) => AddEdge(AddNode(source), AddNode(target), weight);

    /// <summary>Adds an unweighted edge (weight 1 if the graph turns out weighted) between existing node indices.</summary>
    public void AddEdge(int source, int target) => AddEdgeCore(source, target, 1.0, weighted: false);

    /// <summary>Adds a weighted edge between existing node indices. The weight must be finite.</summary>
    public void AddEdge(int source, int target, double weight)
    {
        if (!double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Edge weights must be finite numbers.");
        }

        AddEdgeCore(source, target, weight, weighted: true);
    }

    private void AddEdgeCore(int source, int target, double weight, bool weighted)
    {
        if ((uint)source >= (uint)_nodeCount || (uint)target >= (uint)_nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(source), $"Edge {source}->{target} names a node index that was not added (nodes: {_nodeCount}).");
        }

        if (source == target && _options.SelfLoops == SelfLoops.Drop)
        {
            return;
        }

        if (_edgeCount == _sources.Length)
        {
            var size = _sources.Length * 2;
            Array.Resize(ref _sources, size);
            Array.Resize(ref _targets, size);
            if (_weights is not null)
            {
                Array.Resize(ref _weights, size);
            }
        }

        if (weighted && _weights is null)
        {
            _weights = new double[_sources.Length];
            _weights.AsSpan(0, _edgeCount).Fill(1.0);
        }

        _sources[_edgeCount] = source;
        _targets[_edgeCount] = target;
        if (_weights is not null)
        {
            _weights[_edgeCount] = weight;
        }

        _edgeCount++;
    }

    /// <summary>Builds the immutable graph. The builder can still be used afterwards.</summary>
    public CsrGraph Build()
    {
        var n = _nodeCount;
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = _ids[i] ?? _numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            index[ids[i]] = i;
        }

        var m = _edgeCount;
        var weights = _weights;

        // Rows: directed = out-rows by source; undirected = both endpoints (a self-loop once).
        var rowCount = new int[n + 1];
        for (var e = 0; e < m; e++)
        {
            rowCount[_sources[e] + 1]++;
            if (!_directed && _sources[e] != _targets[e])
            {
                rowCount[_targets[e] + 1]++;
            }
        }

        for (var v = 0; v < n; v++)
        {
            rowCount[v + 1] += rowCount[v];
        }

        var total = rowCount[n];
        var rowTargets = new int[total];
        var rowWeights = weights is null ? null : new double[total];
        var fill = (int[])rowCount.Clone();
        for (var e = 0; e < m; e++)
        {
            var s = _sources[e];
            var t = _targets[e];
            var p = fill[s]++;
            rowTargets[p] = t;
            if (rowWeights is not null)
            {
                rowWeights[p] = weights![e];
            }

            if (!_directed && s != t)
            {
                p = fill[t]++;
                rowTargets[p] = s;
                if (rowWeights is not null)
                {
                    rowWeights[p] = weights![e];
                }
            }
        }

        // Duplicates: collapse per row with a marker array (O(n + m), keeps first-appearance order).
        var hasParallel = false;
        if (_options.DuplicateEdges != DuplicateEdges.KeepParallel)
        {
            var marker = new int[n];
            Array.Fill(marker, -1);
            var position = new int[n];
            var write = 0;
            var sum = _options.DuplicateEdges == DuplicateEdges.SumWeights;
            for (var v = 0; v < n; v++)
            {
                var start = rowCount[v];
                var end = rowCount[v + 1];
                rowCount[v] = write;
                for (var i = start; i < end; i++)
                {
                    var w = rowTargets[i];
                    if (marker[w] == v)
                    {
                        if (rowWeights is not null)
                        {
                            rowWeights[position[w]] = sum ? rowWeights[position[w]] + rowWeights[i] : rowWeights[i];
                        }

                        continue;
                    }

                    marker[w] = v;
                    position[w] = write;
                    rowTargets[write] = w;
                    if (rowWeights is not null)
                    {
                        rowWeights[write] = rowWeights[i];
                    }

                    write++;
                }
            }

            rowCount[n] = write;
            if (write != total)
            {
                Array.Resize(ref rowTargets, write);
                if (rowWeights is not null)
                {
                    Array.Resize(ref rowWeights, write);
                }
            }
        }
        else
        {
            hasParallel = HasAnyDuplicate(n, rowCount, rowTargets);
        }

        if (!_directed)
        {
            long edges = 0;
            for (var v = 0; v < n; v++)
            {
                for (var i = rowCount[v]; i < rowCount[v + 1]; i++)
                {
                    if (rowTargets[i] >= v)
                    {
                        edges++;
                    }
                }
            }

            return new CsrGraph(false, ids, rowCount, rowTargets, rowWeights, rowCount, rowTargets, rowWeights, edges, hasParallel, index);
        }

        var (inOffsets, inSources, inWeights) = Transpose(n, rowCount, rowTargets, rowWeights);
        return new CsrGraph(true, ids, rowCount, rowTargets, rowWeights, inOffsets, inSources, inWeights, rowTargets.Length, hasParallel, index);
    }

    private static bool HasAnyDuplicate(int n, int[] offsets, int[] targets)
    {
        var marker = new int[n];
        Array.Fill(marker, -1);
        for (var v = 0; v < n; v++)
        {
            for (var i = offsets[v]; i < offsets[v + 1]; i++)
            {
                if (marker[targets[i]] == v)
                {
                    return true;
                }

                marker[targets[i]] = v;
            }
        }

        return false;
    }

    /// <summary>In-adjacency from out-adjacency by a stable counting sort: in-row of w lists sources in index order.</summary>
    internal static (int[] Offsets, int[] Sources, double[]? Weights) Transpose(int n, int[] offsets, int[] targets, double[]? weights)
    {
        var inOffsets = new int[n + 1];
        foreach (var w in targets)
        {
            inOffsets[w + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            inOffsets[v + 1] += inOffsets[v];
        }

        var fill = new int[n];
        Array.Copy(inOffsets, fill, n);
        var sources = new int[targets.Length];
        var inWeights = weights is null ? null : new double[targets.Length];
        for (var v = 0; v < n; v++)
        {
            for (var i = offsets[v]; i < offsets[v + 1]; i++)
            {
                var p = fill[targets[i]]++;
                sources[p] = v;
                if (inWeights is not null)
                {
                    inWeights[p] = weights![i];
                }
            }
        }

        return (inOffsets, sources, inWeights);
    }
}
