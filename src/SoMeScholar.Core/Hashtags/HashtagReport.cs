using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// The headline figures of a hashtag set in a window, each defined exactly in docs/hashtags.md (after Symplur):
/// posts are unique originals, replies and quotes carrying a tracked hashtag; reposts are native reposts of such
/// posts made in the window; participants posted or reposted; active ones posted, passive ones only reposted;
/// impressions are Σ (posts + reposts) × followers at the snapshot nearest the window's end.
/// </summary>
public sealed record HashtagTotals(
    long Posts,
    long Originals,
    long Replies,
    long Quotes,
    long Reposts,
    long Participants,
    long Active,
    long Passive,
    long Likes,
    long Likers,
    long Impressions,
    long NoFollowerData)
{
    public static readonly HashtagTotals Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The figures by their scripting-interface names, in a stable order.</summary>
    public IReadOnlyList<(string Name, long Value)> Named() =>
    [
        ("posts", Posts), ("originals", Originals), ("replies", Replies), ("quotes", Quotes), ("reposts", Reposts),
        ("participants", Participants), ("active", Active), ("passive", Passive), ("likes", Likes), ("likers", Likers),
        ("impressions", Impressions), ("noFollowerData", NoFollowerData),
    ];
}

/// <summary>A figure against the preceding window of equal length. <see cref="Percent"/> is null when the previous value is 0.</summary>
public sealed record FigureChange(string Figure, long Current, long Previous, long Difference, double? Percent);

/// <summary>
/// Posts and reposts in one local hour or day of the report's time zone. <see cref="Start"/> carries the local time
/// and its UTC offset, so the repeated hour when clocks go back appears twice, once per offset.
/// </summary>
public sealed record TimelineBucket(DateTimeOffset Start, string Label, long Posts, long Reposts);

/// <summary>An account in a top list, with every figure the lists rank by.</summary>
public sealed record AccountRank(
    long AccountId,
    string Label,
    string? DisplayName,
    Platform Platform,
    long Posts,
    long Reposts,
    long MentionsReceived,
    long? Followers,
    long Impressions,
    bool Participated);

/// <summary>A counted key of a top list (a link, a site, a co-occurring hashtag, a language): posts carrying it and distinct accounts.</summary>
public sealed record CountedItem(string Key, long Posts, long Accounts);

/// <summary>The whole report of a hashtag set in a window, with the inputs that reproduce it.</summary>
public sealed record HashtagReport
{
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTime From { get; init; }
    public required DateTime To { get; init; }
    public required string TimeZone { get; init; }

    public long Posts => Totals.Posts;
    public long Replies => Totals.Replies;
    public long Quotes => Totals.Quotes;
    public long Reposts => Totals.Reposts;
    public long Participants => Totals.Participants;
    public long Active => Totals.Active;
    public long Passive => Totals.Passive;
    public long Impressions => Totals.Impressions;
    public long Originals => Totals.Originals;
    public long Likes => Totals.Likes;
    public long Likers => Totals.Likers;
    public long NoFollowerData => Totals.NoFollowerData;

    public required HashtagTotals Totals { get; init; }
    public required HashtagTotals Previous { get; init; }
    public required DateTime PreviousFrom { get; init; }
    public required IReadOnlyList<FigureChange> Changes { get; init; }

    /// <summary>The local hour with the most posts (ties: the earliest), or null when there are none.</summary>
    public TimelineBucket? PeakHour { get; init; }

    public required IReadOnlyList<TimelineBucket> Hours { get; init; }
    public required IReadOnlyList<TimelineBucket> Days { get; init; }
    public required IReadOnlyList<AccountRank> TopByPosts { get; init; }
    public required IReadOnlyList<AccountRank> TopByMentions { get; init; }
    public required IReadOnlyList<AccountRank> TopByImpressions { get; init; }
    public required IReadOnlyList<CountedItem> TopLinks { get; init; }
    public required IReadOnlyList<CountedItem> TopSites { get; init; }
    public required IReadOnlyList<CountedItem> CoHashtags { get; init; }
    public required IReadOnlyList<CountedItem> Languages { get; init; }

    /// <summary>The software version that computed the report, so a figure can be recomputed with the same definitions.</summary>
    public required string Version { get; init; }

    public required DateTime ComputedAt { get; init; }
}
