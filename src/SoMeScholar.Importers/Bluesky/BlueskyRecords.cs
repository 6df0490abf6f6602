using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Bluesky;

/// <summary>The collections the archive maps; everything else is counted and ignored.</summary>
internal enum BskyCollection : byte
{
    Other,
    Post,
    Repost,
    Like,
    Follow,
    Profile,
}

/// <summary>The NSIDs of the mapped collections, and the URL shapes of the Bluesky web app and CDN.</summary>
public static class BlueskyNames
{
    public const string Post = "app.bsky.feed.post";
    public const string Repost = "app.bsky.feed.repost";
    public const string Like = "app.bsky.feed.like";
    public const string Follow = "app.bsky.graph.follow";
    public const string Profile = "app.bsky.actor.profile";

    /// <summary>The collections a Jetstream subscription for the archive asks for.</summary>
    public static IReadOnlyList<string> ArchiveCollections { get; } = [Post, Repost, Like, Follow];

    public static string PostUrl(string did, string rkey) => string.Concat("https://bsky.app/profile/", did, "/post/", rkey);

    public static string ProfileUrl(string didOrHandle) => "https://bsky.app/profile/" + didOrHandle;

    public static string ImageUrl(string did, string cid) => string.Concat("https://cdn.bsky.app/img/feed_fullsize/plain/", did, "/", cid, "@jpeg");

    public static string AvatarUrl(string did, string cid) => string.Concat("https://cdn.bsky.app/img/avatar/plain/", did, "/", cid, "@jpeg");

    internal static BskyCollection Classify(ReadOnlySpan<byte> nsid)
    {
        if (nsid.SequenceEqual("app.bsky.feed.like"u8))
        {
            return BskyCollection.Like;
        }

        if (nsid.SequenceEqual("app.bsky.feed.post"u8))
        {
            return BskyCollection.Post;
        }

        if (nsid.SequenceEqual("app.bsky.feed.repost"u8))
        {
            return BskyCollection.Repost;
        }

        if (nsid.SequenceEqual("app.bsky.graph.follow"u8))
        {
            return BskyCollection.Follow;
        }

        return nsid.SequenceEqual("app.bsky.actor.profile"u8) ? BskyCollection.Profile : BskyCollection.Other;
    }

    internal static BskyCollection Classify(string nsid) => Classify(Encoding.UTF8.GetBytes(nsid));

    /// <summary>The collection as the path segment of an AT-URI: <c>/app.bsky.feed.post/</c>.</summary>
    internal static string PathOf(BskyCollection collection) => collection switch
    {
        BskyCollection.Post => "/app.bsky.feed.post/",
        BskyCollection.Repost => "/app.bsky.feed.repost/",
        BskyCollection.Like => "/app.bsky.feed.like/",
        BskyCollection.Follow => "/app.bsky.graph.follow/",
        BskyCollection.Profile => "/app.bsky.actor.profile/",
        _ => "/other/",
    };

    internal static string NameOf(BskyCollection collection) => collection switch
    {
        BskyCollection.Post => Post,
        BskyCollection.Repost => Repost,
        BskyCollection.Like => Like,
        BskyCollection.Follow => Follow,
        BskyCollection.Profile => Profile,
        _ => "other",
    };
}

internal enum FacetKind : byte
{
    Tag,
    Mention,
    Link,
}

internal struct FacetFeature
{
    public int Start;
    public int End;
    public int Facet;
    public FacetKind Kind;
    public string Value;
}

internal readonly record struct DraftMedia(string? Cid, string MediaType, string? Alt);

/// <summary>
/// One Bluesky record as read, before it becomes an <see cref="ImportRecord"/>: reused from record to record so the
/// hot path allocates only the strings it keeps.
/// </summary>
internal sealed class BlueskyDraft
{
    public string? Text;
    public int TextBytes = -1;
    public DateTime CreatedAt;
    public bool HasCreatedAt;
    public string? Language;
    public string? ReplyParentUri;
    public string? ReplyRootUri;
    public string? QuoteUri;
    public string? SubjectUri;
    public string? SubjectDid;
    public string? DisplayName;
    public string? Description;
    public string? AvatarCid;
    public readonly List<FacetFeature> Facets = [];
    public readonly List<string> Tags = [];
    public readonly List<string> EmbedLinks = [];
    public readonly List<DraftMedia> Media = [];
    public readonly List<string> TagScratch = [];
    public string? Error;
    public string? ErrorField;

    public void Reset()
    {
        Text = null;
        TextBytes = -1;
        CreatedAt = default;
        HasCreatedAt = false;
        Language = null;
        ReplyParentUri = null;
        ReplyRootUri = null;
        QuoteUri = null;
        SubjectUri = null;
        SubjectDid = null;
        DisplayName = null;
        Description = null;
        AvatarCid = null;
        Facets.Clear();
        Tags.Clear();
        EmbedLinks.Clear();
        Media.Clear();
        Error = null;
        ErrorField = null;
    }

    public void Fail(string field, string reason)
    {
        if (Error is null)
        {
            Error = reason;
            ErrorField = field;
        }
    }
}

/// <summary>
/// Reads the JSON form of Bluesky records (as Jetstream, the API and the CAR decoder deliver them) with
/// <see cref="Utf8JsonReader"/> into a <see cref="BlueskyDraft"/>, and builds the neutral records from it. Parsing is
/// structural (a quote is an embed with a strong reference, a tag facet is a feature with a <c>tag</c>), so it does
/// not depend on key order or on <c>$type</c> values that lexicons add over time.
/// </summary>
internal static class BlueskyRecords
{
    public const int MaxTextBytes = 3000;
    public const int MaxTagBytes = 640;
    public const int MaxExternalIdLength = 512;
    public const int MaxUrlLength = 2048;
    private static readonly string[] NoStrings = [];

    /// <summary>Reads a record object; the reader stands on its <c>StartObject</c> and ends on its <c>EndObject</c>.</summary>
    public static void ParseRecord(ref Utf8JsonReader reader, BskyCollection collection, BlueskyDraft draft, ParseContext context)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        switch (collection)
        {
            case BskyCollection.Post:
                ParsePost(ref reader, draft, context);
                break;
            case BskyCollection.Repost or BskyCollection.Like:
                ParseSubjectRecord(ref reader, draft, context, strongRef: true);
                break;
            case BskyCollection.Follow:
                ParseSubjectRecord(ref reader, draft, context, strongRef: false);
                break;
            case BskyCollection.Profile:
                ParseProfile(ref reader, draft, context);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>Parses a record held in its own UTF-8 JSON buffer (API views, listRecords, CAR blocks).</summary>
    public static void ParseRecord(ReadOnlySpan<byte> json, BskyCollection collection, BlueskyDraft draft, ParseContext context)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        ParseRecord(ref reader, collection, draft, context);
    }

    private static void ParsePost(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        var hasText = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                context.Field = "text";
                reader.Read();
                draft.TextBytes = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan.Length : -1;
                draft.Text = reader.GetString();
                hasText = true;
            }
            else if (reader.ValueTextEquals("createdAt"u8))
            {
                ReadCreatedAt(ref reader, draft, context);
            }
            else if (reader.ValueTextEquals("facets"u8))
            {
                context.Field = "facets";
                reader.Read();
                ParseFacets(ref reader, draft, context);
            }
            else if (reader.ValueTextEquals("reply"u8))
            {
                context.Field = "reply";
                reader.Read();
                ParseReply(ref reader, draft, context);
            }
            else if (reader.ValueTextEquals("embed"u8))
            {
                context.Field = "embed";
                reader.Read();
                ParseEmbed(ref reader, draft, context);
            }
            else if (reader.ValueTextEquals("langs"u8))
            {
                context.Field = "langs";
                reader.Read();
                ExpectStart(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (draft.Language is null)
                    {
                        var language = context.CachedString(ref reader);
                        draft.Language = language is { Length: > 0 and <= 32 } ? language : null;
                    }
                    else if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new InvalidDataException("a language is not a string");
                    }
                }
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                context.Field = "tags";
                reader.Read();
                ExpectStart(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    draft.Tags.Add(context.CachedString(ref reader) ?? "");
                }
            }
            else
            {
                reader.Skip();
            }
        }

        context.Field = null;
        if (!hasText || draft.Text is null)
        {
            draft.Fail("text", "missing required field 'text'");
        }
        else if (draft.Text.Length > MaxTextBytes / 3 && TextBytes(draft) > MaxTextBytes)
        {
            draft.Fail("text", $"oversize field: text has {TextBytes(draft)} bytes, the lexicon allows {MaxTextBytes}");
        }

        if (!draft.HasCreatedAt)
        {
            draft.Fail("createdAt", draft.Error is null ? "missing required field 'createdAt'" : draft.Error);
        }
    }

    /// <summary>The text's length in UTF-8 bytes (taken from the JSON when it had no escapes).</summary>
    private static int TextBytes(BlueskyDraft draft)
    {
        if (draft.TextBytes < 0)
        {
            draft.TextBytes = Encoding.UTF8.GetByteCount(draft.Text ?? "");
        }

        return draft.TextBytes;
    }

    private static void ReadCreatedAt(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        context.Field = "createdAt";
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidDataException("createdAt is not a string");
        }

        var parsed = reader.ValueIsEscaped ? Timestamps.TryParseIso(reader.GetString().AsSpan(), out var when) : Timestamps.TryParseIso(reader.ValueSpan, out when);
        if (parsed)
        {
            draft.CreatedAt = when;
            draft.HasCreatedAt = true;
        }
        else
        {
            draft.Fail("createdAt", $"invalid datetime '{Excerpts.Of(reader.GetString() ?? "")}'");
            draft.HasCreatedAt = true;
        }
    }

    private static void ParseFacets(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        ExpectStart(ref reader, JsonTokenType.StartArray);
        var facet = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ExpectStart(ref reader, JsonTokenType.StartObject);
            var first = draft.Facets.Count;
            int start = -1, end = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    ExpectStart(ref reader, JsonTokenType.StartObject);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("byteStart"u8))
                        {
                            reader.Read();
                            start = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : -1;
                        }
                        else if (reader.ValueTextEquals("byteEnd"u8))
                        {
                            reader.Read();
                            end = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : -1;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.ValueTextEquals("features"u8))
                {
                    reader.Read();
                    ExpectStart(ref reader, JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        ExpectStart(ref reader, JsonTokenType.StartObject);
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            FacetKind kind;
                            if (reader.ValueTextEquals("tag"u8))
                            {
                                kind = FacetKind.Tag;
                            }
                            else if (reader.ValueTextEquals("did"u8))
                            {
                                kind = FacetKind.Mention;
                            }
                            else if (reader.ValueTextEquals("uri"u8))
                            {
                                kind = FacetKind.Link;
                            }
                            else
                            {
                                reader.Skip();
                                continue;
                            }

                            reader.Read();
                            var value = kind == FacetKind.Link ? reader.GetString() : context.CachedString(ref reader);
                            if (value is not null)
                            {
                                draft.Facets.Add(new FacetFeature { Facet = facet, Kind = kind, Value = value });
                            }
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            var features = CollectionsMarshal.AsSpan(draft.Facets)[first..];
            for (var i = 0; i < features.Length; i++)
            {
                features[i].Start = start;
                features[i].End = end;
            }

            facet++;
        }
    }

    private static void ParseReply(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("parent"u8))
            {
                context.Field = "reply.parent";
                reader.Read();
                draft.ReplyParentUri = ReadStrongRefUri(ref reader, draft.ReplyRootUri);
            }
            else if (reader.ValueTextEquals("root"u8))
            {
                context.Field = "reply.root";
                reader.Read();
                draft.ReplyRootUri = ReadStrongRefUri(ref reader, draft.ReplyParentUri);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Reads a <c>com.atproto.repo.strongRef</c> and returns its <c>uri</c> (the <paramref name="same"/> instance when equal).</summary>
    private static string? ReadStrongRefUri(ref Utf8JsonReader reader, string? same = null)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        string? uri = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("uri"u8))
            {
                reader.Read();
                uri = same is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(same) ? same : reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return uri;
    }

    /// <summary>
    /// Reads an embed of any kind: <c>record</c> (a quote: a strong reference, or in recordWithMedia a nested
    /// <c>record</c>), <c>external</c> (a link card), <c>images</c>, <c>video</c> and <c>media</c> (recordWithMedia).
    /// </summary>
    private static void ParseEmbed(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        string? videoCid = null;
        string? videoAlt = null;
        var hasVideo = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("record"u8))
            {
                context.Field = "embed.record";
                reader.Read();
                ParseEmbeddedRecord(ref reader, draft);
            }
            else if (reader.ValueTextEquals("external"u8))
            {
                context.Field = "embed.external";
                reader.Read();
                ExpectStart(ref reader, JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("uri"u8))
                    {
                        reader.Read();
                        var uri = reader.GetString();
                        if (!string.IsNullOrEmpty(uri))
                        {
                            draft.EmbedLinks.Add(uri);
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("images"u8))
            {
                context.Field = "embed.images";
                reader.Read();
                ExpectStart(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ExpectStart(ref reader, JsonTokenType.StartObject);
                    string? alt = null;
                    string? cid = null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("alt"u8))
                        {
                            reader.Read();
                            alt = reader.GetString();
                        }
                        else if (reader.ValueTextEquals("image"u8))
                        {
                            reader.Read();
                            cid = ReadBlobCid(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    draft.Media.Add(new DraftMedia(cid, "image", string.IsNullOrEmpty(alt) ? null : alt));
                }
            }
            else if (reader.ValueTextEquals("video"u8))
            {
                context.Field = "embed.video";
                reader.Read();
                videoCid = ReadBlobCid(ref reader);
                hasVideo = true;
            }
            else if (reader.ValueTextEquals("alt"u8))
            {
                reader.Read();
                videoAlt = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("media"u8))
            {
                context.Field = "embed.media";
                reader.Read();
                ParseEmbed(ref reader, draft, context);
            }
            else
            {
                reader.Skip();
            }
        }

        if (hasVideo)
        {
            draft.Media.Add(new DraftMedia(videoCid, "video", string.IsNullOrEmpty(videoAlt) ? null : videoAlt));
        }
    }

    private static void ParseEmbeddedRecord(ref Utf8JsonReader reader, BlueskyDraft draft)
    {
        ExpectStart(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("uri"u8))
            {
                reader.Read();
                draft.QuoteUri = reader.GetString();
            }
            else if (reader.ValueTextEquals("record"u8))
            {
                reader.Read();
                ParseEmbeddedRecord(ref reader, draft);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>A blob: <c>{"$type":"blob","ref":{"$link":cid},…}</c>, or the legacy <c>{"cid":…}</c>.</summary>
    private static string? ReadBlobCid(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? cid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("$link"u8))
                        {
                            reader.Read();
                            cid = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("cid"u8))
            {
                reader.Read();
                cid ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Skip();
            }
        }

        return cid;
    }

    /// <summary>Repost and like: <c>{subject: strongRef, createdAt}</c>; follow: <c>{subject: did, createdAt}</c>.</summary>
    private static void ParseSubjectRecord(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context, bool strongRef)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("subject"u8))
            {
                context.Field = "subject";
                reader.Read();
                if (strongRef)
                {
                    draft.SubjectUri = ReadStrongRefUri(ref reader);
                }
                else
                {
                    draft.SubjectDid = context.CachedString(ref reader);
                }
            }
            else if (reader.ValueTextEquals("createdAt"u8))
            {
                ReadCreatedAt(ref reader, draft, context);
            }
            else
            {
                reader.Skip();
            }
        }

        context.Field = null;
        if (strongRef ? draft.SubjectUri is null : draft.SubjectDid is null)
        {
            draft.Fail(strongRef ? "subject.uri" : "subject", "missing required field 'subject'");
        }

        if (!draft.HasCreatedAt)
        {
            draft.Fail("createdAt", "missing required field 'createdAt'");
        }
    }

    private static void ParseProfile(ref Utf8JsonReader reader, BlueskyDraft draft, ParseContext context)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("displayName"u8))
            {
                context.Field = "displayName";
                reader.Read();
                draft.DisplayName = reader.GetString();
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                context.Field = "description";
                reader.Read();
                draft.Description = reader.GetString();
            }
            else if (reader.ValueTextEquals("avatar"u8))
            {
                context.Field = "avatar";
                reader.Read();
                draft.AvatarCid = ReadBlobCid(ref reader);
            }
            else if (reader.ValueTextEquals("createdAt"u8))
            {
                ReadCreatedAt(ref reader, draft, context);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    internal static void ExpectStart(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new InvalidDataException(expected == JsonTokenType.StartObject ? $"expected an object, found {reader.TokenType}" : $"expected an array, found {reader.TokenType}");
        }
    }

    /// <summary>Extra facts an API view adds to a record (the record alone does not carry them).</summary>
    public readonly record struct ViewFacts(string? AuthorHandle, DateTime? IndexedAt, PostMetrics? Metrics);

    /// <summary>
    /// Turns the draft of a created or updated record into its neutral record, or a rejection when it broke a rule.
    /// </summary>
    public static void Build(BlueskyDraft draft, BskyCollection collection, string did, ReadOnlySpan<char> rkey, string? cid, in ViewFacts facts, ParseContext context)
    {
        if (draft.Error is not null)
        {
            context.Reject(context.FieldPrefix + draft.ErrorField, draft.Error, (string?)null);
            return;
        }

        switch (collection)
        {
            case BskyCollection.Post:
                BuildPost(draft, did, rkey, cid, facts, context);
                break;
            case BskyCollection.Repost:
                BuildRepost(draft, did, rkey, cid, facts, context);
                break;
            case BskyCollection.Like:
                BuildLike(draft, did, rkey, context);
                break;
            case BskyCollection.Follow:
                BuildFollow(draft, did, rkey, context);
                break;
            case BskyCollection.Profile:
                context.Add(new ImportedAccount
                {
                    Position = context.Next(),
                    Platform = Platform.Bluesky,
                    ExternalId = did,
                    Handle = facts.AuthorHandle,
                    DisplayName = draft.DisplayName,
                    Bio = draft.Description,
                    AvatarUrl = draft.AvatarCid is null ? null : BlueskyNames.AvatarUrl(did, draft.AvatarCid),
                    ProfileUrl = BlueskyNames.ProfileUrl(did),
                });
                break;
            default:
                break;
        }
    }

    private static void BuildPost(BlueskyDraft draft, string did, ReadOnlySpan<char> rkey, string? cid, in ViewFacts facts, ParseContext context)
    {
        string? replyTo = null, replyToAuthor = null, replyRoot = null, quoteOf = null, quoteAuthor = null;
        if (draft.ReplyParentUri is not null)
        {
            replyTo = draft.ReplyParentUri;
            replyToAuthor = AtSyntax.AuthorityOf(replyTo, context.Strings);
            if (replyToAuthor is null || replyTo.Length > MaxExternalIdLength)
            {
                context.Reject(context.FieldPrefix + "reply.parent.uri", $"invalid reference: '{Excerpts.Of(replyTo)}' is not an AT-URI", (string?)null);
                return;
            }

            replyRoot = draft.ReplyRootUri is { } root && (ReferenceEquals(root, replyTo) || (root.Length <= MaxExternalIdLength && AtSyntax.IsValidAtUri(root))) ? root : replyTo;
        }

        if (draft.QuoteUri is not null)
        {
            quoteOf = draft.QuoteUri;
            quoteAuthor = AtSyntax.AuthorityOf(quoteOf, context.Strings);
            if (quoteAuthor is null || quoteOf.Length > MaxExternalIdLength)
            {
                context.Reject(context.FieldPrefix + "embed.record.uri", $"invalid reference: '{Excerpts.Of(quoteOf)}' is not an AT-URI", (string?)null);
                return;
            }
        }

        IReadOnlyList<string> hashtags = NoStrings;
        IReadOnlyList<ImportedMention> mentions = [];
        IReadOnlyList<string> links = NoStrings;
        if (draft.Facets.Count > 0 || draft.Tags.Count > 0 || draft.EmbedLinks.Count > 0)
        {
            if (!CollectFacets(draft, context, out hashtags, out mentions, out links))
            {
                return;
            }
        }

        IReadOnlyList<ImportedMedia> media = [];
        if (draft.Media.Count > 0)
        {
            var items = new ImportedMedia[draft.Media.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var item = draft.Media[i];
                var url = item.Cid is null || item.MediaType != "image" ? null : BlueskyNames.ImageUrl(did, item.Cid);
                items[i] = new ImportedMedia(url, item.MediaType, item.Alt);
            }

            media = items;
        }

        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            ExternalId = AtUri.FormatPath(did, "/app.bsky.feed.post/", rkey),
            AuthorExternalId = did,
            AuthorHandle = facts.AuthorHandle,
            Kind = replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = draft.CreatedAt,
            IndexedAt = facts.IndexedAt,
            Text = draft.Text ?? "",
            Version = cid,
            Language = draft.Language,
            ReplyToExternalId = replyTo,
            ReplyToAuthorExternalId = replyToAuthor,
            ReplyRootExternalId = replyRoot,
            QuoteOfExternalId = quoteOf,
            QuoteOfAuthorExternalId = quoteAuthor,
            Hashtags = hashtags,
            Mentions = mentions,
            Links = links,
            Media = media,
            Metrics = facts.Metrics,
        });
    }

    /// <summary>
    /// Facets: sorted by <c>byteStart</c>; a facet with a range outside the UTF-8 text, or overlapping the one
    /// before, is dropped (as the Bluesky docs advise). Then the record's <c>tags[]</c> and the external embed's link.
    /// </summary>
    private static bool CollectFacets(BlueskyDraft draft, ParseContext context, out IReadOnlyList<string> hashtags, out IReadOnlyList<ImportedMention> mentions, out IReadOnlyList<string> links)
    {
        hashtags = NoStrings;
        mentions = [];
        links = NoStrings;
        List<string>? tagList = draft.TagScratch;
        var tagsOut = draft.TagScratch;
        tagList.Clear();
        List<ImportedMention>? mentionList = null;
        List<string>? linkList = null;
        var features = CollectionsMarshal.AsSpan(draft.Facets);
        if (features.Length > 0)
        {
            // Insertion sort by (start, facet): lists are short, and the order of features within a facet is kept.
            for (var i = 1; i < features.Length; i++)
            {
                var item = features[i];
                var j = i - 1;
                while (j >= 0 && (features[j].Start > item.Start || (features[j].Start == item.Start && features[j].Facet > item.Facet)))
                {
                    features[j + 1] = features[j];
                    j--;
                }

                features[j + 1] = item;
            }

            var textBytes = TextBytes(draft);
            var lastEnd = 0;
            var keptFacet = -1;
            var droppedFacet = -1;
            foreach (ref readonly var feature in features)
            {
                if (feature.Facet == droppedFacet)
                {
                    continue;
                }

                if (feature.Facet != keptFacet)
                {
                    if (feature.Start < lastEnd || feature.Start < 0 || feature.End <= feature.Start || feature.End > textBytes)
                    {
                        droppedFacet = feature.Facet;
                        context.Notice(feature.Start < lastEnd ? "overlapping facet dropped" : "facet outside the text dropped");
                        continue;
                    }

                    keptFacet = feature.Facet;
                    lastEnd = feature.End;
                }

                switch (feature.Kind)
                {
                    case FacetKind.Tag:
                        if (!AddTag(ref tagList, feature.Value, context))
                        {
                            hashtags = NoStrings;
                            return false;
                        }

                        break;
                    case FacetKind.Mention:
                        if (AtSyntax.IsValidDid(feature.Value))
                        {
                            mentionList ??= [];
                            if (!ContainsMention(mentionList, feature.Value))
                            {
                                mentionList.Add(new ImportedMention(feature.Value, null));
                            }
                        }
                        else
                        {
                            context.Notice("mention facet with an invalid DID dropped");
                        }

                        break;
                    case FacetKind.Link:
                        AddLink(ref linkList, feature.Value, context);
                        break;
                }
            }
        }

        foreach (var tag in draft.Tags)
        {
            if (!AddTag(ref tagList, tag, context))
            {
                return false;
            }
        }

        foreach (var link in draft.EmbedLinks)
        {
            AddLink(ref linkList, link, context);
        }

        hashtags = tagsOut.Count == 0 ? NoStrings : tagsOut.ToArray();
        mentions = mentionList is null ? [] : mentionList.ToArray();
        links = linkList is null ? NoStrings : linkList.ToArray();
        return true;
    }

    private static bool ContainsMention(List<ImportedMention> mentions, string did)
    {
        foreach (var mention in mentions)
        {
            if (mention.ExternalId == did)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AddTag(ref List<string>? tags, string value, ParseContext context)
    {
        var tag = value.AsSpan().Trim().TrimStart('#');
        if (tag.IsEmpty)
        {
            return true;
        }

        if (tag.Length > MaxTagBytes / 4 && Encoding.UTF8.GetByteCount(tag) > MaxTagBytes)
        {
            context.Reject(context.FieldPrefix + "tags", $"oversize field: a hashtag has {Encoding.UTF8.GetByteCount(tag)} bytes, the lexicon allows {MaxTagBytes}", value);
            return false;
        }

        tags ??= [];
        foreach (var existing in tags)
        {
            if (tag.Equals(existing, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        tags.Add(tag.Length == value.Length ? value : context.Strings.Get(tag));
        return true;
    }

    private static void AddLink(ref List<string>? links, string value, ParseContext context)
    {
        if (value.Length is 0 or > MaxUrlLength)
        {
            context.Notice("empty or oversize link dropped");
            return;
        }

        links ??= [];
        if (!links.Contains(value))
        {
            links.Add(value);
        }
    }

    private static void BuildRepost(BlueskyDraft draft, string did, ReadOnlySpan<char> rkey, string? cid, in ViewFacts facts, ParseContext context)
    {
        var subject = draft.SubjectUri!;
        var author = AtSyntax.AuthorityOf(subject, context.Strings);
        if (author is null || subject.Length > MaxExternalIdLength)
        {
            context.Reject(context.FieldPrefix + "subject.uri", $"invalid reference: '{Excerpts.Of(subject)}' is not an AT-URI", (string?)null);
            return;
        }

        context.Add(new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            ExternalId = AtUri.FormatPath(did, "/app.bsky.feed.repost/", rkey),
            AuthorExternalId = did,
            AuthorHandle = facts.AuthorHandle,
            Kind = PostKind.Repost,
            CreatedAt = draft.CreatedAt,
            IndexedAt = facts.IndexedAt,
            Version = cid,
            RepostOfExternalId = subject,
            RepostOfAuthorExternalId = author,
        });
    }

    private static void BuildLike(BlueskyDraft draft, string did, ReadOnlySpan<char> rkey, ParseContext context)
    {
        var subject = draft.SubjectUri!;
        var author = AtSyntax.AuthorityOf(subject, context.Strings);
        if (author is null || subject.Length > MaxExternalIdLength)
        {
            context.Reject(context.FieldPrefix + "subject.uri", $"invalid reference: '{Excerpts.Of(subject)}' is not an AT-URI", (string?)null);
            return;
        }

        context.Add(new ImportedInteraction
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            Kind = InteractionKind.Like,
            NaturalKey = AtUri.FormatPath(did, "/app.bsky.feed.like/", rkey),
            SourceExternalId = did,
            TargetExternalId = author,
            SubjectPostExternalId = subject,
            OccurredAt = draft.CreatedAt,
        });
    }

    private static void BuildFollow(BlueskyDraft draft, string did, ReadOnlySpan<char> rkey, ParseContext context)
    {
        var subject = draft.SubjectDid!;
        if (!AtSyntax.IsValidDid(subject))
        {
            context.Reject(context.FieldPrefix + "subject", $"invalid reference: '{Excerpts.Of(subject)}' is not a DID", (string?)null);
            return;
        }

        context.Add(new ImportedInteraction
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            Kind = InteractionKind.Follow,
            NaturalKey = AtUri.FormatPath(did, "/app.bsky.graph.follow/", rkey),
            SourceExternalId = did,
            TargetExternalId = subject,
            OccurredAt = draft.CreatedAt,
        });
    }

    /// <summary>A delete of a mapped collection: a tombstone keyed on the record's AT-URI.</summary>
    public static void BuildDeletion(BskyCollection collection, string did, ReadOnlySpan<char> rkey, DateTime? occurredAt, ParseContext context)
    {
        context.Add(new ImportedDeletion
        {
            Position = context.Next(),
            Platform = Platform.Bluesky,
            ExternalId = AtUri.FormatPath(did, BlueskyNames.PathOf(collection), rkey),
            Target = collection is BskyCollection.Post or BskyCollection.Repost ? DeletionTarget.Post : DeletionTarget.Interaction,
            OccurredAt = occurredAt,
        });
    }
}
