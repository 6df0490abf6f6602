using System.Collections.ObjectModel;

namespace SoMeScholar.Graph.Components;

/// <summary>
/// A partition of the nodes into components. Components are numbered 0.. in order of their lowest node index, so the
/// numbering is deterministic.
/// </summary>
public sealed class ComponentAssignment
{
    private readonly int[] _membership;
    private readonly int[] _sizes;

    internal ComponentAssignment(int[] membership, int count)
    {
        _membership = membership;
        _sizes = new int[count];
        foreach (var c in membership)
        {
            _sizes[c]++;
        }

        Count = count;
        LargestSize = count == 0 ? 0 : _sizes.Max();
        Largest = Array.IndexOf(_sizes, LargestSize);
    }

    public int Count { get; }

    /// <summary>Component of each node, by node index.</summary>
    public IReadOnlyList<int> Membership => new ReadOnlyCollection<int>(_membership);

    /// <summary>Size of each component.</summary>
    public IReadOnlyList<int> Sizes => new ReadOnlyCollection<int>(_sizes);

    /// <summary>The largest component (the lowest-numbered among equals).</summary>
    public int Largest { get; }

    public int LargestSize { get; }

    public int ComponentOf(int node) => _membership[node];

    /// <summary>Nodes of one component in index order.</summary>
    public IReadOnlyList<int> Nodes(int component)
    {
        var nodes = new List<int>(_sizes[component]);
        for (var v = 0; v < _membership.Length; v++)
        {
            if (_membership[v] == component)
            {
                nodes.Add(v);
            }
        }

        return nodes;
    }

    /// <summary>Membership as scores (for a metrics table column).</summary>
    public NodeScores ToScores(CsrGraph graph, string measure) => new(measure, graph, Array.ConvertAll(_membership, c => (double)c));

    /// <summary>Renumbers components in order of first appearance by node index.</summary>
    internal static ComponentAssignment Canonical(int[] labels)
    {
        var map = new Dictionary<int, int>();
        var membership = new int[labels.Length];
        for (var v = 0; v < labels.Length; v++)
        {
            if (!map.TryGetValue(labels[v], out var c))
            {
                c = map.Count;
                map.Add(labels[v], c);
            }

            membership[v] = c;
        }

        return new ComponentAssignment(membership, map.Count);
    }
}
