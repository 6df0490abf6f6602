namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Everything the figures of a hashtag set need, loaded once for an outer window and held in flat arrays: the
/// tracked posts (with their tracked-tag bit mask, kind, language, author and time), the native reposts made in the
/// window of tracked posts of any time, and per post its mentions, links, other hashtags and likers; per account its
/// follower snapshots. <see cref="HashtagCalculator"/> computes the figures of any sub-window and tag subset from it,
/// so a conference report (before, during, after, each session, each preceding window) reads the store once.
/// Built by <see cref="HashtagFactsBuilder"/>; accounts and posts are referred to by dense indexes.
/// </summary>
public sealed class HashtagFacts
{
    internal HashtagFacts(IReadOnlyList<string> tags, DateTime from, DateTime to)
    {
        Tags = tags;
        From = from;
        To = to;
        _linkFacts = new(() => HashtagCalculator.LinkFacts(this));
    }

    /// <summary>The tracked hashtags; bit i of a tag mask is <c>Tags[i]</c>.</summary>
    public IReadOnlyList<string> Tags { get; }

    public DateTime From { get; }
    public DateTime To { get; }

    public int PostCount => PostIds.Length;
    public int RepostCount => RepostTicks.Length;

    internal long[] AccountIds { get; init; } = [];

    // Posts (originals, replies, quotes; and reposts that carry tracked tags themselves but whose original is unknown), by time.
    internal long[] PostIds { get; init; } = [];
    internal int[] PostAuthor { get; init; } = [];
    internal long[] PostTicks { get; init; } = [];
    internal byte[] PostKind { get; init; } = [];
    internal int[] PostLanguage { get; init; } = [];
    internal ulong[] PostTags { get; init; } = [];
    internal string[] Languages { get; init; } = [];

    // Per-post lists in compressed rows: the items of post p are [Offsets[p], Offsets[p + 1]).
    internal int[] MentionOffsets { get; init; } = [0];
    internal int[] MentionTargets { get; init; } = [];
    internal int[] LikeOffsets { get; init; } = [0];
    internal int[] Likers { get; init; } = [];
    internal int[] LinkOffsets { get; init; } = [0];
    internal int[] LinkItems { get; init; } = [];
    internal string[] LinkUrls { get; init; } = [];
    internal string[] LinkDomains { get; init; } = [];
    internal int[] CoTagOffsets { get; init; } = [0];
    internal int[] CoTagItems { get; init; } = [];
    internal string[] CoTagNames { get; init; } = [];

    // Reposts made in the window of tracked posts, by time, with the original's tracked-tag mask.
    internal long[] RepostIds { get; init; } = [];
    internal int[] RepostAuthor { get; init; } = [];
    internal long[] RepostTicks { get; init; } = [];
    internal ulong[] RepostTags { get; init; } = [];

    // Follower snapshots per account (with a known follower count), by time.
    internal int[] SnapshotOffsets { get; init; } = [0];
    internal long[] SnapshotTicks { get; init; } = [];
    internal long[] SnapshotFollowers { get; init; } = [];

    /// <summary>Per link whether it points at a post, its site index, and the site names; worked out once per facts.</summary>
    internal (bool[] PostLink, int[] Site, List<string> Sites) LinkFacts => _linkFacts.Value;

    private readonly Lazy<(bool[] PostLink, int[] Site, List<string> Sites)> _linkFacts;

    /// <summary>The mask of the given tags (ignoring those not tracked here).</summary>
    public ulong MaskOf(IEnumerable<string> tags)
    {
        ulong mask = 0;
        foreach (var tag in tags)
        {
            for (var i = 0; i < Tags.Count; i++)
            {
                if (string.Equals(Tags[i], tag, StringComparison.Ordinal))
                {
                    mask |= 1UL << i;
                }
            }
        }

        return mask;
    }

    public ulong AllTags => Tags.Count >= 64 ? ulong.MaxValue : (1UL << Tags.Count) - 1;

    /// <summary>The index range of posts with time in [from, to) (posts are sorted by time).</summary>
    internal (int Start, int End) PostRange(long fromTicks, long toTicks) => (LowerBound(PostTicks, fromTicks), LowerBound(PostTicks, toTicks));

    internal (int Start, int End) RepostRange(long fromTicks, long toTicks) => (LowerBound(RepostTicks, fromTicks), LowerBound(RepostTicks, toTicks));

    /// <summary>Followers from the account's snapshot nearest <paramref name="ticks"/> (ties: the earlier one), or null.</summary>
    internal long? FollowersNear(int account, long ticks)
    {
        var start = SnapshotOffsets[account];
        var end = SnapshotOffsets[account + 1];
        if (start == end)
        {
            return null;
        }

        var after = start + LowerBound(SnapshotTicks.AsSpan(start, end - start), ticks);
        if (after == end)
        {
            return SnapshotFollowers[end - 1];
        }

        if (after == start)
        {
            return SnapshotFollowers[start];
        }

        var before = after - 1;
        return ticks - SnapshotTicks[before] <= SnapshotTicks[after] - ticks ? SnapshotFollowers[before] : SnapshotFollowers[after];
    }

    internal static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
