using System.Text.Json;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Mastodon;

/// <summary>
/// Mastodon API JSON: a Status or an Account, an array of them (hashtag timeline, account statuses, followers,
/// following; streamed element by element however large), one page per line, or <c>{ancestors, descendants}</c> /
/// search results. A boost yields the original post, then a repost post. Accounts in a list are follow edges when
/// <see cref="ReadOptions.OwnerExternalId"/> and <see cref="ReadOptions.Relation"/> say whose list it is.
/// </summary>
public sealed class MastodonApiReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("mastodon-api", Platform.Mastodon, ResumeUnit.Element,
        "Mastodon API Status/Account JSON (objects, arrays, or one page per line)");

    private static readonly JsonScanOptions Scan = new() { SplitRootArrays = true };

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Entity(item, $"[{index++}]", context, seen);
            }

            return;
        }

        Entity(value, null, context, seen);
    }

    internal static void Entity(JsonElement value, string? path, ParseContext context, HashSet<string> seen)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(path, $"expected a Mastodon Status or Account, found {value.ValueKind}", (string?)null);
        }
        else if (Json.Has(value, "uri") && (Json.Has(value, "account") || Json.Has(value, "content") || Json.Has(value, "created_at")) && !Json.Has(value, "acct"))
        {
            MastodonMapper.Status(value, path, context, seen);
        }
        else if (Json.Has(value, "acct") || Json.Has(value, "username"))
        {
            MastodonMapper.ListedAccount(value, path, context, seen);
        }
        else if (Json.Has(value, "ancestors") || Json.Has(value, "descendants") || Json.Has(value, "statuses"))
        {
            foreach (var name in new[] { "ancestors", "descendants", "statuses", "accounts" })
            {
                var index = 0;
                foreach (var item in Json.Items(value, name, context, path))
                {
                    Entity(item, Json.Join(path, $"{name}[{index++}]"), context, seen);
                }
            }
        }
        else if (Json.Has(value, "error"))
        {
            context.Reject(Json.Join(path, "error"), "the response is an error: " + Json.Str(value, "error", context, path), (string?)null);
        }
        else
        {
            context.Reject(path, "not a Mastodon Status or Account (no uri/account or acct)", (string?)null);
        }
    }
}

/// <summary>
/// Mastodon streaming events, one per line as <c>{"event": …, "payload": …}</c> (the payload as a JSON string, as the
/// server sends it, or as an object): <c>update</c> and <c>status.update</c> carry a Status; <c>delete</c> carries
/// only the local id, which becomes a deletion by local id. Other events are counted and ignored.
/// </summary>
public sealed class MastodonStreamingReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("mastodon-streaming", Platform.Mastodon, ResumeUnit.Line,
        "Mastodon streaming events as JSON lines ({event, payload})");

    private static readonly JsonScanOptions Scan = new();

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected a streaming event object, found {value.ValueKind}", (string?)null);
            return;
        }

        var name = Json.Str(value, "event", context);
        if (name is null)
        {
            context.Reject("event", "missing required field 'event'", (string?)null);
            return;
        }

        Event(name, Json.Get(value, "payload"), context);
    }

    /// <summary>Maps one event (shared with the streaming client, which reads Server-Sent Events).</summary>
    internal static void Event(string name, JsonElement? payload, ParseContext context)
    {
        switch (name)
        {
            case "update" or "status.update":
                if (payload is not { } body)
                {
                    context.Reject("payload", "missing required field 'payload'", (string?)null);
                    return;
                }

                if (body.ValueKind == JsonValueKind.String)
                {
                    using var inner = JsonDocument.Parse(body.GetString()!);
                    MastodonMapper.Status(inner.RootElement, "payload", context, new HashSet<string>(StringComparer.Ordinal));
                }
                else
                {
                    MastodonMapper.Status(body, "payload", context, new HashSet<string>(StringComparer.Ordinal));
                }

                return;
            case "delete":
                var id = payload is { ValueKind: JsonValueKind.String } s ? s.GetString()
                    : payload is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : null;
                if (string.IsNullOrEmpty(id))
                {
                    context.Reject("payload", "a delete event without a status id", (string?)null);
                    return;
                }

                context.Add(new ImportedDeletion
                {
                    Position = context.Next(),
                    Platform = Platform.Mastodon,
                    ExternalId = MastodonMapper.Qualify(id, context)!,
                    IsLocalId = true,
                    Target = DeletionTarget.Post,
                });
                return;
            default:
                context.Ignore("event " + (name.Length <= 64 ? name : "(long name)"));
                return;
        }
    }
}

/// <summary>
/// The <c>outbox.json</c> of a Mastodon account archive: an ActivityStreams OrderedCollection read item by item.
/// <c>Create</c> of a Note is a post (hashtags and mentions from <c>tag[]</c>, <c>inReplyTo</c> as the reply's natural
/// key, quotes from <c>quote</c>/<c>quoteUri</c>/<c>_misskey_quote</c>); <c>Announce</c> is a repost; <c>Delete</c>
/// and <c>Undo</c> are deletions. The author is the item's <c>actor</c>, else <see cref="ReadOptions.OwnerExternalId"/>
/// (the archive's <c>actor.json</c>).
/// </summary>
public sealed class MastodonOutboxReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("mastodon-outbox", Platform.Mastodon, ResumeUnit.Element,
        "Mastodon account archive outbox.json (ActivityStreams Create/Announce/Delete)");

    private static readonly JsonScanOptions Scan = new() { SplitRootObjects = true, SplitRootArrays = true, ExpandedProperties = new HashSet<string>(StringComparer.Ordinal) { "orderedItems", "items" } };

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (kind == JsonUnitKind.Property)
        {
            return;
        }

        var path = property is null ? null : property + "[]";
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(path, $"expected an activity object, found {value.ValueKind}", (string?)null);
            return;
        }

        var type = Json.Str(value, "type", context, path);
        var actor = LinkId(value, "actor", context, path) ?? context.Options.OwnerExternalId;
        switch (type)
        {
            case "Create":
                if (Json.Obj(value, "object", context, path) is not { } note)
                {
                    context.Reject(Json.Join(path, "object"), "a Create without an embedded object", (string?)null);
                    return;
                }

                Note(note, actor, Json.Join(path, "object"), context);
                return;
            case "Announce":
                Announce(value, actor, path, context);
                return;
            case "Delete" or "Undo":
                Removal(value, type, actor, path, context);
                return;
            case null:
                context.Reject(Json.Join(path, "type"), "missing required field 'type'", (string?)null);
                return;
            default:
                context.Ignore("activity " + (type.Length <= 64 ? type : "(long type)"));
                return;
        }
    }

    private static string? LinkId(JsonElement value, string name, ParseContext context, string? path)
    {
        if (Json.Get(value, name) is not { } link)
        {
            return null;
        }

        return link.ValueKind switch
        {
            JsonValueKind.String => link.GetString(),
            JsonValueKind.Object => Json.Str(link, "id", context, Json.Join(path, name)) ?? Json.Str(link, "href", context, Json.Join(path, name)),
            _ => null,
        };
    }

    private static void Note(JsonElement note, string? actor, string path, ParseContext context)
    {
        var id = Json.Str(note, "id", context, path);
        var author = LinkId(note, "attributedTo", context, path) ?? actor;
        var published = Json.Time(note, "published", context, path);
        if (!Json.Require(id, "id", context) || !Json.Require(author, "attributedTo", context))
        {
            return;
        }

        if (published is null)
        {
            context.Reject(Json.Join(path, "published"), "missing required field 'published'", (string?)null);
            return;
        }

        var hashtags = new List<string>();
        var mentions = new List<ImportedMention>();
        var index = 0;
        foreach (var tag in Json.Items(note, "tag", context, path))
        {
            var tagPath = Json.Join(path, $"tag[{index++}]");
            var name = Json.Str(tag, "name", context, tagPath);
            switch (Json.Str(tag, "type", context, tagPath))
            {
                case "Hashtag" when !string.IsNullOrWhiteSpace(name):
                    var clean = name.Trim().TrimStart('#');
                    if (clean.Length is > 0 and <= 640 && !hashtags.Exists(h => h.Equals(clean, StringComparison.OrdinalIgnoreCase)))
                    {
                        hashtags.Add(clean);
                    }

                    break;
                case "Mention":
                    var href = Json.Str(tag, "href", context, tagPath);
                    mentions.Add(new ImportedMention(href, name?.TrimStart('@')));
                    break;
            }
        }

        var anchors = new List<HtmlAnchor>();
        var content = Json.Str(note, "content", context, path);
        if (content is null && Json.Obj(note, "contentMap", context, path) is { } map)
        {
            foreach (var entry in map.EnumerateObject())
            {
                content = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : null;
                break;
            }
        }

        var text = HtmlText.ToPlainText(content, anchors);
        if (Json.Str(note, "summary", context, path) is { Length: > 0 } summary)
        {
            text = HtmlText.ToPlainText(summary) + "\n\n" + text;
        }

        var links = new List<string>();
        foreach (var anchor in anchors)
        {
            if (!anchor.IsMentionOrHashtag && MastodonMapper.IsHttp(anchor.Href) && !links.Contains(anchor.Href))
            {
                links.Add(anchor.Href);
            }
        }

        string? language = null;
        if (Json.Obj(note, "contentMap", context, path) is { } languages)
        {
            foreach (var entry in languages.EnumerateObject())
            {
                language = entry.Name.Length <= 32 ? entry.Name : null;
                break;
            }
        }

        var media = new List<ImportedMedia>();
        index = 0;
        foreach (var attachment in Json.Items(note, "attachment", context, path))
        {
            var attachmentPath = Json.Join(path, $"attachment[{index++}]");
            var mediaType = Json.Str(attachment, "mediaType", context, attachmentPath) ?? Json.Str(attachment, "type", context, attachmentPath) ?? "unknown";
            media.Add(new ImportedMedia(LinkId(attachment, "url", context, attachmentPath), mediaType.Split('/')[0], Json.Str(attachment, "name", context, attachmentPath)));
        }

        var replyTo = LinkId(note, "inReplyTo", context, path);
        var quote = LinkId(note, "quote", context, path) ?? LinkId(note, "quoteUri", context, path) ?? LinkId(note, "_misskey_quote", context, path);
        var updated = Json.TimeOrNull(note, "updated", context, path);
        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            ExternalId = id!,
            AuthorExternalId = author!,
            Kind = replyTo is not null ? PostKind.Reply : quote is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = published.Value,
            Version = updated is { } u ? Timestamps.ToAtProtocol(u) : null,
            Text = text,
            Url = LinkId(note, "url", context, path),
            Language = language,
            ReplyToExternalId = replyTo,
            QuoteOfExternalId = quote,
            Hashtags = hashtags,
            Mentions = mentions,
            Links = links,
            Media = media,
        });
    }

    private static void Announce(JsonElement activity, string? actor, string? path, ParseContext context)
    {
        var id = Json.Str(activity, "id", context, path);
        var target = LinkId(activity, "object", context, path);
        var published = Json.Time(activity, "published", context, path);
        if (!Json.Require(id, "id", context) || !Json.Require(target, "object", context) || !Json.Require(actor, "actor", context))
        {
            return;
        }

        if (published is null)
        {
            context.Reject(Json.Join(path, "published"), "missing required field 'published'", (string?)null);
            return;
        }

        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            ExternalId = id!,
            AuthorExternalId = actor!,
            Kind = PostKind.Repost,
            CreatedAt = published.Value,
            RepostOfExternalId = target,
        });
    }

    private static void Removal(JsonElement activity, string type, string? actor, string? path, ParseContext context)
    {
        var when = Json.TimeOrNull(activity, "published", context, path);
        if (Json.Get(activity, "object") is not { } target)
        {
            context.Reject(Json.Join(path, "object"), $"a {type} without an object", (string?)null);
            return;
        }

        string? id;
        var deletion = DeletionTarget.Post;
        if (target.ValueKind == JsonValueKind.String)
        {
            id = target.GetString();
        }
        else if (target.ValueKind == JsonValueKind.Object)
        {
            var innerType = Json.Str(target, "type", context, Json.Join(path, "object"));
            var inner = LinkId(target, "object", context, Json.Join(path, "object"));
            (id, deletion) = (type, innerType) switch
            {
                ("Undo", "Like") when inner is not null && actor is not null => ($"like:{actor}:{inner}", DeletionTarget.Interaction),
                ("Undo", "Follow") when inner is not null && actor is not null => ($"follow:{actor}:{inner}", DeletionTarget.Interaction),
                _ => (Json.Str(target, "id", context, Json.Join(path, "object")), DeletionTarget.Post),
            };
        }
        else
        {
            id = null;
        }

        if (!Json.Require(id, "object.id", context))
        {
            return;
        }

        context.Add(new ImportedDeletion
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            ExternalId = id!,
            Target = deletion,
            OccurredAt = when,
        });
    }
}

/// <summary>
/// The <c>likes.json</c> of a Mastodon account archive: an OrderedCollection of the URIs of liked statuses, each a
/// like edge from <see cref="ReadOptions.OwnerExternalId"/> keyed <c>like:{owner}:{status uri}</c> (the author of the
/// liked status is not in the file).
/// </summary>
public sealed class MastodonLikesReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("mastodon-likes", Platform.Mastodon, ResumeUnit.Element,
        "Mastodon account archive likes.json (liked status URIs)");

    private static readonly JsonScanOptions Scan = new() { SplitRootObjects = true, SplitRootArrays = true, ExpandedProperties = new HashSet<string>(StringComparer.Ordinal) { "orderedItems", "items" } };

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (kind == JsonUnitKind.Property)
        {
            return;
        }

        var owner = context.Options.OwnerExternalId;
        if (owner is null)
        {
            context.Reject(property, "unknown reference: the liking account is unknown (no actor.json; pass the owner)", (string?)null);
            return;
        }

        var uri = value.ValueKind == JsonValueKind.String ? value.GetString()
            : value.ValueKind == JsonValueKind.Object ? Json.Str(value, "object", context, property) ?? Json.Str(value, "id", context, property) : null;
        if (string.IsNullOrEmpty(uri) || uri.Length > MastodonMapper.MaxExternalIdLength)
        {
            context.Reject(property, "a liked item that is not a status URI", (string?)null);
            return;
        }

        context.Add(new ImportedInteraction
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            Kind = InteractionKind.Like,
            NaturalKey = $"like:{owner}:{uri}",
            SourceExternalId = owner,
            SubjectPostExternalId = uri,
        });
    }
}

/// <summary>The <c>actor.json</c> of a Mastodon account archive: the owner's account (ActivityPub actor).</summary>
public sealed class MastodonActorReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("mastodon-actor", Platform.Mastodon, ResumeUnit.Element,
        "Mastodon account archive actor.json (the owner)");

    private static readonly JsonScanOptions Scan = new();

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected an actor object, found {value.ValueKind}", (string?)null);
            return;
        }

        var id = Json.Str(value, "id", context);
        if (!Json.Require(id, "id", context))
        {
            return;
        }

        var username = Json.Str(value, "preferredUsername", context);
        var host = Uri.TryCreate(id, UriKind.Absolute, out var parsed) ? parsed.Host : null;
        var icon = Json.Get(value, "icon") is { ValueKind: JsonValueKind.Object } i ? Json.Str(i, "url", context, "icon") : null;
        context.Add(new ImportedAccount
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            ExternalId = id!,
            Handle = username is null ? null : host is null ? username : $"{username}@{host}",
            DisplayName = Json.Str(value, "name", context) is { Length: > 0 } name ? name : null,
            Bio = Json.Str(value, "summary", context) is { Length: > 0 } summary ? HtmlText.ToPlainText(summary) : null,
            ProfileUrl = Json.Get(value, "url") is { ValueKind: JsonValueKind.String } url ? url.GetString() : null,
            AvatarUrl = icon,
            CreatedAt = Json.TimeOrNull(value, "published", context),
        });
    }

    /// <summary>Reads the owner's actor URI and handle from an <c>actor.json</c> (for the archive plan).</summary>
    public static (string? Id, string? Handle) ReadOwner(string path)
    {
        using var stream = File.OpenRead(path);
        var account = new MastodonActorReader().Read(stream, path, ReadOptions.Default).OfType<ImportedAccount>().FirstOrDefault();
        return (account?.ExternalId, account?.Handle);
    }
}
