using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SoMeScholar.Importers.Mastodon;

namespace SoMeScholar.Importers.Live;

public sealed record MastodonClientOptions
{
    /// <summary>The instance, e.g. <c>https://med-mastodon.com/</c>.</summary>
    public required Uri Instance { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>Statuses per page (max 40); followers/following use up to 80.</summary>
    public int PageSize { get; init; } = 40;

    public int? MaxPages { get; init; }

    public bool Restart { get; init; }
}

/// <summary>Which way a timeline is walked.</summary>
public enum TimelineDirection
{
    /// <summary>Newest first into the past: <c>max_id</c> pages, following <c>Link: rel="next"</c>.</summary>
    Backfill,

    /// <summary>From the newest id seen forward: <c>min_id</c> pages, following <c>Link: rel="prev"</c>.</summary>
    Incremental,
}

/// <summary>
/// Mastodon REST harvests with RFC 8288 <c>Link</c> pagination (the only paging that works for followers and
/// following, whose ids are internal). Pages are parsed by <see cref="MastodonApiReader"/> with the instance host, so
/// local ids are qualified. The checkpoint's cursor is the next page's URL (same host only); its high-water mark is
/// the newest status id seen, where an <see cref="TimelineDirection.Incremental"/> run starts.
/// </summary>
public sealed class MastodonClient(RateLimitedHttp http, MastodonClientOptions options, IFetchCursorStore? store = null)
{
    private string Host => options.Instance.Authority;

    public IAsyncEnumerable<FetchPage> HashtagTimelineAsync(string tag, TimelineDirection direction = TimelineDirection.Backfill, bool localOnly = false, string? minId = null, CancellationToken cancellationToken = default)
    {
        tag = tag.TrimStart('#');
        var key = $"mastodon:{Host}:tag:{tag.ToLowerInvariant()}:{(localOnly ? "local" : "all")}";
        return TimelineAsync(key, $"api/v1/timelines/tag/{Uri.EscapeDataString(tag)}", direction, localOnly ? [("local", "true")] : [], minId, cancellationToken);
    }

    public IAsyncEnumerable<FetchPage> AccountStatusesAsync(string accountId, TimelineDirection direction = TimelineDirection.Backfill, CancellationToken cancellationToken = default) =>
        TimelineAsync($"mastodon:{Host}:statuses:{accountId}", $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses", direction, [], null, cancellationToken);

    /// <summary>Accounts that follow <paramref name="accountId"/> (a local id), as accounts and follow edges.</summary>
    public IAsyncEnumerable<FetchPage> FollowersAsync(string accountId, CancellationToken cancellationToken = default) =>
        AccountListAsync(accountId, "followers", AccountListRelation.Followers, cancellationToken);

    public IAsyncEnumerable<FetchPage> FollowingAsync(string accountId, CancellationToken cancellationToken = default) =>
        AccountListAsync(accountId, "following", AccountListRelation.Following, cancellationToken);

    /// <summary>Finds an account by <c>user</c> or <c>user@domain</c>: its local id on this instance and its record.</summary>
    public async Task<(string LocalId, ImportedAccount Account)?> LookupAccountAsync(string acct, CancellationToken cancellationToken = default)
    {
        try
        {
            var url = new Uri(options.Instance, "api/v1/accounts/lookup?acct=" + Uri.EscapeDataString(acct.TrimStart('@')));
            return await AccountAsync(url, cancellationToken);
        }
        catch (FetchFailedException failure) when (failure.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<(string LocalId, ImportedAccount Account)?> AccountAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, RateLimitedHttp.Bearer(options.AccessToken), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string? id;
        try
        {
            using var document = JsonDocument.Parse(body);
            id = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException e)
        {
            var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
            throw new FetchFailedException(url, response.StatusCode, $"GET {url} did not return a JSON account ({e.Message}): {text}", e);
        }

        var account = new MastodonApiReader().Read(new MemoryStream(body, writable: false), url.ToString(), new ReadOptions { Instance = Host, ObservedAt = Now() }).OfType<ImportedAccount>().FirstOrDefault();
        return id is null || account is null ? null : (id, account);
    }

    private async IAsyncEnumerable<FetchPage> AccountListAsync(string accountId, string list, AccountListRelation relation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var owner = await AccountAsync(new Uri(options.Instance, $"api/v1/accounts/{Uri.EscapeDataString(accountId)}"), cancellationToken)
            ?? throw new FetchFailedException($"Account {accountId} was not found on {Host}.");
        var limit = Math.Clamp(options.PageSize * 2, 1, 80).ToString(CultureInfo.InvariantCulture);
        var first = new Uri(options.Instance, $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/{list}?limit={limit}");
        var readOptions = new ReadOptions { Instance = Host, OwnerExternalId = owner.Account.ExternalId, Relation = relation };
        await foreach (var page in LinkPagesAsync($"mastodon:{Host}:{list}:{accountId}", first, "next", readOptions, cancellationToken))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<FetchPage> TimelineAsync(string key, string path, TimelineDirection direction, (string, string)[] extra, string? minId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(options.PageSize, 1, 40).ToString(CultureInfo.InvariantCulture);
        if (direction == TimelineDirection.Incremental && minId is null && store is not null)
        {
            // A first incremental run starts from where a backfill of the same timeline got to.
            minId = (await store.LoadAsync(key + ":backfill", cancellationToken))?.HighWaterMark;
        }

        var pages = LinkPagesAsync(key + ":" + direction.ToString().ToLowerInvariant(), null, direction == TimelineDirection.Backfill ? "next" : "prev",
            new ReadOptions { Instance = Host }, cancellationToken, highWater =>
            {
                var parameters = new List<(string Name, string Value)>(extra) { ("limit", limit) };
                var since = highWater ?? minId;
                if (direction == TimelineDirection.Incremental && since is not null)
                {
                    parameters.Add(("min_id", since));
                }

                return new Uri(options.Instance, path + "?" + string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value))));
            });
        await foreach (var page in pages)
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<FetchPage> LinkPagesAsync(string jobKey, Uri? first, string relation, ReadOptions readOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken, Func<string?, Uri>? start = null)
    {
        var stored = store is null || options.Restart ? null : await store.LoadAsync(jobKey, cancellationToken);
        var checkpoint = stored is { Completed: false, Cursor: not null } ? stored : new FetchCheckpoint { HighWaterMark = stored?.HighWaterMark };
        var url = checkpoint.Cursor is { } cursor ? new Uri(cursor) : first ?? start!(checkpoint.HighWaterMark);
        var number = 0;
        while (true)
        {
            if (!string.Equals(url.Authority, Host, StringComparison.OrdinalIgnoreCase))
            {
                throw new FetchFailedException(url, null, $"The next page {url} is not on {Host}; not following it.");
            }

            using var response = await http.GetAsync(url, RateLimitedHttp.Bearer(options.AccessToken), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var statistics = new ReadStatistics();
            var records = new MastodonApiReader().Read(new MemoryStream(body, writable: false), url.ToString(), readOptions with { ObservedAt = Now(), Statistics = statistics }).ToList();
            var next = LinkHeader.Find(response, relation, url);
            number++;
            var highWater = checkpoint.HighWaterMark;
            foreach (var post in records.OfType<ImportedPost>())
            {
                if (post.LocalId is { } local && local.StartsWith(Host + "/", StringComparison.Ordinal))
                {
                    var id = local[(Host.Length + 1)..];
                    highWater = NewerId(highWater, id);
                }
            }

            var empty = !records.Any(r => r is not RejectedRecord);
            var finished = next is null || empty || next == url;
            var stopped = !finished && options.MaxPages is { } max && number >= max;
            checkpoint = new FetchCheckpoint
            {
                Cursor = finished ? null : next!.ToString(),
                HighWaterMark = highWater,
                Completed = finished,
                Pages = checkpoint.Pages + 1,
                Records = checkpoint.Records + records.Count,
                UpdatedAt = Now(),
            };
            yield return new FetchPage(jobKey, url, number, records, checkpoint, statistics);
            if (store is not null)
            {
                await store.SaveAsync(jobKey, checkpoint, cancellationToken);
            }

            if (finished || stopped)
            {
                yield break;
            }

            url = next!;
        }
    }

    /// <summary>The newer of two status ids (numeric strings compared by length, then digits; others ordinally).</summary>
    public static string NewerId(string? current, string candidate)
    {
        if (current is null)
        {
            return candidate;
        }

        var compare = current.Length != candidate.Length && current.All(char.IsAsciiDigit) && candidate.All(char.IsAsciiDigit)
            ? current.Length.CompareTo(candidate.Length)
            : string.CompareOrdinal(current, candidate);
        return compare >= 0 ? current : candidate;
    }

    private DateTime Now() => http.Options.Time.GetUtcNow().UtcDateTime;
}
