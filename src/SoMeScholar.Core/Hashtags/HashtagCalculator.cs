using System.Globalization;

namespace SoMeScholar.Core.Hashtags;

/// <summary>An account's figures in one window, by its dense index in the facts (labels are looked up afterwards).</summary>
public sealed record AccountFigures(long AccountId, long Posts, long Reposts, long MentionsReceived, long? Followers, long Impressions, bool Participated);

/// <summary>Every figure of one window, before account labels are attached.</summary>
public sealed record WindowFigures(
    HashtagTotals Totals,
    IReadOnlyList<TimelineBucket> Hours,
    IReadOnlyList<TimelineBucket> Days,
    TimelineBucket? PeakHour,
    IReadOnlyList<AccountFigures> TopByPosts,
    IReadOnlyList<AccountFigures> TopByMentions,
    IReadOnlyList<AccountFigures> TopByImpressions,
    IReadOnlyList<CountedItem> TopLinks,
    IReadOnlyList<CountedItem> TopSites,
    IReadOnlyList<CountedItem> CoHashtags,
    IReadOnlyList<CountedItem> Languages);

/// <summary>
/// The definitions of capability 3 (docs/hashtags.md), computed over <see cref="HashtagFacts"/> for a window
/// [from, to) and a subset of the tracked tags (a bit mask). Pure and deterministic: the same facts give the same
/// figures, and ties in top lists break by account id or key.
/// </summary>
public static class HashtagCalculator
{
    /// <summary>Hourly timelines are listed for windows up to this long; longer windows list days only (the peak hour is still found).</summary>
    public static readonly TimeSpan MaxHourlyWindow = TimeSpan.FromDays(93);

    private const long SlotTicks = 15 * TimeSpan.TicksPerMinute;

    /// <summary>The headline figures only (for preceding windows and event splits).</summary>
    public static HashtagTotals Totals(HashtagFacts facts, DateTime from, DateTime to, ulong mask) =>
        Compute(facts, from, to, mask, TimeZoneInfo.Utc, 0, timeline: false).Totals;

    public static WindowFigures Compute(HashtagFacts facts, DateTime from, DateTime to, ulong mask, TimeZoneInfo zone, int top, bool timeline = true)
    {
        var accounts = facts.AccountIds.Length;
        var posts = new int[accounts];
        var reposts = new int[accounts];
        var mentions = new int[accounts];
        var liked = new bool[accounts];
        long originals = 0, replies = 0, quotes = 0, repostTotal = 0, likes = 0, likers = 0;

        var slotBase = from.Ticks / SlotTicks;
        var slotCount = timeline ? (int)(((to.Ticks - 1) / SlotTicks) - slotBase + 1) : 0;
        var slotPosts = new long[slotCount];
        var slotReposts = new long[slotCount];

        // The totals of a preceding window or an event split need none of the lists below.
        var detail = timeline || top > 0;
        var languagePosts = new long[facts.Languages.Length];
        var languageAccounts = new AccountSets(detail ? facts.Languages.Length : 0, accounts);
        var (postLink, siteOfLink, siteNames) = detail ? facts.LinkFacts : ([], [], []);
        var linkPosts = new long[detail ? facts.LinkUrls.Length : 0];
        var linkAccounts = new AccountSets(linkPosts.Length, accounts);
        var sitePosts = new long[detail ? siteNames.Count : 0];
        var siteAccounts = new AccountSets(sitePosts.Length, accounts);
        var sitesOfPost = new HashSet<int>();
        var coTagPosts = new long[detail ? facts.CoTagNames.Length : 0];
        var coTagAccounts = new AccountSets(coTagPosts.Length, accounts);

        var (start, end) = facts.PostRange(from.Ticks, to.Ticks);
        for (var p = start; p < end; p++)
        {
            if ((facts.PostTags[p] & mask) == 0)
            {
                continue;
            }

            var author = facts.PostAuthor[p];
            if (facts.PostKind[p] == HashtagFactsBuilder.RepostWithOwnTags)
            {
                // A repost whose original the archive does not know (an X archive's "RT @…" with the tag in its text).
                reposts[author]++;
                repostTotal++;
                if (timeline)
                {
                    slotReposts[(facts.PostTicks[p] / SlotTicks) - slotBase]++;
                }

                continue;
            }

            posts[author]++;
            switch (facts.PostKind[p])
            {
                case HashtagFactsBuilder.Reply:
                    replies++;
                    break;
                case HashtagFactsBuilder.Quote:
                    quotes++;
                    break;
                default:
                    originals++;
                    break;
            }

            if (timeline)
            {
                slotPosts[(facts.PostTicks[p] / SlotTicks) - slotBase]++;
            }

            for (var i = facts.MentionOffsets[p]; i < facts.MentionOffsets[p + 1]; i++)
            {
                mentions[facts.MentionTargets[i]]++;
            }

            for (var i = facts.LikeOffsets[p]; i < facts.LikeOffsets[p + 1]; i++)
            {
                likes++;
                var liker = facts.Likers[i];
                if (!liked[liker])
                {
                    liked[liker] = true;
                    likers++;
                }
            }

            if (!detail)
            {
                continue;
            }

            var language = facts.PostLanguage[p];
            languagePosts[language]++;
            languageAccounts.Add(language, author);

            sitesOfPost.Clear();
            for (var i = facts.LinkOffsets[p]; i < facts.LinkOffsets[p + 1]; i++)
            {
                var link = facts.LinkItems[i];
                if (postLink[link])
                {
                    continue;
                }

                linkPosts[link]++;
                linkAccounts.Add(link, author);
                var site = siteOfLink[link];
                if (site >= 0 && sitesOfPost.Add(site))
                {
                    sitePosts[site]++;
                    siteAccounts.Add(site, author);
                }
            }

            for (var i = facts.CoTagOffsets[p]; i < facts.CoTagOffsets[p + 1]; i++)
            {
                var tag = facts.CoTagItems[i];
                coTagPosts[tag]++;
                coTagAccounts.Add(tag, author);
            }
        }

        var (repostStart, repostEnd) = facts.RepostRange(from.Ticks, to.Ticks);
        for (var r = repostStart; r < repostEnd; r++)
        {
            if ((facts.RepostTags[r] & mask) == 0)
            {
                continue;
            }

            reposts[facts.RepostAuthor[r]]++;
            repostTotal++;
            if (timeline)
            {
                slotReposts[(facts.RepostTicks[r] / SlotTicks) - slotBase]++;
            }
        }

        long participants = 0, active = 0, passive = 0, impressions = 0, noFollowerData = 0;
        var accountImpressionsOf = new long[top > 0 ? accounts : 0];
        for (var a = 0; a < accounts; a++)
        {
            var activity = posts[a] + reposts[a];
            if (activity == 0 && mentions[a] == 0)
            {
                continue;
            }

            long? followers = null;
            long accountImpressions = 0;
            if (activity > 0)
            {
                participants++;
                if (posts[a] > 0)
                {
                    active++;
                }
                else
                {
                    passive++;
                }

                followers = facts.FollowersNear(a, to.Ticks);
                if (followers is { } known)
                {
                    accountImpressions = activity * known;
                    impressions += accountImpressions;
                }
                else
                {
                    noFollowerData++;
                }
            }

            if (top > 0)
            {
                accountImpressionsOf[a] = accountImpressions;
            }
        }

        AccountFigures Figures(int a)
        {
            var activity = posts[a] + reposts[a];
            return new AccountFigures(facts.AccountIds[a], posts[a], reposts[a], mentions[a], activity > 0 ? facts.FollowersNear(a, to.Ticks) : null, top > 0 ? accountImpressionsOf[a] : 0, activity > 0);
        }

        var totals = new HashtagTotals(originals + replies + quotes, originals, replies, quotes, repostTotal, participants, active, passive, likes, likers, impressions, noFollowerData);
        if (!timeline && top == 0)
        {
            return new WindowFigures(totals, [], [], null, [], [], [], [], [], [], []);
        }

        var languageAccountCounts = languageAccounts.Counts;
        var (hours, days, peak) = timeline ? Timeline(from, to, zone, slotBase, slotPosts, slotReposts) : ([], [], null);
        return new WindowFigures(
            totals,
            hours,
            days,
            peak,
            [.. TopAccounts(a => posts[a], facts.AccountIds, top).Select(Figures)],
            [.. TopAccounts(a => mentions[a], facts.AccountIds, top).Select(Figures)],
            [.. TopAccounts(a => accountImpressionsOf[a], facts.AccountIds, top).Select(Figures)],
            Top(linkPosts.Select((count, i) => (facts.LinkUrls[i], count, linkAccounts.Counts[i])).Where(l => l.count > 0), top),
            Top(sitePosts.Select((count, i) => (siteNames[i], count, siteAccounts.Counts[i])).Where(l => l.count > 0), top),
            Top(coTagPosts.Select((count, i) => (facts.CoTagNames[i], count, coTagAccounts.Counts[i])).Where(l => l.count > 0), top),
            Top(languagePosts.Select((count, i) => (facts.Languages[i].Length == 0 ? "unknown" : facts.Languages[i], count, languageAccountCounts[i])).Where(l => l.count > 0), int.MaxValue));
    }

    /// <summary>Each figure against the preceding window: difference and percentage (null when the previous value is 0).</summary>
    public static IReadOnlyList<FigureChange> Changes(HashtagTotals current, HashtagTotals previous) =>
        current.Named().Zip(previous.Named(), (c, p) => new FigureChange(
            c.Name, c.Value, p.Value, c.Value - p.Value,
            p.Value == 0 ? null : Math.Round((c.Value - p.Value) * 100.0 / p.Value, 1))).ToList();

    /// <summary>
    /// Links to posts on the networks themselves are conversation, not shared resources (Symplur's "articles" leave
    /// out links to tweets): Bluesky post URLs, X/Twitter status URLs and Mastodon status URLs.
    /// </summary>
    public static bool IsPostLink(string url)
    {
        // Every post link's path has one of these (Uri only unescapes or turns '\' into '/' when '%' or '\' is present).
        if (!url.Contains('%', StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && !url.Contains("/post/", StringComparison.Ordinal) && !url.Contains("/status/", StringComparison.Ordinal)
            && !url.Contains("/@", StringComparison.Ordinal) && !url.Contains("/users/", StringComparison.Ordinal))
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath;
        if (host is "bsky.app" or "staging.bsky.app" && path.Contains("/post/", StringComparison.Ordinal))
        {
            return true;
        }

        if (host is "twitter.com" or "www.twitter.com" or "mobile.twitter.com" or "x.com" or "www.x.com" && path.Contains("/status/", StringComparison.Ordinal))
        {
            return true;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Mastodon: /@user/123456 and /users/user/statuses/123456.
        return (segments.Length == 2 && segments[0].StartsWith('@') && IsDigits(segments[1]))
            || (segments.Length == 4 && segments[0] == "users" && segments[2] == "statuses" && IsDigits(segments[3]));
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>Per link: whether it points at a post, and its site (domain) index; and the site names.</summary>
    internal static (bool[] PostLink, int[] Site, List<string> Sites) LinkFacts(HashtagFacts facts)
    {
        var flags = new bool[facts.LinkUrls.Length];
        var site = new int[facts.LinkUrls.Length];
        var sites = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = IsPostLink(facts.LinkUrls[i]);
            var domain = facts.LinkDomains[i];
            if (domain.Length == 0)
            {
                site[i] = -1;
                continue;
            }

            if (!index.TryGetValue(domain, out var s))
            {
                s = sites.Count;
                index[domain] = s;
                sites.Add(domain);
            }

            site[i] = s;
        }

        return (flags, site, sites);
    }

    /// <summary>The accounts with the largest positive value (ties: lower account id first), at most <paramref name="top"/>, best first.</summary>
    private static List<int> TopAccounts(Func<int, long> value, long[] accountIds, int top)
    {
        if (top <= 0)
        {
            return [];
        }

        // A min-heap of the best so far: its head is the worst kept (smallest value; on a tie, the larger id).
        var heap = new PriorityQueue<int, (long Value, long NegatedId)>();
        for (var a = 0; a < accountIds.Length; a++)
        {
            var v = value(a);
            if (v <= 0)
            {
                continue;
            }

            var key = (v, -accountIds[a]);
            if (heap.Count < top)
            {
                heap.Enqueue(a, key);
            }
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0)
            {
                heap.EnqueueDequeue(a, key);
            }
        }

        var best = new List<int>(heap.Count);
        while (heap.TryDequeue(out var a, out _))
        {
            best.Add(a);
        }

        best.Reverse();
        return best;
    }

    private static List<CountedItem> Top(IEnumerable<(string Key, long Posts, long Accounts)> items, int top) =>
        [.. items.OrderByDescending(i => i.Posts).ThenByDescending(i => i.Accounts).ThenBy(i => i.Key, StringComparer.Ordinal).Take(top).Select(i => new CountedItem(i.Key, i.Posts, i.Accounts))];

    private static (List<TimelineBucket> Hours, List<TimelineBucket> Days, TimelineBucket? Peak) Timeline(
        DateTime from, DateTime to, TimeZoneInfo zone, long slotBase, long[] slotPosts, long[] slotReposts)
    {
        // Every UTC offset in use is a multiple of 15 minutes, so each 15-minute UTC slot lies inside one local hour.
        var hours = new List<TimelineBucket>();
        var days = new List<TimelineBucket>();
        DateTimeOffset? hourKey = null;
        DateOnly? dayKey = null;
        DateTimeOffset dayStart = default;
        long hourPosts = 0, hourReposts = 0, dayPosts = 0, dayReposts = 0;
        TimelineBucket? peak = null;
        var listHours = to - from <= MaxHourlyWindow;

        void CloseHour()
        {
            if (hourKey is not { } key)
            {
                return;
            }

            var label = key.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture);
            if (zone.IsAmbiguousTime(key.DateTime))
            {
                label += key.ToString(" zzz", CultureInfo.InvariantCulture);
            }

            var bucket = new TimelineBucket(key, label, hourPosts, hourReposts);
            if (listHours)
            {
                hours.Add(bucket);
            }

            if (hourPosts > 0 && (peak is null || hourPosts > peak.Posts))
            {
                peak = bucket;
            }
        }

        void CloseDay()
        {
            if (dayKey is { } key)
            {
                days.Add(new TimelineBucket(dayStart, key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dayPosts, dayReposts));
            }
        }

        for (var slot = 0; slot < slotPosts.Length; slot++)
        {
            var utc = new DateTime((slotBase + slot) * SlotTicks, DateTimeKind.Utc);
            var offset = zone.GetUtcOffset(utc);
            var local = utc + offset;
            var hour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, offset);
            if (hourKey != hour || hourKey?.Offset != offset)
            {
                CloseHour();
                hourKey = hour;
                hourPosts = hourReposts = 0;
            }

            var day = DateOnly.FromDateTime(local);
            if (dayKey != day)
            {
                CloseDay();
                dayKey = day;
                dayStart = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, offset);
                dayPosts = dayReposts = 0;
            }

            hourPosts += slotPosts[slot];
            hourReposts += slotReposts[slot];
            dayPosts += slotPosts[slot];
            dayReposts += slotReposts[slot];
        }

        CloseHour();
        CloseDay();
        return (hours, days, peak);
    }
}

/// <summary>
/// Distinct accounts per key (a language, link, site or other hashtag) and a count per key: one bit per key and
/// account when that fits in 32 MB, otherwise a set of (key, account) pairs.
/// </summary>
internal sealed class AccountSets(int keys, int accounts)
{
    private const long MaxBits = 1L << 28;

    private readonly ulong[]? _bits = (long)keys * accounts <= MaxBits ? new ulong[(((long)keys * accounts) + 63) / 64] : null;
    private readonly HashSet<long>? _pairs = (long)keys * accounts <= MaxBits ? null : [];

    public long[] Counts { get; } = new long[keys];

    public void Add(int key, int account)
    {
        var bit = ((long)key * accounts) + account;
        if (_bits is null)
        {
            if (_pairs!.Add(bit))
            {
                Counts[key]++;
            }

            return;
        }

        var mask = 1UL << (int)(bit & 63);
        ref var word = ref _bits[bit >> 6];
        if ((word & mask) == 0)
        {
            word |= mask;
            Counts[key]++;
        }
    }
}
