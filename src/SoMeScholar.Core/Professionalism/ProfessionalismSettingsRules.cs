using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Core.Professionalism;

/// <summary>
/// What administrators may set, and how a change is described: validation with field names (for forms and
/// problem details), normalisation (trimmed, de-duplicated, sorted terms), a plain-words difference for the audit
/// trail, and the JSON form the settings are stored in.
/// </summary>
public static class ProfessionalismSettingsRules
{
    public const int MaxTermLength = 100;
    public const int MaxTerms = 1000;

    /// <summary>The combination rule counts kinds of identifier; there are eight, so a higher threshold could never fire.</summary>
    public static readonly int MaxCombinationThreshold = FindingCategories.Identifiers.Count;

    /// <summary>Enums by name (any case on the way in), camel-case properties: the stored and the API form.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Problems by field name; empty when the settings can be saved.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(ProfessionalismSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (!Enum.IsDefined(settings.BlockingSeverity) || settings.BlockingSeverity == Severity.Info)
        {
            Add(nameof(settings.BlockingSeverity), "The blocking severity must be Low, Medium or High (Info would block every draft with any finding).");
        }

        if (!Enum.IsDefined(settings.MinimumSeverity))
        {
            Add(nameof(settings.MinimumSeverity), "The minimum severity must be Info, Low, Medium or High.");
        }
        else if (Enum.IsDefined(settings.BlockingSeverity) && settings.MinimumSeverity > settings.BlockingSeverity)
        {
            Add(nameof(settings.MinimumSeverity), $"The minimum severity ({settings.MinimumSeverity}) is above the blocking severity ({settings.BlockingSeverity}): findings that block would be hidden from the writer.");
        }

        if (!Enum.IsDefined(settings.CombinationSeverity))
        {
            Add(nameof(settings.CombinationSeverity), "The combination severity must be Info, Low, Medium or High.");
        }

        if (settings.CombinationThreshold < 0 || settings.CombinationThreshold > MaxCombinationThreshold)
        {
            Add(nameof(settings.CombinationThreshold), $"The combination threshold must be between 0 (off) and {MaxCombinationThreshold} kinds of identifier.");
        }
        else if (settings.CombinationThreshold == 1)
        {
            Add(nameof(settings.CombinationThreshold), "A combination needs at least 2 kinds of identifier (0 turns the rule off).");
        }

        foreach (var (category, severity) in settings.SeverityOverrides ?? [])
        {
            if (!Enum.IsDefined(category) || !Enum.IsDefined(severity))
            {
                Add(nameof(settings.SeverityOverrides), $"Unknown category or severity in the overrides ({category}: {severity}).");
            }
        }

        if ((settings.DisabledCategories ?? []).Any(c => !Enum.IsDefined(c)))
        {
            Add(nameof(settings.DisabledCategories), "Unknown category among the disabled categories.");
        }

        CheckTerms(settings.AllowedTerms, nameof(settings.AllowedTerms), "allowed", Add);
        CheckTerms(settings.DeniedTerms, nameof(settings.DeniedTerms), "denied", Add);
        var both = Normalise(settings.AllowedTerms).Intersect(Normalise(settings.DeniedTerms), StringComparer.OrdinalIgnoreCase).ToList();
        if (both.Count > 0)
        {
            Add(nameof(settings.DeniedTerms), $"A term cannot be both allowed and denied: {string.Join(", ", both)}.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A copy with trimmed, de-duplicated, sorted terms and no empty entries, ready to store and compare.</summary>
    public static ProfessionalismSettings Normalised(ProfessionalismSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var copy = new ProfessionalismSettings
        {
            BlockingSeverity = settings.BlockingSeverity,
            MinimumSeverity = settings.MinimumSeverity,
            CombinationThreshold = settings.CombinationThreshold,
            CombinationSeverity = settings.CombinationSeverity,
            SeverityOverrides = new Dictionary<FindingCategory, Severity>(settings.SeverityOverrides ?? []),
            DisabledCategories = [.. settings.DisabledCategories ?? []],
        };
        copy.AllowedTerms.UnionWith(Normalise(settings.AllowedTerms));
        copy.DeniedTerms.UnionWith(Normalise(settings.DeniedTerms));
        return copy;
    }

    /// <summary>Terms typed one a line (or separated by commas): trimmed, blanks dropped.</summary>
    public static IReadOnlyList<string> ParseTerms(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Terms in the stored order (case-insensitive alphabetical), for forms and JSON.</summary>
    public static IReadOnlyList<string> Sorted(IEnumerable<string>? terms) => Normalise(terms).ToList();

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, one plain line per change.</summary>
    public static IReadOnlyList<string> Describe(ProfessionalismSettings before, ProfessionalismSettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        void Compare<T>(string name, T old, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(old, now))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {old} → {now}"));
            }
        }

        Compare("Blocking severity", before.BlockingSeverity, after.BlockingSeverity);
        Compare("Minimum severity", before.MinimumSeverity, after.MinimumSeverity);
        Compare("Combination threshold", before.CombinationThreshold, after.CombinationThreshold);
        Compare("Combination severity", before.CombinationSeverity, after.CombinationSeverity);
        foreach (var category in Enum.GetValues<FindingCategory>())
        {
            var wasDisabled = before.DisabledCategories.Contains(category);
            var isDisabled = after.DisabledCategories.Contains(category);
            if (wasDisabled != isDisabled)
            {
                lines.Add($"{category}: {(isDisabled ? "disabled" : "enabled")}");
            }

            var old = before.SeverityOverrides.TryGetValue(category, out var o) ? o.ToString() : "detector's own";
            var now = after.SeverityOverrides.TryGetValue(category, out var n) ? n.ToString() : "detector's own";
            if (old != now)
            {
                lines.Add($"{category} severity: {old} → {now}");
            }
        }

        DescribeTerms("Allowed terms", before.AllowedTerms, after.AllowedTerms, lines);
        DescribeTerms("Denied terms", before.DeniedTerms, after.DeniedTerms, lines);
        return lines;
    }

    public static string Serialize(ProfessionalismSettings settings) => JsonSerializer.Serialize(ToStored(settings), Json);

    /// <summary>Reads settings written by <see cref="Serialize"/> (or typed by hand: enum names in any case).</summary>
    public static ProfessionalismSettings Deserialize(string json) =>
        Normalised(JsonSerializer.Deserialize<ProfessionalismSettings>(json, Json) ?? throw new JsonException("The professionalism settings are empty (null)."));

    /// <summary>The JSON shape: terms sorted so that the stored text (and the audit trail) is stable.</summary>
    private static object ToStored(ProfessionalismSettings settings)
    {
        var normalised = Normalised(settings);
        return new
        {
            normalised.BlockingSeverity,
            normalised.MinimumSeverity,
            SeverityOverrides = normalised.SeverityOverrides.OrderBy(o => o.Key).ToDictionary(o => o.Key, o => o.Value),
            DisabledCategories = normalised.DisabledCategories.Order().ToList(),
            normalised.CombinationThreshold,
            normalised.CombinationSeverity,
            AllowedTerms = Sorted(normalised.AllowedTerms),
            DeniedTerms = Sorted(normalised.DeniedTerms),
        };
    }

    private static void DescribeTerms(string name, IEnumerable<string> before, IEnumerable<string> after, List<string> lines)
    {
        var old = Normalise(before).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = Normalise(after).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = now.Where(t => !old.Contains(t)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var removed = old.Where(t => !now.Contains(t)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (added.Count > 0)
        {
            lines.Add($"{name} added: {string.Join(", ", added)}");
        }

        if (removed.Count > 0)
        {
            lines.Add($"{name} removed: {string.Join(", ", removed)}");
        }
    }

    private static void CheckTerms(IEnumerable<string>? terms, string field, string kind, Action<string, string> add)
    {
        var list = Normalise(terms).ToList();
        if (list.Count > MaxTerms)
        {
            add(field, $"At most {MaxTerms} {kind} terms ({list.Count} given).");
        }

        foreach (var term in list.Where(t => t.Length > MaxTermLength))
        {
            add(field, $"The {kind} term \"{term[..20]}…\" is longer than {MaxTermLength} characters.");
        }
    }

    private static IEnumerable<string> Normalise(IEnumerable<string>? terms) =>
        (terms ?? [])
            .Select(t => t?.Trim() ?? "")
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase);
}
