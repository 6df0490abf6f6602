using System.Globalization;
using SoMeScholar.Core.Archive;

namespace SoMeScholar.Core.Hashtags;

/// <summary>A bad hashtag query (no tags, an empty or inverted window, an unknown time zone): the message says which.</summary>
public sealed class HashtagQueryException(string message) : Exception(message);

/// <summary>
/// What a hashtag report covers: a set of hashtags (folded: no '#', lower case), the window [<see cref="From"/>,
/// <see cref="To"/>) in UTC, the time zone its timeline is drawn in, and how long the top lists are.
/// </summary>
public sealed record HashtagQuery
{
    public const int MaxTags = 48;

    private HashtagQuery(IReadOnlyList<string> tags, DateTime from, DateTime to, TimeZoneInfo zone, int top)
    {
        Tags = tags;
        From = from;
        To = to;
        Zone = zone;
        Top = top;
    }

    public IReadOnlyList<string> Tags { get; }
    public DateTime From { get; }
    public DateTime To { get; }
    public TimeZoneInfo Zone { get; }
    public string TimeZone => Zone.Id;
    public int Top { get; }

    public TimeSpan Length => To - From;

    /// <summary>The preceding window of equal length, [From − Length, From).</summary>
    public DateTime PreviousFrom => From - Length;

    /// <summary>Validates and folds the inputs. Times must be UTC (or unspecified, taken as UTC).</summary>
    public static HashtagQuery Create(IEnumerable<string> tags, DateTime from, DateTime to, string? timeZone = null, int top = 10)
    {
        var folded = tags.SelectMany(t => t.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(PostHashtag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (folded.Count == 0)
        {
            throw new HashtagQueryException("Give at least one hashtag (e.g. --tag MedEd).");
        }

        if (folded.Count > MaxTags)
        {
            throw new HashtagQueryException($"At most {MaxTags} hashtags per report ({folded.Count} given).");
        }

        var start = Utc(from);
        var end = Utc(to);
        if (end <= start)
        {
            throw new HashtagQueryException($"The window is empty: 'to' ({Iso(end)}) must be after 'from' ({Iso(start)}).");
        }

        if (end - start > TimeSpan.FromDays(3660))
        {
            throw new HashtagQueryException("The window is longer than ten years.");
        }

        return new HashtagQuery(folded, start, end, FindZone(timeZone), Math.Clamp(top, 1, 1000));
    }

    public HashtagQuery WithWindow(DateTime from, DateTime to) => Create(Tags, from, to, TimeZone, Top);

    /// <summary>An IANA (or Windows) time zone id; UTC when empty.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Trim() is "UTC" or "utc" or "Z")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new HashtagQueryException($"Unknown time zone '{id}': use an IANA name such as America/Toronto or Europe/Paris.");
        }
    }

    /// <summary>Parses an ISO 8601 date or date-time: a bare date is midnight UTC; an offset is honoured.</summary>
    public static DateTime ParseTime(string text, string what)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        throw new HashtagQueryException($"'{text}' is not an ISO 8601 date or time ({what}); use e.g. 2026-10-14 or 2026-10-14T09:00:00Z.");
    }

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}
