namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// The combination risk. A date, an age over 89 and a place are each weak alone (many patients share any one),
/// but together they narrow a case to very few people: the dates and places of a story are known to the staff,
/// the family and the neighbours. So when a case story carries quasi-identifiers of at least
/// <see cref="ProfessionalismSettings.CombinationThreshold"/> different kinds (date, age over 89, place) within one
/// passage (<see cref="TextContext.Window"/> characters either side), one extra finding covering them is added at
/// <see cref="ProfessionalismSettings.CombinationSeverity"/> (high by default), above the medium or low severity of
/// each part. A name, number or contact detail is already high on its own and also counts towards the kinds.
/// </summary>
internal static class CombinationRule
{
    public static Finding? Evaluate(TextContext context, IReadOnlyList<Finding> findings, int start, int end)
    {
        var threshold = context.Settings.CombinationThreshold;
        if (threshold <= 0)
        {
            return null;
        }

        var parts = findings
            .Where(f => FindingCategories.IsIdentifier(f.Category) && f.Start >= start && f.End <= end && context.InCaseStory(f.Start))
            .ToList();
        var kinds = parts.Select(f => f.Category).Distinct().ToList();
        var quasi = kinds.Count(FindingCategories.IsQuasiIdentifier);
        if (quasi == 0 || kinds.Count < threshold)
        {
            return null;
        }

        var first = parts.Min(f => f.Start);
        var last = parts.Max(f => f.End);
        var described = string.Join(", ", kinds.Select(FindingCategories.Label));
        return new Finding
        {
            Start = first,
            Length = last - first,
            Category = FindingCategory.CombinationRisk,
            Severity = context.Settings.CombinationSeverity,
            Text = context.Text.Substring(first, last - first),
            Reason = $"This case story combines {kinds.Count} kinds of identifying detail ({described}). Each is weak alone; together they can point to one patient.",
            Suggestion = "Remove or generalise all but one of them (e.g. keep the clinical point, drop when and where).",
            Rule = "combination.quasi-identifiers",
        };
    }

    /// <summary>
    /// Splits the text into passages (paragraphs, or windows of a long paragraph) for the rule. A paragraph ends at a
    /// blank line, also when it is written with Windows line endings or holds spaces ("\r\n\r\n", "\n  \n").
    /// </summary>
    public static IEnumerable<(int Start, int End)> Passages(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var (paragraphEnd, separator) = NextBlankLine(text, start);
            var end = paragraphEnd < 0 ? text.Length : paragraphEnd;
            // A very long paragraph is judged in overlapping windows so a transcript is not one "story".
            const int Size = 4 * TextContext.Window;
            if (end - start <= Size)
            {
                yield return (start, end);
            }
            else
            {
                for (var s = start; s < end; s += Size / 2)
                {
                    yield return (s, Math.Min(end, s + Size));
                }
            }

            start = end + Math.Max(separator, 2);
        }
    }

    /// <summary>The next line break followed by a line of only spaces, tabs or carriage returns, and the length of that run.</summary>
    private static (int Index, int Length) NextBlankLine(string text, int from)
    {
        for (var i = text.IndexOf('\n', from); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            var j = i + 1;
            while (j < text.Length && text[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j < text.Length && text[j] == '\n')
            {
                return (i, j + 1 - i);
            }
        }

        return (-1, 0);
    }
}
