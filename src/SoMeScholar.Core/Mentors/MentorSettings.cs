using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.Settings;

namespace SoMeScholar.Core.Mentors;

/// <summary>The recommender's weights in the settings table (key <c>mentors.weights</c>, JSON), read per request.</summary>
public sealed class MentorSettings(ScholarDb db, TimeProvider clock)
{
    public async Task<RecommenderWeights> WeightsAsync(CancellationToken cancellationToken = default)
    {
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == RecommenderWeights.SettingKey, cancellationToken);
        if (setting is null)
        {
            return RecommenderWeights.Default;
        }

        try
        {
            var weights = RecommenderWeights.FromJson(setting.Value);
            return weights.Validate().Count == 0 ? weights : RecommenderWeights.Default;
        }
        catch (System.Text.Json.JsonException)
        {
            return RecommenderWeights.Default;
        }
    }

    /// <summary>Stores weights after validating them; throws <see cref="MentorRuleException"/> listing every problem.</summary>
    public async Task SaveWeightsAsync(RecommenderWeights weights, CancellationToken cancellationToken = default)
    {
        var problems = weights.Validate();
        if (problems.Count > 0)
        {
            throw new MentorRuleException(string.Join(" ", problems));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == RecommenderWeights.SettingKey, cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = RecommenderWeights.SettingKey, Value = weights.ToJson(), UpdatedAt = now });
        }
        else
        {
            setting.Value = weights.ToJson();
            setting.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ResetWeightsAsync(CancellationToken cancellationToken = default) =>
        await db.Settings.Where(s => s.Key == RecommenderWeights.SettingKey).ExecuteDeleteAsync(cancellationToken);
}
