namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// A conference or other event followed by its hashtags: its days are local calendar dates in <see cref="TimeZone"/>,
/// so "during" runs from the first day's local midnight to the midnight after the last day. Reports split the
/// event's posts into before (the <see cref="DaysBefore"/> days ahead), during, after (<see cref="DaysAfter"/> days)
/// and per session.
/// </summary>
public class HashtagEvent
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>URL-safe unique name (/Hashtags/Events/{slug}).</summary>
    public required string Slug { get; set; }

    public string? Description { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    /// <summary>IANA time zone id, e.g. America/Toronto. Timelines and the event's days use it.</summary>
    public required string TimeZone { get; set; }

    public int DaysBefore { get; set; } = 7;
    public int DaysAfter { get; set; } = 7;

    /// <summary>Created by the demo community; shown labelled as synthetic.</summary>
    public bool IsSynthetic { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public List<EventHashtag> Hashtags { get; } = [];
    public List<EventSession> Sessions { get; } = [];
}

/// <summary>One of an event's hashtags, folded like <see cref="Archive.PostHashtag.Normalize"/> (no '#', lower case).</summary>
public class EventHashtag
{
    public long EventId { get; set; }
    public HashtagEvent? Event { get; set; }
    public required string Tag { get; set; }
}

/// <summary>
/// A session of an event: a time slot (UTC) in a room, optionally with a hashtag of its own. Posts belong to a session
/// by its hashtag, or, without any session hashtag, by the time they were made (see docs/hashtags.md).
/// </summary>
public class EventSession
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public HashtagEvent? Event { get; set; }
    public required string Title { get; set; }
    public string? Room { get; set; }
    public string? Speakers { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>The session's own hashtag, folded (no '#', lower case), when it has one.</summary>
    public string? Hashtag { get; set; }
}
