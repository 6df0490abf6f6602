using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>
/// <c>somescholar fetch mastodon --account</c> run as a child process against an instance on 127.0.0.1 that answers
/// with the Mastodon documentation's real Status and Account entities: the account lookup, its statuses (a status and
/// a reblog of another real status), its followers and the accounts it follows, each paged by <c>Link</c> headers.
/// </summary>
public class MastodonAccountFetchTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_account_fetch_stores_statuses_reblogs_followers_following_and_the_accounts_follower_snapshot(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var instance = new Instance();
        await using var server = new RecordedServer(instance.Answer);
        instance.Address = server.Address;

        var result = await Fetch(store, server);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("posts").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("replies").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("reposts").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("follows").GetInt64());

        await using var db = store.NewDb();
        var posts = await db.Posts.AsNoTracking().Include(p => p.Author).ToListAsync();
        Assert.Equal(3, posts.Count);
        var reblog = Assert.Single(posts, p => p.Kind == PostKind.Repost);
        Assert.Equal(Instance.Gargron, reblog.Author!.ExternalId);
        Assert.Equal("https://letsalllovela.in/objects/e9cebb0c-7c75-414f-9608-20b5628e52d7", reblog.RepostOfExternalId);
        Assert.Equal(posts.Single(p => p.ExternalId == reblog.RepostOfExternalId).Id, reblog.RepostOfPostId);

        var follows = await BlueskyAccountFetchTests.FollowEdgesAsync(db);
        Assert.Equal(
            new[] { ("https://awoo.space/users/noiob", Instance.Gargron), ("https://letsalllovela.in/users/freon", Instance.Gargron), (Instance.Gargron, "https://mastodon.social/users/trwnh"), (Instance.Gargron, "https://ruby.social/users/chrismo") }.Order().ToList(),
            follows);

        var gargron = await db.Accounts.AsNoTracking().SingleAsync(a => a.ExternalId == Instance.Gargron);
        Assert.Equal("Gargron@mastodon.social", gargron.Handle);
        var snapshots = await db.FollowerSnapshots.AsNoTracking().Where(s => s.AccountId == gargron.Id).ToListAsync();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s => Assert.Equal(322930L, s.Followers));
        var noiob = await db.Accounts.AsNoTracking().SingleAsync(a => a.ExternalId == "https://awoo.space/users/noiob");
        Assert.Contains(await db.FollowerSnapshots.AsNoTracking().Where(s => s.AccountId == noiob.Id).Select(s => s.Followers).ToListAsync(), f => f == 547);

        Assert.Contains(server.Requests, r => r.StartsWith("/api/v1/accounts/lookup?acct=Gargron", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.StartsWith("/api/v1/accounts/1/followers?", StringComparison.Ordinal) && r.Contains("max_id=900", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.StartsWith("/api/v1/accounts/1/statuses?", StringComparison.Ordinal) && r.Contains("max_id=103270115826048975", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_with_Mastodons_ISO_reset_time_is_waited_out_and_a_stopped_fetch_resumes_at_the_saved_Link_without_duplicates()
    {
        await using var whole = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using var stopped = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var instance = new Instance();
        await using var server = new RecordedServer(instance.Answer);
        instance.Address = server.Address;

        var reference = await Fetch(whole, server);
        Assert.True(reference.ExitCode == 0, reference.Error);

        var first = await Fetch(stopped, server, "--max-pages", "1");
        Assert.True(first.ExitCode == 0, first.Error);

        var limiter = new Limiter("x-ratelimit-reset", TimeSpan.FromSeconds(1));
        instance.Fail = request => request.Url!.AbsolutePath.EndsWith("/followers", StringComparison.Ordinal) ? limiter.Answer(trigger: true) : null;
        var before = server.Requests.Count;
        var second = await Fetch(stopped, server);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(1, limiter.Refused);
        Assert.Contains($"before GET {server.Address}api/v1/accounts/1/followers?limit=40&max_id=900: 429 TooManyRequests (attempt 1 of ", second.Error, StringComparison.Ordinal);
        List<string> followers;
        lock (server.Requests)
        {
            followers = [.. server.Requests.Skip(before).Where(r => r.Contains("/followers", StringComparison.Ordinal))];
        }

        // The resumed job starts at the saved next link, not at the first page.
        Assert.All(followers, r => Assert.Contains("max_id=900", r, StringComparison.Ordinal));
        Assert.Equal(await ArchiveState.OfAsync(whole), await ArchiveState.OfAsync(stopped));
        using var json = JsonDocument.Parse(second.Output);
        Assert.Equal(0, json.RootElement.GetProperty("posts").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("reposts").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("follows").GetInt64());
    }

    [Fact]
    public async Task A_refused_list_fails_its_job_with_the_address_and_status_and_the_other_jobs_are_stored()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var instance = new Instance
        {
            Fail = request => request.Url!.AbsolutePath.EndsWith("/following", StringComparison.Ordinal)
                ? (401, """{"error":"This API requires an authenticated user"}""", NoHeaders)
                : null,
        };
        await using var server = new RecordedServer(instance.Answer);
        instance.Address = server.Address;

        var result = await Fetch(store, server);
        var unknown = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "fetch", "mastodon", "--instance", server.Address.AbsoluteUri, "--account", "nobody", "--format", "json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{server.Address}api/v1/accounts/1/following", result.Error, StringComparison.Ordinal);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Contains("requires an authenticated user", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("follows").GetInt64());
        await using var db = store.NewDb();
        Assert.Equal(3, await db.Posts.CountAsync());
        var failed = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Status == ImportStatus.Failed);
        Assert.Equal("mastodon-following", failed.Format);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no account 'nobody'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_statuses_still_lands_with_its_follower_snapshot()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var instance = new Instance
        {
            Fail = request => request.Url!.AbsolutePath.EndsWith("/statuses", StringComparison.Ordinal) || request.Url.AbsolutePath.EndsWith("/followers", StringComparison.Ordinal)
                || request.Url.AbsolutePath.EndsWith("/following", StringComparison.Ordinal) ? (200, "[]", NoHeaders) : null,
        };
        await using var server = new RecordedServer(instance.Answer);
        instance.Address = server.Address;

        var result = await Fetch(store, server);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var db = store.NewDb();
        var gargron = await db.Accounts.AsNoTracking().SingleAsync(a => a.ExternalId == Instance.Gargron);
        Assert.Equal("Gargron@mastodon.social", gargron.Handle);
        var snapshot = await db.FollowerSnapshots.AsNoTracking().SingleAsync(s => s.AccountId == gargron.Id);
        Assert.Equal((322930L, 459L, 61323L), (snapshot.Followers, snapshot.Following, snapshot.Posts));
    }

    [Fact]
    public async Task A_lookup_that_is_refused_or_is_not_JSON_says_which_address_failed()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var html = false;
        var instance = new Instance
        {
            Fail = request => request.Url!.AbsolutePath == "/api/v1/accounts/lookup"
                ? html ? (200, "<!DOCTYPE html><html><body>Maintenance</body></html>", NoHeaders) : (401, """{"error":"This method requires an authenticated user"}""", NoHeaders)
                : null,
        };
        await using var server = new RecordedServer(instance.Answer);
        instance.Address = server.Address;

        var refused = await Fetch(store, server);
        html = true;
        var notJson = await Fetch(store, server);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{server.Address}api/v1/accounts/lookup?acct=Gargron", refused.Error, StringComparison.Ordinal);
        Assert.Contains("401", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, notJson.ExitCode);
        Assert.Contains($"{server.Address}api/v1/accounts/lookup?acct=Gargron", notJson.Error, StringComparison.Ordinal);
        Assert.Contains("did not return a JSON account", notJson.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", notJson.Error, StringComparison.Ordinal);
    }

    private static Task<CliResult> Fetch(TestStore store, RecordedServer server, params string[] extra) =>
        CliRunner.RunAsync(["--database", store.Location.ConnectionString, "fetch", "mastodon", "--instance", server.Address.AbsoluteUri, "--account", "Gargron", "--format", "json", .. extra]);

    /// <summary>The instance: Gargron (local id 1) with his real status, a reblog of freon's real reply, two followers and two followed accounts.</summary>
    private sealed class Instance
    {
        public const string Gargron = "https://mastodon.social/users/Gargron";

        private readonly string _gargron = AccountPayloads.MastodonAccountOf("status-example.json");

        public Uri Address { get; set; } = null!;

        public Func<HttpListenerRequest, (int, string, IReadOnlyDictionary<string, string>)?>? Fail { get; set; }

        public (int Status, string Body, IReadOnlyDictionary<string, string> Headers) Answer(HttpListenerRequest request)
        {
            if (Fail?.Invoke(request) is { } failure)
            {
                return failure;
            }

            var path = request.Url!.AbsolutePath;
            var maxId = request.QueryString["max_id"];
            switch (path)
            {
                case "/api/v1/accounts/lookup":
                    return request.QueryString["acct"] == "Gargron" ? (200, _gargron, NoHeaders) : (404, """{"error":"Record not found"}""", NoHeaders);
                case "/api/v1/accounts/1":
                    return (200, _gargron, NoHeaders);
                case "/api/v1/accounts/1/statuses":
                    return maxId switch
                    {
                        null => (200, $"[{AccountPayloads.MastodonStatus("status-example.json")}]", Next(path, "103270115826048975")),
                        "103270115826048975" => (200, $"[{AccountPayloads.MastodonReblog("103270115826040000", _gargron, Gargron, AccountPayloads.MastodonStatus("status-reply-with-mention.json"), "2019-12-08T03:40:00.000Z")}]", Next(path, "103270115826040000")),
                        _ => (200, "[]", NoHeaders),
                    };
                case "/api/v1/accounts/1/followers":
                    return maxId switch
                    {
                        null => (200, $"[{File.ReadAllText(SharedFiles.Fixture("mastodon/account-example.json"))}]", Next(path, "900")),
                        "900" => (200, $"[{AccountPayloads.MastodonAccountOf("status-reply-with-mention.json")}]", NoHeaders),
                        _ => (200, "[]", NoHeaders),
                    };
                case "/api/v1/accounts/1/following":
                    var following = AccountPayloads.MastodonStreamingAccounts();
                    return maxId switch
                    {
                        null => (200, $"[{following[0]}]", Next(path, "800")),
                        "800" => (200, $"[{string.Join(',', following.Skip(1))}]", NoHeaders),
                        _ => (200, "[]", NoHeaders),
                    };
                default:
                    return (404, """{"error":"Record not found"}""", NoHeaders);
            }
        }

        private Dictionary<string, string> Next(string path, string maxId) => new()
        {
            ["Link"] = $"<{Address.AbsoluteUri.TrimEnd('/')}{path}?limit=40&max_id={maxId}>; rel=\"next\", <{Address.AbsoluteUri.TrimEnd('/')}{path}?limit=40&min_id=999999999999999999>; rel=\"prev\"",
        };
    }
}
