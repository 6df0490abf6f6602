using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SoMeScholar.Core.Reviews;

/// <summary>
/// A review instrument as data (PRODUCT.md capability 4): items with stems and anchored options, the score range,
/// how the total is computed, badge cut-offs, the minimum number of raters a badge needs, and the citations. Every
/// value carries whether it was confirmed in a primary source (<c>verified</c>) and, when not, a note saying so.
/// Read from JSON (the embedded built-ins in Reviews/Instruments/, or a file an administrator uploads).
/// </summary>
public sealed record InstrumentDefinition
{
    public required string Key { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>False when the definition is known to be missing part of the published instrument (see <see cref="Verification"/>).</summary>
    public bool Complete { get; init; } = true;

    /// <summary>What was checked against which source, and what could not be.</summary>
    public string? Verification { get; init; }

    public IReadOnlyList<InstrumentCitation> Citations { get; init; } = [];
    public required IReadOnlyList<InstrumentItem> Items { get; init; }
    public required InstrumentTotal Total { get; init; }
    public IReadOnlyList<InstrumentBadge> Badges { get; init; } = [];
    public required InstrumentMinimumRaters MinimumRaters { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses and validates a definition; throws <see cref="InstrumentValidationException"/> listing every problem.</summary>
    public static InstrumentDefinition Parse(string json)
    {
        InstrumentDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<InstrumentDefinition>(json, Json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new InstrumentValidationException([$"not a valid instrument definition{where}: {e.Message}"]);
        }

        if (definition is null)
        {
            throw new InstrumentValidationException(["the definition is empty"]);
        }

        var problems = definition.Validate();
        return problems.Count == 0 ? definition : throw new InstrumentValidationException(problems);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Every rule a definition must meet, as readable problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Regex.IsMatch(Key ?? "", "^[a-z0-9][a-z0-9-]{1,62}$"))
        {
            problems.Add("key: use 2 to 63 lower-case letters, digits and '-', e.g. \"local-rubric\"");
        }

        if (Version < 1)
        {
            problems.Add("version: must be 1 or more");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("name: required");
        }

        if (Items is null || Items.Count == 0)
        {
            problems.Add("items: at least one item is required");
        }
        else
        {
            foreach (var (item, index) in Items.Select((item, index) => (item, index)))
            {
                var where = $"items[{index}]";
                if (!Regex.IsMatch(item.Key ?? "", "^[a-z0-9][a-z0-9_-]{0,62}$"))
                {
                    problems.Add($"{where}.key: use lower-case letters, digits, '_' and '-'");
                }

                if (string.IsNullOrWhiteSpace(item.Stem))
                {
                    problems.Add($"{where}.stem: required");
                }

                if (item.Min >= item.Max)
                {
                    problems.Add($"{where}: min ({item.Min}) must be below max ({item.Max})");
                }

                foreach (var option in item.Options)
                {
                    if (option.Score < item.Min || option.Score > item.Max)
                    {
                        problems.Add($"{where}.options: score {option.Score} is outside {item.Min}–{item.Max}");
                    }

                    if (string.IsNullOrWhiteSpace(option.Anchor))
                    {
                        problems.Add($"{where}.options: score {option.Score} needs its anchor text");
                    }
                }

                if (item.Options.Select(o => o.Score).Distinct().Count() != item.Options.Count)
                {
                    problems.Add($"{where}.options: each score may be anchored once");
                }
            }

            foreach (var duplicate in Items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            {
                problems.Add($"items: the key '{duplicate.Key}' is used more than once");
            }
        }

        if (Total is null)
        {
            problems.Add("total: required");
        }
        else if (Items is { Count: > 0 } && problems.Count == 0)
        {
            var (min, max) = ComputedRange();
            if (Math.Abs(Total.Min - min) > 1e-9 || Math.Abs(Total.Max - max) > 1e-9)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"total: the {Total.Rule} of the items ranges {min:0.##}–{max:0.##}, but the definition says {Total.Min:0.##}–{Total.Max:0.##}"));
            }

            foreach (var badge in Badges)
            {
                if (badge.MinimumMeanTotal < Total.Min || badge.MinimumMeanTotal > Total.Max)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"badges: the cut-off of '{badge.Key}' ({badge.MinimumMeanTotal:0.##}) is outside the total range"));
                }
            }
        }

        foreach (var duplicate in Badges.GroupBy(b => b.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"badges: the key '{duplicate.Key}' is used more than once");
        }

        if (MinimumRaters is null || MinimumRaters.Count < 1)
        {
            problems.Add("minimumRaters.count: must be 1 or more");
        }

        return problems;
    }

    private (double Min, double Max) ComputedRange() => Total.Rule switch
    {
        TotalRule.Mean => (Items.Average(i => (double)i.Min), Items.Average(i => (double)i.Max)),
        _ => (Items.Sum(i => i.Min), Items.Sum(i => i.Max)),
    };

    /// <summary>
    /// The total of one rater's item scores. Every item must be scored, within its range; throws
    /// <see cref="ArgumentException"/> naming the item otherwise.
    /// </summary>
    public double Score(IReadOnlyDictionary<string, int> scores)
    {
        foreach (var key in scores.Keys.Where(k => Items.All(i => i.Key != k)))
        {
            throw new ArgumentException($"'{key}' is not an item of {Name}.", nameof(scores));
        }

        var values = new List<int>(Items.Count);
        foreach (var item in Items)
        {
            if (!scores.TryGetValue(item.Key, out var score))
            {
                throw new ArgumentException($"Item {item.Key} ({item.Stem}) has no score.", nameof(scores));
            }

            if (score < item.Min || score > item.Max)
            {
                throw new ArgumentException($"Item {item.Key} is scored {score}, outside its range {item.Min}–{item.Max}.", nameof(scores));
            }

            values.Add(score);
        }

        return Total.Rule == TotalRule.Mean ? values.Average() : values.Sum();
    }

    /// <summary>
    /// The badge a resource earns with this mean total from this many raters: the badge with the highest cut-off that
    /// the mean reaches (cut-offs are inclusive), and only once there are at least <see cref="MinimumRaters"/> raters.
    /// </summary>
    public InstrumentBadge? BadgeFor(double meanTotal, int raters) =>
        raters < MinimumRaters.Count
            ? null
            : Badges.Where(b => meanTotal >= b.MinimumMeanTotal - 1e-9).OrderByDescending(b => b.MinimumMeanTotal).FirstOrDefault();
}

public sealed record InstrumentCitation(string Text, string? Doi = null, string? Url = null);

public sealed record InstrumentItem
{
    public required string Key { get; init; }
    public required string Stem { get; init; }
    public required int Min { get; init; }
    public required int Max { get; init; }
    public bool Verified { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<InstrumentOption> Options { get; init; } = [];

    /// <summary>The anchor written for a score, or null when the instrument does not anchor that value.</summary>
    public InstrumentOption? OptionFor(int score) => Options.FirstOrDefault(o => o.Score == score);
}

public sealed record InstrumentOption(int Score, string Anchor, bool Verified = false, string? Note = null);

public enum TotalRule
{
    /// <summary>The sum of the item scores.</summary>
    Sum,

    /// <summary>The mean of the item scores.</summary>
    Mean,
}

public sealed record InstrumentTotal(TotalRule Rule, double Min, double Max, bool Verified = false, string? Note = null);

/// <summary>A badge: earned when the mean of the raters' totals reaches <see cref="MinimumMeanTotal"/> (inclusive).</summary>
public sealed record InstrumentBadge(string Key, string Label, double MinimumMeanTotal, bool Verified = false, string? Note = null);

public sealed record InstrumentMinimumRaters(int Count, bool Verified = false, string? Note = null);

public sealed class InstrumentValidationException(IReadOnlyList<string> problems)
    : Exception("The instrument definition is not valid: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
