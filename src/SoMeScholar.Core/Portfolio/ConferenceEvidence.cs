using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Conference participation (capability 3's events): every event in the Hashtags section (name, hashtags, days, time
/// zone) whose hashtags the person's accounts posted with in the event's report window (its days before, the event's
/// local days, its days after: <see cref="EventWindows"/>). The figures are the Hashtags capability's own, computed by
/// <see cref="HashtagCalculator"/> over the event's <see cref="HashtagFacts"/> and summed over the person's accounts:
/// posts (originals, replies, quotes), reposts, mentions received, and impressions (activity × followers in the
/// account's snapshot nearest the window's end), for the whole window and for the event's days.
/// <para>
/// Fallback, labelled as such on every item it makes: a hashtag the person posted with that ends in a two- or
/// four-digit year (#SMACC19, #ICRE2014) and that no registered event lists is shown as an <em>inferred</em>
/// conference hashtag, over the UTC days the person used it, with the same calculator; an organiser registering the
/// event replaces the inference with the event's own days and time zone.
/// </para>
/// </summary>
public sealed partial class ConferenceEvidence(ScholarDb db) : IPortfolioSource
{
    public const string InferredNote = "Inferred: no event in the Hashtags section lists this hashtag; it is taken for a conference because it ends in a year. Figures cover the UTC days the person used it.";

    public PortfolioSection Section => PortfolioSection.Conferences;
    public string Title => "Conference participation";
    public string Description => "Events (Hashtags section) where the person posted with the event's hashtags, with their posts and the impressions those posts made, as the event reports count them.";

    [GeneratedRegex("^[a-z][a-z_]*[a-z_](?:[0-9]{2}|(?:19|20)[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ConferenceTag();

    /// <summary>The fallback's rule: a hashtag that ends in a two- or four-digit year.</summary>
    public static bool IsConferenceTag(string tag) => ConferenceTag().IsMatch(PostHashtag.Normalize(tag));

    private sealed record TaggedPost(string Tag, long PostId, long AuthorId, DateTime CreatedAt, PostKind Kind, Platform Platform);

    private sealed record PersonFigures(long Posts, long Reposts, long Mentions, long Impressions, int AccountsWithoutFollowers);

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var accountIds = subject.AccountIds.ToList();
        var rows = accountIds.Count == 0
            ? []
            : await db.PostHashtags.AsNoTracking()
                .Where(h => accountIds.Contains(h.AuthorId) && !h.Post!.IsDeleted)
                .Select(h => new TaggedPost(h.Tag, h.PostId, h.AuthorId, h.CreatedAt, h.Post!.Kind, h.Post.Platform))
                .ToListAsync(cancellationToken);
        var items = new List<EvidenceItem>();
        if (rows.Count > 0)
        {
            var used = rows.Select(r => r.Tag).Distinct().ToList();
            var events = await db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags)
                .Where(e => e.Hashtags.Any(h => used.Contains(h.Tag))).OrderBy(e => e.StartDate).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            foreach (var item in events)
            {
                if (await EventItemAsync(item, rows, accountIds, subject, cancellationToken) is { } evidence)
                {
                    items.Add(evidence);
                }
            }

            var registered = events.SelectMany(e => e.Hashtags.Select(h => h.Tag)).ToHashSet(StringComparer.Ordinal);
            foreach (var group in rows.Where(r => !registered.Contains(r.Tag) && IsConferenceTag(r.Tag) && subject.InPeriod(r.CreatedAt)).GroupBy(r => r.Tag).OrderBy(g => g.Min(r => r.CreatedAt)))
            {
                items.Add(await InferredItemAsync(group.Key, [.. group], accountIds, subject, cancellationToken));
            }
        }

        items.Sort((a, b) => Nullable.Compare(a.Date, b.Date) is var c and not 0 ? c : string.CompareOrdinal(a.Key, b.Key));
        var total = new Provenance("sum over the conferences listed", $"{items.Count} conferences ({items.Count(i => i.Key.StartsWith("hashtag:", StringComparison.Ordinal))} inferred from hashtags)", "/Hashtags", subject.Now);
        return new SourceResult(items,
        [
            Figure.Count("conferences", "Conferences", items.Count, total),
            Figure.Count("posts", "Conference posts", (long)items.Sum(i => i.FigureValue("posts")), total),
            Figure.Count("impressions", "Conference impressions", (long)items.Sum(i => i.FigureValue("impressions")), total),
        ]);
    }

    private async Task<EvidenceItem?> EventItemAsync(HashtagEvent item, List<TaggedPost> rows, List<long> accountIds, PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var windows = EventWindows.Of(item);
        var tags = item.Hashtags.Select(h => h.Tag).Order(StringComparer.Ordinal).ToList();
        var mine = rows.Where(r => tags.Contains(r.Tag) && r.CreatedAt >= windows.From && r.CreatedAt < windows.To).ToList();
        if (mine.Count == 0 || !subject.InPeriod(windows.DuringFrom))
        {
            return null;
        }

        var facts = await new HashtagFactsLoader(db).LoadAsync(tags, windows.From, windows.To, cancellationToken);
        var mask = facts.MaskOf(tags);
        var whole = Figures(facts, windows.From, windows.To, mask, accountIds);
        var during = Figures(facts, windows.DuringFrom, windows.DuringTo, mask, accountIds);
        var link = "/Hashtags/Events/" + Uri.EscapeDataString(item.Slug);
        var hashtags = string.Join(", ", tags.Select(t => "#" + t));
        var span = string.Create(CultureInfo.InvariantCulture, $"{item.StartDate:yyyy-MM-dd} to {item.EndDate:yyyy-MM-dd} ({item.TimeZone})");
        var windowText = string.Create(CultureInfo.InvariantCulture, $"{windows.From:yyyy-MM-dd HH:mm} to {windows.To:yyyy-MM-dd HH:mm} UTC");
        var wholeSource = new Provenance("Hashtags event report: the person's accounts' posts with the event's hashtags (HashtagCalculator)", $"event \u201c{item.Name}\u201d, {hashtags}, report window {windowText}", link, subject.Now);
        var duringSource = new Provenance("Hashtags event report, event days (HashtagCalculator)", $"event \u201c{item.Name}\u201d, {hashtags}, {span}", link, subject.Now);
        var reach = new Provenance("Hashtags event report: activity × followers in the snapshot nearest the window's end (HashtagCalculator)", $"event \u201c{item.Name}\u201d, {hashtags}, report window {windowText}, follower snapshots of {mine.Select(r => r.AuthorId).Distinct().Count()} accounts", link, subject.Now);
        var details = new List<Detail>
        {
            new("Event", $"{item.Name}, {span}"),
            new("Hashtags", hashtags),
            new("Platforms", Platforms(mine)),
        };
        if (item.IsSynthetic)
        {
            details.Add(new Detail("Event record", "synthetic (demo community)"));
        }

        if (whole.AccountsWithoutFollowers > 0)
        {
            details.Add(new Detail("Impressions", $"{whole.AccountsWithoutFollowers} of the person's accounts have no follower snapshot: their impressions are not counted"));
        }

        return new EvidenceItem(
            "event:" + item.Slug,
            PortfolioSection.Conferences,
            "event",
            item.Name,
            link,
            windows.DuringFrom,
            string.Create(CultureInfo.InvariantCulture, $"{whole.Posts} posts ({during.Posts} during the event's days) and {whole.Reposts} reposts with {hashtags}, {span}."),
            [
                Figure.Count("posts", "Posts", whole.Posts, wholeSource),
                Figure.Count("postsDuring", "Posts during the event's days", during.Posts, duringSource),
                Figure.Count("reposts", "Reposts", whole.Reposts, wholeSource),
                Figure.Count("mentions", "Mentions received", whole.Mentions, wholeSource),
                Figure.Count("impressions", "Impressions", whole.Impressions, reach),
            ],
            details,
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["postsByPlatform"] = ByPlatform(mine) });
    }

    private async Task<EvidenceItem> InferredItemAsync(string tag, List<TaggedPost> mine, List<long> accountIds, PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var from = mine.Min(r => r.CreatedAt).Date;
        var to = mine.Max(r => r.CreatedAt).Date.AddDays(1);
        var facts = await new HashtagFactsLoader(db).LoadAsync([tag], from, to, cancellationToken);
        var figures = Figures(facts, from, to, facts.MaskOf([tag]), accountIds);
        var link = $"/Hashtags?tags={Uri.EscapeDataString(tag)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var days = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd} UTC");
        var source = new Provenance("inferred conference hashtag: the person's accounts' posts with it (HashtagCalculator)", $"#{tag}, {days}", link, subject.Now);
        var reach = new Provenance("inferred conference hashtag: activity × followers in the snapshot nearest the window's end (HashtagCalculator)", $"#{tag}, {days}, follower snapshots of {mine.Select(r => r.AuthorId).Distinct().Count()} accounts", link, subject.Now);
        return new EvidenceItem(
            "hashtag:" + tag,
            PortfolioSection.Conferences,
            "event",
            $"#{tag} (inferred conference hashtag, not a registered event)",
            link,
            from,
            string.Create(CultureInfo.InvariantCulture, $"{figures.Posts} posts and {figures.Reposts} reposts with #{tag}, {days}. {InferredNote}"),
            [
                Figure.Count("posts", "Posts", figures.Posts, source),
                Figure.Count("reposts", "Reposts", figures.Reposts, source),
                Figure.Count("mentions", "Mentions received", figures.Mentions, source),
                Figure.Count("impressions", "Impressions", figures.Impressions, reach),
            ],
            [new Detail("Source", InferredNote), new Detail("Hashtags", "#" + tag), new Detail("Platforms", Platforms(mine))],
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["postsByPlatform"] = ByPlatform(mine) });
    }

    /// <summary>
    /// The person's accounts' figures in a window, as <see cref="HashtagCalculator.Compute"/> gives them per account (every
    /// account with posts, mentions or impressions is in one of its lists when the lists are not cut).
    /// </summary>
    private static PersonFigures Figures(HashtagFacts facts, DateTime from, DateTime to, ulong mask, List<long> accountIds)
    {
        var window = HashtagCalculator.Compute(facts, from, to, mask, TimeZoneInfo.Utc, int.MaxValue, timeline: false);
        var mine = window.TopByPosts.Concat(window.TopByMentions).Concat(window.TopByImpressions)
            .Where(a => accountIds.Contains(a.AccountId)).DistinctBy(a => a.AccountId).ToList();
        return new PersonFigures(
            mine.Sum(a => a.Posts),
            mine.Sum(a => a.Reposts),
            mine.Sum(a => a.MentionsReceived),
            mine.Sum(a => a.Impressions),
            mine.Count(a => a.Participated && a.Followers is null));
    }

    private static Dictionary<string, double> ByPlatform(List<TaggedPost> posts) =>
        posts.Where(r => r.Kind != PostKind.Repost).DistinctBy(r => r.PostId).GroupBy(r => r.Platform.ToString()).ToDictionary(g => g.Key, g => (double)g.Count());

    private static string Platforms(List<TaggedPost> posts) =>
        string.Join(", ", posts.Select(r => r.Platform.ToString()).Distinct().Order(StringComparer.Ordinal));
}
