namespace SoMeScholar.Core.Research;

/// <summary>A half-open span of a text, [Start, End), in UTF-16 code units (C# and JavaScript string indices).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Character counts of one coding comparison (one code, one source, coder A against coder B) and the two statistics
/// NVivo's Coding Comparison query reports from them.
/// </summary>
/// <param name="TotalUnits">TU: the characters of the source.</param>
/// <param name="CodedByA">Characters coder A coded.</param>
/// <param name="CodedByB">Characters coder B coded.</param>
/// <param name="Both">Characters both coded.</param>
public sealed record AgreementCounts(long TotalUnits, long CodedByA, long CodedByB, long Both)
{
    public long OnlyA => CodedByA - Both;

    public long OnlyB => CodedByB - Both;

    /// <summary>Characters neither coder coded.</summary>
    public long Neither => TotalUnits - CodedByA - CodedByB + Both;

    /// <summary>TA: units of agreement, coded by both or by neither.</summary>
    public long AgreementUnits => Both + Neither;

    /// <summary>Characters exactly one coder coded.</summary>
    public long Disagreement => OnlyA + OnlyB;

    /// <summary>Percentage agreement = (both + neither) / total × 100. 100 for an empty source.</summary>
    public double PercentAgreement => TotalUnits == 0 ? 100 : 100.0 * AgreementUnits / TotalUnits;

    /// <summary>EF1 = (units coded by A × units coded by B) / total.</summary>
    public double ExpectedCodedByBoth => TotalUnits == 0 ? 0 : (double)CodedByA * CodedByB / TotalUnits;

    /// <summary>EF2 = (units not coded by A × units not coded by B) / total.</summary>
    public double ExpectedCodedByNeither => TotalUnits == 0 ? 0 : (double)(TotalUnits - CodedByA) * (TotalUnits - CodedByB) / TotalUnits;

    /// <summary>
    /// Cohen's kappa as NVivo computes it: K = (TA − ΣEF) / (TU − ΣEF) with ΣEF = EF1 + EF2. Complete agreement
    /// (TA = TU, which includes neither coder coding anything) gives 1, as NVivo reports it.
    /// </summary>
    public double Kappa
    {
        get
        {
            if (AgreementUnits == TotalUnits)
            {
                return 1;
            }

            var expected = ExpectedCodedByBoth + ExpectedCodedByNeither;
            return (AgreementUnits - expected) / (TotalUnits - expected);
        }
    }

    public static AgreementCounts operator +(AgreementCounts a, AgreementCounts b) =>
        new(a.TotalUnits + b.TotalUnits, a.CodedByA + b.CodedByA, a.CodedByB + b.CodedByB, a.Both + b.Both);

    public static AgreementCounts Add(AgreementCounts a, AgreementCounts b) => a + b;

    public static AgreementCounts Empty { get; } = new(0, 0, 0, 0);
}

/// <summary>A stretch of a source that exactly one coder coded.</summary>
public sealed record DisagreementRange(TextSpan Span, bool CodedByA);

/// <summary>
/// NVivo's Coding Comparison query for text sources, computed exactly: the unit is the character, each character of
/// the source is coded by A or not and by B or not (several overlapping codings of one coder count once; for a group
/// of coders a character counts as coded when any member coded it), and the statistics follow
/// <see cref="AgreementCounts"/>.
/// </summary>
/// <remarks>
/// Source: NVivo 12 help, "Run a coding comparison query"
/// (https://help-nv.qsrinternational.com/12/win/v12.1.90-d3ea61/Content/queries/coding-comparison-query.htm), worked
/// example: 1,000 characters, 50 coded by both, 150 by one coder only, 800 by neither, agreement (800 + 50) / 1000 = 85%.
/// Characters are Unicode code points: a character outside the Basic Multilingual Plane is one unit although it takes
/// two UTF-16 code units in the offsets.
/// </remarks>
public static class CodingComparison
{
    /// <summary>Compares two coders' spans of one code on a text.</summary>
    public static AgreementCounts Compare(string text, IEnumerable<TextSpan> codedByA, IEnumerable<TextSpan> codedByB)
    {
        var a = Union(codedByA, text.Length);
        var b = Union(codedByB, text.Length);
        return new AgreementCounts(Units(text, 0, text.Length), Units(text, a), Units(text, b), Units(text, Intersect(a, b)));
    }

    /// <summary>Where exactly one coder coded, in text order.</summary>
    public static IReadOnlyList<DisagreementRange> Disagreements(string text, IEnumerable<TextSpan> codedByA, IEnumerable<TextSpan> codedByB)
    {
        var a = Union(codedByA, text.Length);
        var b = Union(codedByB, text.Length);
        var both = Intersect(a, b);
        return Subtract(a, both).Select(s => new DisagreementRange(s, true))
            .Concat(Subtract(b, both).Select(s => new DisagreementRange(s, false)))
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Span.End)
            .ToList();
    }

    /// <summary>Sorted, non-overlapping, non-adjacent spans covering the same characters, clipped to [0, length).</summary>
    public static List<TextSpan> Union(IEnumerable<TextSpan> spans, int length)
    {
        var sorted = spans
            .Select(s => new TextSpan(Math.Clamp(s.Start, 0, length), Math.Clamp(s.End, 0, length)))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start).ThenBy(s => s.End)
            .ToList();
        var merged = new List<TextSpan>(sorted.Count);
        foreach (var span in sorted)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>The intersection of two unions (both sorted and disjoint).</summary>
    public static List<TextSpan> Intersect(IReadOnlyList<TextSpan> a, IReadOnlyList<TextSpan> b)
    {
        var result = new List<TextSpan>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add(new TextSpan(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    /// <summary>a minus b (both unions; b ⊆ a or not).</summary>
    public static List<TextSpan> Subtract(IReadOnlyList<TextSpan> a, IReadOnlyList<TextSpan> b)
    {
        var result = new List<TextSpan>();
        var j = 0;
        foreach (var span in a)
        {
            var start = span.Start;
            while (j < b.Count && b[j].End <= start)
            {
                j++;
            }

            var k = j;
            while (k < b.Count && b[k].Start < span.End)
            {
                if (b[k].Start > start)
                {
                    result.Add(new TextSpan(start, b[k].Start));
                }

                start = Math.Max(start, b[k].End);
                k++;
            }

            if (start < span.End)
            {
                result.Add(new TextSpan(start, span.End));
            }
        }

        return result;
    }

    /// <summary>Code points in the spans.</summary>
    public static long Units(string text, IEnumerable<TextSpan> spans) => spans.Sum(s => (long)Units(text, s.Start, s.End));

    /// <summary>Code points in text[start..end): UTF-16 code units minus the low surrogates of pairs inside the range.</summary>
    public static int Units(string text, int start, int end)
    {
        var count = end - start;
        if (text.AsSpan(start, count).IndexOfAnyInRange('\uDC00', '\uDFFF') < 0)
        {
            return count;
        }

        for (var i = start; i < end; i++)
        {
            if (char.IsLowSurrogate(text[i]) && i > start && char.IsHighSurrogate(text[i - 1]))
            {
                count--;
            }
        }

        return count;
    }
}
