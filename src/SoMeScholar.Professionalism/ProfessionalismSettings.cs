namespace SoMeScholar.Professionalism;

/// <summary>
/// What administrators can tune. A plain settings object (System.Text.Json round-trips it) that the admin pages
/// edit and the hosts pass in through <see cref="CheckOptions.Settings"/>. The defaults are the documented ones.
/// </summary>
public sealed class ProfessionalismSettings
{
    /// <summary>A finding at or above this severity makes <see cref="CheckResult.IsBlocking"/> true
    /// (the CLI exits 3, the live wall holds the post for a moderator).</summary>
    public Severity BlockingSeverity { get; set; } = Severity.High;

    /// <summary>Findings below this severity are left out of the result.</summary>
    public Severity MinimumSeverity { get; set; } = Severity.Info;

    /// <summary>Severity per category, replacing the detector's own. Unlisted categories keep the detector's severity.</summary>
    public Dictionary<FindingCategory, Severity> SeverityOverrides { get; set; } = [];

    /// <summary>Categories not checked at all.</summary>
    public HashSet<FindingCategory> DisabledCategories { get; set; } = [];

    /// <summary>How many kinds of quasi-identifier (date, age over 89, place) in one case story raise a
    /// <see cref="FindingCategory.CombinationRisk"/> finding. Zero turns the rule off.</summary>
    public int CombinationThreshold { get; set; } = 2;

    /// <summary>Severity of the combination finding.</summary>
    public Severity CombinationSeverity { get; set; } = Severity.High;

    /// <summary>Words and phrases never flagged (case-insensitive), e.g. a local eponym or a unit's public name.</summary>
    public HashSet<string> AllowedTerms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra words and phrases flagged as profanity (case-insensitive), e.g. a live wall's deny list.</summary>
    public HashSet<string> DeniedTerms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The defaults (a new instance each time, so callers may change it).</summary>
    public static ProfessionalismSettings Default => new();

    /// <summary>The severity a finding of this category gets, after overrides.</summary>
    public Severity SeverityFor(FindingCategory category, Severity detected) =>
        SeverityOverrides.TryGetValue(category, out var overridden) ? overridden : detected;
}
