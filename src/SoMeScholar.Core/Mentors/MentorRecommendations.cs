using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Core.Mentors;

public sealed record ScoreParts(double Interest, double Network, double Activity, double Openness, double TimeZoneFactor, double CareerStageFactor, double AreaFactor);

/// <summary>One recommended mentor with the reason shown to the trainee.</summary>
public sealed record MentorRecommendation(
    int Rank,
    long ProfileId,
    long PersonId,
    string Name,
    string Slug,
    string? Specialty,
    string? Institution,
    CareerStage CareerStage,
    string? TimeZone,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Offers,
    int OpenPlaces,
    double Score,
    ScoreParts Parts,
    string Reason,
    IReadOnlyList<string> ReasonClauses,
    bool IsSynthetic,
    IntroductionStatus? YourIntroduction);

/// <summary>A ranked list and what it was computed from, so the figures can be reproduced.</summary>
public sealed record RecommendationResult(
    IReadOnlyList<MentorRecommendation> Mentors,
    int AvailableMentors,
    int IndexedMentors,
    DateTime IndexBuiltAt,
    DateTime ReferenceTime,
    RecommenderWeights Weights,
    IReadOnlyList<string> UnmatchedTerms,
    IReadOnlyList<string> UnknownAccounts,
    int TraineeAccounts);

/// <summary>
/// Recommends mentors for a trainee: the cached index (<see cref="MentorIndexProvider"/>), the administrators'
/// weights, and live availability read from the store on every request, so a paused or full mentor, a block or a
/// decline takes effect at once. Only opted-in, active mentors with a free place are ever returned.
/// </summary>
public sealed class MentorRecommendations(ScholarDb db, MentorIndexProvider indexes, MentorSettings settings, TimeProvider clock)
{
    public const int MaxCount = 50;

    /// <summary>Recommendations for a signed-in trainee (their person's accounts give network proximity).</summary>
    public async Task<RecommendationResult> ForPersonAsync(long traineePersonId, TraineeRequestInput request, int count, CancellationToken cancellationToken = default)
    {
        var snapshot = await indexes.GetAsync(db, cancellationToken);
        return await RecommendAsync(snapshot, request, traineePersonId, count, cancellationToken);
    }

    /// <summary>Recommendations for an ad hoc request (CLI, API): accounts come from its handles.</summary>
    public async Task<RecommendationResult> ForRequestAsync(TraineeRequestInput request, int count, CancellationToken cancellationToken = default)
    {
        var snapshot = await indexes.GetAsync(db, cancellationToken);
        return await RecommendAsync(snapshot, request, null, count, cancellationToken);
    }

    /// <summary>Scores over a given snapshot (the benchmark and the CLI build their own).</summary>
    public async Task<RecommendationResult> RecommendAsync(MentorIndexSnapshot snapshot, TraineeRequestInput request, long? traineePersonId, int count, CancellationToken cancellationToken = default)
    {
        TraineeRequestInput.Validate(request);
        count = Math.Clamp(count, 1, MaxCount);
        var index = snapshot.Index;
        var weights = await settings.WeightsAsync(cancellationToken);
        var (availability, yours) = await AvailabilityAsync(index, traineePersonId, cancellationToken);

        var accountIds = new List<long>();
        if (traineePersonId is { } person)
        {
            accountIds.AddRange(await db.Accounts.Where(a => a.PersonId == person).Select(a => a.Id).ToListAsync(cancellationToken));
        }

        var unknown = new List<string>();
        foreach (var handle in request.AccountHandles.Select(h => h.Trim().TrimStart('@')).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var found = await db.Accounts.Where(a => a.Handle == handle || a.ExternalId == handle).Select(a => a.Id).ToListAsync(cancellationToken);
            if (found.Count == 0)
            {
                unknown.Add(handle);
            }

            accountIds.AddRange(found);
        }

        var query = new MentorQuery
        {
            Topics = request.Topics,
            Hashtags = request.Hashtags,
            FreeText = request.FreeText,
            Specialty = request.Specialty,
            CareerStage = request.CareerStage,
            TimeZone = request.TimeZone,
            Languages = request.Languages,
            Seeking = request.Seeking,
            TraineeAccounts = accountIds.Select(snapshot.DenseAccount).Where(a => a >= 0).Distinct().ToList(),
            TraineePersonId = traineePersonId,
        };
        var scored = MentorScorer.Recommend(index, query, weights, availability, count);
        var people = await PeopleAsync(scored.Select(s => index.Mentors[s.Mentor].PersonId).ToList(), cancellationToken);
        var recommendations = scored.Select((s, i) =>
        {
            var mentor = index.Mentors[s.Mentor];
            var (slug, institution, synthetic) = people.GetValueOrDefault(mentor.PersonId, ("", null, false));
            return new MentorRecommendation(
                i + 1,
                mentor.ProfileId,
                mentor.PersonId,
                mentor.DisplayName,
                slug,
                mentor.Specialty,
                institution,
                mentor.CareerStage,
                mentor.TimeZone,
                mentor.Languages,
                MentorText.AreaNames(mentor.Offers),
                availability[s.Mentor].OpenPlaces,
                Math.Round(s.Score, 4),
                new ScoreParts(Math.Round(s.Interest, 4), Math.Round(s.Network, 4), Math.Round(s.Activity, 4), Math.Round(s.Openness, 4), Math.Round(s.TimeZoneFactor, 3), s.CareerStageFactor, s.AreaFactor),
                ReasonWriter.Sentence(s.Evidence!, mentor.Specialty),
                ReasonWriter.Clauses(s.Evidence!, mentor.Specialty),
                synthetic,
                yours.TryGetValue(mentor.ProfileId, out var status) ? status : null);
        }).ToList();

        var unmatched = MentorScorer.QueryTerms(new MentorQuery { Topics = request.Topics, Hashtags = request.Hashtags })
            .Keys.Where(t => !index.TermIds.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        return new RecommendationResult(recommendations, availability.Count(a => a.Available), index.MentorCount, snapshot.BuiltAt, index.ReferenceTime, weights, unmatched, unknown, query.TraineeAccounts.Count);
    }

    /// <summary>
    /// Who may be recommended now: active, a place free, not blocking the trainee, not already mentoring them, not
    /// having declined them in the cooling-off period. Also the trainee's own open requests, by profile.
    /// </summary>
    public async Task<(MentorAvailability[] Availability, Dictionary<long, IntroductionStatus> Yours)> AvailabilityAsync(MentorIndex index, long? traineePersonId, CancellationToken cancellationToken)
    {
        // Status and capacity are the index's: changing either changes the profile stamp, which rebuilds the index
        // before this runs. Acceptances, blocks and declines change without a rebuild, so they are read here.
        var accepted = await db.MentorIntroductions.Where(i => i.Status == IntroductionStatus.Accepted)
            .GroupBy(i => i.MentorProfileId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var closed = new HashSet<long>();
        var yours = new Dictionary<long, IntroductionStatus>();
        if (traineePersonId is { } trainee)
        {
            closed.UnionWith(await db.MentorBlocks.Where(b => b.TraineePersonId == trainee).Select(b => b.MentorProfileId).ToListAsync(cancellationToken));
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-Introductions.DeclineCoolingOffDays);
            var mine = await db.MentorIntroductions.Where(i => i.TraineePersonId == trainee)
                .Select(i => new { i.MentorProfileId, i.Status, i.RespondedAt, i.CreatedAt }).ToListAsync(cancellationToken);
            foreach (var introduction in mine.OrderBy(i => i.CreatedAt))
            {
                if (introduction.Status == IntroductionStatus.Accepted || (introduction.Status == IntroductionStatus.Declined && introduction.RespondedAt > since))
                {
                    closed.Add(introduction.MentorProfileId);
                }

                if (introduction.Status is IntroductionStatus.Pending or IntroductionStatus.Accepted)
                {
                    yours[introduction.MentorProfileId] = introduction.Status;
                }
            }
        }

        var availability = new MentorAvailability[index.MentorCount];
        for (var m = 0; m < index.MentorCount; m++)
        {
            var mentor = index.Mentors[m];
            var open = mentor.Capacity - accepted.GetValueOrDefault(mentor.ProfileId);
            availability[m] = mentor.Active && !closed.Contains(mentor.ProfileId) && open > 0 ? MentorAvailability.Open(open) : MentorAvailability.Closed;
        }

        return (availability, yours);
    }

    private async Task<Dictionary<long, (string Slug, string? Institution, bool Synthetic)>> PeopleAsync(List<long> ids, CancellationToken cancellationToken) =>
        (await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Slug, p.Institution, p.IsSynthetic }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => (p.Slug, p.Institution, p.IsSynthetic));
}
