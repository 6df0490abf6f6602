using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Core.Network;

/// <summary>A node of an influencer list.</summary>
public sealed record RankedInfluencer(int Rank, string NodeId, string? Label, long? AccountId, double Score);

/// <summary>One measure's top k.</summary>
public sealed record InfluencerList(string Measure, double CutoffScore, IReadOnlyList<RankedInfluencer> Top, IReadOnlyList<string> TiedBeyondK);

/// <summary>A node of the union with its rank in each list (null = not in that list).</summary>
public sealed record Influencer(string NodeId, string? Label, long? AccountId, IReadOnlyList<int?> Ranks)
{
    public int ListCount => Ranks.Count(r => r is not null);
}

/// <summary>A region of the overlap diagram: the nodes in exactly these lists and no other.</summary>
public sealed record OverlapRegion(IReadOnlyList<string> Measures, int Count);

/// <summary>
/// The influencer method's result (Riddell et al. 2017): the top k of each measure, the slots (Σ list lengths), the
/// union (unique influencers), the intersection (in every list), and the regions of the overlap diagram.
/// </summary>
public sealed record InfluencerReport(
    long? AnalysisId, int K, TieRule TieRule, IReadOnlyList<string> Measures, IReadOnlyList<InfluencerList> Lists,
    int Slots, int UnionSize, int IntersectionSize, IReadOnlyList<Influencer> Intersection, IReadOnlyList<Influencer> Union,
    IReadOnlyList<OverlapRegion> Regions)
{
    /// <summary>Builds the report from the engine's overlap, with labels and accounts by node index.</summary>
    public static InfluencerReport From(InfluencerOverlap overlap, IReadOnlyList<string?> labels, IReadOnlyList<long?>? accounts = null, long? analysisId = null)
    {
        long? Account(int node) => accounts?[node];
        var lists = overlap.Measures.Select(m => new InfluencerList(m.Measure, m.CutoffScore,
            m.Top.Select(t => new RankedInfluencer(t.Rank, t.Id, labels[t.Node], Account(t.Node), t.Score)).ToList(), m.TiedBeyondK)).ToList();
        Influencer Map(OverlapMember member) => new(member.Id, labels[member.Node], Account(member.Node), member.Ranks);
        var measureNames = overlap.Measures.Select(m => m.Measure).ToList();
        var regions = overlap.Union
            .GroupBy(u => string.Join("|", u.InTop.Select(b => b ? '1' : '0')))
            .Select(g => new OverlapRegion(measureNames.Where((_, i) => g.First().InTop[i]).ToList(), g.Count()))
            .OrderByDescending(r => r.Measures.Count).ThenBy(r => string.Join(",", r.Measures), StringComparer.Ordinal)
            .ToList();
        return new InfluencerReport(analysisId, overlap.K, overlap.TieRule, measureNames, lists, overlap.Slots, overlap.UnionSize, overlap.IntersectionSize,
            overlap.Intersection.Select(Map).ToList(), overlap.Union.Select(Map).ToList(), regions);
    }

    /// <summary>Riddell et al.'s measures: in-degree, eigenvector and betweenness.</summary>
    public static readonly IReadOnlyList<Measure> DefaultMeasures = [Measure.InDegree, Measure.Eigenvector, Measure.Betweenness];

    public static TieRule ParseTieRule(string text) => text.Trim().ToLowerInvariant() switch
    {
        "id" or "idorder" or "id-order" or "id_order" => TieRule.IdOrder,
        "ties" or "includeties" or "include-ties" or "include_ties" => TieRule.IncludeTies,
        _ => throw new ArgumentException($"Unknown tie rule '{text}'; use id (exactly k, ties by id) or ties (include every node tied at rank k)."),
    };
}

/// <summary>One account's figures in one stored analysis: value and competition rank (1 + nodes scoring strictly higher).</summary>
public sealed record AccountMeasure(string Measure, double Value, int Rank, int OutOf);

/// <summary>An analysis an account appears in, with its figures there (the portfolio's "network measures over time").</summary>
public sealed record AccountAnalysis(long AnalysisId, string Title, DateTime? CompletedAt, string Inputs, int NodeCount, long? AccountId, string NodeId, int? Community, IReadOnlyList<AccountMeasure> Measures);

/// <summary>
/// Read-side queries over stored analyses for the influencer method and later capabilities: the influencers of an
/// analysis (research toolkit sampling frames) and an account's or person's measures and ranks across analyses
/// (portfolio).
/// </summary>
public sealed class NetworkInfluencers(ScholarDb db, NetworkAnalyses analyses)
{
    /// <summary>The influencer method over a stored analysis: top <paramref name="k"/> of each measure (default in-degree,
    /// eigenvector, betweenness), union, intersection, with the tie rule at rank k.</summary>
    public async Task<InfluencerReport> InfluencersOfAsync(long analysisId, int k = 100, IReadOnlyList<Measure>? measures = null, TieRule tieRule = TieRule.IdOrder, CancellationToken cancellationToken = default)
    {
        if (k < 1)
        {
            throw new NetworkAnalysisException("k must be at least 1.");
        }

        measures = measures is { Count: > 0 } ? measures : InfluencerReport.DefaultMeasures;
        var (nodes, scores) = await analyses.ScoresAsync(analysisId, measures, cancellationToken);
        var overlap = TopKOverlap.Compute(scores, new TopKOptions { K = k, TieRule = tieRule });
        return InfluencerReport.From(overlap, nodes.Select(n => n.Label).ToList(), nodes.Select(n => n.AccountId).ToList(), analysisId);
    }

    /// <summary>The measures Riddell et al. and the portfolio follow: in-degree, PageRank and betweenness.</summary>
    public static readonly IReadOnlyList<Measure> PortfolioMeasures = [Measure.InDegree, Measure.PageRank, Measure.Betweenness];

    /// <summary>Every completed analysis the account is a node of, oldest first, with its value and rank on each of
    /// <paramref name="measures"/> the analysis computed (default in-degree, PageRank, betweenness).</summary>
    public Task<IReadOnlyList<AccountAnalysis>> AnalysesForAccountAsync(long accountId, IReadOnlyList<Measure>? measures = null, CancellationToken cancellationToken = default) =>
        AnalysesForAccountsAsync([accountId], measures, cancellationToken);

    /// <summary>The same for every account a person owns.</summary>
    public async Task<IReadOnlyList<AccountAnalysis>> AnalysesForPersonAsync(long personId, IReadOnlyList<Measure>? measures = null, CancellationToken cancellationToken = default)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.PersonId == personId).Select(a => a.Id).ToListAsync(cancellationToken);
        return await AnalysesForAccountsAsync(accounts, measures, cancellationToken);
    }

    private async Task<IReadOnlyList<AccountAnalysis>> AnalysesForAccountsAsync(List<long> accountIds, IReadOnlyList<Measure>? measures, CancellationToken cancellationToken)
    {
        measures ??= PortfolioMeasures;
        var rows = await (from node in db.NetworkAnalysisNodes.AsNoTracking()
                          join analysis in db.NetworkAnalyses.AsNoTracking() on node.AnalysisId equals analysis.Id
                          where node.AccountId != null && accountIds.Contains(node.AccountId.Value) && analysis.Status == AnalysisStatus.Completed
                          select new { node, analysis }).ToListAsync(cancellationToken);
        var result = new List<AccountAnalysis>();
        foreach (var row in rows.OrderBy(r => r.analysis.CompletedAt).ThenBy(r => r.analysis.Id))
        {
            var held = NetworkAnalyses.MeasuresOf(row.analysis);
            var figures = new List<AccountMeasure>();
            foreach (var measure in measures.Where(held.Contains))
            {
                var value = row.node.Get(measure) ?? 0;
                var higher = await CountHigherAsync(row.analysis.Id, measure, value, cancellationToken);
                figures.Add(new AccountMeasure(MeasureNames.Name(measure), value, higher + 1, row.analysis.NodeCount));
            }

            result.Add(new AccountAnalysis(row.analysis.Id, row.analysis.Title, row.analysis.CompletedAt, NetworkAnalyses.Inputs(row.analysis), row.analysis.NodeCount,
                row.node.AccountId, row.node.NodeId, row.node.Community, figures));
        }

        return result;
    }

    /// <summary>One node's figures and ranks in an analysis (the graph view's account card).</summary>
    public async Task<(NetworkAnalysisNode Node, IReadOnlyList<AccountMeasure> Measures)?> NodeAsync(long analysisId, int nodeIndex, CancellationToken cancellationToken = default)
    {
        var analysis = await analyses.GetAsync(analysisId, cancellationToken);
        var node = await db.NetworkAnalysisNodes.AsNoTracking().FirstOrDefaultAsync(n => n.AnalysisId == analysisId && n.NodeIndex == nodeIndex, cancellationToken);
        if (analysis is null || node is null)
        {
            return null;
        }

        var figures = new List<AccountMeasure>();
        foreach (var measure in NetworkAnalyses.MeasuresOf(analysis))
        {
            var value = node.Get(measure) ?? 0;
            var rank = NetworkAnalyses.IsWhole(measure) && measure != Measure.KCore ? 0 : await CountHigherAsync(analysisId, measure, value, cancellationToken) + 1;
            figures.Add(new AccountMeasure(MeasureNames.Name(measure), value, rank, analysis.NodeCount));
        }

        return (node, figures);
    }

    private Task<int> CountHigherAsync(long analysisId, Measure measure, double value, CancellationToken cancellationToken)
    {
        var nodes = db.NetworkAnalysisNodes.AsNoTracking().Where(n => n.AnalysisId == analysisId);
        var property = NetworkAnalyses.PropertyName(measure);
        if (NetworkAnalyses.IsWhole(measure))
        {
            var whole = (int)value;
            return nodes.CountAsync(n => EF.Property<int?>(n, property) > whole, cancellationToken);
        }

        return nodes.CountAsync(n => EF.Property<double?>(n, property) > value, cancellationToken);
    }
}
