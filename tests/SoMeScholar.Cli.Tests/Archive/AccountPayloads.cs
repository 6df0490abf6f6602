using System.Globalization;
using System.Text.Json;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>
/// API responses for the account harvests, built around the real records of ../shared/fixtures: Bluesky post records
/// from the Jetstream corpus (as they are, inside the postView/profileView envelopes the lexicons define) and the
/// Mastodon documentation's Status and Account entities (as they are, in the arrays the REST API returns).
/// </summary>
internal static class AccountPayloads
{
    /// <summary>A real post record of the Jetstream corpus with where it came from.</summary>
    public sealed record JetstreamPost(string Did, string RecordKey, string Cid, string RecordJson, DateTime IndexedAt)
    {
        public string Uri => $"at://{Did}/app.bsky.feed.post/{RecordKey}";
    }

    public static IReadOnlyList<JetstreamPost> BlueskyPosts { get; } = ReadPosts();

    /// <summary>The subjects of the corpus's real follow records, then the authors of its likes (distinct DIDs).</summary>
    public static IReadOnlyList<string> BlueskyFollowSubjects { get; } = ReadDids("app.bsky.graph.follow", e => e.GetProperty("commit").GetProperty("record").GetProperty("subject").GetString()!);

    public static IReadOnlyList<string> BlueskyLikers { get; } = ReadDids("app.bsky.feed.like", e => e.GetProperty("did").GetString()!);

    public static string Handle(string did) => did[8..] + ".bsky.social";

    public static string ProfileView(string did) => $$"""{"did":"{{did}}","handle":"{{Handle(did)}}","displayName":"","indexedAt":"2026-07-01T00:00:00.000Z","createdAt":"2024-02-01T00:00:00.000Z"}""";

    public static string ProfileViewDetailed(string did, int followers, int follows, int posts) =>
        $$"""{"did":"{{did}}","handle":"{{Handle(did)}}","displayName":"A scholar","description":"Medical educator","followersCount":{{followers}},"followsCount":{{follows}},"postsCount":{{posts}},"indexedAt":"2026-07-01T00:00:00.000Z","createdAt":"2024-02-01T00:00:00.000Z"}""";

    public static string PostView(JetstreamPost post) =>
        $$"""{"uri":"{{post.Uri}}","cid":"{{post.Cid}}","author":{{ProfileView(post.Did)}},"record":{{post.RecordJson}},"replyCount":0,"repostCount":1,"likeCount":0,"quoteCount":0,"indexedAt":"{{Iso(post.IndexedAt)}}"}""";

    /// <summary>A feedViewPost: the actor's own post, or (with a repost number) another's post reposted by the actor.</summary>
    public static string FeedItem(JetstreamPost post, string actor, int? repost)
    {
        if (repost is not { } number)
        {
            return $$"""{"post":{{PostView(post)}}}""";
        }

        var at = Iso(post.IndexedAt.AddMinutes(5));
        var reason = $$"""{"$type":"app.bsky.feed.defs#reasonRepost","by":{{ProfileView(actor)}},"uri":"at://{{actor}}/app.bsky.feed.repost/3mrepost{{number:000}}","cid":"bafyrepost{{number}}","indexedAt":"{{at}}"}""";
        return "{\"post\":" + PostView(post) + ",\"reason\":" + reason + "}";
    }

    public static string Page(string list, IEnumerable<string> items, string? cursor, string? subject = null) =>
        "{" + (subject is null ? "" : $"\"subject\":{subject},") + $"\"{list}\":[{string.Join(',', items)}]" + (cursor is null ? "" : $",\"cursor\":\"{cursor}\"") + "}";

    public static string MastodonStatus(string name) => File.ReadAllText(SharedFiles.Fixture("mastodon/" + name));

    /// <summary>The <c>account</c> object of a real Status fixture, as the accounts endpoints return it.</summary>
    public static string MastodonAccountOf(string statusFile)
    {
        using var document = JsonDocument.Parse(MastodonStatus(statusFile));
        return document.RootElement.GetProperty("account").GetRawText();
    }

    /// <summary>The accounts of the streaming documentation's status payloads (distinct by id).</summary>
    public static IReadOnlyList<string> MastodonStreamingAccounts()
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(SharedFiles.Fixture("mastodon/streaming-hashtag-events.ndjson")))
        {
            using var document = JsonDocument.Parse(line);
            var payload = document.RootElement.GetProperty("payload");
            if (payload.ValueKind == JsonValueKind.String)
            {
                continue;
            }

            var account = payload.GetProperty("account");
            accounts.TryAdd(account.GetProperty("id").GetString()!, account.GetRawText());
        }

        return [.. accounts.Values];
    }

    /// <summary>A reblog by <paramref name="accountJson"/> of a real status, shaped as Mastodon's account statuses return it.</summary>
    public static string MastodonReblog(string id, string accountJson, string accountUri, string originalJson, string createdAt) =>
        $$"""{"id":"{{id}}","created_at":"{{createdAt}}","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,"spoiler_text":"","visibility":"public","language":null,"uri":"{{accountUri}}/statuses/{{id}}/activity","url":null,"replies_count":0,"reblogs_count":0,"favourites_count":0,"content":"","reblog":{{originalJson}},"account":{{accountJson}},"media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}""";

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static List<JetstreamPost> ReadPosts()
    {
        var posts = new List<JetstreamPost>();
        foreach (var line in File.ReadLines(SharedFiles.Fixture("bluesky/jetstream/expected_v1.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("kind").GetString() != "commit" || !root.TryGetProperty("commit", out var commit)
                || commit.GetProperty("collection").GetString() != "app.bsky.feed.post" || commit.GetProperty("operation").GetString() != "create")
            {
                continue;
            }

            var micros = root.GetProperty("time_us").GetInt64();
            posts.Add(new JetstreamPost(root.GetProperty("did").GetString()!, commit.GetProperty("rkey").GetString()!, commit.GetProperty("cid").GetString()!,
                commit.GetProperty("record").GetRawText(), DateTime.UnixEpoch.AddTicks(micros * 10)));
        }

        return posts;
    }

    private static List<string> ReadDids(string collection, Func<JsonElement, string> did)
    {
        var dids = new List<string>();
        foreach (var line in File.ReadLines(SharedFiles.Fixture("bluesky/jetstream/expected_v1.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("kind").GetString() == "commit" && root.GetProperty("commit").GetProperty("collection").GetString() == collection
                && root.GetProperty("commit").GetProperty("operation").GetString() == "create")
            {
                var value = did(root);
                if (!dids.Contains(value))
                {
                    dids.Add(value);
                }
            }
        }

        return dids;
    }
}
