using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Promotional language about a product or company ("use code X", "sponsored", "our new device", "link in bio",
/// "% off", a product called the best ever) when the text carries no disclosure near it ("#ad", "Disclosure:",
/// "I consult for", "paid partnership"). The ACP/FSMB guidance and the FTC both expect paid or owned
/// endorsements to say so.
/// </summary>
internal sealed partial class ConflictDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.UndisclosedConflict];

    public void Detect(TextContext context, List<Finding> findings)
    {
        // Promotional phrases of one sentence make one finding ("Use code X for 20% off").
        var spans = new List<(int Start, int End)>();
        foreach (var match in Promotion().EnumerateMatches(context.Text))
        {
            var end = match.Index + context.Text.AsSpan(match.Index, match.Length).TrimEnd(".,! ").Length;
            if (spans.Count > 0 && !context.Text.AsSpan(spans[^1].End, Math.Max(0, match.Index - spans[^1].End)).ContainsAny(".!?\n"))
            {
                spans[^1] = (spans[^1].Start, Math.Max(end, spans[^1].End));
            }
            else
            {
                spans.Add((match.Index, end));
            }
        }

        foreach (var (start, end) in spans)
        {
            var text = context.Text[start..end];
            if (context.HasDisclosureNear(start) || context.IsAllowed(text))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = start,
                Length = text.Length,
                Category = FindingCategory.UndisclosedConflict,
                Severity = Severity.Medium,
                Text = text,
                Reason = $"\"{text}\" promotes a product or company, and the post does not disclose a relationship with it.",
                Suggestion = "Add a disclosure such as \"Disclosure: I receive fees from X\" or \"#ad\", or remove the promotion.",
                Rule = "conflict.promotion",
            });
        }
    }

    [GeneratedRegex(
        @"\b(?:use|with|enter|try)\s+(?:my\s+|our\s+|the\s+)?(?:promo\s+|discount\s+|coupon\s+)?(?:code|link)\b(?:\s+[A-Z0-9]{3,20}\b)?" +
        @"|\b(?:promo|discount|coupon|affiliate|referral)\s+(?:code|link)\b" +
        @"|\bDM\s+me\s+for\s+(?:a\s+)?(?:discount|code|deal)" +
        @"|\blink\s+in\s+(?:my\s+)?bio\b" +
        @"|\b\d{1,2}\s?%\s+off\b" +
        @"|\bsponsored(?:\s+(?:post|by\b))?" +
        @"|\b(?:our|my)\s+(?:new\s+|latest\s+)?(?:AI\s+)?(?:device|product|app|kit|tool|stethoscope|startup|company|platform|course|book|supplement|brand)\b" +
        @"|\b(?:proud|excited|thrilled)\s+to\s+(?:announce|launch|share)\s+(?:our|my)\s+new\s+[\p{L}\s]{2,40}" +
        @"|\b(?:pre-?order|buy)\s+(?:it\s+)?now\b" +
        @"|\btry\s+it\s+at\s+(?:our\s+)?booth\b" +
        @"|\b(?:best|greatest|only|#1|number\s+one)\s+(?:[\p{L}\-]+\s+){0,3}(?:on\s+the\s+market|you'll\s+ever\s+need|ever(?:\s+made)?)\b" +
        @"|\b(?:it's|its|it\s+is)\s+the\s+best\b" +
        @"|\blife[-\s]?changing\b" +
        @"|\bloving\s+my\s+new\s+\p{Lu}[\p{L}\s]{1,60}?(?=[!.]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Promotion();
}
