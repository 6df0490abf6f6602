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
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-layout", "forceatlas2");
        await AssertForceDirectedAsync(page, id);

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

    /// <summary>
    /// The positions the page drew come from a force-directed layout, not from the former placement (communities on a
    /// circle, each a sunflower spiral around its centre, highest score in the middle): every node is away from its
    /// spiral place, and the two hubs' groups form two clusters (each member nearer its own hub than the other hub).
    /// </summary>
    private static async Task AssertForceDirectedAsync(IPage page, long id)
    {
        var check = await page.EvaluateAsync<double[]>(
            """
            async (url) => {
              const view = await (await fetch(url)).json();
              const nodes = view.nodes;
              // The spiral the view used to draw, recomputed the way it was.
              const groups = {};
              nodes.forEach((n, i) => { (groups[n.community] = groups[n.community] || []).push(i); });
              const keys = Object.keys(groups).sort((a, b) => groups[b].length - groups[a].length || a - b);
              const spiral = new Array(nodes.length);
              const ring = Math.sqrt(nodes.length) * 6;
              keys.forEach((key, g) => {
                const members = groups[key].slice().sort((a, b) => nodes[b].value - nodes[a].value);
                const angle = (2 * Math.PI * g) / keys.length;
                const cx = keys.length === 1 ? 0 : Math.cos(angle) * ring, cy = keys.length === 1 ? 0 : Math.sin(angle) * ring;
                members.forEach((node, k) => { const r = 3 * Math.sqrt(k), t = k * 2.399963229728653; spiral[node] = [cx + r * Math.cos(t), cy + r * Math.sin(t)]; });
              });
              // Compare shapes, not scales: both normalised to zero mean and unit spread.
              const norm = (points) => {
                const mx = points.reduce((s, p) => s + p[0], 0) / points.length, my = points.reduce((s, p) => s + p[1], 0) / points.length;
                const spread = Math.sqrt(points.reduce((s, p) => s + (p[0] - mx) ** 2 + (p[1] - my) ** 2, 0) / points.length) || 1;
                return points.map(p => [(p[0] - mx) / spread, (p[1] - my) / spread]);
              };
              const drawn = norm(nodes.map(n => [n.x, n.y])), old = norm(spiral);
              const away = drawn.filter((p, i) => Math.hypot(p[0] - old[i][0], p[1] - old[i][1]) > 1e-3).length;
              const hub = (label) => nodes.findIndex(n => (n.label || "").startsWith(label));
              const north = hub("northhub"), south = hub("southhub");
              const dist = (a, b) => Math.hypot(drawn[a][0] - drawn[b][0], drawn[a][1] - drawn[b][1]);
              let nearOwnHub = 0;
              nodes.forEach((n, i) => {
                if (i === north || i === south) { return; }
                const member = Number((n.label || "").replace(/\D/g, ""));
                const own = member % 2 === 1 ? north : south;
                const other = own === north ? south : north;
                if (dist(i, own) < dist(i, other)) { nearOwnHub++; }
              });
              return [nodes.length, away, nearOwnHub];
            }
            """, $"/api/network/analyses/{id}/graph");

        Assert.Equal(16, (int)check[0]);
        Assert.Equal(16, (int)check[1]);
        Assert.Equal(14, (int)check[2]);
    }
}
