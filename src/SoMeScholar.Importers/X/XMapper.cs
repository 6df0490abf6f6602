using System.Text.Json;
using SoMeScholar.Importers.Reading;
using SoMeScholar.Importers.Text;

namespace SoMeScholar.Importers.X;

/// <summary>
/// Maps X/Twitter tweets and users (API v2, v1.1 and the account archive, whose numbers are strings) to neutral
/// records. Natural key: the numeric id string. Entity offsets count characters, so entities are taken as given
/// (hashtag text, mention ids, expanded URLs) rather than cut from the text.
/// </summary>
internal static class XMapper
{
    private static readonly HashSet<string> PseudoLanguages = new(StringComparer.Ordinal) { "und", "qam", "qct", "qht", "qme", "qst", "zxx", "art" };

    public static string TweetUrl(string? username, string id) => username is null ? "https://x.com/i/web/status/" + id : $"https://x.com/{username}/status/{id}";

    public static string? Language(string? lang) => lang is { Length: > 0 and <= 32 } && !PseudoLanguages.Contains(lang) ? lang : null;

    // ---- API v2 ----

    /// <summary>A v2 user object (from <c>data</c> or <c>includes.users</c>).</summary>
    public static ImportedAccount? V2User(JsonElement user, string path, DateTime? observedAt, ParseContext context)
    {
        var id = Json.Id(user, "id", context, path);
        if (!IsId(id))
        {
            context.Reject(Json.Join(path, "id"), id is null ? "missing required field 'id'" : $"invalid user id '{Excerpts.Of(id)}'", (string?)null);
            return null;
        }

        var username = Json.Str(user, "username", context, path);
        AccountCounts? counts = null;
        if (Json.Obj(user, "public_metrics", context, path) is { } metrics)
        {
            if (observedAt is { } when)
            {
                var metricsPath = Json.Join(path, "public_metrics");
                counts = new AccountCounts(Json.Long(metrics, "followers_count", context, metricsPath), Json.Long(metrics, "following_count", context, metricsPath), Json.Long(metrics, "tweet_count", context, metricsPath), when);
            }
            else
            {
                context.Notice("counts without an observation time left out");
            }
        }

        var account = new ImportedAccount
        {
            Position = context.Next(),
            Platform = Platform.X,
            ExternalId = id!,
            Handle = username,
            DisplayName = NullIfEmpty(Json.Str(user, "name", context, path)),
            Bio = NullIfEmpty(Json.Str(user, "description", context, path)),
            AvatarUrl = NullIfEmpty(Json.Str(user, "profile_image_url", context, path)),
            ProfileUrl = username is null ? null : "https://x.com/" + username,
            CreatedAt = Json.TimeOrNull(user, "created_at", context, path),
            Counts = counts,
        };
        context.Add(account);
        return account;
    }

    /// <summary>The parts of a v2 page a tweet refers to: users and tweets by id, media by key.</summary>
    public sealed class V2Includes
    {
        public Dictionary<string, string?> Usernames { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, JsonElement> Tweets { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, JsonElement> Media { get; } = new(StringComparer.Ordinal);

        public string? AuthorOf(string? tweetId) =>
            tweetId is not null && Tweets.TryGetValue(tweetId, out var tweet) && tweet.TryGetProperty("author_id", out var author) && author.ValueKind == JsonValueKind.String ? author.GetString() : null;
    }

    public static ImportedPost? V2Tweet(JsonElement tweet, string path, V2Includes includes, ParseContext context)
    {
        var id = Json.Id(tweet, "id", context, path);
        if (!IsId(id))
        {
            context.Reject(Json.Join(path, "id"), id is null ? "missing required field 'id'" : $"invalid tweet id '{Excerpts.Of(id)}'", (string?)null);
            return null;
        }

        var author = Json.Id(tweet, "author_id", context, path);
        if (!IsId(author))
        {
            context.Reject(Json.Join(path, "author_id"), "missing required field 'author_id' (request tweet.fields=author_id)", (string?)null);
            return null;
        }

        var created = Json.Time(tweet, "created_at", context, path);
        if (created is null)
        {
            context.Reject(Json.Join(path, "created_at"), "missing required field 'created_at' (request tweet.fields=created_at)", (string?)null);
            return null;
        }

        var note = Json.Obj(tweet, "note_tweet", context, path);
        var text = (note is { } n ? Json.Str(n, "text", context, Json.Join(path, "note_tweet")) : null) ?? Json.Str(tweet, "text", context, path) ?? "";
        var entitiesPath = note is { } withEntities && Json.Has(withEntities, "entities") ? Json.Join(path, "note_tweet.entities") : Json.Join(path, "entities");
        var entities = note is { } ne && Json.Obj(ne, "entities", context, Json.Join(path, "note_tweet")) is { } noteEntities ? noteEntities : Json.Obj(tweet, "entities", context, path);

        var hashtags = new List<string>();
        var mentions = new List<ImportedMention>();
        var links = new List<string>();
        if (entities is { } e)
        {
            var index = 0;
            foreach (var tag in Json.Items(e, "hashtags", context, entitiesPath))
            {
                AddTag(hashtags, Json.Str(tag, "tag", context, Json.Join(entitiesPath, $"hashtags[{index++}]")));
            }

            index = 0;
            foreach (var mention in Json.Items(e, "mentions", context, entitiesPath))
            {
                var mentionPath = Json.Join(entitiesPath, $"mentions[{index++}]");
                var userId = Json.Id(mention, "id", context, mentionPath);
                var username = Json.Str(mention, "username", context, mentionPath);
                if (userId is not null || username is not null)
                {
                    mentions.Add(new ImportedMention(userId, username));
                }
            }

            index = 0;
            foreach (var url in Json.Items(e, "urls", context, entitiesPath))
            {
                var urlPath = Json.Join(entitiesPath, $"urls[{index++}]");
                if (Json.Has(url, "media_key"))
                {
                    continue;
                }

                AddLink(links, Json.Str(url, "unwound_url", context, urlPath) ?? Json.Str(url, "expanded_url", context, urlPath) ?? Json.Str(url, "url", context, urlPath), id);
            }
        }

        string? repostOf = null, replyTo = null, quoteOf = null;
        var refIndex = 0;
        foreach (var reference in Json.Items(tweet, "referenced_tweets", context, path))
        {
            var refPath = Json.Join(path, $"referenced_tweets[{refIndex++}]");
            var refId = Json.Id(reference, "id", context, refPath);
            switch (Json.Str(reference, "type", context, refPath))
            {
                case "retweeted":
                    repostOf = refId;
                    break;
                case "replied_to":
                    replyTo = refId;
                    break;
                case "quoted":
                    quoteOf = refId;
                    break;
            }
        }

        var repostAuthor = repostOf is null ? null : includes.AuthorOf(repostOf) ?? (text.StartsWith("RT @", StringComparison.Ordinal) && mentions.Count > 0 ? mentions[0].ExternalId : null);
        var media = new List<ImportedMedia>();
        if (Json.Obj(tweet, "attachments", context, path) is { } attachments)
        {
            var index = 0;
            foreach (var key in Json.Items(attachments, "media_keys", context, Json.Join(path, "attachments")))
            {
                var mediaPath = Json.Join(path, $"attachments.media_keys[{index++}]");
                if (key.ValueKind == JsonValueKind.String && includes.Media.TryGetValue(key.GetString()!, out var item))
                {
                    media.Add(new ImportedMedia(Json.Str(item, "url", context, mediaPath) ?? Json.Str(item, "preview_image_url", context, mediaPath), Json.Str(item, "type", context, mediaPath) ?? "unknown", Json.Str(item, "alt_text", context, mediaPath)));
                }
            }
        }

        string? version = null;
        foreach (var edit in Json.Items(tweet, "edit_history_tweet_ids", context, path))
        {
            version = edit.ValueKind == JsonValueKind.String ? edit.GetString() : edit.GetRawText();
        }

        var conversation = Json.Id(tweet, "conversation_id", context, path);
        PostMetrics? metrics = null;
        if (Json.Obj(tweet, "public_metrics", context, path) is { } pm)
        {
            var metricsPath = Json.Join(path, "public_metrics");
            metrics = new PostMetrics(Json.Long(pm, "reply_count", context, metricsPath), Json.Long(pm, "retweet_count", context, metricsPath), Json.Long(pm, "like_count", context, metricsPath), Json.Long(pm, "quote_count", context, metricsPath));
        }

        includes.Usernames.TryGetValue(author!, out var authorHandle);
        var post = new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.X,
            ExternalId = id!,
            AuthorExternalId = author!,
            AuthorHandle = authorHandle,
            Kind = repostOf is not null ? PostKind.Repost : replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = created.Value,
            Version = version,
            Text = text,
            Url = TweetUrl(authorHandle, id!),
            Language = Language(Json.Str(tweet, "lang", context, path)),
            ReplyToExternalId = replyTo,
            ReplyToAuthorExternalId = replyTo is null ? null : Json.Id(tweet, "in_reply_to_user_id", context, path) ?? includes.AuthorOf(replyTo),
            ReplyRootExternalId = replyTo is null ? null : conversation is not null && conversation != id ? conversation : replyTo,
            QuoteOfExternalId = quoteOf,
            QuoteOfAuthorExternalId = includes.AuthorOf(quoteOf),
            RepostOfExternalId = repostOf,
            RepostOfAuthorExternalId = repostAuthor,
            Hashtags = hashtags,
            Mentions = mentions,
            Links = links,
            Media = media,
            Metrics = metrics,
        };
        context.Add(post);
        return post;
    }

    // ---- v1.1 and the account archive ----

    public static ImportedAccount? V1User(JsonElement user, string path, DateTime? observedAt, ParseContext context)
    {
        var id = Json.Id(user, "id_str", context, path) ?? Json.Id(user, "id", context, path);
        if (!IsId(id))
        {
            context.Reject(Json.Join(path, "id_str"), id is null ? "missing required field 'id_str'" : $"invalid user id '{Excerpts.Of(id)}'", (string?)null);
            return null;
        }

        var screenName = Json.Str(user, "screen_name", context, path);
        var account = new ImportedAccount
        {
            Position = context.Next(),
            Platform = Platform.X,
            ExternalId = id!,
            Handle = screenName,
            DisplayName = NullIfEmpty(Json.Str(user, "name", context, path)),
            Bio = NullIfEmpty(Json.Str(user, "description", context, path)),
            AvatarUrl = NullIfEmpty(Json.Str(user, "profile_image_url_https", context, path) ?? Json.Str(user, "profile_image_url", context, path)),
            ProfileUrl = screenName is null ? null : "https://x.com/" + screenName,
            CreatedAt = Timestamps.TryParseTwitter(Json.Str(user, "created_at", context, path), out var joined) ? joined : null,
            Counts = observedAt is { } when && (Json.Has(user, "followers_count") || Json.Has(user, "friends_count"))
                ? new AccountCounts(Json.Long(user, "followers_count", context, path), Json.Long(user, "friends_count", context, path), Json.Long(user, "statuses_count", context, path), when)
                : null,
        };
        context.Add(account);
        return account;
    }

    /// <summary>
    /// A v1.1 tweet (or an archive tweet, with <paramref name="owner"/> as its author): the user, the retweeted or
    /// quoted tweet first when embedded, then the tweet. User counts are a snapshot at the tweet's time.
    /// </summary>
    public static ImportedPost? V1Tweet(JsonElement tweet, string path, (string Id, string? Handle)? owner, ParseContext context, int depth = 0)
    {
        var id = Json.Id(tweet, "id_str", context, path) ?? Json.Id(tweet, "id", context, path);
        if (!IsId(id))
        {
            context.Reject(Json.Join(path, "id_str"), id is null ? "missing required field 'id_str'" : $"invalid tweet id '{Excerpts.Of(id)}'", (string?)null);
            return null;
        }

        var createdText = Json.Str(tweet, "created_at", context, path);
        if (!Timestamps.TryParseTwitter(createdText, out var created))
        {
            context.Reject(Json.Join(path, "created_at"), createdText is null ? "missing required field 'created_at'" : $"invalid date '{Excerpts.Of(createdText)}'", (string?)null);
            return null;
        }

        string? authorId;
        string? authorHandle;
        if (owner is { } archiveOwner)
        {
            (authorId, authorHandle) = archiveOwner;
        }
        else if (Json.Obj(tweet, "user", context, path) is { } user)
        {
            var account = V1User(user, Json.Join(path, "user"), created, context);
            if (account is null)
            {
                return null;
            }

            (authorId, authorHandle) = (account.ExternalId, account.Handle);
        }
        else
        {
            context.Reject(Json.Join(path, "user"), "unknown reference: the tweet has no user and the archive owner is unknown", (string?)null);
            return null;
        }

        ImportedPost? retweeted = null, quoted = null;
        if (depth < 2 && Json.Obj(tweet, "retweeted_status", context, path) is { } rt)
        {
            retweeted = V1Tweet(rt, Json.Join(path, "retweeted_status"), null, context, depth + 1);
        }

        if (depth < 2 && Json.Obj(tweet, "quoted_status", context, path) is { } qt)
        {
            quoted = V1Tweet(qt, Json.Join(path, "quoted_status"), null, context, depth + 1);
        }

        var extended = Json.Obj(tweet, "extended_tweet", context, path);
        var text = (extended is { } ex ? Json.Str(ex, "full_text", context, Json.Join(path, "extended_tweet")) : null)
            ?? Json.Str(tweet, "full_text", context, path) ?? Json.Str(tweet, "text", context, path) ?? "";
        var entitiesPath = extended is { } ee && Json.Has(ee, "entities") ? Json.Join(path, "extended_tweet.entities") : Json.Join(path, "entities");
        var entities = extended is { } ext && Json.Obj(ext, "entities", context, Json.Join(path, "extended_tweet")) is { } extEntities ? extEntities : Json.Obj(tweet, "entities", context, path);
        var extendedEntities = (extended is { } x && Json.Obj(x, "extended_entities", context, Json.Join(path, "extended_tweet")) is { } xe ? xe : (JsonElement?)null) ?? Json.Obj(tweet, "extended_entities", context, path);

        var hashtags = new List<string>();
        var mentions = new List<ImportedMention>();
        var links = new List<string>();
        var media = new List<ImportedMedia>();
        if (entities is { } e)
        {
            var index = 0;
            foreach (var tag in Json.Items(e, "hashtags", context, entitiesPath))
            {
                AddTag(hashtags, Json.Str(tag, "text", context, Json.Join(entitiesPath, $"hashtags[{index++}]")));
            }

            index = 0;
            foreach (var mention in Json.Items(e, "user_mentions", context, entitiesPath))
            {
                var mentionPath = Json.Join(entitiesPath, $"user_mentions[{index++}]");
                var userId = Json.Id(mention, "id_str", context, mentionPath) ?? Json.Id(mention, "id", context, mentionPath);
                var screenName = Json.Str(mention, "screen_name", context, mentionPath);
                if (userId is not null || screenName is not null)
                {
                    mentions.Add(new ImportedMention(userId, screenName));
                }
            }

            index = 0;
            foreach (var url in Json.Items(e, "urls", context, entitiesPath))
            {
                var urlPath = Json.Join(entitiesPath, $"urls[{index++}]");
                AddLink(links, Json.Str(url, "expanded_url", context, urlPath) ?? Json.Str(url, "url", context, urlPath), id);
            }
        }

        if ((extendedEntities ?? entities) is { } withMedia)
        {
            var index = 0;
            foreach (var item in Json.Items(withMedia, "media", context, "extended_entities"))
            {
                var mediaPath = $"extended_entities.media[{index++}]";
                media.Add(new ImportedMedia(Json.Str(item, "media_url_https", context, mediaPath) ?? Json.Str(item, "media_url", context, mediaPath), Json.Str(item, "type", context, mediaPath) ?? "photo", Json.Str(item, "ext_alt_text", context, mediaPath)));
            }
        }

        var replyTo = Json.Id(tweet, "in_reply_to_status_id_str", context, path);
        var quoteOf = quoted?.ExternalId ?? Json.Id(tweet, "quoted_status_id_str", context, path);
        var isRetweet = retweeted is not null || (owner is not null && text.StartsWith("RT @", StringComparison.Ordinal));
        string? version = null;
        if (Json.Obj(tweet, "edit_info", context, path) is { } editInfo && Json.Obj(editInfo, "initial", context, Json.Join(path, "edit_info")) is { } initial)
        {
            foreach (var edit in Json.Items(initial, "editTweetIds", context, Json.Join(path, "edit_info.initial")))
            {
                version = edit.ValueKind == JsonValueKind.String ? edit.GetString() : edit.GetRawText();
            }
        }

        var post = new ImportedPost
        {
            Position = context.Next(),
            Platform = Platform.X,
            ExternalId = id!,
            AuthorExternalId = authorId!,
            AuthorHandle = authorHandle,
            Kind = isRetweet ? PostKind.Repost : replyTo is not null ? PostKind.Reply : quoteOf is not null ? PostKind.Quote : PostKind.Original,
            CreatedAt = created,
            Version = version,
            Text = text,
            Url = TweetUrl(authorHandle, id!),
            Language = Language(Json.Str(tweet, "lang", context, path)),
            ReplyToExternalId = replyTo,
            ReplyToAuthorExternalId = replyTo is null ? null : Json.Id(tweet, "in_reply_to_user_id_str", context, path),
            ReplyRootExternalId = replyTo,
            QuoteOfExternalId = isRetweet ? null : quoteOf,
            QuoteOfAuthorExternalId = isRetweet ? null : quoted?.AuthorExternalId,
            RepostOfExternalId = retweeted?.ExternalId,
            RepostOfAuthorExternalId = retweeted?.AuthorExternalId ?? (isRetweet && mentions.Count > 0 ? mentions[0].ExternalId : null),
            Hashtags = hashtags,
            Mentions = mentions,
            Links = links,
            Media = media,
            Metrics = Json.Has(tweet, "retweet_count") || Json.Has(tweet, "favorite_count")
                ? new PostMetrics(Json.Long(tweet, "reply_count", context, path), Json.Long(tweet, "retweet_count", context, path), Json.Long(tweet, "favorite_count", context, path), Json.Long(tweet, "quote_count", context, path))
                : null,
        };
        context.Add(post);
        return post;
    }

    public static bool IsId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void AddTag(List<string> tags, string? tag)
    {
        tag = tag?.Trim().TrimStart('#');
        if (!string.IsNullOrEmpty(tag) && tag.Length <= 640 && !tags.Exists(t => t.Equals(tag, StringComparison.OrdinalIgnoreCase)))
        {
            tags.Add(tag);
        }
    }

    /// <summary>Adds a shared link; X's own "show more" link to the tweet itself is not one.</summary>
    private static void AddLink(List<string> links, string? url, string? ownId)
    {
        if (ownId is not null && url is not null && url.EndsWith("/status/" + ownId, StringComparison.Ordinal) && (url.Contains("twitter.com/", StringComparison.Ordinal) || url.Contains("x.com/", StringComparison.Ordinal)))
        {
            return;
        }

        if (!string.IsNullOrEmpty(url) && url.Length <= 2048 && !links.Contains(url))
        {
            links.Add(url);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
