using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Dates more specific than the year ("March 3rd", "3/14", "2023-08-09", "the 14th", "March 2021") and relative
/// times that date a case ("last night", "this morning", "on Tuesday", "yesterday"), when they are near a case
/// story. A year alone is never flagged (Safe Harbor keeps the year), nor is an event date with no patient near.
/// </summary>
internal sealed partial class DateDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.Date];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var match in AbsoluteDate().EnumerateMatches(context.Text))
        {
            var text = context.Text.Substring(match.Index, match.Length);
            if (!context.InCaseStory(match.Index) || context.IsAllowed(text) || !PlausibleNumericDate(context.Text, match.Index, match.Length))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Date,
                Severity = Severity.Medium,
                Text = text,
                Reason = $"\"{text}\" is a date more specific than the year in a case story; with other details it can identify the patient.",
                Suggestion = "Keep at most the year, or say \"recently\".",
                Replacement = "recently",
                Rule = "date.absolute",
            });
        }

        foreach (var match in RelativeTime().EnumerateMatches(context.Text))
        {
            var text = context.Text.Substring(match.Index, match.Length);
            if (!context.InCaseStory(match.Index) || context.IsAllowed(text))
            {
                continue;
            }

            findings.Add(new Finding
            {
                Start = match.Index,
                Length = match.Length,
                Category = FindingCategory.Date,
                Severity = Severity.Low,
                Text = text,
                Reason = $"\"{text}\" dates the case: colleagues, the patient and their family know who came in then.",
                Suggestion = "Leave out when it happened, or post later and say \"recently\".",
                Replacement = "recently",
                Rule = "date.relative",
            });
        }
    }

    /// <summary>Rules out fractions, ratios and scores that look like m/d ("2/3 of", "4/5 strength", "120/80").</summary>
    private static bool PlausibleNumericDate(string text, int index, int length)
    {
        var value = text.AsSpan(index, length);
        var slash = value.IndexOf('/');
        if (slash < 0 || !char.IsAsciiDigit(value[0]))
        {
            return true;
        }

        var after = text.AsSpan(index + length).TrimStart();
        if (after.StartsWith("of ", StringComparison.OrdinalIgnoreCase) || after.StartsWith("strength", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("power", StringComparison.OrdinalIgnoreCase) || after.StartsWith("in ", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("score", StringComparison.OrdinalIgnoreCase) || after.StartsWith("dose", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("times", StringComparison.OrdinalIgnoreCase) || after.StartsWith("mmHg", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("DNI", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var before = text.AsSpan(0, index).TrimEnd();
        return !(before.EndsWith("BP", StringComparison.OrdinalIgnoreCase) || before.EndsWith("DNR", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("GCS", StringComparison.OrdinalIgnoreCase));
    }

    private const string Month = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    private const string Day = @"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";

    [GeneratedRegex(
        @"\b(?:" +
        Month + @"\s+" + Day + @"\b(?:,?\s+(?:19|20)\d{2}\b)?" +                // March 3rd, 2023
        @"|" + Day + @"\s+(?:of\s+)?" + Month + @"\b(?:,?\s+(?:19|20)\d{2}\b)?" + // 5th of May, 1 Sept 2023
        @"|(?:January|February|March|April|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}\b" + // March 2021
        @"|(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b" +      // 2023-08-09
        @"|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d{2})?(?![\d/])" +  // 3/14, 12/03/2023
        @"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2}\b" +           // 14.03.2023
        @"|(?<=\bthe\s+)(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\b" +          // the 14th
        @"|(?:Christmas|New\s+Year's|Thanksgiving|Easter|Halloween|Independence\s+Day)(?:\s+(?:Eve|Day|morning|night))?" +
        @")",
        RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteDate();

    private const string Weekday = @"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thurs?|Fri|Sat|Sun)";

    [GeneratedRegex(
        @"\b(?:" +
        @"(?:last|this|tomorrow|yesterday)\s+(?:night|morning|afternoon|evening|week(?:end)?|" + Weekday + @")(?:\s+on\s+nights)?" +
        @"|(?:early|late)\s+this\s+(?:morning|afternoon|evening)" +
        @"|yesterday(?:\s+(?:morning|afternoon|evening))?" +
        @"|tonight|overnight|earlier\s+today|over\s+the\s+weekend" +
        @"|on\s+" + Weekday + @"(?:\s+(?:morning|afternoon|evening|night))?" +
        @"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:morning|afternoon|evening|night)" +
        @"|last\s+" + Weekday +
        @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeTime();
}
