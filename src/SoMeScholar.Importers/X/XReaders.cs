using System.Text.Json;
using SoMeScholar.Importers.Reading;

namespace SoMeScholar.Importers.X;

/// <summary>
/// X API v2 responses, one page per line (as twarc writes them) or one page per file: <c>data</c> (tweets, or users
/// from the users endpoints; an array or one object), <c>includes.users</c> (accounts with <c>public_metrics</c>
/// snapshots), <c>includes.tweets</c> (referenced tweets, emitted before the tweets that refer to them),
/// <c>includes.media</c>. Counts are observed at <c>__twarc.retrieved_at</c>, else <see cref="ReadOptions.ObservedAt"/>.
/// <c>errors[]</c> entries are counted as notices. A tweet without <c>author_id</c> or <c>created_at</c> is rejected.
/// </summary>
public sealed class XApiV2Reader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("x-api-v2", Platform.X, ResumeUnit.Line,
        "X API v2 responses (data + includes, twarc JSON lines)");

    private static readonly JsonScanOptions Scan = new();

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected an X API v2 response object, found {value.ValueKind}", (string?)null);
            return;
        }

        var observedAt = context.Options.ObservedAt;
        if (Json.Obj(value, "__twarc", context) is { } twarc && Json.TimeOrNull(twarc, "retrieved_at", context, "__twarc") is { } retrieved)
        {
            observedAt = retrieved;
        }

        var includes = new XMapper.V2Includes();
        var seenUsers = new HashSet<string>(StringComparer.Ordinal);
        if (Json.Obj(value, "includes", context) is { } included)
        {
            var index = 0;
            foreach (var user in Json.Items(included, "users", context, "includes"))
            {
                var account = XMapper.V2User(user, $"includes.users[{index++}]", observedAt, context);
                if (account is not null && seenUsers.Add(account.ExternalId))
                {
                    includes.Usernames[account.ExternalId] = account.Handle;
                }
            }

            foreach (var tweet in Json.Items(included, "tweets", context, "includes"))
            {
                if (Json.Id(tweet, "id", context, "includes.tweets") is { } id)
                {
                    includes.Tweets.TryAdd(id, tweet);
                }
            }

            foreach (var media in Json.Items(included, "media", context, "includes"))
            {
                if (Json.Str(media, "media_key", context, "includes.media") is { } key)
                {
                    includes.Media.TryAdd(key, media);
                }
            }
        }

        var data = Json.Get(value, "data");
        var items = data is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList()
            : data is { ValueKind: JsonValueKind.Object } single ? [single]
            : data is null ? [] : throw new InvalidDataException("'data' should be an array or an object");
        var dataIds = new HashSet<string>(StringComparer.Ordinal);
        var users = items.Count > 0 && Json.Has(items[0], "username") && !Json.Has(items[0], "text");
        if (users)
        {
            for (var i = 0; i < items.Count; i++)
            {
                XMapper.V2User(items[i], $"data[{i}]", observedAt, context);
            }
        }
        else
        {
            foreach (var item in items)
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    dataIds.Add(id.GetString()!);
                }
            }

            // Referenced tweets first, so an original precedes its retweet.
            var index = 0;
            foreach (var (id, tweet) in includes.Tweets)
            {
                if (!dataIds.Contains(id))
                {
                    XMapper.V2Tweet(tweet, $"includes.tweets[{index}]", includes, context);
                }

                index++;
            }

            for (var i = 0; i < items.Count; i++)
            {
                XMapper.V2Tweet(items[i], data is { ValueKind: JsonValueKind.Array } ? $"data[{i}]" : "data", includes, context);
            }
        }

        foreach (var error in Json.Items(value, "errors", context))
        {
            context.Notice("API error: " + (Json.Str(error, "title", context, "errors") ?? "unknown"));
        }

        if (data is null && !Json.Has(value, "errors") && !Json.Has(value, "meta"))
        {
            context.Reject("data", "not an X API v2 response (no data, errors or meta)", (string?)null);
        }
    }
}

/// <summary>
/// X v1.1 tweets, one JSON object per line (hydrated research datasets, Gnip/PowerTrack): <c>id_str</c>, the text
/// from <c>extended_tweet.full_text</c>, <c>full_text</c> or <c>text</c>, the embedded <c>retweeted_status</c> and
/// <c>quoted_status</c> (emitted first), and the <c>user</c> with its counts as a snapshot at the tweet's time.
/// Stream <c>delete</c> notices become deletions; other notices are counted and ignored.
/// </summary>
public sealed class XV1Reader : JsonUnitRecordReader
{
    public static ImportFormat Definition { get; } = new("x-v1.1", Platform.X, ResumeUnit.Line,
        "X v1.1 tweet JSON lines (retweeted_status, quoted_status, extended_tweet)");

    private static readonly JsonScanOptions Scan = new() { SplitRootArrays = true };

    public override ImportFormat Format => Definition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected a tweet object, found {value.ValueKind}", (string?)null);
            return;
        }

        if (Json.Obj(value, "delete", context) is { } delete)
        {
            var status = Json.Obj(delete, "status", context, "delete");
            var id = status is { } s ? Json.Id(s, "id_str", context, "delete.status") ?? Json.Id(s, "id", context, "delete.status") : null;
            if (!XMapper.IsId(id))
            {
                context.Reject("delete.status.id_str", "a delete notice without a tweet id", (string?)null);
                return;
            }

            context.Add(new ImportedDeletion
            {
                Position = context.Next(),
                Platform = Platform.X,
                ExternalId = id!,
                Target = DeletionTarget.Post,
                OccurredAt = Json.Long(delete, "timestamp_ms", context, "delete") is { } ms ? DateTime.UnixEpoch.AddMilliseconds(ms) : null,
            });
            return;
        }

        if (!Json.Has(value, "id_str") && !Json.Has(value, "id"))
        {
            foreach (var notice in value.EnumerateObject())
            {
                context.Ignore("stream notice " + (notice.Name.Length <= 32 ? notice.Name : "(long name)"));
                return;
            }
        }

        XMapper.V1Tweet(value, "", null, context);
    }
}

/// <summary>
/// X batch-compliance results, one <c>{"id","action","created_at","redacted_at"?,"reason"}</c> per line. For tweets
/// (<c>x-compliance-tweets</c>) an action <c>delete</c> is a post tombstone; for users (<c>x-compliance-users</c>) it
/// is an account status (deleted, suspended, deactivated, protected).
/// </summary>
public sealed class XComplianceReader(bool users) : JsonUnitRecordReader
{
    public static ImportFormat TweetsDefinition { get; } = new("x-compliance-tweets", Platform.X, ResumeUnit.Line, "X batch-compliance results for tweets");

    public static ImportFormat UsersDefinition { get; } = new("x-compliance-users", Platform.X, ResumeUnit.Line, "X batch-compliance results for users");

    private static readonly JsonScanOptions Scan = new();

    public override ImportFormat Format => users ? UsersDefinition : TweetsDefinition;

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected a compliance result object, found {value.ValueKind}", (string?)null);
            return;
        }

        var id = Json.Id(value, "id", context);
        if (!XMapper.IsId(id))
        {
            context.Reject("id", id is null ? "missing required field 'id'" : $"invalid id '{Excerpts.Of(id)}'", (string?)null);
            return;
        }

        var action = Json.Str(value, "action", context);
        if (action != "delete")
        {
            context.Ignore("compliance action " + (action is { Length: <= 32 } ? action : "(none)"));
            return;
        }

        var reason = Json.Str(value, "reason", context);
        var when = Json.TimeOrNull(value, "redacted_at", context);
        if (users)
        {
            context.Add(new ImportedAccountStatus
            {
                Position = context.Next(),
                Platform = Platform.X,
                ExternalId = id!,
                Status = reason switch
                {
                    "deleted" => AccountStatus.Deleted,
                    "suspended" => AccountStatus.Suspended,
                    "deactivated" => AccountStatus.Deactivated,
                    "protected" => AccountStatus.Protected,
                    _ => AccountStatus.Deleted,
                },
                OccurredAt = when,
            });
            return;
        }

        context.Add(new ImportedDeletion
        {
            Position = context.Next(),
            Platform = Platform.X,
            ExternalId = id!,
            Target = DeletionTarget.Post,
            OccurredAt = when,
        });
    }
}

/// <summary>Which file of an X account archive a reader reads.</summary>
public enum XArchivePart
{
    /// <summary><c>data/tweets.js</c> (and <c>tweets-partN.js</c>, older <c>tweet.js</c>).</summary>
    Tweets,

    /// <summary><c>data/follower.js</c>: accounts that follow the owner.</summary>
    Followers,

    /// <summary><c>data/following.js</c>: accounts the owner follows.</summary>
    Following,

    /// <summary><c>data/like.js</c>: tweets the owner liked.</summary>
    Likes,

    /// <summary><c>data/account.js</c>: the owner.</summary>
    Account,
}

/// <summary>
/// The files of an X account archive (<c>window.YTD.&lt;name&gt;.partN = [ … ]</c>, parsed as JSON after the prefix,
/// never run). Tweets are close to v1.1 with numbers as strings and no user: the author is the owner
/// (<see cref="ReadOptions.OwnerExternalId"/>, from <c>data/account.js</c>); a retweet is only its "RT @user: …" text
/// (a repost with the original's author but not its id). Followers and following become follow edges keyed
/// <c>follow:{source}:{target}</c>, likes become like edges keyed <c>like:{owner}:{tweet}</c>. The e-mail address in
/// <c>account.js</c> is never read.
/// </summary>
public sealed class XArchiveReader(XArchivePart part) : JsonUnitRecordReader
{
    public static ImportFormat TweetsDefinition { get; } = new("x-archive-tweets", Platform.X, ResumeUnit.Element, "X account archive data/tweets.js");
    public static ImportFormat FollowersDefinition { get; } = new("x-archive-followers", Platform.X, ResumeUnit.Element, "X account archive data/follower.js");
    public static ImportFormat FollowingDefinition { get; } = new("x-archive-following", Platform.X, ResumeUnit.Element, "X account archive data/following.js");
    public static ImportFormat LikesDefinition { get; } = new("x-archive-likes", Platform.X, ResumeUnit.Element, "X account archive data/like.js");
    public static ImportFormat AccountDefinition { get; } = new("x-archive-account", Platform.X, ResumeUnit.Element, "X account archive data/account.js (the owner)");

    private static readonly JsonScanOptions Scan = new() { SplitRootArrays = true };

    public XArchivePart Part { get; } = part;

    public override ImportFormat Format => Part switch
    {
        XArchivePart.Tweets => TweetsDefinition,
        XArchivePart.Followers => FollowersDefinition,
        XArchivePart.Following => FollowingDefinition,
        XArchivePart.Likes => LikesDefinition,
        _ => AccountDefinition,
    };

    private protected override JsonScanOptions ScanOptions => Scan;

    private protected override void ParseUnit(JsonElement value, string? property, JsonUnitKind kind, ParseContext context, object? state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            context.Reject(null, $"expected an archive entry object, found {value.ValueKind}", (string?)null);
            return;
        }

        var owner = context.Options.OwnerExternalId;
        switch (Part)
        {
            case XArchivePart.Account:
                var account = Json.Obj(value, "account", context) ?? value;
                var accountId = Json.Id(account, "accountId", context, "account");
                if (!XMapper.IsId(accountId))
                {
                    context.Reject("account.accountId", "missing required field 'accountId'", (string?)null);
                    return;
                }

                var username = Json.Str(account, "username", context, "account");
                context.Add(new ImportedAccount
                {
                    Position = context.Next(),
                    Platform = Platform.X,
                    ExternalId = accountId!,
                    Handle = username,
                    DisplayName = Json.Str(account, "accountDisplayName", context, "account"),
                    ProfileUrl = username is null ? null : "https://x.com/" + username,
                    CreatedAt = Json.TimeOrNull(account, "createdAt", context, "account"),
                });
                return;
            case XArchivePart.Tweets:
                var tweet = Json.Obj(value, "tweet", context) ?? value;
                if (owner is null)
                {
                    context.Reject("tweet", "unknown reference: the author is unknown (no data/account.js; pass the owner)", (string?)null);
                    return;
                }

                XMapper.V1Tweet(tweet, "tweet", (owner, context.Options.OwnerHandle), context);
                return;
            case XArchivePart.Likes:
                var like = Json.Obj(value, "like", context) ?? value;
                var tweetId = Json.Id(like, "tweetId", context, "like");
                if (owner is null || !XMapper.IsId(tweetId))
                {
                    context.Reject(owner is null ? "like" : "like.tweetId", owner is null ? "unknown reference: the owner is unknown (no data/account.js)" : "missing required field 'tweetId'", (string?)null);
                    return;
                }

                context.Add(new ImportedInteraction
                {
                    Position = context.Next(),
                    Platform = Platform.X,
                    Kind = InteractionKind.Like,
                    NaturalKey = $"like:{owner}:{tweetId}",
                    SourceExternalId = owner,
                    SubjectPostExternalId = tweetId,
                });
                return;
            default:
                var name = Part == XArchivePart.Followers ? "follower" : "following";
                var entry = Json.Obj(value, name, context) ?? value;
                var other = Json.Id(entry, "accountId", context, name);
                if (owner is null || !XMapper.IsId(other))
                {
                    context.Reject(owner is null ? name : name + ".accountId", owner is null ? "unknown reference: the owner is unknown (no data/account.js)" : "missing required field 'accountId'", (string?)null);
                    return;
                }

                var (source, target) = Part == XArchivePart.Followers ? (other!, owner) : (owner, other!);
                context.Add(new ImportedInteraction
                {
                    Position = context.Next(),
                    Platform = Platform.X,
                    Kind = InteractionKind.Follow,
                    NaturalKey = $"follow:{source}:{target}",
                    SourceExternalId = source,
                    TargetExternalId = target,
                });
                return;
        }
    }

    /// <summary>Reads the owner's id and handle from <c>data/account.js</c> (for the archive plan).</summary>
    public static (string? Id, string? Handle) ReadOwner(string accountJs)
    {
        using var stream = File.OpenRead(accountJs);
        var account = new XArchiveReader(XArchivePart.Account).Read(stream, accountJs, ReadOptions.Default).OfType<ImportedAccount>().FirstOrDefault();
        return (account?.ExternalId, account?.Handle);
    }
}
