namespace SoMeScholar.Professionalism;

/// <summary>
/// One thing the check found. <see cref="Start"/> and <see cref="Length"/> count UTF-16 code units of the checked
/// text (as .NET strings and JavaScript do), so a page can highlight <c>text.Substring(Start, Length)</c>.
/// Attachment findings have no span (Length 0) and name the attachment by <see cref="AttachmentIndex"/>.
/// </summary>
public sealed record Finding
{
    public required int Start { get; init; }

    public required int Length { get; init; }

    public required FindingCategory Category { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>The flagged text (empty for attachments).</summary>
    public required string Text { get; init; }

    /// <summary>Why it was flagged, in plain words.</summary>
    public required string Reason { get; init; }

    /// <summary>What to do about it, in plain words.</summary>
    public string? Suggestion { get; init; }

    /// <summary>A generalised rewrite for the span (e.g. "a patient in their 90s" for "a 94-year-old"), when there is one.</summary>
    public string? Replacement { get; init; }

    /// <summary>Which rule found it, stable across versions (for tests, allow-lists and research audit trails).</summary>
    public required string Rule { get; init; }

    /// <summary>For <see cref="FindingCategory.Attachment"/>: the index into <see cref="CheckOptions.Attachments"/>.</summary>
    public int? AttachmentIndex { get; init; }

    public int End => Start + Length;

    internal bool Overlaps(Finding other) => Start < other.End && other.Start < End;
}
