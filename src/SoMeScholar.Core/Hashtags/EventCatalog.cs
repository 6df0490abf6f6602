using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Hashtags;

/// <summary>What an organiser enters for an event. Hashtags: separated by spaces or commas, with or without '#'.</summary>
public sealed record EventInput(string Name, string? Description, DateOnly StartDate, DateOnly EndDate, string TimeZone, string Hashtags, int DaysBefore = 7, int DaysAfter = 7);

/// <summary>A session as entered: a local day and local start and end times in the event's time zone.</summary>
public sealed record SessionInput(string Title, string? Room, string? Speakers, DateOnly Day, TimeOnly Starts, TimeOnly Ends, string? Hashtag);

/// <summary>An event in a list.</summary>
public sealed record EventSummary(long Id, string Name, string Slug, DateOnly StartDate, DateOnly EndDate, string TimeZone, IReadOnlyList<string> Tags, int Sessions, bool IsSynthetic, bool WallRunning);

/// <summary>Conference events: their hashtags, days, time zone and sessions (the inputs of event reports and walls).</summary>
public sealed class EventCatalog(ScholarDb db, TimeProvider clock, HashtagReportCache cache)
{
    public async Task<IReadOnlyList<EventSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var events = await db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions).AsSplitQuery()
            .OrderByDescending(e => e.StartDate).ThenBy(e => e.Name).ToListAsync(cancellationToken);
        var running = await db.WallSettings.Where(w => w.IsRunning).Select(w => w.EventId).ToListAsync(cancellationToken);
        return [.. events.Select(e => new EventSummary(e.Id, e.Name, e.Slug, e.StartDate, e.EndDate, e.TimeZone, [.. e.Hashtags.Select(h => h.Tag).Order(StringComparer.Ordinal)], e.Sessions.Count, e.IsSynthetic, running.Contains(e.Id)))];
    }

    public Task<HashtagEvent?> FindAsync(string slug, CancellationToken cancellationToken = default) =>
        db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions).AsSplitQuery().FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken);

    public Task<HashtagEvent?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>Creates an event (and its wall, stopped, holding posts for approval). Throws <see cref="HashtagQueryException"/> on bad input.</summary>
    public async Task<HashtagEvent> CreateAsync(EventInput input, string actor, bool synthetic = false, CancellationToken cancellationToken = default)
    {
        var tags = Validate(input);
        var item = new HashtagEvent
        {
            Name = input.Name.Trim(),
            Slug = await UniqueSlugAsync(input.Name, null, cancellationToken),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            StartDate = input.StartDate,
            EndDate = input.EndDate,
            TimeZone = HashtagQuery.FindZone(input.TimeZone).Id,
            DaysBefore = input.DaysBefore,
            DaysAfter = input.DaysAfter,
            IsSynthetic = synthetic,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor,
        };
        item.Hashtags.AddRange(tags.Select(t => new EventHashtag { Tag = t }));
        db.HashtagEvents.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        db.WallSettings.Add(new WallSettings { EventId = item.Id, UpdatedAt = item.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        cache.Clear();
        return item;
    }

    public async Task<HashtagEvent?> UpdateAsync(long id, EventInput input, CancellationToken cancellationToken = default)
    {
        var tags = Validate(input);
        var item = await db.HashtagEvents.Include(e => e.Hashtags).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (item is null)
        {
            return null;
        }

        item.Name = input.Name.Trim();
        item.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        item.StartDate = input.StartDate;
        item.EndDate = input.EndDate;
        item.TimeZone = HashtagQuery.FindZone(input.TimeZone).Id;
        item.DaysBefore = input.DaysBefore;
        item.DaysAfter = input.DaysAfter;
        item.Hashtags.RemoveAll(h => !tags.Contains(h.Tag));
        item.Hashtags.AddRange(tags.Where(t => item.Hashtags.All(h => h.Tag != t)).Select(t => new EventHashtag { Tag = t }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        cache.Clear();
        return item;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        var deleted = await db.HashtagEvents.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        cache.Clear();
        return deleted;
    }

    public async Task<EventSession?> AddSessionAsync(long eventId, SessionInput input, CancellationToken cancellationToken = default)
    {
        var item = await db.HashtagEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (item is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            throw new HashtagQueryException("A session needs a title.");
        }

        if (input.Day < item.StartDate || input.Day > item.EndDate)
        {
            throw new HashtagQueryException($"The session's day must be one of the event's days ({item.StartDate:yyyy-MM-dd} to {item.EndDate:yyyy-MM-dd}).");
        }

        if (input.Ends <= input.Starts)
        {
            throw new HashtagQueryException("A session must end after it starts.");
        }

        var zone = HashtagQuery.FindZone(item.TimeZone);
        var session = new EventSession
        {
            EventId = eventId,
            Title = input.Title.Trim(),
            Room = string.IsNullOrWhiteSpace(input.Room) ? null : input.Room.Trim(),
            Speakers = string.IsNullOrWhiteSpace(input.Speakers) ? null : input.Speakers.Trim(),
            StartsAt = Utc(input.Day, input.Starts, zone),
            EndsAt = Utc(input.Day, input.Ends, zone),
            Hashtag = string.IsNullOrWhiteSpace(input.Hashtag) ? null : PostHashtag.Normalize(input.Hashtag),
        };
        db.EventSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        cache.Clear();
        return session;
    }

    public async Task<bool> RemoveSessionAsync(long eventId, long sessionId, CancellationToken cancellationToken = default)
    {
        var removed = await db.EventSessions.Where(s => s.Id == sessionId && s.EventId == eventId).ExecuteDeleteAsync(cancellationToken) > 0;
        cache.Clear();
        return removed;
    }

    /// <summary>A local time of the event's zone as UTC (a time skipped by a clock change moves forward to the next valid one).</summary>
    public static DateTime Utc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static string Slugify(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "event" : slug.Length > 100 ? slug[..100].Trim('-') : slug;
    }

    private static List<string> Validate(EventInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 256)
        {
            throw new HashtagQueryException("An event needs a name (up to 256 characters).");
        }

        if (input.EndDate < input.StartDate)
        {
            throw new HashtagQueryException("The event's last day cannot be before its first day.");
        }

        if (input.EndDate.DayNumber - input.StartDate.DayNumber > 60)
        {
            throw new HashtagQueryException("An event lasts at most 61 days.");
        }

        if (input.DaysBefore is < 0 or > 90 || input.DaysAfter is < 0 or > 90)
        {
            throw new HashtagQueryException("Days before and after are between 0 and 90.");
        }

        HashtagQuery.FindZone(input.TimeZone);
        var tags = input.Hashtags.Split([' ', ',', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(PostHashtag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return tags.Count is 0 or > HashtagQuery.MaxTags
            ? throw new HashtagQueryException($"Give the event 1 to {HashtagQuery.MaxTags} hashtags.")
            : tags;
    }

    private async Task<string> UniqueSlugAsync(string name, long? except, CancellationToken cancellationToken)
    {
        var slug = Slugify(name);
        for (var n = 2; await db.HashtagEvents.AnyAsync(e => e.Slug == slug && e.Id != except, cancellationToken); n++)
        {
            slug = $"{Slugify(name)}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return slug;
    }
}
