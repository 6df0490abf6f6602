using System.Globalization;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Communities;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// Network communities for the recommender's "same community" evidence and the evaluation's same-community baseline:
/// the graph engine's Louvain method (<see cref="Louvain"/>) on the undirected tie graph, where a pair's weight is its
/// tie strength (follows either way, 1 each, plus engagement weights). Deterministic for a seed.
/// </summary>
public static class NetworkCommunities
{
    public const string Method = "Louvain";

    /// <summary>The community of each of <paramref name="nodes"/> accounts (isolated accounts are communities of their own).</summary>
    public static int[] Detect(int nodes, IEnumerable<(int A, int B, double Weight)> ties, ulong seed)
    {
        var builder = new GraphBuilder(directed: false, new GraphBuilderOptions { DuplicateEdges = DuplicateEdges.SumWeights, SelfLoops = SelfLoops.Drop });
        for (var v = 0; v < nodes; v++)
        {
            builder.AddNode(v.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (a, b, weight) in ties)
        {
            if (a != b && weight > 0)
            {
                builder.AddEdge(Math.Min(a, b), Math.Max(a, b), weight);
            }
        }

        return [.. Louvain.Compute(builder.Build(), new LouvainOptions { Seed = seed }).Membership];
    }
}
