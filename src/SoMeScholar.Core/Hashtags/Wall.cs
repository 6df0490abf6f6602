using System.Text.Json.Serialization;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>How new posts reach the wall: straight away unless a rule holds them, or only after a moderator approves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WallMode>))]
public enum WallMode
{
    AutoPublish,
    HoldForApproval,
}

/// <summary>Where a wall's posts come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WallSourceKind>))]
public enum WallSourceKind
{
    /// <summary>No source: posts arrive only through the API (or not at all).</summary>
    None,

    /// <summary>A Bluesky Jetstream server (WebSocket), filtered to the event's hashtags.</summary>
    Jetstream,

    /// <summary>A Mastodon instance's streaming API, one hashtag stream per event hashtag.</summary>
    Mastodon,

    /// <summary>A recorded Jetstream file (JSON lines) played back at real or accelerated speed.</summary>
    Replay,
}

/// <summary>A post's state on the wall.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WallPostStatus>))]
public enum WallPostStatus
{
    /// <summary>Waiting in the moderation queue (hold-for-approval mode, or held by a rule with a reason).</summary>
    Pending,

    /// <summary>On the wall.</summary>
    Published,

    /// <summary>Taken off the wall (or never shown) by a moderator.</summary>
    Hidden,

    /// <summary>Refused by a deny list; never shown. Kept so the decision can be audited.</summary>
    Denied,
}

/// <summary>Entries of a wall's allow and deny lists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WallListKind>))]
public enum WallListKind
{
    /// <summary>A word: matched case-insensitively as a whole word.</summary>
    DenyWord,

    /// <summary>A phrase: matched case-insensitively between word boundaries, ignoring runs of spaces.</summary>
    DenyPhrase,

    /// <summary>An account (handle, with or without '@', or its DID / actor URI): its posts are refused.</summary>
    DenyAccount,

    /// <summary>A trusted account: its posts skip the queue (but never the deny lists of words and phrases).</summary>
    AllowAccount,
}

/// <summary>The live wall of an event: moderation mode, the source, and where the source's stream was last read.</summary>
public class WallSettings
{
    public long EventId { get; set; }
    public HashtagEvent? Event { get; set; }
    public WallMode Mode { get; set; } = WallMode.HoldForApproval;

    /// <summary>Hold posts the professionalism check flags (capability 9), with its reason.</summary>
    public bool CheckProfessionalism { get; set; } = true;

    public WallSourceKind Source { get; set; }

    /// <summary>Jetstream URL, Mastodon instance URL, or the replay file's path.</summary>
    public string? SourceAddress { get; set; }

    /// <summary>Replay speed: 1 plays in real time, 60 plays an hour in a minute.</summary>
    public double ReplaySpeed { get; set; } = 1;

    /// <summary>Whether the server should be reading the source now.</summary>
    public bool IsRunning { get; set; }

    /// <summary>The source's resume position (Jetstream time_us, Mastodon status id, replay line), saved as posts arrive.</summary>
    public string? Cursor { get; set; }

    /// <summary>The most recent problem reading the source, shown in the console.</summary>
    public string? LastError { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public class WallListEntry
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public WallListKind Kind { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// A post that arrived for a wall, with its moderation state. Natural key (event, platform, external id), so a
/// source that replays after a reconnect adds nothing. <see cref="Sequence"/> grows with every change on the wall
/// and is the server-sent event id viewers resume from.
/// </summary>
public class WallPost
{
    public long Id { get; set; }
    public long EventId { get; set; }

    /// <summary>The archived post (every post that reaches a wall is archived too).</summary>
    public long? PostId { get; set; }

    public Platform Platform { get; set; }
    public required string ExternalId { get; set; }
    public required string AuthorExternalId { get; set; }
    public string? AuthorHandle { get; set; }
    public string? AuthorName { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public WallPostStatus Status { get; set; }
    public bool Pinned { get; set; }

    /// <summary>Why a rule held or refused the post, in plain words (several reasons joined by "; ").</summary>
    public string? Reason { get; set; }

    /// <summary>The attachments as JSON (<see cref="WallMedia"/> list): images are flagged for review before they are shown.</summary>
    public string? Media { get; set; }

    public int MediaCount { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long Sequence { get; set; }
}

/// <summary>An attachment of a wall post.</summary>
public sealed record WallMedia(string? Url, string MediaType, string? AltText);

/// <summary>The moderation log: every decision on a wall, by whom and when (rules log as "rule").</summary>
public class WallDecision
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public long? WallPostId { get; set; }
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public DateTime At { get; set; }
    public string? Detail { get; set; }
}
