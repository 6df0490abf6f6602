using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Professionalism;

/// <summary>
/// The professionalism settings as the JSON API and the settings form exchange them: severities and categories by
/// name (any case; written camel-case, as in <see cref="CheckReport"/>), so a bad value gets an error that names it
/// instead of a failed request.
/// </summary>
public sealed record SettingsDocument
{
    /// <summary>info, low, medium or high: a finding at or above it blocks (the CLI exits 3, the live wall holds the post).</summary>
    public string BlockingSeverity { get; init; } = "high";

    /// <summary>Findings below this severity are not shown.</summary>
    public string MinimumSeverity { get; init; } = "info";

    /// <summary>Severity per category (e.g. "place": "high"), replacing the detector's own.</summary>
    public IReadOnlyDictionary<string, string>? SeverityOverrides { get; init; }

    /// <summary>Categories not checked (e.g. "profanity").</summary>
    public IReadOnlyList<string>? DisabledCategories { get; init; }

    /// <summary>Kinds of identifier in one case story that raise a combination finding; 0 turns the rule off.</summary>
    public int CombinationThreshold { get; init; } = 2;

    public string CombinationSeverity { get; init; } = "high";

    /// <summary>Words and phrases never flagged (case-insensitive).</summary>
    public IReadOnlyList<string>? AllowedTerms { get; init; }

    /// <summary>Extra words and phrases flagged as profanity (case-insensitive).</summary>
    public IReadOnlyList<string>? DeniedTerms { get; init; }

    public static SettingsDocument From(ProfessionalismSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SettingsDocument
        {
            BlockingSeverity = Name(settings.BlockingSeverity),
            MinimumSeverity = Name(settings.MinimumSeverity),
            SeverityOverrides = settings.SeverityOverrides.OrderBy(o => o.Key).ToDictionary(o => Name(o.Key), o => Name(o.Value)),
            DisabledCategories = settings.DisabledCategories.Order().Select(c => Name(c)).ToList(),
            CombinationThreshold = settings.CombinationThreshold,
            CombinationSeverity = Name(settings.CombinationSeverity),
            AllowedTerms = ProfessionalismSettingsRules.Sorted(settings.AllowedTerms),
            DeniedTerms = ProfessionalismSettingsRules.Sorted(settings.DeniedTerms),
        };
    }

    /// <summary>Reads the names into settings; unknown names are reported by field, then the rules of
    /// <see cref="ProfessionalismSettingsRules.Validate"/> apply.</summary>
    public ProfessionalismSettings ToSettings(out IReadOnlyDictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        Severity SeverityOf(string field, string? value, Severity fallback)
        {
            if (Parse<Severity>(value) is { } severity)
            {
                return severity;
            }

            Add(field, $"\"{value}\" is not a severity (info, low, medium or high).");
            return fallback;
        }

        var settings = new ProfessionalismSettings
        {
            BlockingSeverity = SeverityOf("blockingSeverity", BlockingSeverity, Severity.High),
            MinimumSeverity = SeverityOf("minimumSeverity", MinimumSeverity, Severity.Info),
            CombinationThreshold = CombinationThreshold,
            CombinationSeverity = SeverityOf("combinationSeverity", CombinationSeverity, Severity.High),
        };
        foreach (var (name, value) in SeverityOverrides ?? new Dictionary<string, string>())
        {
            if (Parse<FindingCategory>(name) is not { } category)
            {
                Add("severityOverrides", $"\"{name}\" is not a category ({CategoryNames}).");
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                settings.SeverityOverrides[category] = SeverityOf("severityOverrides", value, Severity.Medium);
            }
        }

        foreach (var name in DisabledCategories ?? [])
        {
            if (Parse<FindingCategory>(name) is { } category)
            {
                settings.DisabledCategories.Add(category);
            }
            else
            {
                Add("disabledCategories", $"\"{name}\" is not a category ({CategoryNames}).");
            }
        }

        settings.AllowedTerms.UnionWith(AllowedTerms ?? []);
        settings.DeniedTerms.UnionWith(DeniedTerms ?? []);
        foreach (var (field, messages) in ProfessionalismSettingsRules.Validate(settings))
        {
            foreach (var message in messages)
            {
                Add(char.ToLowerInvariant(field[0]) + field[1..], message);
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return settings;
    }

    /// <summary>The camel-case name written for an enum value ("personName", "high").</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static string CategoryNames => string.Join(", ", Enum.GetValues<FindingCategory>().Select(c => Name(c)));

    private static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !char.IsDigit(value.Trim()[0]) && Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
}
