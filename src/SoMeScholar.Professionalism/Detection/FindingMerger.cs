namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Makes overlapping findings readable. Findings of one category that overlap become one finding over their union
/// (at the higher severity). Overlapping identifiers of different categories keep only the longer ("St. Luke's
/// ICU" is a place, not the name "Luke"), and so do overlapping language findings (a slur wins over profanity
/// on the same words). Findings of different layers (an identifier inside an unsourced claim) are all kept.
/// </summary>
internal static class FindingMerger
{
    public static List<Finding> Merge(List<Finding> findings)
    {
        var ordered = findings.OrderBy(f => f.Start).ThenByDescending(f => f.Length).ToList();
        var merged = new List<Finding>(ordered.Count);
        foreach (var finding in ordered)
        {
            var absorbed = false;
            for (var i = merged.Count - 1; i >= 0; i--)
            {
                var kept = merged[i];
                if (kept.End <= finding.Start && kept.Length > 0 && Layer(kept.Category) == Layer(finding.Category) && kept.Category != finding.Category)
                {
                    continue;
                }

                if (!kept.Overlaps(finding) || Layer(kept.Category) != Layer(finding.Category) || Layer(finding.Category) == 0)
                {
                    continue;
                }

                if (kept.Category == finding.Category)
                {
                    merged[i] = Union(kept, finding);
                }
                else if (Wins(finding, kept))
                {
                    merged[i] = finding;
                }

                absorbed = true;
                break;
            }

            if (!absorbed)
            {
                merged.Add(finding);
            }
        }

        return merged;
    }

    /// <summary>1 = identifiers, 2 = language, 0 = everything else (never merged across categories).</summary>
    private static int Layer(FindingCategory category) => category switch
    {
        _ when FindingCategories.IsIdentifier(category) => 1,
        FindingCategory.Profanity or FindingCategory.Slur or FindingCategory.Derogatory => 2,
        FindingCategory.UndisclosedConflict => 3,
        FindingCategory.UnsourcedClaim => 4,
        _ => 0,
    };

    private static bool Wins(Finding challenger, Finding kept) =>
        challenger.Length != kept.Length ? challenger.Length > kept.Length : challenger.Severity > kept.Severity;

    private static Finding Union(Finding a, Finding b)
    {
        var start = Math.Min(a.Start, b.Start);
        var end = Math.Max(a.End, b.End);
        var main = a.Length >= b.Length ? a : b;
        return main with
        {
            Start = start,
            Length = end - start,
            Severity = a.Severity > b.Severity ? a.Severity : b.Severity,
            Text = UnionText(a, b, start, end),
        };
    }

    private static string UnionText(Finding a, Finding b, int start, int end)
    {
        // Rebuild from the two texts: a covers [a.Start, a.End), b covers [b.Start, b.End) and together they cover [start, end).
        var first = a.Start <= b.Start ? a : b;
        var second = ReferenceEquals(first, a) ? b : a;
        if (second.End <= first.End)
        {
            return first.Text;
        }

        return first.Text + second.Text[(first.End - second.Start)..];
    }
}
