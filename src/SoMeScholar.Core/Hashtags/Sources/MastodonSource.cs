using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags.Sources;

/// <summary>
/// A Mastodon instance's streaming API, one hashtag stream per event hashtag (server-sent events: <c>update</c> with a
/// Status, <c>delete</c> with a status id). Mastodon streams cannot resume, so on every (re)connect the source first
/// reads the hashtag timelines forward from the cursor (the highest status id seen, <c>min_id</c> paging) and then
/// follows the streams; the archive's natural keys drop anything seen twice.
/// </summary>
public sealed partial class MastodonSource(Uri instance, IReadOnlyList<string> tags, HttpClient http, TimeProvider clock) : IWallSource
{
    private const int MaxBatch = 200;
    private const int BackfillPages = 10;
    private static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(250);

    public bool Finishes => false;

    public string Description => "Mastodon " + instance.Host;

    public async IAsyncEnumerable<WallBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = cursor;
        foreach (var tag in tags)
        {
            var since = cursor;
            for (var page = 0; page < BackfillPages && since is not null; page++)
            {
                var url = new Uri(instance, $"/api/v1/timelines/tag/{Uri.EscapeDataString(tag)}?limit=40&min_id={Uri.EscapeDataString(since)}");
                using var response = await http.GetAsync(url, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var statuses = document.RootElement.EnumerateArray().ToList();
                if (statuses.Count == 0)
                {
                    break;
                }

                var records = statuses.SelectMany(s => Map(s, instance.Host, new SourcePosition(url.ToString()), clock.GetUtcNow().UtcDateTime)).ToList();
                since = statuses.Select(s => s.GetProperty("id").GetString()!).MaxBy(Numeric);
                last = Max(last, since);
                yield return new WallBatch(records, last);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateUnbounded<(string Event, string Data)>();
        var streams = tags.Select(tag => StreamAsync(new Uri(instance, $"/api/v1/streaming/hashtag?tag={Uri.EscapeDataString(tag)}"), events.Writer, stop.Token)).ToList();
        Task all = Task.WhenAll(streams).ContinueWith(t => { events.Writer.TryComplete(t.Exception?.GetBaseException()); }, TaskScheduler.Default);
        try
        {
            await foreach (var batch in JetstreamSource.Batches(events.Reader, MaxBatch, MaxGap, cancellationToken))
            {
                var records = new List<ImportRecord>();
                foreach (var (name, data) in batch)
                {
                    var position = new SourcePosition(instance.GetLeftPart(UriPartial.Authority) + "/api/v1/streaming");
                    if (name == "update")
                    {
                        using var document = JsonDocument.Parse(data);
                        records.AddRange(Map(document.RootElement, instance.Host, position, clock.GetUtcNow().UtcDateTime));
                        last = Max(last, document.RootElement.GetProperty("id").GetString());
                    }
                    else if (name == "delete")
                    {
                        records.Add(new ImportedDeletion { Position = position, Platform = Platform.Mastodon, ExternalId = $"{instance.Host}/{data.Trim()}", IsLocalId = true, Target = DeletionTarget.Post });
                    }
                }

                yield return new WallBatch(records, last);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task StreamAsync(Uri url, ChannelWriter<(string, string)> writer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null && data.Length > 0)
                {
                    writer.TryWrite((name, data.ToString()));
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart());
            }
        }
    }

    /// <summary>A Mastodon Status as import records: the post (or a repost and its original).</summary>
    public static IEnumerable<ImportRecord> Map(JsonElement status, string host, SourcePosition position, DateTime observedAt)
    {
        if (status.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object)
        {
            foreach (var record in Map(reblog, host, position, observedAt))
            {
                yield return record;
            }

            yield return new ImportedPost
            {
                Position = position,
                Platform = Platform.Mastodon,
                ExternalId = String(status, "uri") ?? $"{host}/{String(status, "id")}",
                LocalId = $"{host}/{String(status, "id")}",
                AuthorExternalId = AccountId(status.GetProperty("account")),
                AuthorHandle = String(status.GetProperty("account"), "acct"),
                Kind = PostKind.Repost,
                CreatedAt = Time(String(status, "created_at")),
                RepostOfExternalId = String(reblog, "uri"),
            };
            yield break;
        }

        var account = status.GetProperty("account");
        yield return new ImportedAccount
        {
            Position = position,
            Platform = Platform.Mastodon,
            ExternalId = AccountId(account),
            Handle = String(account, "acct") is { } acct && !acct.Contains('@', StringComparison.Ordinal) ? $"{acct}@{host}" : String(account, "acct"),
            DisplayName = String(account, "display_name"),
            ProfileUrl = String(account, "url"),
            AvatarUrl = String(account, "avatar"),
            Counts = account.TryGetProperty("followers_count", out var followers) && followers.TryGetInt64(out var count)
                ? new AccountCounts(count, account.TryGetProperty("following_count", out var following) && following.TryGetInt64(out var f) ? f : null, null, observedAt)
                : null,
        };
        var inReplyTo = String(status, "in_reply_to_id");
        yield return new ImportedPost
        {
            Position = position,
            Platform = Platform.Mastodon,
            ExternalId = String(status, "uri") ?? $"{host}/{String(status, "id")}",
            LocalId = $"{host}/{String(status, "id")}",
            Url = String(status, "url"),
            AuthorExternalId = AccountId(account),
            AuthorHandle = String(account, "acct"),
            Kind = inReplyTo is not null ? PostKind.Reply : PostKind.Original,
            CreatedAt = Time(String(status, "created_at")),
            Version = String(status, "edited_at"),
            Text = HtmlToText(String(status, "content") ?? ""),
            Language = String(status, "language"),
            Hashtags = status.TryGetProperty("tags", out var tagList) && tagList.ValueKind == JsonValueKind.Array
                ? [.. tagList.EnumerateArray().Select(t => String(t, "name")).OfType<string>()]
                : [],
            Mentions = status.TryGetProperty("mentions", out var mentions) && mentions.ValueKind == JsonValueKind.Array
                ? [.. mentions.EnumerateArray().Select(m => new ImportedMention(null, String(m, "acct")))]
                : [],
            Media = status.TryGetProperty("media_attachments", out var media) && media.ValueKind == JsonValueKind.Array
                ? [.. media.EnumerateArray().Select(m => new ImportedMedia(String(m, "url"), String(m, "type") switch { "image" => "image/*", "video" or "gifv" => "video/*", _ => "application/octet-stream" }, String(m, "description")))]
                : [],
            Links = status.TryGetProperty("card", out var card) && card.ValueKind == JsonValueKind.Object && String(card, "url") is { } link ? [link] : [],
        };
    }

    /// <summary>Mastodon HTML as plain text: paragraphs and line breaks become new lines, tags go, entities are decoded.</summary>
    public static string HtmlToText(string html)
    {
        var text = BreakPattern().Replace(html, "\n");
        text = TagPattern().Replace(text, "");
        return WebUtility.HtmlDecode(text).Trim();
    }

    [GeneratedRegex(@"<br\s*/?>|</p>\s*<p[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    private static string AccountId(JsonElement account) => String(account, "uri") ?? String(account, "url") ?? String(account, "id") ?? "unknown";

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time.UtcDateTime : DateTime.UnixEpoch;

    private static decimal Numeric(string id) => decimal.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string? Max(string? a, string? b) => a is null ? b : b is null ? a : Numeric(a) >= Numeric(b) ? a : b;
}
