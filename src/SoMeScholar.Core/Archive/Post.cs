using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// A post of any kind: original, reply, quote or repost. Natural key: (<see cref="Platform"/>, <see cref="ExternalId"/>).
/// References to other posts are kept twice: as the source's external id (always, lossless) and as a resolved
/// foreign key once the referenced post is in the archive.
/// </summary>
public class Post
{
    public long Id { get; set; }
    public Platform Platform { get; set; }
    public required string ExternalId { get; set; }
    public string? Version { get; set; }
    public string? LocalId { get; set; }
    public string? Url { get; set; }

    public long AuthorId { get; set; }
    public Account? Author { get; set; }

    public PostKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? Language { get; set; }

    /// <summary>Creation time (UTC); for a repost, when it was reposted.</summary>
    public DateTime CreatedAt { get; set; }
    public DateTime? IndexedAt { get; set; }

    public string? ReplyToExternalId { get; set; }

    /// <summary>The replied-to post's local id (Mastodon <c>{instance}/{id}</c>) when the source gives no natural key for it.</summary>
    public string? ReplyToLocalId { get; set; }
    public long? ReplyToPostId { get; set; }
    public string? ReplyRootExternalId { get; set; }
    public string? QuoteOfExternalId { get; set; }

    /// <summary>The quoted post's local id (a Mastodon shallow quote) when the source gives no natural key for it.</summary>
    public string? QuoteOfLocalId { get; set; }
    public long? QuoteOfPostId { get; set; }
    public string? RepostOfExternalId { get; set; }
    public long? RepostOfPostId { get; set; }

    public long? ReplyCount { get; set; }
    public long? RepostCount { get; set; }
    public long? LikeCount { get; set; }
    public long? QuoteCount { get; set; }

    /// <summary>Tombstone: the source deleted the post. Kept so re-imports never resurrect it.</summary>
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }

    public long? ImportRunId { get; set; }

    public List<PostHashtag> Hashtags { get; } = [];
    public List<PostLink> Links { get; } = [];
    public List<PostMedia> Media { get; } = [];
}

/// <summary>
/// A hashtag on a post, case-folded and without '#'. Carries the post's time and author so the hot query of the
/// analytics (posts by tag in a time window) is one index range scan on (tag, created_at).
/// </summary>
public class PostHashtag
{
    public long PostId { get; set; }
    public Post? Post { get; set; }
    public required string Tag { get; set; }
    public DateTime CreatedAt { get; set; }
    public long AuthorId { get; set; }

    /// <summary>Folds a hashtag for matching: no leading '#', lower case (invariant), trimmed.</summary>
    public static string Normalize(string tag) => tag.Trim().TrimStart('#', '＃').ToLowerInvariant();
}

/// <summary>A link in a post (the expanded URL where the source gives it).</summary>
public class PostLink
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public Post? Post { get; set; }
    public required string Url { get; set; }
    public required string Domain { get; set; }
}

/// <summary>An attachment: address and alt text only. The live wall flags posts with media for human review.</summary>
public class PostMedia
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public Post? Post { get; set; }
    public string? Url { get; set; }
    public required string MediaType { get; set; }
    public string? AltText { get; set; }
}
