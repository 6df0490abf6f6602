using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Network;

public class NetworkAnalysesTests
{
    private static readonly AnalysisParameters Parameters = new()
    {
        Measures = [Measure.InDegree, Measure.OutDegree, Measure.PageRank, Measure.Eigenvector, Measure.Betweenness, Measure.Closeness, Measure.Community],
        Seed = 7,
    };

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_stored_analysis_records_its_inputs_and_recomputes_to_the_same_figures(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        await using var scope = store.Scope();
        var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
        var selection = new GraphSelection { Platforms = [Platform.Bluesky], Hashtags = [], Kinds = [InteractionKind.Mention, InteractionKind.Reply, InteractionKind.Follow] };

        var analysis = await analyses.RunAsync(new AnalysisRequest { Title = "March", Selection = selection, Parameters = Parameters });

        var stored = await analyses.GetAsync(analysis.Id);
        Assert.NotNull(stored);
        Assert.Equal(AnalysisStatus.Completed, stored.Status);
        Assert.Equal(SchemaMigrator.AppVersion, stored.SoftwareVersion);
        Assert.Equal(selection.ToJson(), stored.SelectionJson);
        Assert.Equal("indegree,outdegree,pagerank,eigenvector,betweenness,closeness,community", stored.Measures);
        Assert.Equal(7UL, stored.Parameters().Seed);
        Assert.Equal(4, stored.NodeCount);
        Assert.Equal(4, stored.EdgeCount);
        Assert.NotNull(stored.GraphSha256);
        Assert.NotNull(stored.Modularity);

        // ann → bob ×2, bob → cat, cat → ann (follow), dan → ann: ann has in-degree 2; every shortest path into bob passes ann.
        var nodes = await analyses.NodesAsync(analysis.Id);
        var ann = nodes.Single(n => n.Label == "ann");
        Assert.Equal(2, ann.InDegree);
        Assert.NotNull(ann.AccountId);
        Assert.Equal(1.0, nodes.Sum(n => n.PageRank!.Value), 12);

        var recomputed = await analyses.RecomputeAsync(analysis.Id);
        Assert.True(recomputed.Identical, string.Join("; ", recomputed.Measures.Select(m => $"{m.Measure}: {m.Differing} differ")));
        Assert.All(recomputed.Measures, m => Assert.Equal(4, m.Compared));

        // The archive grows: the same selection now gives another graph, and the recomputation says so.
        await using (var db = store.NewDb())
        {
            var ids = await db.Accounts.Where(a => a.Platform == Platform.Bluesky).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            db.Interactions.Add(new Interaction { Platform = Platform.Bluesky, Kind = InteractionKind.Mention, NaturalKey = "late", SourceAccountId = ids[2], TargetAccountId = ids[3], OccurredAt = NetworkArchive.March });
            await db.SaveChangesAsync();
        }

        var after = await analyses.RecomputeAsync(analysis.Id);
        Assert.False(after.GraphUnchanged);
        Assert.False(after.Identical);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_influencer_method_lists_top_k_union_and_intersection_with_a_deterministic_tie_rule(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        await using var scope = store.Scope();
        var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
        var influencers = scope.ServiceProvider.GetRequiredService<NetworkInfluencers>();
        var analysis = await analyses.RunAsync(new AnalysisRequest { Title = "All", Parameters = Parameters });

        // In-degree: ann 2 (dan, eve), bob 1, cat 1, dan 0, eve 0. Out-degree: ann 1, bob 1, dan 1, eve 1, cat 0.
        var byId = await influencers.InfluencersOfAsync(analysis.Id, k: 2, [Measure.InDegree, Measure.OutDegree], TieRule.IdOrder);
        Assert.Equal(["did:ann", "did:bob"], byId.Lists[0].Top.Select(t => t.NodeId));
        Assert.Equal(["did:cat"], byId.Lists[0].TiedBeyondK);
        Assert.Equal(["did:ann", "did:bob"], byId.Lists[1].Top.Select(t => t.NodeId));
        Assert.Equal(2, byId.UnionSize);
        Assert.Equal(2, byId.IntersectionSize);
        Assert.Equal(4, byId.Slots);

        var withTies = await influencers.InfluencersOfAsync(analysis.Id, k: 2, [Measure.InDegree, Measure.OutDegree], TieRule.IncludeTies);
        Assert.Equal(["did:ann", "did:bob", "did:cat"], withTies.Lists[0].Top.Select(t => t.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(5, withTies.UnionSize);
        Assert.Equal(["did:ann", "did:bob"], withTies.Intersection.Select(i => i.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(5, withTies.Regions.Sum(r => r.Count));
        Assert.Equal(["indegree", "outdegree"], withTies.Regions[0].Measures);

        await Assert.ThrowsAsync<NetworkAnalysisException>(() => influencers.InfluencersOfAsync(analysis.Id, 2, [Measure.Clustering]));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_queued_job_reports_progress_to_completion_and_a_cancelled_one_is_marked_cancelled(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await NetworkArchive.SeedAsync(db);
        }

        var jobs = new NetworkJobs();
        await using var scope = store.Scope();
        var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
        var queued = await analyses.CreateAsync(new AnalysisRequest { Title = "Job", Parameters = Parameters });
        Assert.Equal(AnalysisStatus.Queued, queued.Status);
        jobs.Enqueue(queued.Id);
        Assert.Equal("queued", jobs.State(queued.Id)!.Stage);

        var (token, progress) = jobs.Start(queued.Id);
        var fractions = new List<double>();
        var recorder = new SyncProgress<AnalysisProgress>(p =>
        {
            progress.Report(p);
            fractions.Add(p.Fraction);
        });
        var done = await analyses.ExecuteAsync(queued.Id, recorder, cancellationToken: token);

        Assert.Equal(AnalysisStatus.Completed, done.Status);
        Assert.Equal(1.0, fractions[^1]);
        Assert.Equal(fractions.Order(), fractions);
        Assert.Contains(fractions, f => f > 0 && f < 1);
        Assert.Equal("done", jobs.State(queued.Id)!.Stage);
        jobs.Finish(queued.Id);
        Assert.Null(jobs.State(queued.Id));

        var second = await analyses.CreateAsync(new AnalysisRequest { Title = "Cancelled", Parameters = Parameters });
        jobs.Enqueue(second.Id);
        var (cancelled, _) = jobs.Start(second.Id);
        Assert.True(jobs.Cancel(second.Id));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analyses.ExecuteAsync(second.Id, cancellationToken: cancelled));
        Assert.Equal(AnalysisStatus.Cancelled, (await analyses.GetAsync(second.Id))!.Status);
        Assert.Empty(await analyses.NodesAsync(second.Id));
    }
}
