using System.Text.Json;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

public class FetchCommandTests
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    [Fact]
    public async Task A_mastodon_tag_fetch_stopped_after_one_page_continues_at_the_saved_cursor()
    {
        // Two recorded statuses (the Mastodon documentation's examples), one per page, paged by Link headers like Mastodon.
        var first = await File.ReadAllTextAsync(SharedFiles.Fixture("mastodon/status-example.json"));
        var second = await File.ReadAllTextAsync(SharedFiles.Fixture("mastodon/status-reply-with-mention.json"));
        RecordedServer? self = null;
        await using var server = new RecordedServer(request =>
        {
            var maxId = request.QueryString["max_id"];
            var next = $"<{self!.Address}api/v1/timelines/tag/MedEd?max_id=";
            return maxId switch
            {
                null => (200, $"[{second}]", new Dictionary<string, string> { ["Link"] = next + "108914327388663283>; rel=\"next\"" }),
                "108914327388663283" => (200, $"[{first}]", new Dictionary<string, string> { ["Link"] = next + "103270115826048975>; rel=\"next\"" }),
                _ => (200, "[]", NoHeaders),
            };
        });
        self = server;
        var data = CliRunner.NewDataFolder();

        var stopped = await CliRunner.RunAsync(["--data", data, "fetch", "mastodon", "--instance", server.Address.AbsoluteUri, "--hashtag", "MedEd", "--max-pages", "1", "--format", "json"]);
        var requestsBefore = server.Requests.Count;
        var resumed = await CliRunner.RunAsync(["--data", data, "fetch", "mastodon", "--instance", server.Address.AbsoluteUri, "--hashtag", "MedEd", "--format", "json"]);
        var imports = await CliRunner.RunAsync(["--data", data, "imports", "--format", "json"]);

        Assert.True(stopped.ExitCode == 0, stopped.Error);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        using var stoppedJson = JsonDocument.Parse(stopped.Output);
        using var resumedJson = JsonDocument.Parse(resumed.Output);
        Assert.Equal(1, stoppedJson.RootElement.GetProperty("replies").GetInt64());
        Assert.Equal(0, stoppedJson.RootElement.GetProperty("posts").GetInt64());
        Assert.Equal(1, resumedJson.RootElement.GetProperty("posts").GetInt64());
        Assert.Equal(0, resumedJson.RootElement.GetProperty("replies").GetInt64());
        Assert.Contains("max_id=108914327388663283", server.Requests[requestsBefore], StringComparison.Ordinal);
        using var importsJson = JsonDocument.Parse(imports.Output);
        Assert.Equal(2, importsJson.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_bluesky_hashtag_fetch_pages_by_cursor_and_waits_out_a_429()
    {
        var calls = 0;
        await using var server = new RecordedServer(request =>
        {
            if (!request.Url!.AbsolutePath.EndsWith("app.bsky.feed.searchPosts", StringComparison.Ordinal))
            {
                return (404, """{"error":"NotFound"}""", NoHeaders);
            }

            if (Interlocked.Increment(ref calls) == 1)
            {
                return (429, """{"error":"RateLimitExceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
            }

            return request.QueryString["cursor"] switch
            {
                null => (200, $$"""{"cursor":"page2","posts":[{{Post("3laaa", "first")}}]}""", NoHeaders),
                "page2" => (200, $$"""{"posts":[{{Post("3lbbb", "second")}}]}""", NoHeaders),
                _ => (200, """{"posts":[]}""", NoHeaders),
            };
        });
        var data = CliRunner.NewDataFolder();

        var result = await CliRunner.RunAsync(["--data", data, "fetch", "bluesky", "--hashtag", "MedEd", "--since", "2026-01-01", "--api", server.Address.AbsoluteUri, "--format", "json"]);
        var again = await CliRunner.RunAsync(["--data", data, "fetch", "bluesky", "--hashtag", "MedEd", "--since", "2026-01-01", "--api", server.Address.AbsoluteUri, "--restart", "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("posts").GetInt64());
        Assert.Contains(server.Requests, r => r.Contains("cursor=page2", StringComparison.Ordinal) && r.Contains("since=2026-01-01", StringComparison.Ordinal));
        using var againJson = JsonDocument.Parse(again.Output);
        Assert.Equal(0, againJson.RootElement.GetProperty("posts").GetInt64());
        Assert.True(againJson.RootElement.GetProperty("unchanged").GetInt64() >= 2);
    }

    private static string Post(string rkey, string word)
    {
        const string did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
        var text = $"{word} #MedEd";
        var start = System.Text.Encoding.UTF8.GetByteCount(word + " ");
        return $$"""{"uri":"at://{{did}}/app.bsky.feed.post/{{rkey}}","cid":"bafy{{rkey}}","author":{"did":"{{did}}","handle":"teacher.test","displayName":"Teacher"},"record":{"$type":"app.bsky.feed.post","text":"{{text}}","createdAt":"2026-01-02T10:00:00.000Z","facets":[{"index":{"byteStart":{{start}},"byteEnd":{{start + 6}}},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"MedEd"}]}]},"replyCount":0,"repostCount":0,"likeCount":0,"quoteCount":0,"indexedAt":"2026-01-02T10:00:01.000Z"}""";
    }
}
