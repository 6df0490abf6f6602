using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

public enum ImportStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One import (a file, a folder, an API harvest, a stream session or the demo generator): what it read, what it
/// stored, and a checkpoint from which an interrupted run resumes.
/// </summary>
public class ImportRun
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string Format { get; set; }
    public Platform? Platform { get; set; }

    /// <summary>Identifies the input's content (size and hash of its head) so a resumed run knows it is the same input.</summary>
    public string? Fingerprint { get; set; }

    public ImportStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Where the last committed batch ended: a byte offset, a line, or an API cursor.</summary>
    public string? Checkpoint { get; set; }

    public long Posts { get; set; }
    public long Replies { get; set; }
    public long Quotes { get; set; }
    public long Reposts { get; set; }
    public long Likes { get; set; }
    public long Follows { get; set; }
    public long Mentions { get; set; }
    public long Accounts { get; set; }
    public long Deleted { get; set; }
    public long Quarantined { get; set; }

    /// <summary>Records already in the archive (re-imports and overlapping pages), counted but not stored again.</summary>
    public long Unchanged { get; set; }

    /// <summary>Posts whose content changed (a new version: an edit) and accounts whose profile or status changed.</summary>
    public long Updated { get; set; }

    /// <summary>Records the run read (stored, unchanged, updated or quarantined).</summary>
    public long Records { get; set; }

    public string? Message { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>A record the import could not accept, kept with where it was and why, so a person can fix the source.</summary>
public class QuarantinedRecord
{
    public long Id { get; set; }
    public long ImportRunId { get; set; }
    public ImportRun? ImportRun { get; set; }
    public required string Source { get; set; }
    public long? Line { get; set; }
    public long? ByteOffset { get; set; }
    public string? Field { get; set; }
    public required string Reason { get; set; }
    public string? Excerpt { get; set; }
    public DateTime CreatedAt { get; set; }
}
