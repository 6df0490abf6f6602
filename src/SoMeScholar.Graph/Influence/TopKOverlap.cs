using System.Collections.ObjectModel;

namespace SoMeScholar.Graph.Influence;

/// <summary>How the top k is cut when several nodes share the k-th score.</summary>
public enum TieRule
{
    /// <summary>Exactly k nodes per measure: ranking is by score descending, and equal scores are ordered by external id
    /// (ordinal, i.e. by UTF-16 code units, case-sensitive), so the cut at rank k is reproducible. Tied nodes left out are
    /// reported in <see cref="MeasureTop.TiedBeyondK"/>.</summary>
    IdOrder,

    /// <summary>Every node whose score equals the k-th score is included, so a list can be longer than k.</summary>
    IncludeTies,
}

public sealed record TopKOptions
{
    /// <summary>How many top nodes per measure (Riddell et al.: 100).</summary>
    public int K { get; init; } = 100;

    public TieRule TieRule { get; init; } = TieRule.IdOrder;
}

/// <summary>One measure's top list.</summary>
/// <param name="Measure">The measure's name.</param>
/// <param name="Top">The selected nodes in rank order.</param>
/// <param name="CutoffScore">The k-th score (the lowest score selected), or 0 for an empty graph.</param>
/// <param name="TiedBeyondK">Ids with the cut-off score that the rule left out (empty with <see cref="TieRule.IncludeTies"/>).</param>
public sealed record MeasureTop(string Measure, IReadOnlyList<RankedNode> Top, double CutoffScore, IReadOnlyList<string> TiedBeyondK);

/// <summary>A node of the union with the top lists it is in (by measure order), for the overlap diagram.</summary>
public sealed record OverlapMember(string Id, int Node, IReadOnlyList<bool> InTop, IReadOnlyList<int?> Ranks)
{
    public int ListCount => InTop.Count(x => x);
}

/// <summary>The influencer overlap: top lists, their union and intersection.</summary>
public sealed record InfluencerOverlap(int K, TieRule TieRule, IReadOnlyList<MeasureTop> Measures, IReadOnlyList<OverlapMember> Union, IReadOnlyList<OverlapMember> Intersection)
{
    /// <summary>Σ list lengths (k × measures under <see cref="TieRule.IdOrder"/> on graphs of at least k nodes).</summary>
    public int Slots => Measures.Sum(m => m.Top.Count);

    public int UnionSize => Union.Count;

    public int IntersectionSize => Intersection.Count;
}

/// <summary>
/// The influencer method of Riddell et al. (2017): rank nodes on several measures, take the top k of each, and report
/// how many distinct nodes the lists hold (union) and which nodes are in every list (intersection).
/// </summary>
/// <remarks>
/// <para>Their study: 2,234 emergency physicians, top 100 on in-degree, eigenvector and betweenness (NodeXL): 300 slots,
/// 142 unique, 61 in all three. Ranking is invariant to a measure's scale, so the preset only matters for which
/// definition of each measure is used, and for ties.</para>
/// <para><b>Ties (deterministic).</b> Each measure ranks by score descending and breaks equal scores by node id
/// (ordinal, <see cref="NodeScores.Compare"/>), so the same graph always gives the same lists. With
/// <see cref="TieRule.IdOrder"/> (the default) each list holds exactly k nodes and the nodes that share the k-th score
/// but fell below the cut are reported in <see cref="MeasureTop.TiedBeyondK"/>; with <see cref="TieRule.IncludeTies"/>
/// every node with the k-th score is kept.</para>
/// <para><b>Users.</b> Pure and store-free: the research toolkit's influencer sampling frame
/// (<c>SoMeScholar.Core.Research.SamplingFrames</c>) and the network section's influencer view both call it with the
/// measures they computed, and record K, the tie rule and the preset with their results.</para>
/// <para><b>Order of the output.</b> The union is ordered by the number of lists a node is in (descending), then by the sum
/// of its ranks in the lists it is in, then by id (ordinal); the intersection by the sum of ranks, then by id.</para>
/// <para><b>Reference.</b> J. Riddell, A. Brown, I. Kovic, J. Jauregui, Who are the most influential emergency physicians
/// on Twitter?, Western Journal of Emergency Medicine 18 (2017) 281–287, https://doi.org/10.5811/westjem.2016.11.31299.</para>
/// <para><b>Complexity.</b> O(M·n log n) for M measures (one sort per measure).</para>
/// </remarks>
public static class TopKOverlap
{
    public static InfluencerOverlap Compute(IReadOnlyList<NodeScores> measures, TopKOptions? options = null)
    {
        options ??= new TopKOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.K, 1);
        if (measures.Count == 0)
        {
            throw new ArgumentException("At least one measure is needed.", nameof(measures));
        }

        var n = measures[0].Count;
        foreach (var m in measures)
        {
            if (m.Count != n || !m.NodeIds.SequenceEqual(measures[0].NodeIds))
            {
                throw new ArgumentException($"Measure '{m.Measure}' is not over the same nodes as '{measures[0].Measure}'.", nameof(measures));
            }
        }

        var ids = measures[0].NodeIds;
        var tops = new List<MeasureTop>();
        var rank = new int?[measures.Count][];
        for (var i = 0; i < measures.Count; i++)
        {
            var scores = measures[i];
            var ranking = scores.Ranking();
            var k = Math.Min(options.K, n);
            var cutoff = k == 0 ? 0 : scores[ranking[k - 1]];
            var count = k;
            if (options.TieRule == TieRule.IncludeTies)
            {
                while (count < n && scores[ranking[count]] == cutoff)
                {
                    count++;
                }
            }

            var top = new List<RankedNode>(count);
            rank[i] = new int?[n];
            for (var r = 0; r < count; r++)
            {
                var node = ranking[r];
                top.Add(new RankedNode(r + 1, node, ids[node], scores[node]));
                rank[i][node] = r + 1;
            }

            var tied = new List<string>();
            for (var r = count; r < n && k > 0 && scores[ranking[r]] == cutoff; r++)
            {
                tied.Add(ids[ranking[r]]);
            }

            tops.Add(new MeasureTop(scores.Measure, new ReadOnlyCollection<RankedNode>(top), cutoff, new ReadOnlyCollection<string>(tied)));
        }

        var union = new List<OverlapMember>();
        for (var v = 0; v < n; v++)
        {
            var inTop = new bool[measures.Count];
            var ranks = new int?[measures.Count];
            var any = false;
            for (var i = 0; i < measures.Count; i++)
            {
                ranks[i] = rank[i][v];
                inTop[i] = ranks[i] is not null;
                any |= inTop[i];
            }

            if (any)
            {
                union.Add(new OverlapMember(ids[v], v, inTop, ranks));
            }
        }

        static int RankSum(OverlapMember m) => m.Ranks.Sum(r => r ?? 0);
        union.Sort((a, b) =>
        {
            var byLists = b.ListCount.CompareTo(a.ListCount);
            if (byLists != 0)
            {
                return byLists;
            }

            var byRanks = RankSum(a).CompareTo(RankSum(b));
            return byRanks != 0 ? byRanks : string.CompareOrdinal(a.Id, b.Id);
        });
        var intersection = union.Where(m => m.ListCount == measures.Count).ToList();
        return new InfluencerOverlap(options.K, options.TieRule, tops, union, intersection);
    }
}
