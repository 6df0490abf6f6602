namespace SoMeScholar.Professionalism;

/// <summary>
/// One identifier replaced by its tag. <see cref="OriginalStart"/>/<see cref="OriginalLength"/> locate it in the
/// input, <see cref="Start"/>/<see cref="Length"/> locate the tag in the output, so a coder can review (and undo)
/// each replacement side by side.
/// </summary>
public sealed record Replacement(
    int OriginalStart,
    int OriginalLength,
    string OriginalText,
    int Start,
    int Length,
    FindingCategory Category,
    string Tag,
    string Reason,
    string Rule);

/// <summary>The result of <see cref="ProfessionalismChecker.Deidentify"/>.</summary>
/// <param name="Text">The text with identifiers replaced by tags such as [NAME] and [DATE].</param>
/// <param name="Replacements">Every replacement, in text order.</param>
public sealed record DeidentifiedText(string Text, IReadOnlyList<Replacement> Replacements);
