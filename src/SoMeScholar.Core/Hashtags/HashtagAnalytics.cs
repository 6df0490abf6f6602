using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Hashtag and conference reports over the archive (capability 3). Reads the facts once per report from the
/// stored day segments (<see cref="HashtagSegmentStore"/>, which builds missing or outdated days with
/// <see cref="HashtagFactsLoader"/>) and computes every figure with <see cref="HashtagCalculator"/>; identical
/// requests within a short time share one computation (<see cref="HashtagReportCache"/>).
/// </summary>
public sealed class HashtagAnalytics(ScholarDb db, TimeProvider clock, HashtagReportCache cache)
{
    /// <summary>The report of a tag set in a window, with the preceding window of equal length for comparison.</summary>
    public Task<HashtagReport> ReportAsync(HashtagQuery query, CancellationToken cancellationToken = default) =>
        cache.GetOrAddAsync(CacheKey(query), async () =>
        {
            var facts = await new HashtagSegmentStore(db).LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken);
            return await ReportAsync(facts, query, facts.AllTags, cancellationToken);
        });

    /// <summary>The conference report of an event: before, during and after, each session, and the most discussed sessions.</summary>
    public async Task<EventReport?> EventReportAsync(long eventId, int top = 10, CancellationToken cancellationToken = default)
    {
        var item = await db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        return item is null ? null : await EventReportAsync(item, top, cancellationToken);
    }

    public Task<EventReport> EventReportAsync(HashtagEvent item, int top = 10, CancellationToken cancellationToken = default)
    {
        var windows = EventWindows.Of(item);
        var eventTags = item.Hashtags.Select(h => h.Tag).ToList();
        if (eventTags.Count == 0)
        {
            throw new HashtagQueryException($"The event '{item.Name}' has no hashtags.");
        }

        var sessionTags = item.Sessions.Where(s => s.Hashtag is { Length: > 0 }).Select(s => s.Hashtag!).ToList();
        var query = HashtagQuery.Create(eventTags, windows.DuringFrom, windows.DuringTo, item.TimeZone, top);
        var key = $"event:{item.Id}:{top}:{string.Join(',', eventTags)}:{string.Join(',', item.Sessions.Select(s => $"{s.Id}/{s.StartsAt.Ticks}/{s.EndsAt.Ticks}/{s.Hashtag}"))}:{windows.From.Ticks}:{windows.To.Ticks}";
        return cache.GetOrAddAsync(key, async () =>
        {
            var allTags = eventTags.Concat(sessionTags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(64).ToList();
            var from = new[] { windows.From, query.PreviousFrom }.Min();
            var facts = await new HashtagSegmentStore(db).LoadAsync(allTags, from, windows.To, cancellationToken);
            var eventMask = facts.MaskOf(eventTags);
            var during = await ReportAsync(facts, query, eventMask, cancellationToken);
            var before = HashtagCalculator.Totals(facts, windows.From, windows.DuringFrom, eventMask);
            var after = HashtagCalculator.Totals(facts, windows.DuringTo, windows.To, eventMask);
            var sessions = item.Sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Room, StringComparer.Ordinal).ThenBy(s => s.Id).Select(session =>
            {
                var sessionMask = session.Hashtag is { Length: > 0 } tag ? facts.MaskOf([tag]) : 0UL;
                var totals = HashtagCalculator.Totals(facts, session.StartsAt, session.EndsAt, eventMask | sessionMask);
                var tagged = sessionMask == 0 ? HashtagTotals.Empty : HashtagCalculator.Totals(facts, windows.From, windows.To, sessionMask);
                var taggedInSlot = sessionMask == 0 ? HashtagTotals.Empty : HashtagCalculator.Totals(facts, session.StartsAt, session.EndsAt, sessionMask);
                var outside = tagged.Posts - taggedInSlot.Posts;
                return new SessionFigures(session.Id, session.Title, session.Room, session.Speakers, session.Hashtag, session.StartsAt, session.EndsAt, totals, outside, totals.Posts + outside);
            }).ToList();
            var mostDiscussed = sessions.Where(s => s.Discussion > 0).OrderByDescending(s => s.Discussion).ThenByDescending(s => s.Totals.Participants).ThenBy(s => s.StartsAt).Take(5).ToList();
            return new EventReport(
                item.Id, item.Name, item.Slug, item.TimeZone, item.StartDate, item.EndDate, eventTags, windows,
                new EventSplit(before, during.Totals, after), during, sessions, mostDiscussed);
        });
    }

    private async Task<HashtagReport> ReportAsync(HashtagFacts facts, HashtagQuery query, ulong mask, CancellationToken cancellationToken)
    {
        // The preceding window's totals on the other core.
        var previousTask = Task.Run(() => HashtagCalculator.Totals(facts, query.PreviousFrom, query.From, mask), cancellationToken);
        var figures = HashtagCalculator.Compute(facts, query.From, query.To, mask, query.Zone, query.Top);
        var previous = await previousTask;
        var accountIds = figures.TopByPosts.Concat(figures.TopByMentions).Concat(figures.TopByImpressions).Select(a => a.AccountId).Distinct().ToList();
        var labels = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Handle, a.DisplayName, a.ExternalId, a.Platform })
            .ToDictionaryAsync(a => a.Id, cancellationToken);

        AccountRank Rank(AccountFigures f)
        {
            var label = labels.GetValueOrDefault(f.AccountId);
            return new AccountRank(f.AccountId, label?.Handle ?? label?.DisplayName ?? label?.ExternalId ?? f.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                label?.DisplayName, label?.Platform ?? default, f.Posts, f.Reposts, f.MentionsReceived, f.Followers, f.Impressions, f.Participated);
        }

        return new HashtagReport
        {
            Tags = query.Tags,
            From = query.From,
            To = query.To,
            TimeZone = query.TimeZone,
            Totals = figures.Totals,
            Previous = previous,
            PreviousFrom = query.PreviousFrom,
            Changes = HashtagCalculator.Changes(figures.Totals, previous),
            PeakHour = figures.PeakHour,
            Hours = figures.Hours,
            Days = figures.Days,
            TopByPosts = [.. figures.TopByPosts.Select(Rank)],
            TopByMentions = [.. figures.TopByMentions.Select(Rank)],
            TopByImpressions = [.. figures.TopByImpressions.Select(Rank)],
            TopLinks = figures.TopLinks,
            TopSites = figures.TopSites,
            CoHashtags = figures.CoHashtags,
            Languages = figures.Languages,
            Version = SchemaMigrator.AppVersion,
            ComputedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    private static string CacheKey(HashtagQuery query) =>
        $"tags:{string.Join(',', query.Tags)}:{query.From.Ticks}:{query.To.Ticks}:{query.TimeZone}:{query.Top}";
}

/// <summary>The windows of an event report, all UTC: before [From, DuringFrom), during [DuringFrom, DuringTo), after [DuringTo, To).</summary>
public sealed record EventWindows(DateTime From, DateTime DuringFrom, DateTime DuringTo, DateTime To)
{
    /// <summary>During runs from the first day's local midnight to the local midnight after the last day.</summary>
    public static EventWindows Of(HashtagEvent item)
    {
        var zone = HashtagQuery.FindZone(item.TimeZone);
        var duringFrom = LocalMidnight(item.StartDate, zone);
        var duringTo = LocalMidnight(item.EndDate.AddDays(1), zone);
        return new EventWindows(
            LocalMidnight(item.StartDate.AddDays(-Math.Max(0, item.DaysBefore)), zone),
            duringFrom,
            duringTo,
            LocalMidnight(item.EndDate.AddDays(1 + Math.Max(0, item.DaysAfter)), zone));
    }

    /// <summary>The first instant of a local date (where midnight is skipped by a clock change, the first hour that exists).</summary>
    public static DateTime LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

public sealed record EventSplit(HashtagTotals Before, HashtagTotals During, HashtagTotals After);

/// <summary>
/// A session's figures: <see cref="Totals"/> over the event's hashtags and the session's own hashtag in the session's
/// slot; <see cref="TaggedOutsideSlot"/> counts posts with the session's hashtag made outside the slot during the
/// event span; <see cref="Discussion"/> is the sum of both, and ranks the most discussed sessions.
/// </summary>
public sealed record SessionFigures(long SessionId, string Title, string? Room, string? Speakers, string? Hashtag, DateTime StartsAt, DateTime EndsAt, HashtagTotals Totals, long TaggedOutsideSlot, long Discussion);

public sealed record EventReport(
    long EventId,
    string Name,
    string Slug,
    string TimeZone,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<string> Tags,
    EventWindows Windows,
    EventSplit Split,
    HashtagReport During,
    IReadOnlyList<SessionFigures> Sessions,
    IReadOnlyList<SessionFigures> MostDiscussed);
