using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Live;

/// <summary>One page of a harvest: its records (parsed by the file readers) and the checkpoint after it.</summary>
public sealed record FetchPage(string JobKey, Uri Url, int Number, IReadOnlyList<ImportRecord> Records, FetchCheckpoint Checkpoint, ReadStatistics Statistics);

public sealed record BlueskyClientOptions
{
    /// <summary>The AppView (public, cached, unauthenticated by default) or a PDS.</summary>
    public Uri BaseUrl { get; init; } = new("https://public.api.bsky.app/");

    /// <summary>A bearer token, for endpoints that require authentication on some services (searchPosts).</summary>
    public string? AccessToken { get; init; }

    /// <summary>Items per page (the APIs allow 1–100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Stop after this many pages (null: until the end).</summary>
    public int? MaxPages { get; init; }

    /// <summary>Ignore a stored checkpoint and start over.</summary>
    public bool Restart { get; init; }
}

/// <summary>A searchPosts query: free text and/or hashtags (ANDed, without '#'), and a time window on <c>sortAt</c>.</summary>
public sealed record BlueskySearch
{
    public string? Query { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Inclusive lower bound.</summary>
    public DateTime? Since { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTime? Until { get; init; }

    public string Sort { get; init; } = "latest";

    public string? Author { get; init; }

    public string? Language { get; init; }

    public string JobKey => string.Create(CultureInfo.InvariantCulture, $"bluesky:searchPosts:q={Query}:tags={string.Join(',', Tags)}:since={Since:O}:until={Until:O}:author={Author}:lang={Language}:sort={Sort}");
}

/// <summary>
/// The Bluesky XRPC queries the archive harvests, with opaque-cursor paging: each page is parsed by
/// <see cref="BlueskyApiReader"/> into the same records a saved response gives. With an <see cref="IFetchCursorStore"/>,
/// a job resumes at its stored cursor; the checkpoint after a page is saved when the caller asks for the next page
/// (so only once it has stored this one), and marked completed after the last.
/// </summary>
public sealed class BlueskyClient(RateLimitedHttp http, BlueskyClientOptions? options = null, IFetchCursorStore? store = null)
{
    private readonly BlueskyClientOptions _options = options ?? new BlueskyClientOptions();

    public IAsyncEnumerable<FetchPage> SearchPostsAsync(BlueskySearch search, CancellationToken cancellationToken = default)
    {
        var query = search.Query ?? string.Join(' ', search.Tags.Select(t => "#" + t.TrimStart('#')));
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("searchPosts needs a query or at least one hashtag", nameof(search));
        }

        return PagesAsync(search.JobKey, cursor =>
        {
            var parameters = new List<(string, string)> { ("q", query), ("sort", search.Sort), ("limit", Limit()) };
            parameters.AddRange(search.Tags.Select(t => ("tag", t.TrimStart('#'))));
            Add(parameters, "since", search.Since is { } since ? Timestamps.ToAtProtocol(since) : null);
            Add(parameters, "until", search.Until is { } until ? Timestamps.ToAtProtocol(until) : null);
            Add(parameters, "author", search.Author);
            Add(parameters, "lang", search.Language);
            Add(parameters, "cursor", cursor);
            return Url("app.bsky.feed.searchPosts", parameters);
        }, ReadOptions.Default, cancellationToken);
    }

    /// <summary>An account's posts and reposts (<c>reasonRepost</c> items are reposts by the account).</summary>
    public IAsyncEnumerable<FetchPage> GetAuthorFeedAsync(string actor, string filter = "posts_with_replies", CancellationToken cancellationToken = default) =>
        PagesAsync($"bluesky:getAuthorFeed:{actor}:{filter}", cursor =>
        {
            var parameters = new List<(string, string)> { ("actor", actor), ("filter", filter), ("limit", Limit()) };
            Add(parameters, "cursor", cursor);
            return Url("app.bsky.feed.getAuthorFeed", parameters);
        }, ReadOptions.Default, cancellationToken);

    public IAsyncEnumerable<FetchPage> GetFollowsAsync(string actor, CancellationToken cancellationToken = default) =>
        PagesAsync($"bluesky:getFollows:{actor}", cursor => Url("app.bsky.graph.getFollows", WithCursor([("actor", actor), ("limit", Limit())], cursor)), ReadOptions.Default, cancellationToken);

    public IAsyncEnumerable<FetchPage> GetFollowersAsync(string actor, CancellationToken cancellationToken = default) =>
        PagesAsync($"bluesky:getFollowers:{actor}", cursor => Url("app.bsky.graph.getFollowers", WithCursor([("actor", actor), ("limit", Limit())], cursor)), ReadOptions.Default, cancellationToken);

    /// <summary>Profiles with follower counts, 25 actors per request (the API's limit); the cursor is the next batch.</summary>
    public async IAsyncEnumerable<FetchPage> GetProfilesAsync(IReadOnlyList<string> actors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int batch = 25;
        var key = "bluesky:getProfiles:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', actors))))[..16];
        await foreach (var page in PagesAsync(key, cursor =>
        {
            var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            return Url("app.bsky.actor.getProfiles", actors.Skip(start).Take(batch).Select(a => ("actors", a)).ToList());
        }, ReadOptions.Default, cancellationToken, (cursor, _) =>
        {
            var next = (cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture)) + batch;
            return next < actors.Count ? next.ToString(CultureInfo.InvariantCulture) : null;
        }))
        {
            yield return page;
        }
    }

    private string Limit() => Math.Clamp(_options.PageSize, 1, 100).ToString(CultureInfo.InvariantCulture);

    private static void Add(List<(string, string)> parameters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters.Add((name, value));
        }
    }

    private static List<(string, string)> WithCursor(List<(string, string)> parameters, string? cursor)
    {
        Add(parameters, "cursor", cursor);
        return parameters;
    }

    private Uri Url(string method, IEnumerable<(string Name, string Value)> parameters)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        return new Uri(_options.BaseUrl, "xrpc/" + method + (query.Length > 0 ? "?" + query : ""));
    }

    /// <summary>The cursor paging loop shared by every query.</summary>
    private async IAsyncEnumerable<FetchPage> PagesAsync(string jobKey, Func<string?, Uri> url, ReadOptions readOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken, Func<string?, byte[], string?>? nextCursor = null)
    {
        var stored = store is null || _options.Restart ? null : await store.LoadAsync(jobKey, cancellationToken);
        var checkpoint = stored is { Completed: false } ? stored : new FetchCheckpoint();
        var cursor = checkpoint.Cursor;
        var number = 0;
        while (true)
        {
            var pageUrl = url(cursor);
            using var response = await http.GetAsync(pageUrl, RateLimitedHttp.Bearer(_options.AccessToken), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var now = http.Options.Time.GetUtcNow().UtcDateTime;
            var statistics = new ReadStatistics();
            var records = new BlueskyApiReader().Read(new MemoryStream(body, writable: false), pageUrl.ToString(), readOptions with { ObservedAt = now, Statistics = statistics }).ToList();
            var next = nextCursor is null ? CursorOf(body) : nextCursor(cursor, body);
            number++;
            var items = records.Count(r => r is not RejectedRecord);
            var done = next is null || next == cursor || items == 0 || (_options.MaxPages is { } max && number >= max);
            checkpoint = checkpoint with
            {
                Cursor = done ? null : next,
                Completed = done && (next is null || next == cursor || items == 0),
                Pages = checkpoint.Pages + 1,
                Records = checkpoint.Records + records.Count,
                UpdatedAt = now,
            };
            if (done && !checkpoint.Completed)
            {
                checkpoint = checkpoint with { Cursor = next };
            }

            yield return new FetchPage(jobKey, pageUrl, number, records, checkpoint, statistics);
            if (store is not null)
            {
                await store.SaveAsync(jobKey, checkpoint, cancellationToken);
            }

            if (done)
            {
                yield break;
            }

            cursor = next;
        }
    }

    private static string? CursorOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String
                ? cursor.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
