using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SoMeScholar.Importers.Live;

namespace SoMeScholar.Importers.Tests.Live;

public class MastodonClientTests
{
    private static RateLimitedHttp Http(HttpClient client) =>
        new(client, new HttpFetchOptions { Jitter = 0, Time = new FixedTime(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)), Delay = (_, _) => Task.CompletedTask });

    /// <summary>A tag timeline of ids 9..1, three per page, newest first, paged with Link headers like Mastodon's.</summary>
    private static Task<LocalServer> TimelineServer() => LocalServer.StartAsync((app, server) => app.MapGet("/api/v1/timelines/tag/MedEd", (HttpContext context) =>
    {
        var all = Enumerable.Range(1, 9).Reverse().ToList();
        IEnumerable<int> page;
        if (context.Request.Query.TryGetValue("max_id", out var maxId))
        {
            page = all.Where(id => id < int.Parse(maxId!, System.Globalization.CultureInfo.InvariantCulture)).Take(3);
        }
        else if (context.Request.Query.TryGetValue("min_id", out var minId))
        {
            page = all.Where(id => id > int.Parse(minId!, System.Globalization.CultureInfo.InvariantCulture)).Reverse().Take(3).Reverse();
        }
        else
        {
            page = all.Take(3);
        }

        var ids = page.ToList();
        if (ids.Count > 0)
        {
            var self = $"{context.Request.Scheme}://{context.Request.Host}/api/v1/timelines/tag/MedEd?limit=3";
            context.Response.Headers.Append("Link", $"<{self}&max_id={ids[^1]}>; rel=\"next\", <{self}&min_id={ids[0]}>; rel=\"prev\"");
        }

        context.Response.Headers["X-RateLimit-Remaining"] = "299";
        context.Response.Headers["X-RateLimit-Reset"] = "2026-03-01T00:05:00.000Z";
        return Results.Text("[" + string.Join(",", ids.Select(id => Payloads.MastodonStatus(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))) + "]", "application/json");
    }));

    [Fact]
    public async Task A_tag_timeline_backfills_by_Link_next_and_an_incremental_run_starts_from_the_newest_id()
    {
        await using var server = await TimelineServer();
        using var client = new HttpClient();
        using var http = Http(client);
        var store = new InMemoryFetchCursorStore();
        var mastodon = new MastodonClient(http, new MastodonClientOptions { Instance = server.Address, PageSize = 3 }, store);

        var ids = new List<string>();
        await foreach (var page in mastodon.HashtagTimelineAsync("#MedEd"))
        {
            ids.AddRange(page.Records.OfType<ImportedPost>().Select(p => p.LocalId!));
        }

        var host = server.Address.Authority;
        Assert.Equal(Enumerable.Range(1, 9).Reverse().Select(i => $"{host}/{i}"), ids);
        var backfill = store.Checkpoints.Values.Single();
        Assert.True(backfill.Completed);
        Assert.Equal("9", backfill.HighWaterMark);
        Assert.Contains("max_id=7", server.Requests[1], StringComparison.Ordinal);

        var requests = server.Requests.Count;
        var fresh = new List<ImportRecord>();
        await foreach (var page in mastodon.HashtagTimelineAsync("MedEd", TimelineDirection.Incremental))
        {
            fresh.AddRange(page.Records);
        }

        Assert.Contains("min_id=9", server.Requests[requests], StringComparison.Ordinal);
        Assert.Empty(fresh.OfType<ImportedPost>());
    }

    [Fact]
    public async Task Followers_are_paged_by_Link_headers_and_become_edges_towards_the_looked_up_owner()
    {
        await using var server = await LocalServer.StartAsync((app, _) =>
        {
            app.MapGet("/api/v1/accounts/lookup", () => Results.Text(Payloads.MastodonAccount("14715", "owner", followers: 2), "application/json"));
            app.MapGet("/api/v1/accounts/14715", () => Results.Text(Payloads.MastodonAccount("14715", "owner", followers: 2), "application/json"));
            app.MapGet("/api/v1/accounts/14715/followers", (HttpContext context) =>
            {
                if (!context.Request.Query.ContainsKey("max_id"))
                {
                    context.Response.Headers.Append("Link", $"<{context.Request.Scheme}://{context.Request.Host}/api/v1/accounts/14715/followers?limit=80&max_id=100>; rel=\"next\"");
                    return Results.Text("[" + Payloads.MastodonAccount("2", "bob") + "]", "application/json");
                }

                return Results.Text("[" + Payloads.MastodonAccount("3", "carol") + "]", "application/json");
            });
        });
        using var client = new HttpClient();
        using var http = Http(client);
        var mastodon = new MastodonClient(http, new MastodonClientOptions { Instance = server.Address });

        var owner = await mastodon.LookupAccountAsync("@owner");
        Assert.Equal("14715", owner!.Value.LocalId);
        Assert.Equal("https://med.example/users/owner", owner.Value.Account.ExternalId);
        var edges = new List<ImportedInteraction>();
        await foreach (var page in mastodon.FollowersAsync(owner.Value.LocalId))
        {
            edges.AddRange(page.Records.OfType<ImportedInteraction>());
        }

        Assert.Equal(["https://med.example/users/bob", "https://med.example/users/carol"], edges.Select(e => e.SourceExternalId));
        Assert.All(edges, e => Assert.Equal("https://med.example/users/owner", e.TargetExternalId));
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_not_followed()
    {
        await using var server = await LocalServer.StartAsync((app, _) => app.MapGet("/api/v1/timelines/tag/MedEd", (HttpContext context) =>
        {
            context.Response.Headers.Append("Link", "<https://elsewhere.example/api/v1/timelines/tag/MedEd?max_id=1>; rel=\"next\"");
            return Results.Text("[" + Payloads.MastodonStatus("5") + "]", "application/json");
        }));
        using var client = new HttpClient();
        using var http = Http(client);
        var mastodon = new MastodonClient(http, new MastodonClientOptions { Instance = server.Address });

        var failure = await Assert.ThrowsAsync<FetchFailedException>(async () =>
        {
            await foreach (var page in mastodon.HashtagTimelineAsync("MedEd"))
            {
                Assert.Single(page.Records.OfType<ImportedPost>());
            }
        });

        Assert.Contains("elsewhere.example", failure.Message, StringComparison.Ordinal);
    }
}
