using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SoMeScholar.Importers.Live;

namespace SoMeScholar.Importers.Tests.Live;

public class BlueskyClientTests
{
    private static RateLimitedHttp Http(HttpClient client, List<TimeSpan>? waits = null) =>
        new(client, new HttpFetchOptions { Jitter = 0, Time = new FixedTime(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)), Delay = (wait, _) => { waits?.Add(wait); return Task.CompletedTask; } });

    /// <summary>searchPosts over three pages (c1, c2, end); the first request is rate limited once.</summary>
    private static Task<LocalServer> SearchServer(Func<int> limited) => LocalServer.StartAsync((app, _) => app.MapGet("/xrpc/app.bsky.feed.searchPosts", (HttpContext context) =>
    {
        if (limited() == 1)
        {
            context.Response.Headers["RateLimit-Reset"] = "1772323205";
            context.Response.Headers["RateLimit-Remaining"] = "0";
            return Results.Json(new { error = "RateLimitExceeded" }, statusCode: 429);
        }

        var cursor = context.Request.Query["cursor"].ToString();
        var (page, next) = cursor switch
        {
            "" => (1, "c1"),
            "c1" => (2, "c2"),
            _ => (3, (string?)null),
        };
        var posts = string.Join(",", Enumerable.Range(1, 2).Select(i => Payloads.PostView($"did:plc:author{page}{i}", $"3kpost{page}{i}", "Teaching rounds 🩺 ", "MedEd")));
        var body = $"{{{(next is null ? "" : $"\"cursor\":\"{next}\",")}\"hitsTotal\":6,\"posts\":[{posts}]}}";
        return Results.Text(body, "application/json");
    }));

    [Fact]
    public async Task Search_pages_through_cursors_with_tag_and_window_and_waits_out_a_429()
    {
        var calls = 0;
        await using var server = await SearchServer(() => ++calls);
        using var client = new HttpClient();
        var waits = new List<TimeSpan>();
        using var http = Http(client, waits);
        var bluesky = new BlueskyClient(http, new BlueskyClientOptions { BaseUrl = server.Address });

        var pages = new List<FetchPage>();
        await foreach (var page in bluesky.SearchPostsAsync(new BlueskySearch { Tags = ["MedEd"], Since = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Until = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc) }))
        {
            pages.Add(page);
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal([TimeSpan.FromSeconds(5)], waits);
        var posts = pages.SelectMany(p => p.Records).OfType<ImportedPost>().ToList();
        Assert.Equal(6, posts.Count);
        Assert.All(posts, p => Assert.Equal(["MedEd"], p.Hashtags));
        Assert.All(posts, p => Assert.Equal(new PostMetrics(1, 2, 3, 0), p.Metrics));
        Assert.All(posts, p => Assert.Equal(new DateTime(2026, 1, 2, 10, 0, 1, DateTimeKind.Utc), p.IndexedAt));
        Assert.Equal("author11.test", posts[0].AuthorHandle);
        var first = server.Requests[1];
        Assert.Contains("q=%23MedEd", first, StringComparison.Ordinal);
        Assert.Contains("tag=MedEd", first, StringComparison.Ordinal);
        Assert.Contains("since=2026-01-01T00%3A00%3A00.000Z", first, StringComparison.Ordinal);
        Assert.Contains("until=2026-02-01T00%3A00%3A00.000Z", first, StringComparison.Ordinal);
        Assert.Contains("cursor=c1", server.Requests[2], StringComparison.Ordinal);
        Assert.True(pages[^1].Checkpoint.Completed);
        Assert.StartsWith(server.Address.ToString(), posts[0].Position.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_search_continues_from_its_saved_cursor()
    {
        var calls = 0;
        await using var server = await SearchServer(() => ++calls + 1);
        using var client = new HttpClient();
        using var http = Http(client);
        var store = new InMemoryFetchCursorStore();
        var search = new BlueskySearch { Tags = ["MedEd"] };

        var seen = new List<string>();
        await foreach (var page in new BlueskyClient(http, new BlueskyClientOptions { BaseUrl = server.Address }, store).SearchPostsAsync(search))
        {
            seen.AddRange(page.Records.OfType<ImportedPost>().Select(p => p.ExternalId));
            if (page.Number == 2)
            {
                break; // stopped after storing page 2's records, before asking for page 3
            }
        }

        Assert.Equal("c1", (await store.LoadAsync(search.JobKey))!.Cursor);
        var requestsBefore = server.Requests.Count;
        await foreach (var page in new BlueskyClient(http, new BlueskyClientOptions { BaseUrl = server.Address }, store).SearchPostsAsync(search))
        {
            seen.AddRange(page.Records.OfType<ImportedPost>().Select(p => p.ExternalId));
        }

        Assert.Contains("cursor=c1", server.Requests[requestsBefore], StringComparison.Ordinal);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.True((await store.LoadAsync(search.JobKey))!.Completed);
    }

    [Fact]
    public async Task Author_feed_reposts_follows_and_profiles_in_batches_of_25()
    {
        const string owner = "did:plc:owner";
        await using var server = await LocalServer.StartAsync((app, _) =>
        {
            app.MapGet("/xrpc/app.bsky.feed.getAuthorFeed", () => Results.Text(
                $$$"""{"feed":[{"post":{{{Payloads.PostView(owner, "3kown", "mine ", "FOAMed")}}}},{"post":{{{Payloads.PostView("did:plc:other", "3koth", "theirs ", "MedEd", quoteUri: "at://did:plc:quoted/app.bsky.feed.post/3kq")}}},"reason":{"$type":"app.bsky.feed.defs#reasonRepost","by":{{{Payloads.Profile(owner, "owner.test")}}},"uri":"at://{{{owner}}}/app.bsky.feed.repost/3krep","cid":"bafyrep","indexedAt":"2026-01-03T08:00:00.000Z"}}]}""", "application/json"));
            app.MapGet("/xrpc/app.bsky.graph.getFollows", (HttpContext context) => Results.Text(context.Request.Query["cursor"].ToString() == ""
                ? $$$"""{"subject":{{{Payloads.Profile(owner, "owner.test")}}},"cursor":"f1","follows":[{{{Payloads.Profile("did:plc:f1", "f1.test")}}}]}"""
                : $$$"""{"subject":{{{Payloads.Profile(owner, "owner.test")}}},"follows":[{{{Payloads.Profile("did:plc:f2", "f2.test")}}}]}""", "application/json"));
            app.MapGet("/xrpc/app.bsky.actor.getProfiles", (HttpContext context) =>
            {
                var actors = context.Request.Query["actors"].ToArray();
                return Results.Text("{\"profiles\":[" + string.Join(",", actors.Select((a, i) => Payloads.Profile(a!, $"p{i}.test", followers: 100 + i))) + "]}", "application/json");
            });
        });
        using var client = new HttpClient();
        using var http = Http(client);
        var bluesky = new BlueskyClient(http, new BlueskyClientOptions { BaseUrl = server.Address });

        var feed = await Collect(bluesky.GetAuthorFeedAsync(owner));
        var posts = feed.OfType<ImportedPost>().ToList();
        var repost = Assert.Single(posts, p => p.Kind == PostKind.Repost);
        Assert.Equal($"at://{owner}/app.bsky.feed.repost/3krep", repost.ExternalId);
        Assert.Equal(owner, repost.AuthorExternalId);
        Assert.Equal("at://did:plc:other/app.bsky.feed.post/3koth", repost.RepostOfExternalId);
        Assert.True(posts.IndexOf(posts.Single(p => p.ExternalId == repost.RepostOfExternalId)) < posts.IndexOf(repost));
        Assert.Contains(posts, p => p.ExternalId == "at://did:plc:quoted/app.bsky.feed.post/3kq" && p.Text == "the quoted one");
        Assert.Equal(PostKind.Quote, posts.Single(p => p.ExternalId == repost.RepostOfExternalId).Kind);

        var follows = (await Collect(bluesky.GetFollowsAsync(owner))).OfType<ImportedInteraction>().ToList();
        Assert.Equal(["follow:did:plc:owner:did:plc:f1", "follow:did:plc:owner:did:plc:f2"], follows.Select(f => f.NaturalKey));

        var actors = Enumerable.Range(0, 60).Select(i => $"did:plc:actor{i:00}").ToList();
        var profileRecords = await Collect(bluesky.GetProfilesAsync(actors));
        Assert.Empty(profileRecords.OfType<RejectedRecord>().Select(r => r.Reason + r.Position));
        var profiles = profileRecords.OfType<ImportedAccount>().ToList();
        Assert.Equal(60, profiles.Count);
        Assert.Equal(actors, profiles.Select(p => p.ExternalId));
        Assert.All(profiles, p => Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), p.Counts!.ObservedAt));
        var batches = server.Requests.Where(r => r.StartsWith("/xrpc/app.bsky.actor.getProfiles", StringComparison.Ordinal)).Select(r => r.Split("actors=").Length - 1).ToList();
        Assert.Equal([25, 25, 10], batches);
    }

    private static async Task<List<ImportRecord>> Collect(IAsyncEnumerable<FetchPage> pages)
    {
        var records = new List<ImportRecord>();
        await foreach (var page in pages)
        {
            records.AddRange(page.Records);
        }

        return records;
    }
}
