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

        var languagePosts = new long[facts.Languages.Length];
        var languageAccounts = new HashSet<long>();
        var linkPosts = new Dictionary<int, long>();
        var linkAccounts = new HashSet<long>();
        var (postLink, siteOfLink, siteNames) = LinkFacts(facts);
        var sitePosts = new Dictionary<int, long>();
        var siteAccounts = new HashSet<long>();
        var sitesOfPost = new HashSet<int>();
        var coTagPosts = new Dictionary<int, long>();
        var coTagAccounts = new HashSet<long>();

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

            var language = facts.PostLanguage[p];
            languagePosts[language]++;
            languageAccounts.Add(((long)language << 32) | (uint)author);

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

            sitesOfPost.Clear();
            for (var i = facts.LinkOffsets[p]; i < facts.LinkOffsets[p + 1]; i++)
            {
                var link = facts.LinkItems[i];
                if (postLink[link])
                {
                    continue;
                }

                linkPosts[link] = linkPosts.GetValueOrDefault(link) + 1;
                linkAccounts.Add(((long)link << 32) | (uint)author);
                var site = siteOfLink[link];
                if (site >= 0 && sitesOfPost.Add(site))
                {
                    sitePosts[site] = sitePosts.GetValueOrDefault(site) + 1;
                    siteAccounts.Add(((long)site << 32) | (uint)author);
                }
            }

            for (var i = facts.CoTagOffsets[p]; i < facts.CoTagOffsets[p + 1]; i++)
            {
                var tag = facts.CoTagItems[i];
                coTagPosts[tag] = coTagPosts.GetValueOrDefault(tag) + 1;
                coTagAccounts.Add(((long)tag << 32) | (uint)author);
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
        var figures = new List<AccountFigures>();
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
                figures.Add(new AccountFigures(facts.AccountIds[a], posts[a], reposts[a], mentions[a], followers, accountImpressions, activity > 0));
            }
        }

        var totals = new HashtagTotals(originals + replies + quotes, originals, replies, quotes, repostTotal, participants, active, passive, likes, likers, impressions, noFollowerData);
        if (!timeline && top == 0)
        {
            return new WindowFigures(totals, [], [], null, [], [], [], [], [], [], []);
        }

        var linkAccountCounts = CountByKey(linkAccounts);
        var siteAccountCounts = CountByKey(siteAccounts);
        var coTagAccountCounts = CountByKey(coTagAccounts);
        var languageAccountCounts = CountByKey(languageAccounts);
        var (hours, days, peak) = timeline ? Timeline(from, to, zone, slotBase, slotPosts, slotReposts) : ([], [], null);
        return new WindowFigures(
            totals,
            hours,
            days,
            peak,
            [.. figures.Where(f => f.Posts > 0).OrderByDescending(f => f.Posts).ThenBy(f => f.AccountId).Take(top)],
            [.. figures.Where(f => f.MentionsReceived > 0).OrderByDescending(f => f.MentionsReceived).ThenBy(f => f.AccountId).Take(top)],
            [.. figures.Where(f => f.Impressions > 0).OrderByDescending(f => f.Impressions).ThenBy(f => f.AccountId).Take(top)],
            Top(linkPosts.Select(l => (facts.LinkUrls[l.Key], l.Value, linkAccountCounts.GetValueOrDefault(l.Key))), top),
            Top(sitePosts.Select(s => (siteNames[s.Key], s.Value, siteAccountCounts.GetValueOrDefault(s.Key))), top),
            Top(coTagPosts.Select(t => (facts.CoTagNames[t.Key], t.Value, coTagAccountCounts.GetValueOrDefault(t.Key))), top),
            Top(languagePosts.Select((count, i) => (facts.Languages[i].Length == 0 ? "unknown" : facts.Languages[i], count, languageAccountCounts.GetValueOrDefault(i))).Where(l => l.count > 0), int.MaxValue));
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
    private static (bool[] PostLink, int[] Site, List<string> Sites) LinkFacts(HashtagFacts facts)
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

    /// <summary>Distinct accounts per key, from (key &lt;&lt; 32 | account) pairs.</summary>
    private static Dictionary<int, long> CountByKey(HashSet<long> pairs)
    {
        var counts = new Dictionary<int, long>();
        foreach (var pair in pairs)
        {
            var key = (int)(pair >> 32);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
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
