using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Medical record, account, health-plan, social security, licence, plate, device and serial numbers: a label
/// ("MRN", "acct #", "serial no.", "DL#", "plate") followed by a code with digits, and social security numbers by
/// their shape. Each is a direct identifier (high severity).
/// </summary>
internal sealed partial class RecordNumberDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.RecordNumber];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var match in Labelled().EnumerateMatches(context.Text))
        {
            Add(context, findings, match.Index, match.Length, "record.labelled");
        }

        foreach (var match in SocialSecurity().EnumerateMatches(context.Text))
        {
            Add(context, findings, match.Index, match.Length, "record.ssn");
        }
    }

    private static void Add(TextContext context, List<Finding> findings, int start, int length, string rule)
    {
        var text = context.Text.Substring(start, length);
        if (context.IsAllowed(text) || text.Count(char.IsAsciiDigit) < 3)
        {
            return;
        }

        findings.Add(new Finding
        {
            Start = start,
            Length = length,
            Category = FindingCategory.RecordNumber,
            Severity = Severity.High,
            Text = text,
            Reason = $"\"{text}\" is a record, account, licence or device number; any such number is a direct identifier.",
            Suggestion = "Remove the number. Colleagues who need it can find it in the record.",
            Replacement = "[number removed]",
            Rule = rule,
        });
    }

    [GeneratedRegex(
        @"\b(?i:MRN|medical\s+record(?:\s+(?:number|no\.?|#))?|hospital\s+(?:number|no\.?|#)|chart\s+(?:number|no\.?|#)|acct|account(?:\s+(?:number|no\.?|#))?|member\s+ID|insurance\s+(?:ID|number|no\.?)|policy\s+(?:number|no\.?|#)|medicaid|medicare|SSN|social\s+security(?:\s+(?:number|no\.?|#))?|DL|driver'?s\s+licen[cs]e|licen[cs]e(?:\s+plate)?(?:\s+(?:number|no\.?|#))?|plate|serial(?:\s+(?:number|no\.?|#))?|S/N|SN|device\s+ID|implant\s+ID|pacemaker\s+serial|NPI|DEA|passport(?:\s+(?:number|no\.?))?)" +
        @"\s*(?:#|:|no\.?|number)?\s*(?:#|:)?\s*[A-Z0-9](?:[A-Z0-9]|[\-\s](?=[A-Z0-9\-]*\d)){3,24}(?<=[A-Z0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-])", RegexOptions.CultureInvariant)]
    private static partial Regex SocialSecurity();
}
