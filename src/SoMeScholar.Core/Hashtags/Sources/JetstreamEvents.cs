using System.Globalization;
using System.Text.Json;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags.Sources;

/// <summary>
/// Maps one Bluesky Jetstream event (a JSON object per line or WebSocket message) onto the neutral import records:
/// post creates (with facet hashtags, the record's extra tags, mentions, links, images, reply and quote
/// references), reposts, likes, deletes, and handle changes from identity events. What the wall does not use
/// (follows, profiles, blocks, other collections) maps to nothing. A malformed event becomes a
/// <see cref="RejectedRecord"/> with its position, never an exception.
/// </summary>
/// <remarks>
/// The archive capability's full Jetstream reader (SoMeScholar.Importers, in progress on its own branch) covers every
/// collection and is the one to use for imports; this mapper covers what a live wall needs.
/// </remarks>
public static class JetstreamEvents
{
    private const string PostCollection = "app.bsky.feed.post";
    private const string RepostCollection = "app.bsky.feed.repost";
    private const string LikeCollection = "app.bsky.feed.like";

    /// <summary>The event's <c>time_us</c> (Jetstream's cursor), or null when the line has none.</summary>
    public static long? TimeUs(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("time_us", out var time) && time.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IReadOnlyList<ImportRecord> Parse(string json, SourcePosition position)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new RejectedRecord { Position = position, Reason = "Not valid JSON: " + e.Message, Excerpt = Excerpt(json) }];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("did", out var didElement) || didElement.GetString() is not { Length: > 0 } did)
            {
                return [new RejectedRecord { Position = position.WithField("did"), Reason = "A Jetstream event needs a 'did'.", Excerpt = Excerpt(json) }];
            }

            var kind = root.TryGetProperty("kind", out var kindElement) ? kindElement.GetString() : null;
            var at = root.TryGetProperty("time_us", out var timeElement) && timeElement.TryGetInt64(out var timeUs)
                ? DateTime.UnixEpoch.AddTicks(timeUs * 10)
                : (DateTime?)null;
            switch (kind)
            {
                case "identity":
                    return root.TryGetProperty("identity", out var identity) && identity.TryGetProperty("handle", out var handle) && handle.GetString() is { Length: > 0 } name
                        ? [new ImportedAccountStatus { Position = position, Platform = Platform.Bluesky, ExternalId = did, Handle = name, OccurredAt = at }]
                        : [];
                case "commit":
                    break;
                default:
                    return [];
            }

            if (!root.TryGetProperty("commit", out var commit) || commit.ValueKind != JsonValueKind.Object)
            {
                return [new RejectedRecord { Position = position.WithField("commit"), Reason = "A commit event needs a 'commit' object.", Excerpt = Excerpt(json) }];
            }

            var operation = String(commit, "operation");
            var collection = String(commit, "collection");
            var rkey = String(commit, "rkey");
            if (operation is null || collection is null || rkey is null)
            {
                return [new RejectedRecord { Position = position.WithField("commit"), Reason = "A commit needs 'operation', 'collection' and 'rkey'.", Excerpt = Excerpt(json) }];
            }

            if (collection is not (PostCollection or RepostCollection or LikeCollection))
            {
                return [];
            }

            var uri = $"at://{did}/{collection}/{rkey}";
            if (operation == "delete")
            {
                return [new ImportedDeletion
                {
                    Position = position,
                    Platform = Platform.Bluesky,
                    ExternalId = uri,
                    Target = collection == PostCollection || collection == RepostCollection ? DeletionTarget.Post : DeletionTarget.Interaction,
                    OccurredAt = at,
                }];
            }

            if (operation is not ("create" or "update") || !commit.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var created = Time(String(record, "createdAt")) ?? at;
            if (created is null)
            {
                return [new RejectedRecord { Position = position.WithField("record.createdAt"), Reason = "The record has no valid 'createdAt' and the event no 'time_us'.", Excerpt = Excerpt(json) }];
            }

            var subject = record.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind == JsonValueKind.Object ? String(subjectElement, "uri") : null;
            switch (collection)
            {
                case RepostCollection when subject is not null:
                    return [new ImportedPost
                    {
                        Position = position,
                        Platform = Platform.Bluesky,
                        ExternalId = uri,
                        AuthorExternalId = did,
                        Kind = PostKind.Repost,
                        CreatedAt = created.Value,
                        RepostOfExternalId = subject,
                        RepostOfAuthorExternalId = AuthorOf(subject),
                    }];
                case LikeCollection when subject is not null:
                    return [new ImportedInteraction
                    {
                        Position = position,
                        Platform = Platform.Bluesky,
                        Kind = InteractionKind.Like,
                        NaturalKey = uri,
                        SourceExternalId = did,
                        TargetExternalId = AuthorOf(subject),
                        SubjectPostExternalId = subject,
                        OccurredAt = created,
                    }];
                case PostCollection:
                    return [Post(record, commit, did, uri, rkey, created.Value, position)];
                default:
                    return [];
            }
        }
    }

    private static ImportedPost Post(JsonElement record, JsonElement commit, string did, string uri, string rkey, DateTime created, SourcePosition position)
    {
        var tags = new List<string>();
        var mentions = new List<ImportedMention>();
        var links = new List<string>();
        if (record.TryGetProperty("facets", out var facets) && facets.ValueKind == JsonValueKind.Array)
        {
            foreach (var facet in facets.EnumerateArray())
            {
                if (!facet.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var feature in features.EnumerateArray())
                {
                    switch (String(feature, "$type"))
                    {
                        case "app.bsky.richtext.facet#tag" when String(feature, "tag") is { Length: > 0 } tag:
                            tags.Add(tag);
                            break;
                        case "app.bsky.richtext.facet#mention" when String(feature, "did") is { Length: > 0 } mentioned:
                            mentions.Add(new ImportedMention(mentioned, null));
                            break;
                        case "app.bsky.richtext.facet#link" when String(feature, "uri") is { Length: > 0 } link:
                            links.Add(link);
                            break;
                        default:
                            break;
                    }
                }
            }
        }

        if (record.TryGetProperty("tags", out var extraTags) && extraTags.ValueKind == JsonValueKind.Array)
        {
            tags.AddRange(extraTags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).Where(t => t.Length > 0));
        }

        string? replyTo = null, replyRoot = null, quoteOf = null;
        if (record.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object)
        {
            replyTo = reply.TryGetProperty("parent", out var parent) && parent.ValueKind == JsonValueKind.Object ? String(parent, "uri") : null;
            replyRoot = reply.TryGetProperty("root", out var root) && root.ValueKind == JsonValueKind.Object ? String(root, "uri") : null;
        }

        var media = new List<ImportedMedia>();
        if (record.TryGetProperty("embed", out var embed) && embed.ValueKind == JsonValueKind.Object)
        {
            Embed(embed, did, media, links, ref quoteOf);
        }

        var language = record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array && langs.GetArrayLength() > 0 ? langs[0].GetString() : null;
        return new ImportedPost
        {
            Position = position,
            Platform = Platform.Bluesky,
            ExternalId = uri,
            AuthorExternalId = did,
            Kind = replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = created,
            Text = String(record, "text") ?? "",
            Version = String(commit, "cid"),
            Url = $"https://bsky.app/profile/{did}/post/{rkey}",
            Language = language,
            ReplyToExternalId = replyTo,
            ReplyToAuthorExternalId = replyTo is null ? null : AuthorOf(replyTo),
            ReplyRootExternalId = replyRoot,
            QuoteOfExternalId = quoteOf,
            QuoteOfAuthorExternalId = quoteOf is null ? null : AuthorOf(quoteOf),
            Hashtags = [.. tags.Distinct(StringComparer.OrdinalIgnoreCase)],
            Mentions = mentions,
            Links = [.. links.Distinct(StringComparer.Ordinal)],
            Media = media,
        };
    }

    private static void Embed(JsonElement embed, string did, List<ImportedMedia> media, List<string> links, ref string? quoteOf)
    {
        switch (String(embed, "$type"))
        {
            case "app.bsky.embed.images" when embed.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array:
                foreach (var image in images.EnumerateArray())
                {
                    var blob = image.TryGetProperty("image", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
                    var cid = blob.ValueKind == JsonValueKind.Object && blob.TryGetProperty("ref", out var reference) && reference.ValueKind == JsonValueKind.Object ? String(reference, "$link") : null;
                    var mime = blob.ValueKind == JsonValueKind.Object ? String(blob, "mimeType") ?? "image/jpeg" : "image/jpeg";
                    media.Add(new ImportedMedia(cid is null ? null : $"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg", mime, String(image, "alt")));
                }

                break;
            case "app.bsky.embed.video":
                media.Add(new ImportedMedia(null, "video/mp4", String(embed, "alt")));
                break;
            case "app.bsky.embed.external" when embed.TryGetProperty("external", out var external) && external.ValueKind == JsonValueKind.Object && String(external, "uri") is { Length: > 0 } link:
                links.Add(link);
                break;
            case "app.bsky.embed.record" when embed.TryGetProperty("record", out var quoted) && quoted.ValueKind == JsonValueKind.Object:
                quoteOf = String(quoted, "uri");
                break;
            case "app.bsky.embed.recordWithMedia":
                if (embed.TryGetProperty("record", out var wrapper) && wrapper.ValueKind == JsonValueKind.Object
                    && wrapper.TryGetProperty("record", out var inner) && inner.ValueKind == JsonValueKind.Object)
                {
                    quoteOf = String(inner, "uri");
                }

                if (embed.TryGetProperty("media", out var attached) && attached.ValueKind == JsonValueKind.Object)
                {
                    string? ignored = null;
                    Embed(attached, did, media, links, ref ignored);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The DID in an AT-URI (at://did/collection/rkey).</summary>
    public static string? AuthorOf(string atUri) =>
        atUri.StartsWith("at://", StringComparison.Ordinal) && atUri.IndexOf('/', 5) is var slash and > 5 ? atUri[5..slash] : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.UtcDateTime
            : null;

    private static string Excerpt(string json) => json.Length <= 300 ? json : json[..300];
}
