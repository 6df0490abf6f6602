using System.Text.Json;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.Mastodon;

/// <summary>
/// Maps Mastodon API entities (Status, Account) to neutral records. Natural keys: a status's ActivityPub <c>uri</c>
/// (the same on every instance) and an account's actor URI: <c>uri</c> when the API gives it (Mastodon 4.2+),
/// otherwise the profile URL with Mastodon's <c>/@name</c> rewritten to the actor path <c>/users/name</c>. Handles are
/// <c>user@domain</c> (a local <c>acct</c> gets the domain of its profile URL). Content HTML becomes plain text;
/// links are the anchors that are not mentions or hashtags, plus the preview card.
/// </summary>
internal static class MastodonMapper
{
    public const int MaxExternalIdLength = 512;

    /// <summary>Maps a Status (and what it embeds) and returns the post, or null after a rejection.</summary>
    public static ImportedPost? Status(JsonElement status, string? path, ParseContext context, HashSet<string> seenAccounts)
    {
        if (status.ValueKind != JsonValueKind.Object)
        {
            context.Reject(path, $"expected a Status object, found {status.ValueKind}", (string?)null);
            return null;
        }

        var uri = Json.Str(status, "uri", context, path);
        if (string.IsNullOrEmpty(uri) || uri.Length > MaxExternalIdLength)
        {
            context.Reject(Json.Join(path, "uri"), uri is null ? "missing required field 'uri'" : "invalid or oversize field 'uri'", (string?)null);
            return null;
        }

        var created = Json.Time(status, "created_at", context, path);
        if (created is null)
        {
            context.Reject(Json.Join(path, "created_at"), "missing required field 'created_at'", (string?)null);
            return null;
        }

        if (Json.Obj(status, "account", context, path) is not { } accountElement)
        {
            context.Reject(Json.Join(path, "account"), "missing required field 'account'", (string?)null);
            return null;
        }

        var author = Account(accountElement, Json.Join(path, "account"), context, seenAccounts);
        if (author is null)
        {
            return null;
        }

        var localId = Json.Id(status, "id", context, path);
        var qualifiedId = Qualify(localId, context);
        var url = Json.Str(status, "url", context, path);
        if (Json.Obj(status, "reblog", context, path) is { } reblog)
        {
            var original = Status(reblog, Json.Join(path, "reblog"), context, seenAccounts);
            if (original is null)
            {
                return null;
            }

            var boost = new ImportedPost
            {
                Position = context.Next(),
                Platform = Platform.Mastodon,
                ExternalId = uri,
                LocalId = qualifiedId,
                AuthorExternalId = author.ExternalId,
                AuthorHandle = author.Handle,
                Kind = PostKind.Repost,
                CreatedAt = created.Value,
                Url = url,
                RepostOfExternalId = original.ExternalId,
                RepostOfAuthorExternalId = original.AuthorExternalId,
                Hashtags = Tags(status, path, context),
            };
            context.Add(boost);
            return boost;
        }

        var anchors = new List<HtmlAnchor>();
        var text = HtmlText.ToPlainText(Json.Str(status, "content", context, path), anchors);
        var spoiler = Json.Str(status, "spoiler_text", context, path);
        if (!string.IsNullOrWhiteSpace(spoiler))
        {
            text = spoiler + "\n\n" + text;
        }

        var links = new List<string>();
        foreach (var anchor in anchors)
        {
            if (!anchor.IsMentionOrHashtag && IsHttp(anchor.Href) && !links.Contains(anchor.Href))
            {
                links.Add(anchor.Href);
            }
        }

        if (Json.Obj(status, "card", context, path) is { } card && Json.Str(card, "url", context, Json.Join(path, "card")) is { } cardUrl && IsHttp(cardUrl) && !links.Contains(cardUrl))
        {
            links.Add(cardUrl);
        }

        // Mentions; the replied-to account is usually among them.
        var mentions = new List<ImportedMention>();
        var replyToAccountLocal = Json.Id(status, "in_reply_to_account_id", context, path);
        string? replyToAuthor = null;
        var index = 0;
        foreach (var mention in Json.Items(status, "mentions", context, path))
        {
            var mentionPath = Json.Join(path, $"mentions[{index++}]");
            var mentionUrl = Json.Str(mention, "url", context, mentionPath);
            var actor = ActorUri(null, mentionUrl);
            var handle = Handle(Json.Str(mention, "acct", context, mentionPath), mentionUrl);
            if (actor is null && handle is null)
            {
                context.Notice("mention without url or acct dropped");
                continue;
            }

            mentions.Add(new ImportedMention(actor, handle));
            if (replyToAccountLocal is not null && Json.Id(mention, "id", context, mentionPath) == replyToAccountLocal)
            {
                replyToAuthor = actor;
            }
        }

        var replyToLocal = Json.Id(status, "in_reply_to_id", context, path);
        if (replyToLocal is not null && replyToAuthor is null && replyToAccountLocal is not null && replyToAccountLocal == Json.Id(accountElement, "id", context, Json.Join(path, "account")))
        {
            replyToAuthor = author.ExternalId;
        }

        // A quote (Mastodon 4.5): the full quoted status, or only its local id.
        string? quoteOf = null, quoteAuthor = null, quoteLocal = null;
        if (Json.Obj(status, "quote", context, path) is { } quote)
        {
            var state = Json.Str(quote, "state", context, Json.Join(path, "quote"));
            if (state is null or "accepted")
            {
                if (Json.Obj(quote, "quoted_status", context, Json.Join(path, "quote")) is { } quoted)
                {
                    var quotedPost = Status(quoted, Json.Join(path, "quote.quoted_status"), context, seenAccounts);
                    quoteOf = quotedPost?.ExternalId;
                    quoteAuthor = quotedPost?.AuthorExternalId;
                }
                else
                {
                    quoteLocal = Qualify(Json.Id(quote, "quoted_status_id", context, Json.Join(path, "quote")), context);
                }
            }
        }

        var media = new List<ImportedMedia>();
        index = 0;
        foreach (var attachment in Json.Items(status, "media_attachments", context, path))
        {
            var mediaPath = Json.Join(path, $"media_attachments[{index++}]");
            media.Add(new ImportedMedia(
                Json.Str(attachment, "url", context, mediaPath) ?? Json.Str(attachment, "remote_url", context, mediaPath),
                Json.Str(attachment, "type", context, mediaPath) ?? "unknown",
                Json.Str(attachment, "description", context, mediaPath)));
        }

        var edited = Json.TimeOrNull(status, "edited_at", context, path);
        var post = new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            ExternalId = uri,
            LocalId = qualifiedId,
            AuthorExternalId = author.ExternalId,
            AuthorHandle = author.Handle,
            Kind = replyToLocal is not null ? PostKind.Reply : quoteOf is not null || quoteLocal is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = created.Value,
            Version = edited is { } e ? Timestamps.ToAtProtocol(e) : null,
            Text = text,
            Url = url,
            Language = Json.Str(status, "language", context, path) is { Length: > 0 and <= 32 } language ? language : null,
            ReplyToLocalId = Qualify(replyToLocal, context),
            ReplyToAuthorExternalId = replyToAuthor,
            QuoteOfExternalId = quoteOf,
            QuoteOfAuthorExternalId = quoteAuthor,
            QuoteOfLocalId = quoteLocal,
            Hashtags = Tags(status, path, context),
            Mentions = mentions,
            Links = links,
            Media = media,
            Metrics = new PostMetrics(Json.Long(status, "replies_count", context, path), Json.Long(status, "reblogs_count", context, path), Json.Long(status, "favourites_count", context, path), Json.Long(status, "quotes_count", context, path)),
        };
        context.Add(post);
        return post;
    }

    private static List<string> Tags(JsonElement status, string? path, ParseContext context)
    {
        var tags = new List<string>();
        var index = 0;
        foreach (var tag in Json.Items(status, "tags", context, path))
        {
            var name = Json.Str(tag, "name", context, Json.Join(path, $"tags[{index++}]"))?.Trim().TrimStart('#');
            if (!string.IsNullOrEmpty(name) && name.Length <= 640 && !tags.Exists(t => t.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                tags.Add(name);
            }
        }

        return tags;
    }

    /// <summary>Maps an Account once per unit (later sightings return the same record); null after a rejection.</summary>
    public static ImportedAccount? Account(JsonElement account, string? path, ParseContext context, HashSet<string> seen, bool force = false)
    {
        if (account.ValueKind != JsonValueKind.Object)
        {
            context.Reject(path, $"expected an Account object, found {account.ValueKind}", (string?)null);
            return null;
        }

        var url = Json.Str(account, "url", context, path);
        var actor = ActorUri(Json.Str(account, "uri", context, path), url);
        if (actor is null || actor.Length > MaxExternalIdLength)
        {
            context.Reject(Json.Join(path, "uri"), "an account without an actor URI or profile URL", (string?)null);
            return null;
        }

        var handle = Handle(Json.Str(account, "acct", context, path) ?? Json.Str(account, "username", context, path), url);
        var record = new ImportedAccount
        {
            Position = context.UnitPosition,
            Platform = Platform.Mastodon,
            ExternalId = actor,
            Handle = handle,
            DisplayName = Json.Str(account, "display_name", context, path) is { Length: > 0 } name ? name : null,
            Bio = Json.Str(account, "note", context, path) is { Length: > 0 } note ? HtmlText.ToPlainText(note) : null,
            ProfileUrl = url,
            AvatarUrl = Json.Str(account, "avatar", context, path),
            CreatedAt = Json.TimeOrNull(account, "created_at", context, path),
            Counts = Counts(account, path, context),
        };
        if (seen.Add(actor) || force)
        {
            record = record with { Position = context.Next() };
            context.Add(record);
        }

        return record;
    }

    private static AccountCounts? Counts(JsonElement account, string? path, ParseContext context)
    {
        if (!Json.Has(account, "followers_count") && !Json.Has(account, "following_count"))
        {
            return null;
        }

        if (context.Options.ObservedAt is not { } observed)
        {
            context.Notice("counts without an observation time left out");
            return null;
        }

        return new AccountCounts(Json.Long(account, "followers_count", context, path), Json.Long(account, "following_count", context, path), Json.Long(account, "statuses_count", context, path), observed);
    }

    /// <summary>The actor URI: <paramref name="uri"/>, else the profile URL with <c>/@name</c> rewritten to <c>/users/name</c>.</summary>
    public static string? ActorUri(string? uri, string? url)
    {
        if (!string.IsNullOrEmpty(uri))
        {
            return uri;
        }

        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return string.IsNullOrEmpty(url) ? null : url;
        }

        var pathPart = parsed.AbsolutePath;
        if (pathPart.StartsWith("/@", StringComparison.Ordinal) && pathPart.IndexOf('/', 2) < 0 && pathPart.Length > 2)
        {
            return $"{parsed.Scheme}://{parsed.Authority}/users/{pathPart[2..]}";
        }

        return url;
    }

    /// <summary><c>user@domain</c>: a local <c>acct</c> (no domain) takes the host of the profile URL.</summary>
    public static string? Handle(string? acct, string? url)
    {
        if (string.IsNullOrEmpty(acct))
        {
            return null;
        }

        acct = acct.TrimStart('@');
        if (acct.Contains('@', StringComparison.Ordinal))
        {
            return acct.Length <= 256 ? acct : null;
        }

        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? $"{acct}@{parsed.Host}" : acct;
    }

    /// <summary>Qualifies a local id with the instance (see <see cref="ImportedPost.LocalId"/>).</summary>
    public static string? Qualify(string? localId, ParseContext context) =>
        localId is null ? null : context.Options.Instance is { Length: > 0 } instance ? instance + "/" + localId : localId;

    public static bool IsHttp(string url) =>
        url.Length <= 2048 && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    /// <summary>An account list (followers/following) entry: the account and, with an owner, the follow edge.</summary>
    public static void ListedAccount(JsonElement account, string? path, ParseContext context, HashSet<string> seen)
    {
        var listed = Account(account, path, context, seen, force: true);
        if (listed is null)
        {
            return;
        }

        var owner = context.Options.OwnerExternalId;
        if (owner is null || context.Options.Relation == AccountListRelation.None)
        {
            return;
        }

        var (source, target) = context.Options.Relation == AccountListRelation.Followers ? (listed.ExternalId, owner) : (owner, listed.ExternalId);
        context.Add(new ImportedInteraction
        {
            Position = context.Next(),
            Platform = Platform.Mastodon,
            Kind = InteractionKind.Follow,
            NaturalKey = $"follow:{source}:{target}",
            SourceExternalId = source,
            TargetExternalId = target,
        });
    }
}
