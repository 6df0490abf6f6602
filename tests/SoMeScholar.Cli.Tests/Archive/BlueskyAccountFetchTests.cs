using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>
/// <c>somescholar fetch bluesky --account</c> run as a child process against an AppView on 127.0.0.1 that serves the
/// Jetstream corpus's real post records in getAuthorFeed pages, its follow subjects and likers in getFollows /
/// getFollowers pages, and a getProfiles answer, each list split across cursor pages.
/// </summary>
public class BlueskyAccountFetchTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_account_fetch_stores_its_posts_reposts_follows_followers_and_a_follower_snapshot(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var appView = new AppView();
        await using var server = new RecordedServer(appView.Answer);

        var result = await Fetch(store, server);
        var again = await Fetch(store, server);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(appView.Reposted.Count, json.RootElement.GetProperty("reposts").GetInt64());
        Assert.Equal(appView.Follows.Count + appView.Followers.Count, json.RootElement.GetProperty("follows").GetInt64());
        Assert.Equal(appView.Own.Count + appView.Reposted.Count, json.RootElement.GetProperty("posts").GetInt64() + json.RootElement.GetProperty("replies").GetInt64() + json.RootElement.GetProperty("quotes").GetInt64());

        await using var db = store.NewDb();
        var posts = await db.Posts.AsNoTracking().Include(p => p.Author).ToListAsync();
        var originals = appView.Own.Concat(appView.Reposted).Select(p => p.Uri).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(originals, posts.Where(p => p.Kind != PostKind.Repost).Select(p => p.ExternalId).Order(StringComparer.Ordinal).ToList());
        var reposts = posts.Where(p => p.Kind == PostKind.Repost).ToList();
        Assert.Equal(appView.Reposted.Select(p => p.Uri).Order(StringComparer.Ordinal), reposts.Select(p => p.RepostOfExternalId!).Order(StringComparer.Ordinal));
        Assert.All(reposts, r => Assert.Equal(appView.Actor, r.Author!.ExternalId));
        Assert.All(reposts, r => Assert.NotNull(r.RepostOfPostId));

        var follows = await FollowEdgesAsync(db);
        var expected = appView.Follows.Select(t => (appView.Actor, t)).Concat(appView.Followers.Select(s => (s, appView.Actor))).Order().ToList();
        Assert.Equal(expected, follows);

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.ExternalId == appView.Actor);
        Assert.Equal(AccountPayloads.Handle(appView.Actor), account.Handle);
        Assert.Equal("Medical educator", account.Bio);
        var snapshots = await db.FollowerSnapshots.AsNoTracking().Where(s => s.AccountId == account.Id).ToListAsync();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s => Assert.Equal((1234L, (long)appView.Follows.Count, 321L), (s.Followers, s.Following, s.Posts)));

        // Run again: the finished jobs start over from the newest page and add nothing.
        Assert.True(again.ExitCode == 0, again.Error);
        using var againJson = JsonDocument.Parse(again.Output);
        Assert.Equal(0, againJson.RootElement.GetProperty("posts").GetInt64() + againJson.RootElement.GetProperty("reposts").GetInt64() + againJson.RootElement.GetProperty("follows").GetInt64());
        await using var after = store.NewDb();
        Assert.Equal(posts.Count, await after.Posts.CountAsync());
        Assert.Equal(follows, await FollowEdgesAsync(after));

        Assert.Contains(server.Requests, r => r.Contains("app.bsky.feed.getAuthorFeed", StringComparison.Ordinal) && r.Contains("actor=" + Uri.EscapeDataString(appView.Actor), StringComparison.Ordinal) && r.Contains("cursor=feed-2", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.Contains("app.bsky.graph.getFollowers", StringComparison.Ordinal) && r.Contains("cursor=followers-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fetch_stopped_by_max_pages_and_then_by_an_error_resumes_at_the_saved_cursors_and_ends_like_an_uninterrupted_one()
    {
        await using var whole = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var stopped = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var appView = new AppView();
        await using var server = new RecordedServer(appView.Answer);

        var reference = await Fetch(whole, server);
        Assert.True(reference.ExitCode == 0, reference.Error);

        // 1. Every job stops after its first page.
        var first = await Fetch(stopped, server, "--max-pages", "1");
        Assert.True(first.ExitCode == 0, first.Error);

        // 2. The author feed's third page fails for good (a 400 is not retried): that job fails and says where; the others finish.
        appView.Fail = request => request.QueryString["cursor"] == "feed-2" ? (400, """{"error":"InvalidRequest","message":"cursor expired"}""", NoHeaders) : null;
        var before = server.Requests.Count;
        var second = await Fetch(stopped, server);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("bluesky:getAuthorFeed:" + appView.Actor, second.Error, StringComparison.Ordinal);
        Assert.Contains("cursor=feed-2", second.Error, StringComparison.Ordinal);
        Assert.Contains("400", second.Error, StringComparison.Ordinal);
        Assert.Contains("cursor expired", second.Error, StringComparison.Ordinal);
        long failedRun;
        await using (var db = stopped.NewDb())
        {
            var failed = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Status == ImportStatus.Failed);
            Assert.Equal("bluesky-getAuthorFeed", failed.Format);
            Assert.Contains("cursor=feed-2", failed.Message, StringComparison.Ordinal);
            failedRun = failed.Id;
        }

        var secondFeed = FeedRequests(server, before);
        Assert.Contains("cursor=feed-1", secondFeed[0], StringComparison.Ordinal);

        // 3. The server is well again: the feed continues at the page that failed.
        appView.Fail = null;
        before = server.Requests.Count;
        var third = await Fetch(stopped, server);
        Assert.True(third.ExitCode == 0, third.Error);
        var thirdFeed = FeedRequests(server, before);
        Assert.Contains("cursor=feed-2", thirdFeed[0], StringComparison.Ordinal);

        Assert.Equal(await ArchiveState.OfAsync(whole), await ArchiveState.OfAsync(stopped));

        // The failed run was continued and completed, not left behind.
        await using var after = stopped.NewDb();
        Assert.Empty(await after.ImportRuns.AsNoTracking().Where(r => r.Status != ImportStatus.Completed).ToListAsync());
        var resumed = await after.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == failedRun);
        Assert.Null(resumed.Message);
        var feedRuns = await after.ImportRuns.AsNoTracking().Where(r => r.Format == "bluesky-getAuthorFeed").ToListAsync();
        Assert.Equal(2, feedRuns.Count);
        Assert.Equal(appView.Reposted.Count, feedRuns.Sum(r => r.Reposts));
    }

    public static TheoryData<string> ResetHeaders => new() { "Retry-After", "ratelimit-reset", "RateLimit-Reset-Delay", "x-ratelimit-reset" };

    [Theory, MemberData(nameof(ResetHeaders))]
    public async Task A_429_is_waited_out_until_the_time_its_reset_header_names(string header)
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var appView = new AppView();
        var limiter = new Limiter(header, TimeSpan.FromSeconds(1));
        appView.Fail = request => request.Url!.AbsolutePath.EndsWith("app.bsky.graph.getFollows", StringComparison.Ordinal) ? limiter.Answer(request.QueryString["cursor"] == "follows-1") : null;
        await using var server = new RecordedServer(appView.Answer);

        var result = await Fetch(store, server);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(1, limiter.Refused);
        Assert.Contains("app.bsky.graph.getFollows", result.Error, StringComparison.Ordinal);
        Assert.Contains("429 TooManyRequests (attempt 1 of ", result.Error, StringComparison.Ordinal);
        await using var db = store.NewDb();
        Assert.Equal(appView.Follows.Count, (await FollowEdgesAsync(db)).Count(e => e.Source == appView.Actor));
    }

    [Fact]
    public async Task A_malformed_item_is_quarantined_with_the_page_address_and_field_and_the_rest_of_the_page_is_stored()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var appView = new AppView { BreakSecondFeedItem = true };
        await using var server = new RecordedServer(appView.Answer);

        var result = await Fetch(store, server);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("quarantined").GetInt64());
        var runId = json.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("quarantined").GetInt64() == 1).GetProperty("id").GetInt64();

        var show = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "imports", "show", runId.ToString(CultureInfo.InvariantCulture), "--format", "json"]);
        Assert.True(show.ExitCode == 0, show.Error);
        using var shown = JsonDocument.Parse(show.Output);
        var record = Assert.Single(shown.RootElement.GetProperty("quarantine").EnumerateArray());
        Assert.StartsWith(server.Address.AbsoluteUri + "xrpc/app.bsky.feed.getAuthorFeed?", record.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("feed[1].post.uri", record.GetProperty("field").GetString());
        Assert.Contains("AT-URI", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await using var db = store.NewDb();
        Assert.Equal(appView.Own.Count + appView.Reposted.Count - 1, await db.Posts.CountAsync(p => p.Kind != PostKind.Repost));
    }

    private static Task<CliResult> Fetch(TestStore store, RecordedServer server, params string[] extra) =>
        CliRunner.RunAsync(["--database", store.Location.ConnectionString, "fetch", "bluesky", "--account", new AppView().Actor, "--api", server.Address.AbsoluteUri, "--format", "json", .. extra]);

    private static List<string> FeedRequests(RecordedServer server, int from)
    {
        lock (server.Requests)
        {
            return [.. server.Requests.Skip(from).Where(r => r.Contains("app.bsky.feed.getAuthorFeed", StringComparison.Ordinal))];
        }
    }

    internal static async Task<List<(string Source, string Target)>> FollowEdgesAsync(ScholarDb db) =>
        (await db.Interactions.AsNoTracking().Where(i => i.Kind == InteractionKind.Follow && !i.IsDeleted)
            .Select(i => new { Source = i.SourceAccount!.ExternalId, Target = i.TargetAccount!.ExternalId }).ToListAsync())
        .Select(e => (e.Source, e.Target)).Order().ToList();

    /// <summary>The AppView: pages of the corpus's records by cursor, with an optional failure in front.</summary>
    private sealed class AppView
    {
        private const int FeedPage = 6;
        private const int ListPage = 4;

        public AppView()
        {
            Actor = AccountPayloads.BlueskyPosts[0].Did;
            Own = [.. AccountPayloads.BlueskyPosts.Where(p => p.Did == Actor)];
            Reposted = [.. AccountPayloads.BlueskyPosts.Where(p => p.Did != Actor)];
            Follows = [.. AccountPayloads.BlueskyFollowSubjects.Where(d => d != Actor)];
            Followers = [.. AccountPayloads.BlueskyLikers.Where(d => d != Actor).Take(7)];
        }

        public string Actor { get; }

        public List<AccountPayloads.JetstreamPost> Own { get; }

        public List<AccountPayloads.JetstreamPost> Reposted { get; }

        public List<string> Follows { get; }

        public List<string> Followers { get; }

        public bool BreakSecondFeedItem { get; init; }

        public Func<HttpListenerRequest, (int, string, IReadOnlyDictionary<string, string>)?>? Fail { get; set; }

        public (int Status, string Body, IReadOnlyDictionary<string, string> Headers) Answer(HttpListenerRequest request)
        {
            if (Fail?.Invoke(request) is { } failure)
            {
                return failure;
            }

            var method = request.Url!.AbsolutePath[(request.Url.AbsolutePath.LastIndexOf('/') + 1)..];
            var cursor = request.QueryString["cursor"];
            if (method != "app.bsky.actor.getProfiles" && request.QueryString["actor"] != Actor)
            {
                return (400, """{"error":"InvalidRequest","message":"unknown actor"}""", NoHeaders);
            }

            switch (method)
            {
                case "app.bsky.feed.getAuthorFeed":
                    var items = Own.Select(p => AccountPayloads.FeedItem(p, Actor, null)).Concat(Reposted.Select((p, i) => AccountPayloads.FeedItem(p, Actor, i))).ToList();
                    if (BreakSecondFeedItem)
                    {
                        items[1] = items[1].Replace("\"uri\":\"at://", "\"uri\":\"at:/", StringComparison.Ordinal);
                    }

                    return Paged("feed", items, FeedPage, "feed", cursor, null);
                case "app.bsky.graph.getFollows":
                    return Paged("follows", Follows.Select(AccountPayloads.ProfileView).ToList(), ListPage, "follows", cursor, AccountPayloads.ProfileView(Actor));
                case "app.bsky.graph.getFollowers":
                    return Paged("followers", Followers.Select(AccountPayloads.ProfileView).ToList(), ListPage, "followers", cursor, AccountPayloads.ProfileView(Actor));
                case "app.bsky.actor.getProfiles":
                    var actors = request.QueryString.GetValues("actors") ?? [];
                    return actors.SequenceEqual([Actor])
                        ? (200, AccountPayloads.Page("profiles", [AccountPayloads.ProfileViewDetailed(Actor, 1234, Follows.Count, 321)], null), NoHeaders)
                        : (400, """{"error":"InvalidRequest","message":"unknown actors"}""", NoHeaders);
                default:
                    return (404, """{"error":"MethodNotImplemented"}""", NoHeaders);
            }
        }

        private static (int, string, IReadOnlyDictionary<string, string>) Paged(string list, List<string> items, int size, string prefix, string? cursor, string? subject)
        {
            var page = cursor is null ? 0 : int.Parse(cursor[(prefix.Length + 1)..], CultureInfo.InvariantCulture);
            var next = (page + 1) * size < items.Count ? $"{prefix}-{page + 1}" : null;
            return (200, AccountPayloads.Page(list, items.Skip(page * size).Take(size), next, subject), NoHeaders);
        }
    }
}

/// <summary>
/// A server-side rate limit: the first matching request is refused with 429 and a reset header about a second ahead,
/// and every request before that time is refused again, so <see cref="Refused"/> is 1 only when the client waited.
/// </summary>
internal sealed class Limiter(string header, TimeSpan window)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _until;

    public int Refused { get; private set; }

    public (int, string, IReadOnlyDictionary<string, string>)? Answer(bool trigger)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_until is null && trigger)
            {
                // Unix seconds cannot say less than a second: round the reset up to the next whole second.
                _until = header == "ratelimit-reset" ? DateTimeOffset.FromUnixTimeSeconds(now.Add(window).ToUnixTimeSeconds() + 1) : now.Add(window);
            }

            if (_until is not { } until || now >= until)
            {
                return null;
            }

            Refused++;
            var (name, value) = header switch
            {
                "Retry-After" => ("Retry-After", Math.Ceiling((until - now).TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                "ratelimit-reset" => ("ratelimit-reset", until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                "RateLimit-Reset-Delay" => ("RateLimit-Reset", Math.Ceiling((until - now).TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                _ => ("X-RateLimit-Reset", until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
            };
            return (429, """{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}""", new Dictionary<string, string> { [name] = value, ["ratelimit-remaining"] = "0" });
        }
    }
}

/// <summary>What an archive holds, for comparing a resumed fetch with an uninterrupted one.</summary>
internal static class ArchiveState
{
    public static async Task<string> OfAsync(TestStore store)
    {
        await using var db = store.NewDb();
        var posts = (await db.Posts.AsNoTracking().Select(p => new { p.ExternalId, p.Kind, p.IsDeleted, p.RepostOfExternalId, p.Text }).ToListAsync())
            .Select(p => $"{p.ExternalId}|{p.Kind}|{p.IsDeleted}|{p.RepostOfExternalId}|{p.Text}").ToList();
        // Mention keys embed the mentioned account's row id, which differs between stores: compare edges by their ends.
        var edges = (await db.Interactions.AsNoTracking()
            .Select(i => new { i.Kind, Source = i.SourceAccount!.ExternalId, Target = i.TargetAccount == null ? null : i.TargetAccount.ExternalId, i.SubjectExternalId, i.IsDeleted }).ToListAsync())
            .Select(i => $"{i.Kind}|{i.Source}|{i.Target}|{i.SubjectExternalId}|{i.IsDeleted}").ToList();
        var keys = await db.Interactions.AsNoTracking().Select(i => i.NaturalKey).ToListAsync();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var accounts = (await db.Accounts.AsNoTracking().Select(a => new { a.ExternalId, a.Handle }).ToListAsync()).Select(a => $"{a.ExternalId}|{a.Handle}").ToList();
        var hashtags = await db.PostHashtags.CountAsync();
        var links = await db.PostLinks.CountAsync();
        return string.Join('\n', posts.Order(StringComparer.Ordinal)) + "\n--\n" + string.Join('\n', edges.Order(StringComparer.Ordinal)) + "\n--\n"
            + string.Join('\n', accounts.Order(StringComparer.Ordinal)) + $"\n--\n{hashtags} hashtags, {links} links";
    }
}
