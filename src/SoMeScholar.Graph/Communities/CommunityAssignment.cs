using System.Collections.ObjectModel;

namespace SoMeScholar.Graph.Communities;

/// <summary>
/// A partition of the nodes into communities with its modularity. Communities are numbered 0.. in order of their lowest
/// node index, so equal partitions always get equal numbers.
/// </summary>
public sealed class CommunityAssignment
{
    private readonly int[] _membership;
    private readonly int[] _sizes;
    private readonly double[] _levelModularity;

    internal CommunityAssignment(int[] membership, double modularity, double[] levelModularity)
    {
        var canonical = Canonical(membership, out var count);
        _membership = canonical;
        _sizes = new int[count];
        foreach (var c in canonical)
        {
            _sizes[c]++;
        }

        Count = count;
        Modularity = modularity;
        _levelModularity = levelModularity;
    }

    public int Count { get; }

    /// <summary>Modularity of this partition on the undirected view (see <see cref="Communities.Modularity"/>).</summary>
    public double Modularity { get; }

    /// <summary>Modularity after each aggregation level of the Louvain method.</summary>
    public IReadOnlyList<double> LevelModularity => new ReadOnlyCollection<double>(_levelModularity);

    public IReadOnlyList<int> Membership => new ReadOnlyCollection<int>(_membership);

    public IReadOnlyList<int> Sizes => new ReadOnlyCollection<int>(_sizes);

    public int CommunityOf(int node) => _membership[node];

    public NodeScores ToScores(CsrGraph graph, string measure = "community") => new(measure, graph, Array.ConvertAll(_membership, c => (double)c));

    internal static int[] Canonical(int[] labels, out int count)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (var v = 0; v < labels.Length; v++)
        {
            if (!map.TryGetValue(labels[v], out var c))
            {
                c = map.Count;
                map.Add(labels[v], c);
            }

            result[v] = c;
        }

        count = map.Count;
        return result;
    }
}
