using System.Runtime.InteropServices;
using System.Text.Json;
using SoMeScholar.Importers.Reading;

namespace SoMeScholar.Importers.Bluesky;

/// <summary>
/// Responses of the Bluesky AppView and PDS, one page per file or one page per line, recognised by their keys:
/// <list type="bullet">
/// <item><c>posts[]</c> (app.bsky.feed.searchPosts, getPosts, getQuotes): each postView → its author and the post
/// (with counts, <c>indexedAt</c>, and a quoted post's view as a post of its own).</item>
/// <item><c>feed[]</c> (getAuthorFeed): feedViewPosts; an item whose <c>reason</c> is <c>#reasonRepost</c> is a repost
/// by <c>reason.by</c> (the feed owner): the original post, then a repost post. Reply parents and roots that are
/// full views are posts too.</item>
/// <item><c>follows[]</c> / <c>followers[]</c> with <c>subject</c> (app.bsky.graph.getFollows / getFollowers):
/// accounts and follow edges keyed <c>follow:{source}:{target}</c> (the follow record's AT-URI is not in the view).</item>
/// <item><c>profiles[]</c> (app.bsky.actor.getProfiles) or a single profileViewDetailed: accounts with
/// <see cref="AccountCounts"/> observed at <see cref="ReadOptions.ObservedAt"/>.</item>
/// <item><c>records[]</c> (com.atproto.repo.listRecords): the raw records, mapped as Jetstream records are.</item>
/// <item><c>likes[]</c> with <c>uri</c> (getLikes): like edges keyed <c>like:{actor}:{post}</c>.</item>
/// </list>
/// </summary>
public sealed class BlueskyApiReader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("bluesky-api", Platform.Bluesky, ResumeUnit.Line,
        "Bluesky API responses (searchPosts, getAuthorFeed, getFollows/getFollowers, getProfiles, listRecords, getLikes)");

    private static readonly JsonScanOptions Scan = new();

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected a Bluesky API response object, found {value.ValueKind}", (string?)null);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Json.Get(value, "posts") is not null)
        {
            var index = 0;
            foreach (var post in Json.Items(value, "posts", context))
            {
                PostView(post, $"posts[{index++}]", context, seen);
            }
        }
        else if (Json.Get(value, "feed") is not null)
        {
            var index = 0;
            foreach (var item in Json.Items(value, "feed", context))
            {
                FeedItem(item, $"feed[{index++}]", context, seen);
            }
        }
        else if (Json.Get(value, "follows") is not null || Json.Get(value, "followers") is not null)
        {
            FollowPage(value, context, seen);
        }
        else if (Json.Get(value, "profiles") is not null)
        {
            var index = 0;
            foreach (var profile in Json.Items(value, "profiles", context))
            {
                Profile(profile, $"profiles[{index++}]", context, seen);
            }
        }
        else if (Json.Get(value, "records") is not null)
        {
            var index = 0;
            foreach (var record in Json.Items(value, "records", context))
            {
                ListedRecord(record, $"records[{index++}]", context);
            }
        }
        else if (Json.Get(value, "likes") is not null && Json.Get(value, "uri") is not null)
        {
            Likes(value, context, seen);
        }
        else if (Json.Get(value, "repostedBy") is not null)
        {
            var index = 0;
            foreach (var profile in Json.Items(value, "repostedBy", context))
            {
                Profile(profile, $"repostedBy[{index++}]", context, seen);
            }

            context.Notice("getRepostedBy: repost records are not in the response; accounts only");
        }
        else if (Json.Has(value, "uri") && Json.Has(value, "record") && Json.Has(value, "author"))
        {
            PostView(value, null, context, seen);
        }
        else if (Json.Has(value, "did") && Json.Has(value, "handle"))
        {
            Profile(value, null, context, seen);
        }
        else if (Json.Has(value, "error"))
        {
            context.Reject("error", $"the response is an error: {Json.Str(value, "error", context)}: {Json.Str(value, "message", context)}", (string?)null);
        }
        else
        {
            context.Reject(null, "not a recognised Bluesky API response (no posts, feed, follows, followers, profiles, records or likes)", (string?)null);
        }
    }

    private static void FeedItem(JsonElement item, string path, ParseContext context, HashSet<string> seen)
    {
        if (Json.Obj(item, "post", context, path) is not { } post)
        {
            context.Reject(Json.Join(path, "post"), "missing required field 'post'", (string?)null);
            return;
        }

        if (Json.Obj(item, "reply", context, path) is { } reply)
        {
            foreach (var name in new[] { "root", "parent" })
            {
                if (Json.Obj(reply, name, context, path + ".reply") is { } view && Json.Has(view, "record"))
                {
                    PostView(view, path + ".reply." + name, context, seen);
                }
            }
        }

        var original = PostView(post, path + ".post", context, seen);
        if (Json.Obj(item, "reason", context, path) is not { } reason || Json.Str(reason, "$type", context, path + ".reason") != "app.bsky.feed.defs#reasonRepost")
        {
            return;
        }

        if (original is null)
        {
            return;
        }

        var by = Json.Obj(reason, "by", context, path + ".reason");
        var byDid = by is { } b ? Account(b, path + ".reason.by", context, seen) : null;
        if (byDid is null)
        {
            context.Reject(path + ".reason.by", "a repost without the reposting account", (string?)null);
            return;
        }

        var at = Json.TimeOrNull(reason, "indexedAt", context, path + ".reason");
        if (at is null)
        {
            context.Reject(path + ".reason.indexedAt", "missing required field 'indexedAt'", (string?)null);
            return;
        }

        var uri = Json.Str(reason, "uri", context, path + ".reason");
        var id = uri is not null && AtSyntax.TryParseAtUri(uri, out var parsed) && parsed.Collection == BlueskyNames.Repost && parsed.RecordKey is not null
            ? uri
            : $"repost:{byDid}:{original.ExternalId}";
        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            ExternalId = id,
            AuthorExternalId = byDid,
            AuthorHandle = by is { } h ? Json.Str(h, "handle", context, path + ".reason.by") : null,
            Kind = PostKind.Repost,
            CreatedAt = at.Value,
            IndexedAt = at,
            Version = Json.Str(reason, "cid", context, path + ".reason"),
            RepostOfExternalId = original.ExternalId,
            RepostOfAuthorExternalId = original.AuthorExternalId,
        });
    }

    /// <summary>A postView (or a quoted viewRecord, whose record is under <c>value</c>): author account, then post.</summary>
    private static ImportedPost? PostView(JsonElement view, string? path, ParseContext context, HashSet<string> seen)
    {
        var uri = Json.Str(view, "uri", context, path);
        if (uri is null || !AtSyntax.TryParseAtUri(uri, out var parsed) || parsed.RecordKey is null || !AtSyntax.IsValidDid(parsed.Authority))
        {
            context.Reject(Json.Join(path, "uri"), uri is null ? "missing required field 'uri'" : $"invalid post AT-URI '{Excerpts.Of(uri)}'", (string?)null);
            return null;
        }

        if (parsed.Collection != BlueskyNames.Post)
        {
            context.Ignore("view of " + parsed.Collection);
            return null;
        }

        var record = Json.Obj(view, "record", context, path) ?? Json.Obj(view, "value", context, path);
        if (record is null)
        {
            context.Reject(Json.Join(path, "record"), "missing required field 'record'", (string?)null);
            return null;
        }

        string? handle = null;
        if (Json.Obj(view, "author", context, path) is { } author)
        {
            Account(author, Json.Join(path, "author"), context, seen);
            handle = Json.Str(author, "handle", context, Json.Join(path, "author"));
        }

        // A quoted post shown in the view is a post of its own.
        if (Json.Obj(view, "embed", context, path) is { } embed)
        {
            var quoted = Json.Obj(embed, "record", context, Json.Join(path, "embed"));
            if (quoted is { } q && Json.Obj(q, "record", context, Json.Join(path, "embed.record")) is { } nested && Json.Has(nested, "value"))
            {
                quoted = nested;
            }

            if (quoted is { } shown && Json.Has(shown, "value") && Json.Has(shown, "uri"))
            {
                PostView(shown, Json.Join(path, "embed.record"), context, seen);
            }
        }

        var metrics = Json.Has(view, "replyCount") || Json.Has(view, "likeCount") || Json.Has(view, "repostCount")
            ? new PostMetrics(Json.Long(view, "replyCount", context, path), Json.Long(view, "repostCount", context, path), Json.Long(view, "likeCount", context, path), Json.Long(view, "quoteCount", context, path))
            : null;
        var indexedAt = Json.TimeOrNull(view, "indexedAt", context, path);
        var before = context.Output.Count;
        MapRecord(record.Value, BskyCollection.Post, parsed.Authority, parsed.RecordKey, Json.Str(view, "cid", context, path), new BlueskyRecords.ViewFacts(handle, indexedAt, metrics), Json.Join(path, "record."), context);
        return context.Output.Count > before ? context.Output[^1] as ImportedPost : null;
    }

    private static void MapRecord(JsonElement record, BskyCollection collection, string did, string rkey, string? cid, in BlueskyRecords.ViewFacts facts, string prefix, ParseContext context)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            context.Reject(prefix.TrimEnd('.'), "the record is not an object", (string?)null);
            return;
        }

        var draft = context.BlueskyDraft;
        draft.Reset();
        context.FieldPrefix = prefix;
        BlueskyRecords.ParseRecord(JsonMarshal.GetRawUtf8Value(record), collection, draft, context);
        BlueskyRecords.Build(draft, collection, did, rkey, cid, facts, context);
        context.FieldPrefix = null;
        context.Field = null;
    }

    private static void ListedRecord(JsonElement item, string path, ParseContext context)
    {
        var uri = Json.Str(item, "uri", context, path);
        if (uri is null || !AtSyntax.TryParseAtUri(uri, out var parsed) || parsed.Collection is null || parsed.RecordKey is null || !AtSyntax.IsValidDid(parsed.Authority))
        {
            context.Reject(Json.Join(path, "uri"), uri is null ? "missing required field 'uri'" : $"invalid record AT-URI '{Excerpts.Of(uri)}'", (string?)null);
            return;
        }

        var collection = BlueskyNames.Classify(parsed.Collection);
        if (collection == BskyCollection.Other)
        {
            context.Ignore("collection " + parsed.Collection);
            return;
        }

        if (Json.Get(item, "value") is not { } value)
        {
            context.Reject(Json.Join(path, "value"), "missing required field 'value'", (string?)null);
            return;
        }

        MapRecord(value, collection, parsed.Authority, parsed.RecordKey, Json.Str(item, "cid", context, path), default, Json.Join(path, "value."), context);
    }

    private static void FollowPage(JsonElement page, ParseContext context, HashSet<string> seen)
    {
        var followers = Json.Get(page, "followers") is not null;
        var listName = followers ? "followers" : "follows";
        var subject = Json.Obj(page, "subject", context) is { } s ? Account(s, "subject", context, seen) : null;
        subject ??= context.Options.OwnerExternalId;
        if (subject is null)
        {
            context.Reject("subject", "missing required field 'subject' (the account whose list this is)", (string?)null);
            return;
        }

        var index = 0;
        foreach (var profile in Json.Items(page, listName, context))
        {
            var path = $"{listName}[{index++}]";
            var other = Account(profile, path, context, seen);
            if (other is null)
            {
                continue;
            }

            var (source, target) = followers ? (other, subject) : (subject, other);
            context.Add(new ImportedInteraction
            {
                Position = context.Next(),
                Platform = Platform.Bluesky,
                Kind = InteractionKind.Follow,
                NaturalKey = $"follow:{source}:{target}",
                SourceExternalId = source,
                TargetExternalId = target,
            });
        }
    }

    private static void Likes(JsonElement page, ParseContext context, HashSet<string> seen)
    {
        var uri = Json.Str(page, "uri", context)!;
        var author = AtSyntax.AuthorityOf(uri);
        if (author is null)
        {
            context.Reject("uri", $"invalid post AT-URI '{Excerpts.Of(uri)}'", (string?)null);
            return;
        }

        var index = 0;
        foreach (var like in Json.Items(page, "likes", context))
        {
            var path = $"likes[{index++}]";
            var actor = Json.Obj(like, "actor", context, path) is { } a ? Account(a, path + ".actor", context, seen) : null;
            if (actor is null)
            {
                context.Reject(path + ".actor", "missing required field 'actor'", (string?)null);
                continue;
            }

            context.Add(new ImportedInteraction
            {
                Position = context.Next(),
                Platform = Platform.Bluesky,
                Kind = InteractionKind.Like,
                NaturalKey = $"like:{actor}:{uri}",
                SourceExternalId = actor,
                TargetExternalId = author,
                SubjectPostExternalId = uri,
                OccurredAt = Json.TimeOrNull(like, "createdAt", context, path) ?? Json.TimeOrNull(like, "indexedAt", context, path),
            });
        }
    }

    private static void Profile(JsonElement profile, string? path, ParseContext context, HashSet<string> seen) => Account(profile, path, context, seen, always: true);

    /// <summary>
    /// A profile view (basic, plain or detailed) → an account, once per unit; returns its DID, or null after rejecting
    /// it. Counts (profileViewDetailed) need an observation time.
    /// </summary>
    private static string? Account(JsonElement profile, string? path, ParseContext context, HashSet<string> seen, bool always = false)
    {
        var did = Json.Str(profile, "did", context, path);
        if (did is null || !AtSyntax.IsValidDid(did))
        {
            context.Reject(Json.Join(path, "did"), did is null ? "missing required field 'did'" : $"invalid DID '{Excerpts.Of(did)}'", (string?)null);
            return null;
        }

        var hasCounts = Json.Has(profile, "followersCount") || Json.Has(profile, "followsCount") || Json.Has(profile, "postsCount");
        if (!seen.Add(did) && !(always && hasCounts))
        {
            return did;
        }

        var handle = Json.Str(profile, "handle", context, path);
        AccountCounts? counts = null;
        if (hasCounts && context.Options.ObservedAt is { } observed)
        {
            counts = new AccountCounts(Json.Long(profile, "followersCount", context, path), Json.Long(profile, "followsCount", context, path), Json.Long(profile, "postsCount", context, path), observed);
        }
        else if (hasCounts)
        {
            context.Notice("counts without an observation time left out");
        }

        context.Add(new ImportedAccount
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            ExternalId = did,
            Handle = handle is not null && AtSyntax.IsValidHandle(handle) ? handle : null,
            DisplayName = NullIfEmpty(Json.Str(profile, "displayName", context, path)),
            Bio = NullIfEmpty(Json.Str(profile, "description", context, path)),
            AvatarUrl = Json.Str(profile, "avatar", context, path),
            ProfileUrl = BlueskyNames.ProfileUrl(did),
            CreatedAt = Json.TimeOrNull(profile, "createdAt", context, path),
            Counts = counts,
        });
        return did;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
