namespace SoMeScholar.Professionalism.Evaluation;

/// <summary>
/// Scores the check against labelled texts. Matching rule (span overlap): a finding is correct when it overlaps,
/// by at least one character, a labelled span of the same category in the same text; a labelled span is recalled
/// when at least one finding of its category overlaps it. Boundaries need not agree ("Mr. Smith" against a label on
/// "Smith" matches) because a person reviewing a highlight needs it to land on the identifier, not to match it to
/// the character. Precision = correct findings / findings; recall = recalled spans / labelled spans; F1 their
/// harmonic mean; group rows add up the counts of their categories (micro-average). Only the labelled categories
/// are scored: <see cref="FindingCategory.CombinationRisk"/> and <see cref="FindingCategory.Attachment"/> are
/// derived findings and are left out. Every finding counts, whatever its severity.
/// </summary>
public static class Evaluator
{
    /// <summary>The categories an evaluation set labels.</summary>
    public static IReadOnlyList<FindingCategory> ScoredCategories { get; } =
        Enum.GetValues<FindingCategory>().Where(c => c is not (FindingCategory.CombinationRisk or FindingCategory.Attachment)).ToList();

    public static EvaluationReport Run(IEnumerable<LabelledText> texts, CheckOptions? options = null)
    {
        var counts = ScoredCategories.ToDictionary(c => c, _ => new int[4]); // labelled, found, recalled, correct
        var errors = new List<EvaluationError>();
        var textCount = 0;
        foreach (var labelled in texts)
        {
            textCount++;
            var findings = ProfessionalismChecker.Check(labelled.Text, options).Findings
                .Where(f => counts.ContainsKey(f.Category) && f.Length > 0)
                .ToList();
            foreach (var span in labelled.Spans)
            {
                var c = counts[span.Category];
                c[0]++;
                if (findings.Any(f => f.Category == span.Category && f.Start < span.End && span.Start < f.End))
                {
                    c[2]++;
                }
                else
                {
                    errors.Add(new EvaluationError(labelled.Id, span.Category, labelled.Text[span.Start..span.End], Missed: true));
                }
            }

            foreach (var finding in findings)
            {
                var c = counts[finding.Category];
                c[1]++;
                if (labelled.Spans.Any(s => s.Category == finding.Category && finding.Start < s.End && s.Start < finding.End))
                {
                    c[3]++;
                }
                else
                {
                    errors.Add(new EvaluationError(labelled.Id, finding.Category, finding.Text, Missed: false));
                }
            }
        }

        var rows = counts.Select(kv => new CategoryScore(kv.Key.ToString(), kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList();
        return new EvaluationReport(
            textCount,
            rows,
            Sum("identifiers (all)", rows.Where(r => FindingCategories.IsIdentifier(Enum.Parse<FindingCategory>(r.Name)))),
            Sum("content (all)", rows.Where(r => !FindingCategories.IsIdentifier(Enum.Parse<FindingCategory>(r.Name)))),
            Sum("overall", rows),
            errors);
    }

    private static CategoryScore Sum(string name, IEnumerable<CategoryScore> rows)
    {
        var list = rows.ToList();
        return new CategoryScore(name, list.Sum(r => r.Labelled), list.Sum(r => r.Found), list.Sum(r => r.Recalled), list.Sum(r => r.Correct));
    }
}
