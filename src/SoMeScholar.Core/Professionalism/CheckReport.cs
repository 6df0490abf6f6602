using System.Text.Json;
using System.Text.Json.Serialization;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Professionalism;

/// <summary>What a check does: find problems in a draft, or replace identifiers with tags (research transcripts).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CheckMode>))]
public enum CheckMode
{
    Check,
    Deidentify,
}

/// <summary>
/// The result of a check as the JSON API (<c>POST /api/check</c>) and <c>somescholar check --format json</c> both
/// print it: one shape for scripts, enums as camel-case names ("personName", "high"). Spans count UTF-16 code units.
/// </summary>
public sealed record CheckReport
{
    public required CheckMode Mode { get; init; }

    /// <summary>True when a finding reaches <see cref="BlockingSeverity"/> (the CLI exits 3, the live wall holds the post).</summary>
    public required bool Blocking { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<Severity>))]
    public required Severity BlockingSeverity { get; init; }

    /// <summary>The most severe finding's severity; null when nothing was found.</summary>
    [JsonConverter(typeof(CamelCaseEnumConverter<Severity>))]
    public Severity? HighestSeverity { get; init; }

    /// <summary>Findings in text order; attachment findings (no span) come last.</summary>
    public required IReadOnlyList<FindingReport> Findings { get; init; }

    /// <summary>The flagged pieces of the text for highlighting; overlapping findings are split at every boundary.</summary>
    public required IReadOnlyList<HighlightReport> Highlights { get; init; }

    /// <summary>The text with each finding's generalised rewrite applied.</summary>
    public required string SuggestedText { get; init; }

    /// <summary>In <see cref="CheckMode.Deidentify"/> mode: the text with identifiers replaced by tags, and each replacement.</summary>
    public DeidentifiedReport? Deidentified { get; init; }

    public static CheckReport From(CheckResult result, CheckMode mode = CheckMode.Check, DeidentifiedText? deidentified = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Findings.Select((f, i) => FindingReport.From(f, i)).ToList();
        var highlights = Highlighter.Segment(result.Text.Length, [.. result.Findings.Select(f => (f.Start, f.Length))])
            .Where(s => s.IsFlagged)
            .Select(s => new HighlightReport(s.Start, s.Length, s.Findings))
            .ToList();
        return new CheckReport
        {
            Mode = mode,
            Blocking = result.IsBlocking,
            BlockingSeverity = result.BlockingSeverity,
            HighestSeverity = result.HighestSeverity,
            Findings = findings,
            Highlights = highlights,
            SuggestedText = result.SuggestedText(),
            Deidentified = deidentified is null ? null : DeidentifiedReport.From(deidentified),
        };
    }
}

/// <summary>One finding: where, what kind, how serious, why, and what to do.</summary>
public sealed record FindingReport
{
    /// <summary>Position in <see cref="CheckReport.Findings"/>; highlights refer to findings by this number.</summary>
    public required int Index { get; init; }

    public required int Start { get; init; }

    public required int Length { get; init; }

    public required int End { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<FindingCategory>))]
    public required FindingCategory Category { get; init; }

    /// <summary>The category in plain words, e.g. "age over 89".</summary>
    public required string Label { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<Severity>))]
    public required Severity Severity { get; init; }

    public required string Text { get; init; }

    public required string Reason { get; init; }

    public string? Suggestion { get; init; }

    /// <summary>A generalised rewrite of the span, when there is one.</summary>
    public string? Replacement { get; init; }

    /// <summary>The rule that found it (stable across versions).</summary>
    public required string Rule { get; init; }

    /// <summary>For attachment findings: which attachment (0-based).</summary>
    public int? AttachmentIndex { get; init; }

    public static FindingReport From(Finding finding, int index) => new()
    {
        Index = index,
        Start = finding.Start,
        Length = finding.Length,
        End = finding.End,
        Category = finding.Category,
        Label = FindingCategories.Label(finding.Category),
        Severity = finding.Severity,
        Text = finding.Text,
        Reason = finding.Reason,
        Suggestion = finding.Suggestion,
        Replacement = finding.Replacement,
        Rule = finding.Rule,
        AttachmentIndex = finding.AttachmentIndex,
    };
}

/// <summary>A flagged piece of the text and the findings (by index) that cover it.</summary>
public sealed record HighlightReport(int Start, int Length, IReadOnlyList<int> Findings);

/// <summary>The de-identified text and its replacements.</summary>
public sealed record DeidentifiedReport(string Text, IReadOnlyList<ReplacementReport> Replacements)
{
    public static DeidentifiedReport From(DeidentifiedText deidentified)
    {
        ArgumentNullException.ThrowIfNull(deidentified);
        return new DeidentifiedReport(deidentified.Text, deidentified.Replacements.Select(r => new ReplacementReport
        {
            OriginalStart = r.OriginalStart,
            OriginalLength = r.OriginalLength,
            OriginalText = r.OriginalText,
            Start = r.Start,
            Length = r.Length,
            Category = r.Category,
            Tag = r.Tag,
            Reason = r.Reason,
            Rule = r.Rule,
        }).ToList());
    }
}

/// <summary>One identifier replaced by its tag: where it was in the input, where the tag is in the output.</summary>
public sealed record ReplacementReport
{
    public required int OriginalStart { get; init; }

    public required int OriginalLength { get; init; }

    public required string OriginalText { get; init; }

    public required int Start { get; init; }

    public required int Length { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<FindingCategory>))]
    public required FindingCategory Category { get; init; }

    public required string Tag { get; init; }

    public required string Reason { get; init; }

    public required string Rule { get; init; }
}

/// <summary>Enum values as camel-case names ("personName"); reads any case.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
