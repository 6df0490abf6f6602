using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>Telephone and fax numbers (North American and international forms) and e-mail addresses.</summary>
internal sealed partial class ContactDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.Phone, FindingCategory.Email];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var match in Email().EnumerateMatches(context.Text))
        {
            var text = context.Text.Substring(match.Index, match.Length);
            if (context.IsAllowed(text))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Email,
                Severity = Severity.High,
                Text = text,
                Reason = $"\"{text}\" is an e-mail address; it leads straight to a person.",
                Suggestion = "Remove the address; share contact details privately.",
                Replacement = "[e-mail removed]",
                Rule = "contact.email",
            });
        }

        foreach (var match in Phone().EnumerateMatches(context.Text))
        {
            var text = context.Text.Substring(match.Index, match.Length);
            var digits = text.Count(char.IsAsciiDigit);
            if (digits is < 10 or > 15 || context.IsAllowed(text) || LooksLikeRecordOrDate(context.Text, match.Index))
            {
                continue;
            }

            var fax = context.Text.AsSpan(Math.Max(0, match.Index - 12), Math.Min(12, match.Index)).Contains("fax", StringComparison.OrdinalIgnoreCase);
            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Phone,
                Severity = Severity.High,
                Text = text,
                Reason = fax
                    ? $"\"{text}\" is a fax number; Safe Harbor lists fax numbers as identifiers."
                    : $"\"{text}\" is a telephone number; it leads straight to a person.",
                Suggestion = "Remove the number; share it privately if someone needs it.",
                Replacement = "[number removed]",
                Rule = fax ? "contact.fax" : "contact.phone",
            });
        }
    }

    private static bool LooksLikeRecordOrDate(string text, int index)
    {
        var before = text.AsSpan(Math.Max(0, index - 16), Math.Min(16, index));
        return before.Contains("MRN", StringComparison.OrdinalIgnoreCase) || before.Contains("acct", StringComparison.OrdinalIgnoreCase)
            || before.Contains("account", StringComparison.OrdinalIgnoreCase) || before.Contains("SSN", StringComparison.OrdinalIgnoreCase)
            || before.Contains("licen", StringComparison.OrdinalIgnoreCase) || before.Contains("serial", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // +1 555 610 2299, (555) 123-4567, 555.201.3344, 555-867-5309, +44 20 7946 0958. Digits are counted after matching.
    [GeneratedRegex(
        @"(?<![\w/.\-])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]\d{3,4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/\-]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
