namespace SoMeScholar.Core.Professionalism;

/// <summary>
/// A piece of the text between two finding boundaries, with the findings that cover all of it (indices into the
/// finding list). Overlapping findings (a date inside a combination, a name inside an unsourced claim) split the text
/// at every boundary, so each piece can be rendered as one <c>&lt;mark&gt;</c> carrying every category that covers it.
/// </summary>
public sealed record HighlightSegment(int Start, int Length, IReadOnlyList<int> Findings)
{
    public int End => Start + Length;

    public bool IsFlagged => Findings.Count > 0;
}

/// <summary>Splits a text into highlight segments; the segments cover the whole text, in order, without gaps.</summary>
public static class Highlighter
{
    /// <summary>
    /// Segments of <paramref name="textLength"/> code units for the given spans (index = position in the list).
    /// Spans of length zero (attachments) and parts outside the text are ignored.
    /// </summary>
    public static IReadOnlyList<HighlightSegment> Segment(int textLength, IReadOnlyList<(int Start, int Length)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var cuts = new SortedSet<int> { 0, textLength };
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = Clamp(spans[i], textLength);
            if (end > start)
            {
                cuts.Add(start);
                cuts.Add(end);
            }
        }

        var segments = new List<HighlightSegment>(cuts.Count);
        var previous = -1;
        foreach (var cut in cuts)
        {
            if (previous >= 0 && cut > previous)
            {
                var covering = new List<int>();
                for (var i = 0; i < spans.Count; i++)
                {
                    var (start, end) = Clamp(spans[i], textLength);
                    if (start <= previous && end >= cut && end > start)
                    {
                        covering.Add(i);
                    }
                }

                // Neighbouring unflagged pieces (split by a zero-length or clamped span) are merged.
                if (covering.Count == 0 && segments.Count > 0 && !segments[^1].IsFlagged)
                {
                    var last = segments[^1];
                    segments[^1] = last with { Length = last.Length + (cut - previous) };
                }
                else
                {
                    segments.Add(new HighlightSegment(previous, cut - previous, covering));
                }
            }

            previous = cut;
        }

        return segments;
    }

    private static (int Start, int End) Clamp((int Start, int Length) span, int textLength)
    {
        var start = Math.Clamp(span.Start, 0, textLength);
        var end = Math.Clamp(span.Start + Math.Max(0, span.Length), 0, textLength);
        return (start, end);
    }
}
