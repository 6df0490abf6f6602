namespace SoMeScholar.Importers;

// The neutral records every reader produces and the archive consumes. A reader maps its format onto these
// and nothing else; the archive (SoMeScholar.Core/Archive) derives edges, resolves references, deduplicates
// on natural keys and writes. Natural keys: AT-URI for Bluesky records, the ActivityPub `uri` for Mastodon
// statuses and accounts, the numeric id string for X.

/// <summary>A record read from a source, with the position it was read at.</summary>
public abstract record ImportRecord
{
    public required SourcePosition Position { get; init; }
}

/// <summary>Counts an account reported about itself at a moment (a follower snapshot).</summary>
public sealed record AccountCounts(long? Followers, long? Following, long? Posts, DateTime ObservedAt);

/// <summary>An account (profile). Fields left null are unknown and never overwrite known values.</summary>
public sealed record ImportedAccount : ImportRecord
{
    public required Platform Platform { get; init; }

    /// <summary>DID (Bluesky), actor URI (Mastodon) or numeric user id (X).</summary>
    public required string ExternalId { get; init; }

    public string? Handle { get; init; }
    public string? DisplayName { get; init; }
    public string? Bio { get; init; }
    public string? ProfileUrl { get; init; }
    public string? AvatarUrl { get; init; }
    public DateTime? CreatedAt { get; init; }
    public AccountCounts? Counts { get; init; }
}

/// <summary>A mention inside a post: at least one of the two is set.</summary>
public sealed record ImportedMention(string? ExternalId, string? Handle);

/// <summary>An image, video or other attachment. The archive keeps its address and alt text, never the bytes.</summary>
public sealed record ImportedMedia(string? Url, string MediaType, string? AltText);

/// <summary>Engagement counts the platform reported for a post when it was read.</summary>
public sealed record PostMetrics(long? Replies, long? Reposts, long? Likes, long? Quotes);

/// <summary>
/// A post: an original, a reply, a quote or a repost. <see cref="RepostOfExternalId"/> names a repost's original, which
/// the reader emits as a post of its own (before the repost) when the payload contains it. A repost carries the text
/// and entities the source gives for the repost object itself: none on Bluesky and Mastodon, the "RT @user: …" text
/// and its entities on X (the only trace of the original in an X account archive, where
/// <see cref="RepostOfExternalId"/> is unknown). Hashtag analytics therefore count hashtags on non-repost kinds only.
/// </summary>
public sealed record ImportedPost : ImportRecord
{
    public required Platform Platform { get; init; }
    public required string ExternalId { get; init; }
    public required string AuthorExternalId { get; init; }
    public required PostKind Kind { get; init; }
    public required DateTime CreatedAt { get; init; }
    public string Text { get; init; } = "";

    /// <summary>Content version: the record CID (Bluesky), <c>edited_at</c> (Mastodon), the last edit id (X).</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The id the source instance used (Mastodon status id, needed to apply streaming deletes). Qualified as
    /// <c>{instance host}/{id}</c> when the reader knows the instance (<c>ReadOptions.Instance</c>, always set by the
    /// live clients), because the same number means different posts on different instances; bare otherwise.
    /// </summary>
    public string? LocalId { get; init; }

    public string? Url { get; init; }
    public string? AuthorHandle { get; init; }
    public string? Language { get; init; }
    public DateTime? IndexedAt { get; init; }

    public string? ReplyToExternalId { get; init; }

    /// <summary>
    /// The replied-to post's local id on the instance read (Mastodon <c>in_reply_to_id</c>), when its natural key is
    /// not in the payload. Qualified like <see cref="LocalId"/>; the archive resolves it against stored local ids.
    /// </summary>
    public string? ReplyToLocalId { get; init; }

    public string? ReplyToAuthorExternalId { get; init; }
    public string? ReplyRootExternalId { get; init; }
    public string? QuoteOfExternalId { get; init; }
    public string? QuoteOfAuthorExternalId { get; init; }

    /// <summary>The quoted post's local id (a Mastodon shallow quote), when its natural key is not in the payload.</summary>
    public string? QuoteOfLocalId { get; init; }

    public string? RepostOfExternalId { get; init; }
    public string? RepostOfAuthorExternalId { get; init; }

    /// <summary>Hashtags without '#', as written; the archive folds case.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<ImportedMention> Mentions { get; init; } = [];
    public IReadOnlyList<string> Links { get; init; } = [];
    public IReadOnlyList<ImportedMedia> Media { get; init; } = [];
    public PostMetrics? Metrics { get; init; }
}

/// <summary>
/// An explicit edge that is a record of its own: a follow or a like (reposts, replies, quotes and mentions are
/// derived by the archive from posts). <see cref="NaturalKey"/> identifies it for idempotency and deletion:
/// the record's AT-URI on Bluesky, otherwise a key the reader builds, e.g. <c>follow:{source}:{target}</c>.
/// </summary>
public sealed record ImportedInteraction : ImportRecord
{
    public required Platform Platform { get; init; }
    public required InteractionKind Kind { get; init; }
    public required string NaturalKey { get; init; }
    public required string SourceExternalId { get; init; }
    public string? TargetExternalId { get; init; }
    public string? SubjectPostExternalId { get; init; }
    public DateTime? OccurredAt { get; init; }
}

/// <summary>What a deletion removes, when the source says.</summary>
public enum DeletionTarget
{
    /// <summary>The source does not say (a Jetstream delete of an unknown collection, a Mastodon delete by id).</summary>
    Unknown,
    Post,
    Interaction,
}

/// <summary>
/// A deletion or undo (Jetstream delete, Mastodon Delete activity, X compliance delete). Marks the post or edge
/// deleted; re-importing the original later never resurrects it.
/// </summary>
public sealed record ImportedDeletion : ImportRecord
{
    public required Platform Platform { get; init; }

    /// <summary>The post's external id, the edge's natural key, or a Mastodon local id (with <see cref="IsLocalId"/>).</summary>
    public required string ExternalId { get; init; }

    public DeletionTarget Target { get; init; }
    public bool IsLocalId { get; init; }
    public DateTime? OccurredAt { get; init; }
}

/// <summary>The lifecycle state of an account as the platform reports it.</summary>
public enum AccountStatus
{
    Active,
    Deactivated,
    Suspended,
    TakenDown,
    Deleted,

    /// <summary>The account hides its posts (an X compliance <c>protected</c> result): its content must not be shown.</summary>
    Protected,
}

/// <summary>An identity or account event: a handle change, or an account deactivated, suspended or deleted.</summary>
public sealed record ImportedAccountStatus : ImportRecord
{
    public required Platform Platform { get; init; }
    public required string ExternalId { get; init; }
    public AccountStatus? Status { get; init; }
    public string? Handle { get; init; }
    public DateTime? OccurredAt { get; init; }
}

/// <summary>
/// A record the reader could not accept (bad JSON, invalid UTF-8, a missing required field, an oversize field).
/// The archive quarantines it with its position and reason, and the rest of the file imports.
/// </summary>
public sealed record RejectedRecord : ImportRecord
{
    public required string Reason { get; init; }

    /// <summary>The offending input, truncated, so a person can see what was wrong.</summary>
    public string? Excerpt { get; init; }
}
