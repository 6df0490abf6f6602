using SoMeScholar.Core.Demo;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Network;

/// <summary>
/// The demo's network analyses, so the network section is alive at first launch: the mention and reply graph, and the #SoMeDemo26 conference network (mentions, replies, reposts and quotes of conference posts during
/// the three conference days). Exact betweenness: the demo graphs have about 1,650 nodes. Titles say "synthetic demo" and
/// the rows are marked synthetic. Deterministic: the archive is, and every measure is seeded.
/// </summary>
public sealed class NetworkDemo(NetworkAnalyses analyses) : IDemoContribution
{
    public int Order => 200;
    public string Name => "network analyses";

    public static readonly IReadOnlyList<Measure> Measures =
        [Measure.InDegree, Measure.OutDegree, Measure.PageRank, Measure.Eigenvector, Measure.Betweenness, Measure.Closeness, Measure.KCore, Measure.Community];

    public async Task AddAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var seed = (ulong)context.Plan.Seed;
        var parameters = new AnalysisParameters { Measures = Measures, Seed = seed };
        var conferenceStart = DateTime.SpecifyKind(DemoPlan.ConferenceFirstDay.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        AnalysisRequest[] requests =
        [
            new()
            {
                Title = "Mention and reply network (synthetic demo)",
                Selection = new GraphSelection { Kinds = [InteractionKind.Mention, InteractionKind.Reply] },
                Parameters = parameters,
                IsSynthetic = true,
            },
            new()
            {
                Title = $"#{DemoPlan.ConferenceHashtag} conference network (synthetic demo)",
                Selection = new GraphSelection
                {
                    Hashtags = [DemoPlan.ConferenceHashtag],
                    Kinds = [InteractionKind.Mention, InteractionKind.Reply, InteractionKind.Repost, InteractionKind.Quote],
                    From = conferenceStart.AddDays(-1),
                    To = conferenceStart.AddDays(DemoPlan.ConferenceDays + 1),
                },
                Parameters = parameters with { Measures = [.. Measures.Where(m => m != Measure.Closeness)] },
                IsSynthetic = true,
            },
        ];
        foreach (var request in requests)
        {
            await analyses.RunAsync(request, cancellationToken: cancellationToken);
        }
    }
}
