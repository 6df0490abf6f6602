using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Network measures over time (capability 2): for every completed stored analysis one of the person's accounts is a
/// node of, its in-degree, PageRank and betweenness with their competition rank among the analysis's nodes
/// (<see cref="NetworkInfluencers.AnalysesForPersonAsync"/>), and, when the analysis detected communities, the
/// betweenness rank within the account's community. An analysis belongs to a period by its completion date. Figures
/// are the stored ones (no recomputation here): each names the analysis, links to it and gives its computed date;
/// the analysis records its selection, parameters and software version, so each can be recomputed.
/// </summary>
public sealed class NetworkEvidence(ScholarDb db, NetworkInfluencers influencers) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.Network;
    public string Title => "Network measures";
    public string Description => "In-degree, PageRank and betweenness ranks of the person's accounts in stored network analyses, over time.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var analyses = await influencers.AnalysesForPersonAsync(subject.Person.Id, cancellationToken: cancellationToken);
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

            if (analysis.Community is { } community && analysis.Measures.FirstOrDefault(m => m.Measure == "betweenness") is { } betweenness)
            {
                var members = db.NetworkAnalysisNodes.AsNoTracking().Where(n => n.AnalysisId == analysis.AnalysisId && n.Community == community);
                var higher = await members.CountAsync(n => n.Betweenness > betweenness.Value, cancellationToken);
                var size = await members.CountAsync(cancellationToken);
                figures.Add(Figure.Count("betweennessCommunityRank", string.Create(CultureInfo.InvariantCulture, $"Betweenness rank within community {community} (of {size})"), higher + 1, provenance));
            }

            var pagerank = analysis.Measures.FirstOrDefault(m => m.Measure == "pagerank");
            items.Add(new EvidenceItem(
                string.Create(CultureInfo.InvariantCulture, $"network:{analysis.AnalysisId}:{analysis.NodeId}"),
                Section,
                "network",
                $"Network analysis \u201c{analysis.Title}\u201d",
                link,
                computed,
                string.Join("; ", analysis.Measures.Select(m => string.Create(CultureInfo.InvariantCulture, $"{Label(m.Measure)} rank {m.Rank} of {m.OutOf}"))),
                figures,
                [new Detail("Inputs", analysis.Inputs), new Detail("Node", analysis.NodeId), new Detail("Computed", date)],
                pagerank is null
                    ? new Dictionary<string, IReadOnlyDictionary<string, double>>()
                    : new Dictionary<string, IReadOnlyDictionary<string, double>> { ["rankOverTime"] = new Dictionary<string, double> { [date] = pagerank.Rank } }));
        }

        var total = new Provenance("count of the analyses listed", string.Create(CultureInfo.InvariantCulture, $"{items.Count} analysis nodes"), null, subject.Now);
        return new SourceResult(items, [Figure.Count("analyses", "Analyses", items.Count, total)]);
    }

    private static string Label(string measure) => measure switch
    {
        "indegree" => "In-degree",
        "pagerank" => "PageRank",
        "betweenness" => "Betweenness",
        _ => measure,
    };
}
