using System.Text;

namespace SoMeScholar.Professionalism;

/// <summary>The outcome of <see cref="ProfessionalismChecker.Check"/>: findings in text order.</summary>
public sealed class CheckResult
{
    internal CheckResult(string text, IReadOnlyList<Finding> findings, Severity blockingSeverity)
    {
        Text = text;
        Findings = findings;
        BlockingSeverity = blockingSeverity;
    }

    /// <summary>The checked text.</summary>
    public string Text { get; }

    /// <summary>Findings ordered by start, then by category.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The threshold this result was judged against (from the settings).</summary>
    public Severity BlockingSeverity { get; }

    /// <summary>The most severe finding's severity, or null when there is none.</summary>
    public Severity? HighestSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>True when a finding reaches <see cref="BlockingSeverity"/>: the CLI exits 3, the wall holds the post.</summary>
    public bool IsBlocking => Findings.Any(f => f.Severity >= BlockingSeverity);

    /// <summary>True when any finding is High, whatever the threshold.</summary>
    public bool HasHighSeverity => Findings.Any(f => f.Severity == Severity.High);

    /// <summary>The text with every finding that has a <see cref="Finding.Replacement"/> rewritten, for a
    /// "use the suggested version" button. Overlapping replacements keep the first.</summary>
    public string SuggestedText()
    {
        var builder = new StringBuilder(Text.Length);
        var position = 0;
        foreach (var finding in Findings.Where(f => f.Replacement is not null && f.Length > 0).OrderBy(f => f.Start))
        {
            if (finding.Start < position)
            {
                continue;
            }

            builder.Append(Text, position, finding.Start - position).Append(finding.Replacement);
            position = finding.End;
        }

        return builder.Append(Text, position, Text.Length - position).ToString();
    }
}
