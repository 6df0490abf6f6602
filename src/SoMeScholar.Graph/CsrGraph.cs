using System.Collections.ObjectModel;

namespace SoMeScholar.Graph;

/// <summary>
/// An immutable graph in compressed sparse row (CSR) form with dense node indices 0..n-1.
/// </summary>
/// <remarks>
/// <para>Out-edges of node <c>v</c> are <c>OutTargets[OutOffsets[v]..OutOffsets[v+1]]</c>; in-edges are
/// <c>InSources[InOffsets[v]..InOffsets[v+1]]</c>. Edge weights, when the graph is weighted, are parallel arrays.</para>
/// <para>An undirected graph stores each edge {u, v} (u ≠ v) in both rows, so its out- and in-arrays are the same
/// arrays; a self-loop is stored once. <see cref="EdgeCount"/> counts each undirected edge once.</para>
/// <para>Adjacency keeps the order in which edges were first added (stable), so every algorithm that walks it is
/// deterministic. External ids (account handles, DIDs, the tokens of an edge list) map to indices through
/// <see cref="IndexOf"/> and <see cref="NodeIds"/>.</para>
/// Memory: (n + 1 + m) ints per direction, plus m doubles per direction when weighted.
/// </remarks>
public sealed class CsrGraph
{
    private readonly int[] _outOffsets;
    private readonly int[] _outTargets;
    private readonly double[]? _outWeights;
    private readonly int[] _inOffsets;
    private readonly int[] _inSources;
    private readonly double[]? _inWeights;
    private readonly string[] _nodeIds;
    private Dictionary<string, int>? _indexById;
    private CsrGraph? _undirected;
    private int _selfLoops = -1;

    internal CsrGraph(bool directed, string[] nodeIds, int[] outOffsets, int[] outTargets, double[]? outWeights,
        int[] inOffsets, int[] inSources, double[]? inWeights, long edgeCount, bool hasParallelEdges, Dictionary<string, int>? indexById)
    {
        IsDirected = directed;
        _nodeIds = nodeIds;
        _outOffsets = outOffsets;
        _outTargets = outTargets;
        _outWeights = outWeights;
        _inOffsets = inOffsets;
        _inSources = inSources;
        _inWeights = inWeights;
        EdgeCount = edgeCount;
        HasParallelEdges = hasParallelEdges;
        _indexById = indexById;
    }

    /// <summary>True when edges have a direction; false when each edge is stored in both rows.</summary>
    public bool IsDirected { get; }

    public int NodeCount => _nodeIds.Length;

    /// <summary>Number of edges; an undirected edge counts once, a self-loop once.</summary>
    public long EdgeCount { get; }

    public bool IsWeighted => _outWeights is not null;

    /// <summary>True when the builder kept parallel edges (<see cref="DuplicateEdges.KeepParallel"/>) and some occurred.</summary>
    public bool HasParallelEdges { get; }

    /// <summary>External id of each node, by index.</summary>
    public IReadOnlyList<string> NodeIds => new ReadOnlyCollection<string>(_nodeIds);

    public string NodeId(int node) => _nodeIds[node];

    /// <summary>The index of an external id, or -1 when the graph has no such node.</summary>
    public int IndexOf(string id)
    {
        var map = _indexById;
        if (map is null)
        {
            map = new Dictionary<string, int>(_nodeIds.Length, StringComparer.Ordinal);
            for (var i = 0; i < _nodeIds.Length; i++)
            {
                map[_nodeIds[i]] = i;
            }

            _indexById = map;
        }

        return map.TryGetValue(id, out var index) ? index : -1;
    }

    /// <summary>Row offsets of the out-adjacency (length n + 1).</summary>
    public ReadOnlySpan<int> OutOffsets => _outOffsets;

    /// <summary>Targets of all out-edges, row by row (length = stored out-edge count).</summary>
    public ReadOnlySpan<int> OutTargets => _outTargets;

    /// <summary>Weights parallel to <see cref="OutTargets"/>; empty when unweighted.</summary>
    public ReadOnlySpan<double> OutWeights => _outWeights;

    public ReadOnlySpan<int> InOffsets => _inOffsets;

    public ReadOnlySpan<int> InSources => _inSources;

    public ReadOnlySpan<double> InWeights => _inWeights;

    public ReadOnlySpan<int> OutNeighbors(int node) => _outTargets.AsSpan(_outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);

    public ReadOnlySpan<int> InNeighbors(int node) => _inSources.AsSpan(_inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    public ReadOnlySpan<double> OutEdgeWeights(int node) =>
        _outWeights is null ? default : _outWeights.AsSpan(_outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);

    public ReadOnlySpan<double> InEdgeWeights(int node) =>
        _inWeights is null ? default : _inWeights.AsSpan(_inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    /// <summary>Stored out-edges of a node (in an undirected graph: its neighbours, a self-loop once).</summary>
    public int OutDegree(int node) => _outOffsets[node + 1] - _outOffsets[node];

    public int InDegree(int node) => _inOffsets[node + 1] - _inOffsets[node];

    /// <summary>Number of self-loops (each counted once).</summary>
    public int SelfLoopCount
    {
        get
        {
            if (_selfLoops < 0)
            {
                var count = 0;
                for (var v = 0; v < NodeCount; v++)
                {
                    foreach (var w in OutNeighbors(v))
                    {
                        if (w == v)
                        {
                            count++;
                        }
                    }
                }

                _selfLoops = count;
            }

            return _selfLoops;
        }
    }

    internal int[] OutOffsetsArray => _outOffsets;

    internal int[] OutTargetsArray => _outTargets;

    internal double[]? OutWeightsArray => _outWeights;

    internal int[] InOffsetsArray => _inOffsets;

    internal int[] InSourcesArray => _inSources;

    internal double[]? InWeightsArray => _inWeights;

    internal string[] NodeIdArray => _nodeIds;

    /// <summary>
    /// The undirected view: the same nodes, with u–v joined when u→v or v→u exists. Reciprocal edges collapse into one
    /// edge (as networkx's <c>to_undirected()</c> and igraph's <c>as_undirected("collapse")</c>); when weighted, the
    /// collapsed edge's weight is the sum of both directions' weights. Parallel edges stay parallel. An undirected graph
    /// returns itself. Computed once and cached.
    /// </summary>
    public CsrGraph AsUndirected()
    {
        if (!IsDirected)
        {
            return this;
        }

        return _undirected ??= BuildUndirected();
    }

    private CsrGraph BuildUndirected()
    {
        var n = NodeCount;
        var weighted = _outWeights is not null;
        // Upper bound per row: out + in. Collapse duplicates with a marker array, row by row.
        var marker = new int[n];
        Array.Fill(marker, -1);
        var position = weighted ? new int[n] : null;
        var offsets = new int[n + 1];
        var targets = new int[_outTargets.Length + _inSources.Length];
        var weights = weighted ? new double[targets.Length] : null;
        var count = 0;
        long edges = 0;
        for (var v = 0; v < n; v++)
        {
            offsets[v] = count;
            var start = count;
            AddRow(v, _outOffsets, _outTargets, _outWeights);
            AddRow(v, _inOffsets, _inSources, _inWeights);
            for (var i = start; i < count; i++)
            {
                var w = targets[i];
                if (w > v)
                {
                    edges++;
                }
                else if (w == v)
                {
                    edges++;
                }
            }
        }

        offsets[n] = count;
        Array.Resize(ref targets, count);
        if (weights is not null)
        {
            Array.Resize(ref weights, count);
        }

        return new CsrGraph(false, _nodeIds, offsets, targets, weights, offsets, targets, weights, edges, HasParallelEdges, _indexById);

        void AddRow(int v, int[] rowOffsets, int[] rowTargets, double[]? rowWeights)
        {
            for (var e = rowOffsets[v]; e < rowOffsets[v + 1]; e++)
            {
                var w = rowTargets[e];
                var weight = rowWeights is null ? 1.0 : rowWeights[e];
                if (HasParallelEdges)
                {
                    // Multigraph: keep every edge, but a self-loop appears in both the out- and the in-row; keep one.
                    if (w == v && ReferenceEquals(rowTargets, _inSources))
                    {
                        continue;
                    }

                    targets[count] = w;
                    if (weights is not null)
                    {
                        weights[count] = weight;
                    }

                    count++;
                    continue;
                }

                if (marker[w] == v)
                {
                    if (weights is not null && !(w == v && ReferenceEquals(rowTargets, _inSources)))
                    {
                        weights[position![w]] += weight;
                    }

                    continue;
                }

                marker[w] = v;
                if (position is not null)
                {
                    position[w] = count;
                }

                targets[count] = w;
                if (weights is not null)
                {
                    weights[count] = weight;
                }

                count++;
            }
        }
    }

    /// <summary>The subgraph induced by the nodes for which <paramref name="keep"/> is true, with their ids; also returns the map new index → old index.</summary>
    public (CsrGraph Graph, int[] OriginalIndex) InducedSubgraph(Func<int, bool> keep)
    {
        var n = NodeCount;
        var newIndex = new int[n];
        var kept = new List<int>();
        for (var v = 0; v < n; v++)
        {
            if (keep(v))
            {
                newIndex[v] = kept.Count;
                kept.Add(v);
            }
            else
            {
                newIndex[v] = -1;
            }
        }

        var builder = new GraphBuilder(IsDirected, new GraphBuilderOptions { DuplicateEdges = HasParallelEdges ? DuplicateEdges.KeepParallel : DuplicateEdges.Collapse });
        foreach (var v in kept)
        {
            builder.AddNode(_nodeIds[v]);
        }

        foreach (var v in kept)
        {
            var targets = OutNeighbors(v);
            var weights = OutEdgeWeights(v);
            for (var i = 0; i < targets.Length; i++)
            {
                var w = targets[i];
                if (newIndex[w] < 0 || (!IsDirected && w < v))
                {
                    continue;
                }

                if (IsWeighted)
                {
                    builder.AddEdge(newIndex[v], newIndex[w], weights[i]);
                }
                else
                {
                    builder.AddEdge(newIndex[v], newIndex[w]);
                }
            }
        }

        return (builder.Build(), kept.ToArray());
    }

    public override string ToString() => $"{(IsDirected ? "directed" : "undirected")} graph, {NodeCount} nodes, {EdgeCount} edges{(IsWeighted ? ", weighted" : "")}";
}
