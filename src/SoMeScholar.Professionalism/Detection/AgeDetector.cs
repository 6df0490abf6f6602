using System.Globalization;
using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Ages over 89 in the ways posts write them: "92-year-old", "94 yo", "96 y/o", "aged 95", "97M", "turned 100",
/// "his 92nd birthday", and a bare number after a name ("Mrs Smith, 96,", "Ms Jones (97)"). Safe Harbor asks for
/// such ages to be grouped as "90 or older". Ages up to 89 are not identifiers and are not flagged.
/// </summary>
internal sealed partial class AgeDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.Age];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var match in Age().EnumerateMatches(context.Text))
        {
            var text = context.Text.Substring(match.Index, match.Length);
            var number = Number().Match(text);
            var word = text.EndsWith("genarian", StringComparison.OrdinalIgnoreCase) || text.EndsWith("tenarian", StringComparison.OrdinalIgnoreCase);
            if ((!word && (!number.Success || int.Parse(number.Value, CultureInfo.InvariantCulture) is < 90 or > 125)) || context.IsAllowed(text))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Age,
                Severity = Severity.Medium,
                Text = text,
                Reason = $"\"{text}\" is an age over 89; few people are that old, so the age narrows down who the patient is.",
                Suggestion = "Say \"over 90\" or \"in their 90s\" instead of the exact age.",
                Replacement = "over 90",
                Rule = "age.over89",
            });
        }
    }

    [GeneratedRegex(@"\d{2,3}")]
    private static partial Regex Number();

    // The bare-number forms need a name-like word or an age word before them so that "K 96" or "HR 110" is not an age.
    [GeneratedRegex(
        @"\b(?:" +
        @"\d{2,3}\s*(?:-|\s)?\s*(?:years?|yrs?|y)[\s-]*(?:old|o\b)" +
        @"|\d{2,3}\s*(?:yo|y/o|y\.o\.?|yrs?)(?![\p{L}])" +
        @"|(?:age|aged|ages|age:)\s*\d{2,3}\b" +
        @"|\d{2,3}\s*(?:M|F|yo[MF])\b" +
        @"|turned\s+\d{2,3}\b" +
        @"|(?i:nonagenarian|centenarian|supercentenarian)" +
        @"|\d{2,3}(?:st|nd|rd|th)\s+birthday" +
        @"|(?<=\p{Lu}[\p{L}'’]+\s*,\s*)\d{2,3}(?=\s*,)" +
        @"|(?<=\p{Lu}[\p{L}'’]+\s*\()\d{2,3}(?=\))" +
        @"|(?<=\b(?:is|was|now|still)\s+)\d{2,3}(?=\s+(?:and|years|today|but|now|&))" +
        @"|(?<=[.!?]\s+|^)\d{2,3}(?=\s+and\s+still)" +
        @")",
        RegexOptions.CultureInvariant)]
    private static partial Regex Age();
}
