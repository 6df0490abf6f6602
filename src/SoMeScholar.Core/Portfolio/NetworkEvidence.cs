using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Network measures over time (capability 2): for every completed stored analysis one of the person's accounts is a
/// node of, its in-degree, PageRank and betweenness with their competition rank among the analysis's nodes
/// (<see cref="NetworkInfluencers.AnalysesForPersonAsync"/>), and, for each community of that analysis the person chose
/// (<see cref="PortfolioCommunities"/>: a Louvain or Leiden community their account belongs to), the account's betweenness
/// rank among that community's members (competition rank: 1 + members scoring strictly higher). An analysis belongs to a period by its completion date. Figures
/// are the stored ones (no recomputation here): each names the analysis, links to it and gives its computed date;
/// the analysis records its selection, parameters and software version, so each can be recomputed.
/// </summary>
public sealed class NetworkEvidence(ScholarDb db, NetworkInfluencers influencers, PortfolioCommunities communities) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Network;
    public string Title => "Network measures";
    public string Description => "In-degree, PageRank and betweenness ranks of the person's accounts in stored network analyses, over time.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var analyses = await influencers.AnalysesForPersonAsync(subject.Person.Id, cancellationToken: cancellationToken);
        var chosen = await communities.ChosenAsync(subject.Person.Id, cancellationToken);
        var chosenAnalyses = chosen.Select(c => c.AnalysisId).Distinct().ToList();
        var accountIds = subject.AccountIds.ToList();
        var nodes = chosenAnalyses.Count == 0
            ? []
            : (await db.NetworkAnalysisNodes.AsNoTracking()
                .Where(n => chosenAnalyses.Contains(n.AnalysisId) && n.AccountId != null && accountIds.Contains(n.AccountId.Value))
                .Select(n => new { n.AnalysisId, n.NodeId, n.Community, n.Leiden }).ToListAsync(cancellationToken))
                .ToDictionary(n => (n.AnalysisId, n.NodeId), n => (n.Community, n.Leiden));
        var items = new List<EvidenceItem>();
        foreach (var analysis in analyses.Where(a => a.CompletedAt is not null && subject.InPeriod(a.CompletedAt)))
        {
            var computed = analysis.CompletedAt!.Value;
            var date = computed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var link = string.Create(CultureInfo.InvariantCulture, $"/Network/Analysis/{analysis.AnalysisId}");
            var provenance = new Provenance(
                "stored network analysis",
                string.Create(CultureInfo.InvariantCulture, $"analysis {analysis.AnalysisId} \u201c{analysis.Title}\u201d ({analysis.Inputs}), node {analysis.NodeId}, computed {computed:yyyy-MM-dd HH:mm} UTC"),
                link,
                subject.Now);
            var figures = new List<Figure>();
            foreach (var measure in analysis.Measures)
            {
                var label = Label(measure.Measure);
                figures.Add(new Figure(measure.Measure, label, measure.Value, measure.Value.ToString("0.######", CultureInfo.InvariantCulture), provenance));
                figures.Add(Figure.Count(measure.Measure + "Rank", string.Create(CultureInfo.InvariantCulture, $"{label} rank of {measure.OutOf}"), measure.Rank, provenance));
            }

            var details = new List<Detail> { new("Inputs", analysis.Inputs), new("Node", analysis.NodeId), new("Computed", date) };
            var communityRanks = new Dictionary<string, double>();
            var communitySummary = new List<string>();
            var known = nodes.TryGetValue((analysis.AnalysisId, analysis.NodeId), out var node);
            foreach (var choice in chosen.Where(c => c.AnalysisId == analysis.AnalysisId))
            {
                var label = PortfolioCommunities.Label(choice.Partition, choice.Community);
                var member = known && (choice.Partition == CommunityPartition.Leiden ? node.Leiden : node.Community) == choice.Community;
                if (!member || analysis.Measures.FirstOrDefault(m => m.Measure == "betweenness") is not { } betweenness)
                {
                    // Another of the person's accounts is the member (its own item shows the rank), or betweenness was not computed.
                    continue;
                }

                var members = communities.MembersOf(analysis.AnalysisId, choice.Partition, choice.Community);
                var higher = await members.CountAsync(n => n.Betweenness > betweenness.Value, cancellationToken);
                var size = await members.CountAsync(cancellationToken);
                var key = string.Create(CultureInfo.InvariantCulture, $"betweennessCommunityRank:{choice.Partition.ToString().ToLowerInvariant()}:{choice.Community}");
                figures.Add(Figure.Count(key, string.Create(CultureInfo.InvariantCulture, $"Betweenness rank within {label} (of {size}, chosen)"), higher + 1, provenance));
                details.Add(new Detail("Chosen community", string.Create(CultureInfo.InvariantCulture, $"{label} of analysis {analysis.AnalysisId}, computed {date}: {size} members; chosen {choice.ChosenAt:yyyy-MM-dd}")));
                communitySummary.Add(string.Create(CultureInfo.InvariantCulture, $"betweenness rank {higher + 1} of {size} within {label}"));
                communityRanks[date] = Math.Min(communityRanks.GetValueOrDefault(date, double.MaxValue), higher + 1);
            }

            var pagerank = analysis.Measures.FirstOrDefault(m => m.Measure == "pagerank");
            items.Add(new EvidenceItem(
                string.Create(CultureInfo.InvariantCulture, $"network:{analysis.AnalysisId}:{analysis.NodeId}"),
                Section,
                "network",
                $"Network analysis \u201c{analysis.Title}\u201d",
                link,
                computed,
                string.Join("; ", analysis.Measures.Select(m => string.Create(CultureInfo.InvariantCulture, $"{Label(m.Measure)} rank {m.Rank} of {m.OutOf}")).Concat(communitySummary)),
                figures,
                details,
                Series(pagerank, date, communityRanks)));
        }

        var total = new Provenance("count of the analyses listed", string.Create(CultureInfo.InvariantCulture, $"{items.Count} analysis nodes"), null, subject.Now);
        return new SourceResult(items, [Figure.Count("analyses", "Analyses", items.Count, total)]);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double>> Series(AccountMeasure? pagerank, string date, Dictionary<string, double> communityRanks)
    {
        var series = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        if (pagerank is not null)
        {
            series["rankOverTime"] = new Dictionary<string, double> { [date] = pagerank.Rank };
        }

        if (communityRanks.Count > 0)
        {
            series["communityRankOverTime"] = communityRanks;
        }

        return series;
    }

    private static string Label(string measure) => measure switch
    {
        "indegree" => "In-degree",
        "pagerank" => "PageRank",
        "betweenness" => "Betweenness",
        _ => measure,
    };
}
