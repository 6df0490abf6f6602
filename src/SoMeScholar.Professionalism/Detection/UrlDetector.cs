using System.Text.RegularExpressions;

namespace SoMeScholar.Professionalism.Detection;

/// <summary>
/// Links that point to a person (social-media profiles, fundraisers, patient-journey sites) and IP addresses.
/// Links to papers, guidelines and education sites are sources, not identifiers, and are not flagged.
/// </summary>
internal sealed partial class UrlDetector : IDetector
{
    public IReadOnlyList<FindingCategory> Categories { get; } = [FindingCategory.UrlOrIp];

    public void Detect(TextContext context, List<Finding> findings)
    {
        foreach (var match in PersonalLink().EnumerateMatches(context.Text))
        {
            Add(context, findings, match.Index, match.Length, "url.personal",
                "links to a personal page (profile, fundraiser or journal of an illness); it can name the patient or family.");
        }

        foreach (var match in IpAddress().EnumerateMatches(context.Text))
        {
            Add(context, findings, match.Index, match.Length, "url.ip",
                "is an IP address; Safe Harbor lists IP addresses as identifiers because they can be traced to a person.");
        }
    }

    private static void Add(TextContext context, List<Finding> findings, int start, int length, string rule, string reason)
    {
        var text = context.Text.Substring(start, length).TrimEnd('.', ',', ')', '!', '?');
        if (context.IsAllowed(text))
        {
            return;
        }

        findings.Add(new Finding
        {
            Start = start,
            Length = text.Length,
            Category = FindingCategory.UrlOrIp,
            Severity = context.InCaseStory(start) ? Severity.High : Severity.Medium,
            Text = text,
            Reason = $"\"{text}\" {reason}",
            Suggestion = "Remove the link unless the person shared it publicly and agreed to it being posted here.",
            Replacement = "[link removed]",
            Rule = rule,
        });
    }

    [GeneratedRegex(
        @"(?:https?://)?(?:www\.|m\.)?(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com/in|gofundme\.com|caringbridge\.org|givesendgo\.com|spot\.fund|youcaring\.com|youtube\.com/@|threads\.net|bsky\.app/profile|snapchat\.com|venmo\.com|paypal\.me|cash\.app)/[^\s<>""']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonalLink();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])|\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IpAddress();
}
