using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Collects the rows of a hashtag load in any order (a post arrives once per tracked tag it carries; mentions,
/// likes, links and other hashtags refer to posts by id) and builds the flat, time-ordered <see cref="HashtagFacts"/>.
/// Rows about posts that were not added as tracked posts are ignored, so range scans may return extra rows.
/// </summary>
public sealed class HashtagFactsBuilder
{
    internal const byte Original = 0;
    internal const byte Reply = 1;
    internal const byte Quote = 2;
    internal const byte RepostWithOwnTags = 3;

    private readonly IReadOnlyList<string> _tags;
    private readonly DateTime _from;
    private readonly DateTime _to;
    private readonly Dictionary<long, int> _accounts = [];
    private readonly List<long> _accountIds = [];
    private readonly Dictionary<long, int> _posts = [];
    private readonly List<long> _postIds = [];
    private readonly List<int> _postAuthor = [];
    private readonly List<long> _postTicks = [];
    private readonly List<byte> _postKind = [];
    private readonly List<int> _postLanguage = [];
    private readonly List<ulong> _postTags = [];
    private readonly TextInterner _languages = new();
    private readonly List<(int Post, int Account)> _mentions = [];
    private readonly List<(int Post, int Account)> _likes = [];
    private readonly List<(int Post, int Link)> _links = [];
    private readonly Dictionary<string, int> _linkIndex = new(StringComparer.Ordinal);
    private readonly List<string> _linkUrls = [];
    private readonly List<string> _linkDomains = [];
    private readonly List<(int Post, int Tag)> _coTags = [];
    private readonly Dictionary<string, int> _coTagIndex = new(StringComparer.Ordinal);
    private readonly List<string> _coTagNames = [];
    private readonly List<long> _repostIds = [];
    private readonly List<int> _repostAuthor = [];
    private readonly List<long> _repostTicks = [];
    private readonly List<ulong> _repostTags = [];
    private readonly List<(int Account, long Ticks, long Followers)> _snapshots = [];

    public HashtagFactsBuilder(IReadOnlyList<string> tags, DateTime from, DateTime to)
    {
        if (tags.Count > 64)
        {
            throw new ArgumentException("At most 64 tracked tags.", nameof(tags));
        }

        _tags = tags;
        _from = from;
        _to = to;
    }

    public int PostCount => _postIds.Count;

    /// <summary>The tracked posts' ids, in the order they were added.</summary>
    public IReadOnlyList<long> PostIds => _postIds;

    /// <summary>Every account seen so far as an author or reposter (the accounts whose snapshots impressions need).</summary>
    public IEnumerable<long> ParticipantAccountIds => _accountIds;

    public int IndexOfTag(string tag)
    {
        for (var i = 0; i < _tags.Count; i++)
        {
            if (string.Equals(_tags[i], tag, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A tracked post, once per tracked tag it carries (the tags merge into its mask).</summary>
    public void AddPostTag(long postId, int tagIndex, long authorId, DateTime createdAt, PostKind kind, string? language) =>
        AddPostTag(postId, tagIndex, authorId, createdAt.Ticks, Code(kind), _languages.Intern(language));

    internal void AddPostTag(long postId, int tagIndex, long authorId, long ticks, byte kind, int language)
    {
        if (tagIndex < 0)
        {
            return;
        }

        if (_posts.TryGetValue(postId, out var existing))
        {
            _postTags[existing] |= 1UL << tagIndex;
            return;
        }

        _posts[postId] = _postIds.Count;
        _postIds.Add(postId);
        _postAuthor.Add(Account(authorId));
        _postTicks.Add(ticks);
        _postKind.Add(kind);
        _postLanguage.Add(language);
        _postTags.Add(1UL << tagIndex);
    }

    /// <summary>The languages as read (before folding); posts refer to them by index, -1 when unknown.</summary>
    internal TextInterner LanguageValues => _languages;

    /// <summary>The tracked-tag mask of a post already added, if it was.</summary>
    public bool TryGetTags(long postId, out ulong mask)
    {
        if (_posts.TryGetValue(postId, out var index))
        {
            mask = _postTags[index];
            return true;
        }

        mask = 0;
        return false;
    }

    /// <summary>A native repost made at <paramref name="repostedAt"/> of a post whose tracked-tag mask is <paramref name="originalTags"/>.</summary>
    public void AddRepost(long repostId, long authorId, DateTime repostedAt, ulong originalTags) => AddRepost(repostId, authorId, repostedAt.Ticks, originalTags);

    internal void AddRepost(long repostId, long authorId, long ticks, ulong originalTags)
    {
        if (originalTags == 0)
        {
            return;
        }

        _repostIds.Add(repostId);
        _repostAuthor.Add(Account(authorId));
        _repostTicks.Add(ticks);
        _repostTags.Add(originalTags);
    }

    public void AddMention(long postId, long targetAccountId)
    {
        if (_posts.TryGetValue(postId, out var post))
        {
            _mentions.Add((post, Account(targetAccountId)));
        }
    }

    public void AddLike(long postId, long likerAccountId)
    {
        if (_posts.TryGetValue(postId, out var post))
        {
            _likes.Add((post, Account(likerAccountId)));
        }
    }

    public void AddLink(long postId, string url, string domain)
    {
        if (!_posts.TryGetValue(postId, out var post))
        {
            return;
        }

        if (!_linkIndex.TryGetValue(url, out var link))
        {
            link = _linkUrls.Count;
            _linkIndex[url] = link;
            _linkUrls.Add(url);
            _linkDomains.Add(domain);
        }

        _links.Add((post, link));
    }

    /// <summary>Another hashtag on a tracked post (tracked tags are ignored).</summary>
    public void AddCoTag(long postId, string tag)
    {
        if (IndexOfTag(tag) >= 0 || !_posts.TryGetValue(postId, out var post))
        {
            return;
        }

        if (!_coTagIndex.TryGetValue(tag, out var index))
        {
            index = _coTagNames.Count;
            _coTagIndex[tag] = index;
            _coTagNames.Add(tag);
        }

        _coTags.Add((post, index));
    }

    /// <summary>A follower count observed for an account (only accounts already seen are kept).</summary>
    public void AddSnapshot(long accountId, DateTime observedAt, long followers) => AddSnapshot(accountId, observedAt.Ticks, followers);

    internal void AddSnapshot(long accountId, long ticks, long followers)
    {
        if (_accounts.TryGetValue(accountId, out var account))
        {
            _snapshots.Add((account, ticks, followers));
        }
    }

    public HashtagFacts Build()
    {
        // Posts by time (ties by id), so windows are index ranges.
        var postCount = _postIds.Count;
        var order = new int[postCount];
        for (var i = 0; i < postCount; i++)
        {
            order[i] = i;
        }

        var ticks = _postTicks.ToArray();
        if (!IsSorted(ticks))
        {
            var ids = _postIds.ToArray();
            Array.Sort(order, (a, b) => ticks[a] != ticks[b] ? ticks[a].CompareTo(ticks[b]) : ids[a].CompareTo(ids[b]));
        }

        var rank = new int[postCount];
        for (var i = 0; i < postCount; i++)
        {
            rank[order[i]] = i;
        }

        var repostOrder = Enumerable.Range(0, _repostTicks.Count).ToArray();
        var repostTicks = _repostTicks.ToArray();
        if (!IsSorted(repostTicks))
        {
            Array.Sort(repostTicks, repostOrder);
        }

        // Languages folded (trimmed, lower case; unknown is ""), so "EN" and "en" are one language.
        var languageNames = new List<string> { "" };
        var canonical = new int[_languages.Count];
        for (var i = 0; i < _languages.Count; i++)
        {
            var name = _languages[i].Trim().ToLowerInvariant();
            var index = languageNames.IndexOf(name);
            if (index < 0)
            {
                index = languageNames.Count;
                languageNames.Add(name);
            }

            canonical[i] = index;
        }

        var postLanguage = new int[postCount];
        for (var i = 0; i < postCount; i++)
        {
            var language = _postLanguage[order[i]];
            postLanguage[i] = language < 0 ? 0 : canonical[language];
        }

        var (snapshotOffsets, snapshotTicks, snapshotFollowers) = Snapshots();
        var (mentionOffsets, mentionTargets) = Rows(_mentions, rank, postCount);
        var (likeOffsets, likers) = Rows(_likes, rank, postCount);
        var (linkOffsets, linkItems) = Rows(_links, rank, postCount);
        var (coTagOffsets, coTagItems) = Rows(_coTags, rank, postCount);

        return new HashtagFacts(_tags, _from, _to)
        {
            AccountIds = [.. _accountIds],
            PostIds = Permute(_postIds, order),
            PostAuthor = Permute(_postAuthor, order),
            PostTicks = Permute(_postTicks, order),
            PostKind = Permute(_postKind, order),
            PostLanguage = postLanguage,
            PostTags = Permute(_postTags, order),
            Languages = [.. languageNames],
            MentionOffsets = mentionOffsets,
            MentionTargets = mentionTargets,
            LikeOffsets = likeOffsets,
            Likers = likers,
            LinkOffsets = linkOffsets,
            LinkItems = linkItems,
            LinkUrls = [.. _linkUrls],
            LinkDomains = [.. _linkDomains],
            CoTagOffsets = coTagOffsets,
            CoTagItems = coTagItems,
            CoTagNames = [.. _coTagNames],
            RepostIds = Permute(_repostIds, repostOrder),
            RepostAuthor = Permute(_repostAuthor, repostOrder),
            RepostTicks = repostTicks,
            RepostTags = Permute(_repostTags, repostOrder),
            SnapshotOffsets = snapshotOffsets,
            SnapshotTicks = snapshotTicks,
            SnapshotFollowers = snapshotFollowers,
        };
    }

    internal static byte Code(PostKind kind) => kind switch
    {
        PostKind.Reply => Reply,
        PostKind.Quote => Quote,
        PostKind.Repost => RepostWithOwnTags,
        _ => Original,
    };

    private int Account(long accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var index))
        {
            index = _accountIds.Count;
            _accounts[accountId] = index;
            _accountIds.Add(accountId);
        }

        return index;
    }

    private (int[] Offsets, long[] Ticks, long[] Followers) Snapshots()
    {
        var sorted = _snapshots.OrderBy(s => s.Account).ThenBy(s => s.Ticks).ToList();
        var offsets = new int[_accountIds.Count + 1];
        var ticks = new long[sorted.Count];
        var followers = new long[sorted.Count];
        var count = 0;
        var previous = (Account: -1, Ticks: long.MinValue);
        foreach (var (account, at, value) in sorted)
        {
            // Two snapshots of an account at the same moment cannot come from one store (unique key); keep the first.
            if (previous == (account, at))
            {
                continue;
            }

            previous = (account, at);
            ticks[count] = at;
            followers[count] = value;
            offsets[account + 1]++;
            count++;
        }

        for (var i = 0; i < _accountIds.Count; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        return (offsets, ticks[..count], followers[..count]);
    }

    private static (int[] Offsets, int[] Items) Rows(List<(int Post, int Item)> pairs, int[] rank, int postCount)
    {
        var offsets = new int[postCount + 1];
        foreach (var (post, _) in pairs)
        {
            offsets[rank[post] + 1]++;
        }

        for (var i = 0; i < postCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var fill = offsets[..^1].ToArray();
        var items = new int[pairs.Count];
        foreach (var (post, item) in pairs)
        {
            items[fill[rank[post]]++] = item;
        }

        return (offsets, items);
    }

    private static T[] Permute<T>(List<T> source, int[] order)
    {
        var result = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = source[order[i]];
        }

        return result;
    }

    private static bool IsSorted(long[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
