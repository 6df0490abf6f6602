using System.Text;
using SoMeScholar.Professionalism.Detection;

namespace SoMeScholar.Professionalism;

/// <summary>
/// The professionalism check: one call for the web page, the JSON API, <c>somescholar check</c>, the live wall and
/// discussion moderation; and de-identification for the research toolkit. Thread-safe and stateless; the word
/// lists load once per process.
/// </summary>
public static class ProfessionalismChecker
{
    private static readonly IDetector[] Detectors =
    [
        new ContactDetector(), new UrlDetector(), new RecordNumberDetector(), new AgeDetector(), new DateDetector(),
        new PlaceDetector(), new NameDetector(), new LanguageDetector(), new ConflictDetector(), new ClaimDetector(),
    ];

    /// <summary>Checks a draft. Findings are ordered by position; see <see cref="CheckResult.IsBlocking"/>.</summary>
    public static CheckResult Check(string text, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CheckOptions.Default;
        var settings = options.Settings ?? ProfessionalismSettings.Default;
        var context = new TextContext(text, options, Lexicon.Shared);

        var raw = new List<Finding>();
        foreach (var detector in Detectors)
        {
            if (detector.Categories.All(settings.DisabledCategories.Contains))
            {
                continue;
            }

            detector.Detect(context, raw);
        }

        raw.RemoveAll(f => settings.DisabledCategories.Contains(f.Category));
        RemoveInsideAllowedTerms(text, settings, raw);
        var findings = FindingMerger.Merge(raw);

        if (!settings.DisabledCategories.Contains(FindingCategory.CombinationRisk))
        {
            var combined = new List<Finding>();
            foreach (var (start, end) in CombinationRule.Passages(text))
            {
                if (CombinationRule.Evaluate(context, findings, start, end) is { } combination
                    && !combined.Any(c => c.Start <= combination.Start && c.End >= combination.End))
                {
                    combined.RemoveAll(c => combination.Start <= c.Start && combination.End >= c.End);
                    combined.Add(combination);
                }
            }

            findings.AddRange(combined);
        }

        if (options.Attachments.Count > 0 && !settings.DisabledCategories.Contains(FindingCategory.Attachment))
        {
            var textOnly = options with { Attachments = [], FlagIdentifiersOutsideCaseStories = true };
            findings.AddRange(AttachmentRule.Findings(options.Attachments, name => Check(name, textOnly)));
        }

        var result = findings
            .Select(f => f with { Severity = settings.SeverityFor(f.Category, f.Severity) })
            .Where(f => f.Severity >= settings.MinimumSeverity)
            .OrderBy(f => f.AttachmentIndex.HasValue ? 1 : 0).ThenBy(f => f.Start).ThenBy(f => f.Category)
            .ToList();
        return new CheckResult(text, result, settings.BlockingSeverity);
    }

    /// <summary>
    /// An allowed phrase is never flagged, nor is anything inside it: allowing "Mercy General Hospital" also keeps
    /// "Mercy" from being read as a name. (Each detector already skips a finding that is exactly an allowed term.)
    /// Occurrences are matched case-insensitively on word boundaries.
    /// </summary>
    private static void RemoveInsideAllowedTerms(string text, ProfessionalismSettings settings, List<Finding> findings)
    {
        if (findings.Count == 0 || settings.AllowedTerms.Count == 0)
        {
            return;
        }

        var allowed = new List<(int Start, int End)>();
        foreach (var term in settings.AllowedTerms)
        {
            var phrase = term.Trim();
            if (phrase.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + phrase.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    allowed.Add((at, end));
                }
            }
        }

        if (allowed.Count > 0)
        {
            findings.RemoveAll(f => f.Length > 0 && allowed.Any(a => a.Start <= f.Start && f.End <= a.End));
        }
    }

    /// <summary>
    /// Replaces every identifier with its category tag ([NAME], [DATE], [AGE], [PLACE], [PHONE], [EMAIL], [ID],
    /// [URL]) and lists each replacement with its original span for review. Unless the options say otherwise,
    /// identifiers are replaced wherever they appear (not only in case stories) and names after "Dr"/"Prof" count.
    /// </summary>
    public static DeidentifiedText Deidentify(string text, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new CheckOptions { FlagIdentifiersOutsideCaseStories = true };
        var identifiers = Check(text, options with { Attachments = [] }).Findings
            .Where(f => FindingCategories.IsIdentifier(f.Category) && f.Length > 0)
            .OrderBy(f => f.Start)
            .ToList();

        var builder = new StringBuilder(text.Length);
        var replacements = new List<Replacement>(identifiers.Count);
        var position = 0;
        foreach (var finding in identifiers)
        {
            if (finding.Start < position)
            {
                continue; // overlapped by an earlier replacement (the merger keeps these rare)
            }

            builder.Append(text, position, finding.Start - position);
            var tag = FindingCategories.Tag(finding.Category);
            replacements.Add(new Replacement(finding.Start, finding.Length, finding.Text, builder.Length, tag.Length,
                finding.Category, tag, finding.Reason, finding.Rule));
            builder.Append(tag);
            position = finding.End;
        }

        builder.Append(text, position, text.Length - position);
        return new DeidentifiedText(builder.ToString(), replacements);
    }
}
