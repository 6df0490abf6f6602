using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Strong clinical recommendations with no source near them: a sentence that tells the reader to act
/// ("always", "never", "must", "should", "every patient ... should") on a clinical verb or a drug, or that gives a
/// dose to use ("give 2 mg/kg", "start norepinephrine at 0.1 mcg/kg/min"). A link, DOI, PMID, "et al", a
/// citation with a year, or "per the X guideline" near the sentence counts as a source.
/// </summary>
internal sealed partial class ClaimDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.UnsourcedClaim];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var sentence in Sentence().EnumerateMatches(context.Text))
        {
            var span = context.Text.AsSpan(sentence.Index, sentence.Length);
            var strong = StrongRecommendation().IsMatch(span);
            var dose = Dose().IsMatch(span);
            if (!strong && !dose)
            {
                continue;
            }

            if (context.HasSourceNear(sentence.Index) || context.HasSourceNear(sentence.Index + sentence.Length))
            {
                continue;
            }

            var text = span.Trim().ToString().TrimEnd('.', '!', ' ');
            var start = sentence.Index + (sentence.Length - span.TrimStart().Length);
            if (context.IsAllowed(text))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = start,
                Length = text.Length,
                Category = FindingCategory.UnsourcedClaim,
                Severity = Severity.Low,
                Text = text,
                Reason = strong
                    ? "A strong clinical recommendation with no source: readers may act on it, and practice varies."
                    : "A dose or treatment instruction with no source: readers may act on it.",
                Suggestion = "Link the guideline or paper (DOI/PMID), or soften it (\"consider\", \"in our unit we\").",
                Rule = strong ? "claim.strong" : "claim.dose",
            });
        }
    }

    // A sentence: up to a full stop, question or exclamation mark, or line end.
    [GeneratedRegex(@"[^.!?\n]+(?:[.!?]+|$)", RegexOptions.Multiline)]
    private static partial Regex Sentence();

    private const string ClinicalVerb = @"(?:give|giving|use|using|start|starting|intubate|discharge|get|gets|treat|prescribe|administer|dose|check|order|push|bolus|anticoagulate|transfuse|cath|scan|image|admit|avoid|stop|withhold|add|titrate|be\s+given|be\s+started|be\s+treated|receive|have\s+an?)";

    [GeneratedRegex(
        @"\b(?:always|never|must|should|shall)\b(?:\s+\w+){0,3}?\s+" + ClinicalVerb + @"\b" +
        @"|^\s*(?:always|never)\s+\w+" +
        @"|\b(?:every|all|any)\s+(?:\w+\s+){0,3}?(?:patients?|pts?|infants?|child(?:ren)?|adults?|cases?)\b.{0,60}?\b(?:should|must|needs?\s+to)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongRecommendation();

    // A dose to give: an instruction verb near an amount, or a weight-based dose.
    [GeneratedRegex(
        @"(?:^\s*|\b(?:give|start|push|bolus|load|dose:?|administer|use)\s+)(?:[\p{L}\-]+\s+){0,3}?(?:at\s+)?\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|mL|ml|units?|IU|mEq|mmol)\b" +
        @"|\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|mL|ml|units?|mEq|mmol)\s*/\s*kg\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dose();
}
