namespace SoMeScholar.Professionalism.Evaluation;

/// <summary>A labelled span: [Start, End) in UTF-16 code units.</summary>
public sealed record LabelledSpan(int Start, int End, FindingCategory Category);

/// <summary>One text of an evaluation set with its labelled spans.</summary>
/// <param name="Id">Stable id, e.g. "t001".</param>
/// <param name="Text">The text.</param>
/// <param name="Spans">What a perfect check would flag.</param>
/// <param name="Split">"tune" or "heldout" (free text for other sets).</param>
/// <param name="Kind">"identifiers", "content" or "hard-negative" (free text).</param>
public sealed record LabelledText(string Id, string Text, IReadOnlyList<LabelledSpan> Spans, string Split = "", string Kind = "");
