namespace SoMeScholar.Professionalism;

/// <summary>An image, video or document attached to a draft. The check does not look inside it.</summary>
/// <param name="FileName">The file name as uploaded (names such as "mrs_jones_xray.jpg" are checked as text).</param>
/// <param name="MediaType">The media type, e.g. "image/jpeg", when known.</param>
/// <param name="AltText">The description the writer gave, checked as text when present.</param>
public sealed record AttachmentInfo(string FileName, string? MediaType = null, string? AltText = null);

/// <summary>Options for one check.</summary>
public sealed record CheckOptions
{
    /// <summary>The administrators' settings; <see cref="ProfessionalismSettings.Default"/> when null.</summary>
    public ProfessionalismSettings? Settings { get; init; }

    /// <summary>Attachments of the draft; each is flagged for human review.</summary>
    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = [];

    /// <summary>Names that are not patients (the writer, co-authors, colleagues credited by name): never flagged.</summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = [];

    /// <summary>
    /// When true, dates, places and names are flagged wherever they appear, not only near a case story. The
    /// research toolkit's de-identification of interview transcripts uses this: there, participants' own names
    /// and workplaces are identifiers too.
    /// </summary>
    public bool FlagIdentifiersOutsideCaseStories { get; init; }

    public static CheckOptions Default { get; } = new();
}
