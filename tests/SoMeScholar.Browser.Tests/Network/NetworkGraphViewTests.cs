using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Network;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Importers;

namespace SoMeScholar.Browser.Tests.Network;

/// <summary>A live server without the demo community (faster); the test seeds its own small archive.</summary>
public sealed class NetworkLiveServer : LiveServer
{
    protected override bool WithDemo => false;
}

[Trait("Category", "Browser")]
public class NetworkGraphViewTests(NetworkLiveServer server) : IClassFixture<NetworkLiveServer>
{
    /// <summary>Two groups of eight accounts, each mentioning its group's hub, and one bridge between the hubs.</summary>
    private async Task<long> SeedAnalysisAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        var at = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var handles = new[] { "northhub", "southhub" }.Concat(Enumerable.Range(1, 14).Select(i => $"member{i:00}")).ToList();
        var accounts = handles.Select(h => new Account { Platform = Platform.Bluesky, ExternalId = "did:plc:" + h, Handle = h + ".bsky.social", FirstSeenAt = at }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync();
        var n = 0;
        void Edge(Account source, Account target) => db.Interactions.Add(new Interaction
        {
            Platform = Platform.Bluesky, Kind = InteractionKind.Mention, NaturalKey = $"m{++n}", SourceAccountId = source.Id, TargetAccountId = target.Id, OccurredAt = at,
        });
        for (var i = 2; i < accounts.Count; i++)
        {
            Edge(accounts[i], accounts[i % 2]);
        }

        Edge(accounts[0], accounts[1]);
        Edge(accounts[1], accounts[0]);
        await db.SaveChangesAsync();
        var analysis = await scope.ServiceProvider.GetRequiredService<NetworkAnalyses>().RunAsync(new AnalysisRequest
        {
            Title = "Two hubs",
            Parameters = new AnalysisParameters { Measures = [Measure.InDegree, Measure.PageRank, Measure.Betweenness, Measure.Community] },
        });
        Assert.Equal(AnalysisStatus.Completed, analysis.Status);
        return analysis.Id;
    }

    [Fact]
    public async Task The_graph_view_draws_every_node_and_search_finds_an_account_and_shows_its_card()
    {
        var id = await SeedAnalysisAsync();
        var page = await server.NewPageAsync();

        await page.GotoAsync($"/Network/Analysis/{id}");

        var status = page.Locator("[data-network-status]");
        await Assertions.Expect(status).ToContainTextAsync("16 nodes and 16 edges drawn");
        var graph = page.GetByTestId("network-graph");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-drawn", "16");
        Assert.True(await graph.Locator("canvas").CountAsync() > 0);
        var renderer = await graph.GetAttributeAsync("data-renderer");
        Assert.Contains(renderer, new[] { "sigma", "canvas" });

        var search = page.GetByLabel("Find an account in the graph");
        await search.FillAsync("southhub");
        await search.PressAsync("Enter");

        await Assertions.Expect(status).ToContainTextAsync("Found southhub.bsky.social");
        var card = page.GetByTestId("node-card");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("did:plc:southhub");
        await Assertions.Expect(card).ToContainTextAsync("indegree");
        await Assertions.Expect(page.GetByTestId("metrics-table")).ToContainTextAsync("northhub.bsky.social");
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath($"network-graph-{renderer}"), FullPage = true });
    }
}
