using System.Collections.Concurrent;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>IANA time zones: offsets at a moment, distance apart and shared working hours (08:00–20:00 local).</summary>
public static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the id names a time zone this machine knows (IANA ids such as Europe/London, or UTC).</summary>
    public static bool IsKnown(string? id) => Find(id) is not null;

    public static TimeZoneInfo? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : Cache.GetOrAdd(id.Trim(), key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : null);

    /// <summary>The zone's offset from UTC at a moment (daylight saving included), or null for an unknown zone.</summary>
    public static TimeSpan? Offset(string? id, DateTime atUtc) => Find(id)?.GetUtcOffset(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc));

    /// <summary>Hours between two offsets around the clock: 0 to 12.</summary>
    public static double HoursApart(TimeSpan a, TimeSpan b)
    {
        var d = Math.Abs((a - b).TotalHours) % 24;
        return Math.Min(d, 24 - d);
    }

    /// <summary>Hours both sides are within their 08:00–20:00 day: 12 minus the hours apart.</summary>
    public static double SharedWorkingHours(TimeSpan a, TimeSpan b) => Math.Max(0, 12 - HoursApart(a, b));
}

/// <summary>Language tags compared by their primary subtag ("en-GB" and "en" match).</summary>
public static class Languages
{
    public static string PrimaryOf(string tag)
    {
        var trimmed = tag.Trim();
        var dash = trimmed.IndexOfAny(['-', '_']);
        return (dash > 0 ? trimmed[..dash] : trimmed).ToLowerInvariant();
    }

    public static HashSet<string> Primary(IEnumerable<string> tags) => tags.Select(PrimaryOf).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>Splits "en, fr" or "en fr" into tags.</summary>
    public static IReadOnlyList<string> Split(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
}
