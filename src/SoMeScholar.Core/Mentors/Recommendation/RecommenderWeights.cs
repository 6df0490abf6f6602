using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoMeScholar.Core.Mentors.Recommendation;

/// <summary>
/// How the recommender combines its evidence (docs/mentors.md explains each figure). Administrators change them on
/// /Mentors/Admin or through the API; they are stored as JSON in the settings table under <see cref="SettingKey"/>.
/// </summary>
/// <remarks>
/// score = (Interest·I + Network·N + Activity·A + Openness·O) / (Interest + Network + Activity + Openness)
///         × time-zone factor × career-stage factor × areas factor,
/// each of I, N, A, O in [0, 1]. Mentors who are not opted in, paused, full, blocking the trainee or (with
/// <see cref="RequireSharedLanguage"/>) share no language with them are never scored.
/// </remarks>
public sealed record RecommenderWeights
{
    public const string SettingKey = "mentors.weights";

    /// <summary>Weight of interest similarity: TF-IDF cosine between the request and the mentor's posts, hashtags, links and stated topics.</summary>
    public double Interest { get; init; } = 0.45;

    /// <summary>Weight of network proximity: people the trainee follows who follow the mentor, shared followees, direct ties, same community.</summary>
    public double Network { get; init; } = 0.30;

    /// <summary>Weight of recent activity: posts in the last 90 days and the share of weeks with a post.</summary>
    public double Activity { get; init; } = 0.10;

    /// <summary>Weight of openness: distinct trainees (and accounts) the mentor replied to or mentioned in the last 90 days.</summary>
    public double Openness { get; init; } = 0.15;

    /// <summary>N = 1 − exp(−raw / NetworkSaturation): the raw proximity at which N reaches 63%.</summary>
    public double NetworkSaturation { get; init; } = 3.0;

    /// <summary>Added to raw proximity when the mentor and trainee are in the same network community.</summary>
    public double SameCommunityBonus { get; init; } = 0.5;

    /// <summary>Factor at zero shared working hours (08:00–20:00 local); 1 at twelve shared hours, linear between.</summary>
    public double TimeZoneMinimumFactor { get; init; } = 0.5;

    /// <summary>Factor when the mentor is not later in their career than the trainee (peer mentoring stays possible, ranked lower).</summary>
    public double CareerStageFactor { get; init; } = 0.6;

    /// <summary>Factor when the mentor offers none of the areas (career, research, clinical, education) the trainee seeks.</summary>
    public double AreaMismatchFactor { get; init; } = 0.6;

    /// <summary>Skip mentors who share no language with the trainee (when both state languages).</summary>
    public bool RequireSharedLanguage { get; init; } = true;

    public static RecommenderWeights Default { get; } = new();

    [JsonIgnore]
    public double ComponentSum => Interest + Network + Activity + Openness;

    /// <summary>What is wrong with these weights, one message per problem (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { (nameof(Interest), Interest), (nameof(Network), Network), (nameof(Activity), Activity), (nameof(Openness), Openness) })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                problems.Add($"{name} must be a number of at least 0 (got {value}).");
            }
        }

        if (problems.Count == 0 && ComponentSum <= 0)
        {
            problems.Add("At least one of Interest, Network, Activity and Openness must be above 0.");
        }

        if (!double.IsFinite(NetworkSaturation) || NetworkSaturation <= 0)
        {
            problems.Add($"NetworkSaturation must be above 0 (got {NetworkSaturation}).");
        }

        if (!double.IsFinite(SameCommunityBonus) || SameCommunityBonus < 0)
        {
            problems.Add($"SameCommunityBonus must be at least 0 (got {SameCommunityBonus}).");
        }

        foreach (var (name, value) in new[] { (nameof(TimeZoneMinimumFactor), TimeZoneMinimumFactor), (nameof(CareerStageFactor), CareerStageFactor), (nameof(AreaMismatchFactor), AreaMismatchFactor) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                problems.Add($"{name} must be between 0 and 1 (got {value}).");
            }
        }

        return problems;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads stored weights; fields missing from the JSON keep their defaults.</summary>
    public static RecommenderWeights FromJson(string json) => JsonSerializer.Deserialize<RecommenderWeights>(json, JsonOptions) ?? Default;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
