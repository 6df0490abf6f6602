namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Joins day segments of one or more tracked tags into one <see cref="HashtagFacts"/>, exactly as
/// <see cref="HashtagFactsLoader"/> would have read it for the whole span: a post carrying several tracked tags
/// (or a repost of one) appears in each tag's segment and is kept once with the tags' bits merged; other hashtags
/// that are themselves tracked are dropped. Follower snapshots are added afterwards (they are not in segments).
/// </summary>
internal sealed class HashtagSegmentMerger
{
    private readonly IReadOnlyList<string> _tags;
    private readonly HashSet<string> _tracked;
    private readonly Dictionary<long, int> _accounts = [];
    private readonly List<long> _accountIds = [];
    private readonly Dictionary<string, int> _languages = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<string> _languageNames = [""];
    private readonly Dictionary<string, int> _links = new(StringComparer.Ordinal);
    private readonly List<string> _linkUrls = [];
    private readonly List<string> _linkDomains = [];
    private readonly Dictionary<string, int> _coTags = new(StringComparer.Ordinal);
    private readonly List<string> _coTagNames = [];

    private readonly List<long> _postIds = [];
    private readonly List<int> _postAuthor = [];
    private readonly List<long> _postTicks = [];
    private readonly List<byte> _postKind = [];
    private readonly List<int> _postLanguage = [];
    private readonly List<ulong> _postTags = [];
    private readonly List<int> _mentionOffsets = [0];
    private readonly List<int> _mentionTargets = [];
    private readonly List<int> _likeOffsets = [0];
    private readonly List<int> _likers = [];
    private readonly List<int> _linkOffsets = [0];
    private readonly List<int> _linkItems = [];
    private readonly List<int> _coTagOffsets = [0];
    private readonly List<int> _coTagItems = [];
    private readonly List<long> _repostIds = [];
    private readonly List<int> _repostAuthor = [];
    private readonly List<long> _repostTicks = [];
    private readonly List<ulong> _repostTags = [];

    public HashtagSegmentMerger(IReadOnlyList<string> tags)
    {
        _tags = tags;
        _tracked = new HashSet<string>(tags, StringComparer.Ordinal);
    }


    /// <summary>Makes room for the segments about to be added (so the lists do not grow by copying).</summary>
    public void Reserve(IReadOnlyCollection<SegmentData> segments)
    {
        var posts = segments.Sum(s => s.PostIds.Length);
        _postIds.Capacity = _postAuthor.Capacity = _postTicks.Capacity = _postLanguage.Capacity = posts;
        _postKind.Capacity = posts;
        _postTags.Capacity = posts;
        _mentionOffsets.Capacity = _likeOffsets.Capacity = _linkOffsets.Capacity = _coTagOffsets.Capacity = posts + 1;
        _mentionTargets.Capacity = segments.Sum(s => s.MentionTargets.Length);
        _likers.Capacity = segments.Sum(s => s.Likers.Length);
        _linkItems.Capacity = segments.Sum(s => s.LinkItems.Length);
        _coTagItems.Capacity = segments.Sum(s => s.CoTagItems.Length);
        var reposts = segments.Sum(s => s.RepostIds.Length);
        _repostIds.Capacity = _repostTicks.Capacity = reposts;
        _repostAuthor.Capacity = reposts;
        _repostTags.Capacity = reposts;
    }

    /// <summary>Adds the segments of one day (one per tag at most), in day order.</summary>
    public void AddDay(IReadOnlyList<(int TagIndex, SegmentData Segment)> segments)
    {
        var maps = segments.Select(s => Maps(s.Segment)).ToList();
        if (segments.Count == 1)
        {
            AddWhole(segments[0].Segment, maps[0], 1UL << segments[0].TagIndex);
            return;
        }

        // Several tags on one day: posts by (time, id) once each with the union of their tags; reposts once each.
        var posts = new Dictionary<long, (int Segment, int Index, ulong Tags)>();
        for (var s = 0; s < segments.Count; s++)
        {
            var (tag, segment) = segments[s];
            for (var p = 0; p < segment.PostIds.Length; p++)
            {
                var id = segment.PostIds[p];
                posts[id] = posts.TryGetValue(id, out var seen) ? seen with { Tags = seen.Tags | (1UL << tag) } : (s, p, 1UL << tag);
            }
        }

        foreach (var (_, (s, p, tags)) in posts.OrderBy(e => segments[e.Value.Segment].Segment.PostTicks[e.Value.Index]).ThenBy(e => e.Key))
        {
            AddPost(segments[s].Segment, maps[s], p, tags);
        }

        var reposts = new Dictionary<long, (int Author, long Ticks, ulong Tags)>();
        for (var s = 0; s < segments.Count; s++)
        {
            var (tag, segment) = segments[s];
            for (var r = 0; r < segment.RepostIds.Length; r++)
            {
                var id = segment.RepostIds[r];
                reposts[id] = reposts.TryGetValue(id, out var seen)
                    ? seen with { Tags = seen.Tags | (1UL << tag) }
                    : (maps[s].Accounts[segment.RepostAuthor[r]], segment.RepostTicks[r], 1UL << tag);
            }
        }

        foreach (var (id, (author, ticks, tags)) in reposts.OrderBy(e => e.Value.Ticks).ThenBy(e => e.Key))
        {
            AddRepost(id, author, ticks, tags);
        }
    }

    public HashtagFacts Build(DateTime from, DateTime to, IEnumerable<(long Account, long Ticks, long Followers)> snapshots)
    {
        var offsets = new int[_accountIds.Count + 1];
        var kept = new List<(int Account, long Ticks, long Followers)>();
        foreach (var (account, ticks, followers) in snapshots)
        {
            if (_accounts.TryGetValue(account, out var index))
            {
                kept.Add((index, ticks, followers));
            }
        }

        kept.Sort();
        var snapshotTicks = new List<long>(kept.Count);
        var snapshotFollowers = new List<long>(kept.Count);
        var previous = (Account: -1, Ticks: long.MinValue);
        foreach (var (account, ticks, followers) in kept)
        {
            if (previous == (account, ticks))
            {
                continue;
            }

            previous = (account, ticks);
            snapshotTicks.Add(ticks);
            snapshotFollowers.Add(followers);
            offsets[account + 1]++;
        }

        for (var i = 0; i < _accountIds.Count; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        return new HashtagFacts(_tags, from, to)
        {
            AccountIds = [.. _accountIds],
            PostIds = [.. _postIds],
            PostAuthor = [.. _postAuthor],
            PostTicks = [.. _postTicks],
            PostKind = [.. _postKind],
            PostLanguage = [.. _postLanguage],
            PostTags = [.. _postTags],
            Languages = [.. _languageNames],
            MentionOffsets = [.. _mentionOffsets],
            MentionTargets = [.. _mentionTargets],
            LikeOffsets = [.. _likeOffsets],
            Likers = [.. _likers],
            LinkOffsets = [.. _linkOffsets],
            LinkItems = [.. _linkItems],
            LinkUrls = [.. _linkUrls],
            LinkDomains = [.. _linkDomains],
            CoTagOffsets = [.. _coTagOffsets],
            CoTagItems = [.. _coTagItems],
            CoTagNames = [.. _coTagNames],
            RepostIds = [.. _repostIds],
            RepostAuthor = [.. _repostAuthor],
            RepostTicks = [.. _repostTicks],
            RepostTags = [.. _repostTags],
            SnapshotOffsets = offsets,
            SnapshotTicks = [.. snapshotTicks],
            SnapshotFollowers = [.. snapshotFollowers],
        };
    }

    private sealed record SegmentMaps(int[] Accounts, int[] Languages, int[] Links, int[] CoTags);

    private SegmentMaps Maps(SegmentData segment)
    {
        var accounts = new int[segment.AccountIds.Length];
        for (var i = 0; i < accounts.Length; i++)
        {
            var id = segment.AccountIds[i];
            if (!_accounts.TryGetValue(id, out var index))
            {
                index = _accountIds.Count;
                _accounts[id] = index;
                _accountIds.Add(id);
            }

            accounts[i] = index;
        }

        var languages = new int[segment.Languages.Length];
        for (var i = 0; i < languages.Length; i++)
        {
            languages[i] = Intern(_languages, _languageNames, segment.Languages[i]);
        }

        var links = new int[segment.LinkUrls.Length];
        for (var i = 0; i < links.Length; i++)
        {
            if (!_links.TryGetValue(segment.LinkUrls[i], out var index))
            {
                index = _linkUrls.Count;
                _links[segment.LinkUrls[i]] = index;
                _linkUrls.Add(segment.LinkUrls[i]);
                _linkDomains.Add(segment.LinkDomains[i]);
            }

            links[i] = index;
        }

        var coTags = new int[segment.CoTagNames.Length];
        for (var i = 0; i < coTags.Length; i++)
        {
            coTags[i] = _tracked.Contains(segment.CoTagNames[i]) ? -1 : Intern(_coTags, _coTagNames, segment.CoTagNames[i]);
        }

        return new SegmentMaps(accounts, languages, links, coTags);
    }

    private static int Intern(Dictionary<string, int> index, List<string> names, string name)
    {
        if (!index.TryGetValue(name, out var value))
        {
            value = names.Count;
            index[name] = value;
            names.Add(name);
        }

        return value;
    }

    /// <summary>A day with one tag's segment: every post and repost in the segment's order, in bulk.</summary>
    private void AddWhole(SegmentData segment, SegmentMaps maps, ulong tags)
    {
        var count = segment.PostIds.Length;
        _postIds.AddRange(segment.PostIds);
        _postTicks.AddRange(segment.PostTicks);
        _postKind.AddRange(segment.PostKind);
        for (var p = 0; p < count; p++)
        {
            var author = maps.Accounts[segment.PostAuthor[p]];
            _postAuthor.Add(author);
            _postLanguage.Add(maps.Languages[segment.PostLanguage[p]]);
            _postTags.Add(tags);
        }

        AppendRows(segment.MentionOffsets, segment.MentionTargets, maps.Accounts, _mentionOffsets, _mentionTargets);
        AppendRows(segment.LikeOffsets, segment.Likers, maps.Accounts, _likeOffsets, _likers);
        AppendRows(segment.LinkOffsets, segment.LinkItems, maps.Links, _linkOffsets, _linkItems);
        if (maps.CoTags.Contains(-1))
        {
            for (var p = 0; p < count; p++)
            {
                Copy(segment.CoTagOffsets, segment.CoTagItems, p, maps.CoTags, _coTagOffsets, _coTagItems);
            }
        }
        else
        {
            AppendRows(segment.CoTagOffsets, segment.CoTagItems, maps.CoTags, _coTagOffsets, _coTagItems);
        }

        _repostIds.AddRange(segment.RepostIds);
        _repostTicks.AddRange(segment.RepostTicks);
        for (var r = 0; r < segment.RepostIds.Length; r++)
        {
            var author = maps.Accounts[segment.RepostAuthor[r]];
            _repostAuthor.Add(author);
            _repostTags.Add(tags);
        }
    }

    /// <summary>Appends a segment's compressed rows (every item kept) after the rows so far.</summary>
    private static void AppendRows(int[] offsets, int[] items, int[] map, List<int> targetOffsets, List<int> targetItems)
    {
        var baseOffset = targetItems.Count;
        for (var p = 1; p < offsets.Length; p++)
        {
            targetOffsets.Add(baseOffset + offsets[p]);
        }

        foreach (var item in items)
        {
            targetItems.Add(map[item]);
        }
    }

    private void AddPost(SegmentData segment, SegmentMaps maps, int p, ulong tags)
    {
        var author = maps.Accounts[segment.PostAuthor[p]];
        _postIds.Add(segment.PostIds[p]);
        _postAuthor.Add(author);
        _postTicks.Add(segment.PostTicks[p]);
        _postKind.Add(segment.PostKind[p]);
        _postLanguage.Add(maps.Languages[segment.PostLanguage[p]]);
        _postTags.Add(tags);
        Copy(segment.MentionOffsets, segment.MentionTargets, p, maps.Accounts, _mentionOffsets, _mentionTargets);
        Copy(segment.LikeOffsets, segment.Likers, p, maps.Accounts, _likeOffsets, _likers);
        Copy(segment.LinkOffsets, segment.LinkItems, p, maps.Links, _linkOffsets, _linkItems);
        Copy(segment.CoTagOffsets, segment.CoTagItems, p, maps.CoTags, _coTagOffsets, _coTagItems);
    }

    private void AddRepost(long id, int author, long ticks, ulong tags)
    {
        _repostIds.Add(id);
        _repostAuthor.Add(author);
        _repostTicks.Add(ticks);
        _repostTags.Add(tags);
    }

    private static void Copy(int[] offsets, int[] items, int p, int[] map, List<int> targetOffsets, List<int> targetItems)
    {
        for (var i = offsets[p]; i < offsets[p + 1]; i++)
        {
            var item = map[items[i]];
            if (item >= 0)
            {
                targetItems.Add(item);
            }
        }

        targetOffsets.Add(targetItems.Count);
    }
}
