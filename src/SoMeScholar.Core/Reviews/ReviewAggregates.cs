using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Reviews;

/// <summary>One rater's current review as the aggregate sees it.</summary>
public sealed record RaterScores(string ReviewerKey, double Total, IReadOnlyDictionary<string, int> Items);

/// <summary>
/// The aggregate of one resource version under one instrument: the number of reviewers, the mean and the sample
/// standard deviation of their totals, the range, the ICC once there are enough raters, and the badge earned.
/// </summary>
public sealed record ReviewAggregate(
    long InstrumentId,
    string InstrumentKey,
    int InstrumentVersion,
    string InstrumentName,
    int ResourceVersion,
    int Raters,
    double? Mean,
    double? StandardDeviation,
    double? Min,
    double? Max,
    double TotalMin,
    double TotalMax,
    IccResult? Icc,
    string? IccNote,
    InstrumentBadge? Badge,
    int MinimumRaters);

/// <summary>
/// Aggregates current reviews (a review superseded by a correction no longer counts). The ICC is computed on the
/// resource's item-by-rater matrix — items as targets, reviewers as raters, two-way random effects, absolute
/// agreement — reported as ICC(2,1) (one rater) and ICC(2,k) (the mean of the k raters), from
/// <see cref="IccMinimumRaters"/> raters and two items on. Badges follow <see cref="InstrumentDefinition.BadgeFor"/>.
/// </summary>
public sealed class ReviewAggregates(ScholarDb db)
{
    public const int IccMinimumRaters = 3;

    /// <summary>Reviews nobody has corrected, i.e. the current version of each reviewer's review.</summary>
    public IQueryable<Review> CurrentReviews() =>
        db.Reviews.Where(r => !db.Reviews.Any(c => c.SupersedesReviewId == r.Id));

    /// <summary>Every (version, instrument) aggregate of a resource, newest version first.</summary>
    public async Task<IReadOnlyList<ReviewAggregate>> ForResourceAsync(long resourceId, CancellationToken cancellationToken = default)
    {
        var all = await ForResourcesAsync([resourceId], currentVersionOnly: false, cancellationToken);
        return all.TryGetValue(resourceId, out var list) ? list : [];
    }

    /// <summary>Aggregates for many resources at once (lists, portfolios); with <paramref name="currentVersionOnly"/> only each resource's current version.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ReviewAggregate>>> ForResourcesAsync(IReadOnlyCollection<long>? resourceIds, bool currentVersionOnly, CancellationToken cancellationToken = default)
    {
        var query = CurrentReviews().AsNoTracking();
        if (resourceIds is not null)
        {
            query = query.Where(r => resourceIds.Contains(r.ResourceId));
        }

        if (currentVersionOnly)
        {
            query = query.Where(r => r.ResourceVersion == r.Resource!.Version);
        }

        var reviews = await query.Select(r => new { r.Id, r.ResourceId, r.ResourceVersion, r.InstrumentId, r.ReviewerKey, r.Total }).ToListAsync(cancellationToken);
        var reviewIds = reviews.Select(r => r.Id).ToList();
        var scores = new List<ReviewItemScore>();
        foreach (var chunk in reviewIds.Chunk(500))
        {
            scores.AddRange(await db.ReviewItemScores.AsNoTracking().Where(s => chunk.Contains(s.ReviewId)).ToListAsync(cancellationToken));
        }

        var scoresByReview = scores.GroupBy(s => s.ReviewId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(s => s.ItemKey, s => s.Score));
        var instrumentIds = reviews.Select(r => r.InstrumentId).Distinct().ToList();
        var instruments = (await db.ReviewInstruments.AsNoTracking().Where(i => instrumentIds.Contains(i.Id)).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Id, InstrumentCatalog.ToInfo);
        return reviews
            .GroupBy(r => r.ResourceId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ReviewAggregate>)g.GroupBy(r => (r.ResourceVersion, r.InstrumentId))
                    .Select(v => Aggregate(instruments[v.Key.InstrumentId], v.Key.ResourceVersion,
                        v.Select(r => new RaterScores(r.ReviewerKey, r.Total, scoresByReview.GetValueOrDefault(r.Id) ?? new Dictionary<string, int>())).ToList()))
                    .OrderByDescending(a => a.ResourceVersion).ThenBy(a => a.InstrumentKey, StringComparer.Ordinal)
                    .ToList());
    }

    /// <summary>The aggregate of some raters' current reviews (one per rater) under one instrument.</summary>
    public static ReviewAggregate Aggregate(InstrumentInfo instrument, int resourceVersion, IReadOnlyList<RaterScores> raters)
    {
        var definition = instrument.Definition;
        var totals = raters.Select(r => r.Total).ToList();
        double? mean = totals.Count > 0 ? totals.Average() : null;
        double? sd = totals.Count > 1 ? Math.Sqrt(totals.Sum(t => Math.Pow(t - mean!.Value, 2)) / (totals.Count - 1)) : null;
        IccResult? icc = null;
        string? iccNote;
        if (raters.Count < IccMinimumRaters)
        {
            iccNote = $"ICC from {IccMinimumRaters} raters on ({raters.Count} so far)";
        }
        else if (definition.Items.Count < 2)
        {
            iccNote = "ICC needs an instrument with at least two items";
        }
        else
        {
            var matrix = new double[definition.Items.Count, raters.Count];
            for (var i = 0; i < definition.Items.Count; i++)
            {
                for (var j = 0; j < raters.Count; j++)
                {
                    matrix[i, j] = raters[j].Items.TryGetValue(definition.Items[i].Key, out var score) ? score : double.NaN;
                }
            }

            try
            {
                icc = Icc.Compute(matrix);
                iccNote = icc is null ? "ICC undefined: every score is the same" : null;
            }
            catch (ArgumentException e)
            {
                iccNote = e.Message.Split(" (Parameter", 2)[0];
            }
        }

        return new ReviewAggregate(
            instrument.Id,
            instrument.Key,
            instrument.Version,
            instrument.Name,
            resourceVersion,
            raters.Count,
            mean,
            sd,
            totals.Count > 0 ? totals.Min() : null,
            totals.Count > 0 ? totals.Max() : null,
            definition.Total.Min,
            definition.Total.Max,
            icc,
            iccNote,
            mean is { } m ? definition.BadgeFor(m, raters.Count) : null,
            definition.MinimumRaters.Count);
    }
}
