using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Core.Resources;

[JsonConverter(typeof(JsonStringEnumConverter<ResourceSort>))]
public enum ResourceSort
{
    Newest,
    Impact,
    Quality,
    Title,
}

/// <summary>What to browse: text in the title or publisher, a topic, type, specialty, a badge (any badge key, or "any").</summary>
public sealed record ResourceQuery
{
    public string? Text { get; init; }
    public string? Topic { get; init; }
    public ResourceType? Type { get; init; }
    public string? Specialty { get; init; }
    public string? Badge { get; init; }
    public long? AuthorPersonId { get; init; }
    public bool IncludeRetracted { get; init; } = true;
    public ResourceSort Sort { get; init; } = ResourceSort.Newest;
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

public sealed record BadgeInfo(string InstrumentKey, string Key, string Label, double Mean, int Raters, bool Verified);

/// <summary>A resource in a list, with what lists show and sort on: badges, reviews, endorsements, impact, uptake.</summary>
public sealed record ResourceListItem(
    long Id,
    string Title,
    string Url,
    ResourceType Type,
    string? Publisher,
    string? Specialty,
    DateTime? PublishedAt,
    int Version,
    ResourceStatus Status,
    bool NeedsReReview,
    bool IsSynthetic,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Topics,
    IReadOnlyList<BadgeInfo> Badges,
    int Reviews,
    double? BestMeanPercent,
    long MemberEndorsements,
    long ExpertEndorsements,
    long PostsLinking,
    long UptakeReports);

public sealed record ResourcePage(IReadOnlyList<ResourceListItem> Items, int Total);

public sealed record ReviewView(Review Review, bool IsCurrent, InstrumentInfo Instrument);

/// <summary>Everything the resource page shows.</summary>
public sealed record ResourceDetail(
    Resource Resource,
    IReadOnlyList<ResourceVersion> Versions,
    ResourceSnapshot? LatestSnapshot,
    IReadOnlyList<ReviewAggregate> Aggregates,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<Endorsement> Endorsements,
    IReadOnlyList<UptakeReport> Uptake,
    UptakeSummary UptakeSummary,
    string? EditorName,
    string? SubmitterName);

/// <summary>
/// Reading the registry: browse and search, one resource with everything about it, and the per-person queries the
/// portfolio uses (resources a person authored with their aggregates, badges, endorsements, impact and uptake;
/// reviews a person gave).
/// </summary>
public sealed class ResourceCatalog(ScholarDb db, ReviewAggregates aggregates, ResourceImpact impact, Endorsements endorsements, UptakeReporting uptake)
{
    public async Task<ResourcePage> SearchAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        var resources = db.Resources.AsNoTracking();
        if (!query.IncludeRetracted)
        {
            resources = resources.Where(r => r.Status == ResourceStatus.Active);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = "%" + query.Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            resources = db.Provider == DatabaseProvider.PostgreSql
                ? resources.Where(r => EF.Functions.ILike(r.Title, pattern, "\\") || (r.Publisher != null && EF.Functions.ILike(r.Publisher, pattern, "\\")))
                : resources.Where(r => EF.Functions.Like(r.Title, pattern, "\\") || (r.Publisher != null && EF.Functions.Like(r.Publisher, pattern, "\\")));
        }

        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            var topic = ResourceTopic.Normalize(query.Topic);
            resources = resources.Where(r => r.Topics.Any(t => t.Topic == topic));
        }

        if (query.Type is { } type)
        {
            resources = resources.Where(r => r.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(query.Specialty))
        {
            var specialty = query.Specialty.Trim();
            resources = resources.Where(r => r.Specialty == specialty);
        }

        if (query.AuthorPersonId is { } person)
        {
            resources = resources.Where(r => r.Authors.Any(a => a.PersonId == person));
        }

        var rows = await resources
            .AsSplitQuery()
            .Select(r => new
            {
                r.Id, r.Title, r.Url, r.Type, r.Publisher, r.Specialty, r.PublishedAt, r.Version, r.Status, r.NeedsReReview, r.IsSynthetic, r.CreatedAt,
                Authors = r.Authors.OrderBy(a => a.Position).Select(a => a.Name).ToList(),
                Topics = r.Topics.Select(t => t.Topic).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var aggregateMap = await aggregates.ForResourcesAsync(null, currentVersionOnly: true, cancellationToken);
        var impactMap = await impact.PostCountsAsync(cancellationToken);
        var endorsementMap = await endorsements.CountsAsync(cancellationToken);
        var uptakeMap = await db.UptakeReports.GroupBy(u => u.ResourceId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = rows.Select(r =>
        {
            var list = aggregateMap.GetValueOrDefault(r.Id) ?? [];
            var badges = list.Where(a => a.Badge is not null).Select(a => new BadgeInfo(a.InstrumentKey, a.Badge!.Key, a.Badge.Label, a.Mean!.Value, a.Raters, a.Badge.Verified)).ToList();
            var best = list.Where(a => a.Mean is not null && a.TotalMax > a.TotalMin).Select(a => (a.Mean!.Value - a.TotalMin) / (a.TotalMax - a.TotalMin) * 100).DefaultIfEmpty().Max();
            var endorsed = endorsementMap.GetValueOrDefault(r.Id) ?? new EndorsementCounts(0, 0);
            return (Item: new ResourceListItem(r.Id, r.Title, r.Url, r.Type, r.Publisher, r.Specialty, r.PublishedAt, r.Version, r.Status, r.NeedsReReview, r.IsSynthetic, r.Authors, r.Topics,
                badges, list.Sum(a => a.Raters), list.Count > 0 ? best : null, endorsed.Members, endorsed.Experts, impactMap.GetValueOrDefault(r.Id), uptakeMap.GetValueOrDefault(r.Id)), r.CreatedAt);
        });
        if (!string.IsNullOrWhiteSpace(query.Badge))
        {
            var badge = query.Badge.Trim();
            items = items.Where(i => badge == "any" ? i.Item.Badges.Count > 0 : i.Item.Badges.Any(b => b.Key == badge));
        }

        var sorted = query.Sort switch
        {
            ResourceSort.Impact => items.OrderByDescending(i => i.Item.PostsLinking).ThenByDescending(i => i.CreatedAt),
            ResourceSort.Quality => items.OrderByDescending(i => i.Item.BestMeanPercent ?? -1).ThenByDescending(i => i.Item.Reviews),
            ResourceSort.Title => items.OrderBy(i => i.Item.Title, StringComparer.OrdinalIgnoreCase),
            _ => items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Item.Id),
        };
        var all = sorted.Select(i => i.Item).ToList();
        return new ResourcePage(all.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToList(), all.Count);
    }

    public async Task<ResourceDetail?> DetailAsync(long id, CancellationToken cancellationToken = default)
    {
        var resource = await db.Resources.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Person).ThenInclude(p => p!.Accounts)
            .Include(r => r.Topics).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return null;
        }

        resource.Authors.Sort((a, b) => a.Position.CompareTo(b.Position));
        var versions = await db.ResourceVersions.AsNoTracking().Where(v => v.ResourceId == id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var snapshot = await db.ResourceSnapshots.AsNoTracking().Where(s => s.ResourceId == id).OrderByDescending(s => s.FetchedAt).ThenByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Scores).Include(r => r.Instrument).Where(r => r.ResourceId == id)
            .OrderByDescending(r => r.ResourceVersion).ThenBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        var superseded = reviews.Where(r => r.SupersedesReviewId is not null).Select(r => r.SupersedesReviewId!.Value).ToHashSet();
        var instruments = reviews.Select(r => r.Instrument!).DistinctBy(i => i.Id).ToDictionary(i => i.Id, InstrumentCatalog.ToInfo);
        var uptakeReports = await uptake.ForResourceAsync(id, cancellationToken);
        var names = await db.Users.AsNoTracking().Where(u => u.Id == resource.EditorUserId || u.Id == resource.SubmittedByUserId)
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName }).ToListAsync(cancellationToken);
        return new ResourceDetail(
            resource,
            versions,
            snapshot,
            await aggregates.ForResourceAsync(id, cancellationToken),
            reviews.Select(r => new ReviewView(r, !superseded.Contains(r.Id), instruments[r.InstrumentId])).ToList(),
            await endorsements.ForResourceAsync(id, cancellationToken),
            uptakeReports,
            UptakeSummary.Of(uptakeReports),
            names.FirstOrDefault(n => n.Id == resource.EditorUserId)?.Name,
            names.FirstOrDefault(n => n.Id == resource.SubmittedByUserId)?.Name);
    }

    /// <summary>Distinct topics with how many resources carry each, most used first.</summary>
    public async Task<IReadOnlyList<(string Topic, int Resources)>> TopicsAsync(int count, CancellationToken cancellationToken = default) =>
        (await db.ResourceTopics.GroupBy(t => t.Topic).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(count).ToListAsync(cancellationToken))
        .Select(g => (g.Key, g.Count)).ToList();

    public async Task<IReadOnlyList<string>> SpecialtiesAsync(CancellationToken cancellationToken = default) =>
        await db.Resources.Where(r => r.Specialty != null).Select(r => r.Specialty!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);

    /// <summary>For the portfolio: the resources a person authored, each with aggregates, badges, endorsements, posts linking and uptake.</summary>
    public async Task<IReadOnlyList<ResourceListItem>> AuthoredByAsync(long personId, CancellationToken cancellationToken = default) =>
        (await SearchAsync(new ResourceQuery { AuthorPersonId = personId, Take = 500 }, cancellationToken)).Items;

    /// <summary>For the portfolio: the reviews a person gave (current versions), newest first, with the resource reviewed.</summary>
    public async Task<IReadOnlyList<Review>> ReviewsGivenByAsync(long personId, CancellationToken cancellationToken = default) =>
        await aggregates.CurrentReviews().AsNoTracking().Include(r => r.Resource).Include(r => r.Instrument)
            .Where(r => r.ReviewerPersonId == personId).OrderByDescending(r => r.SubmittedAt).ToListAsync(cancellationToken);

    /// <summary>For the portfolio: full impact reports of a person's resources.</summary>
    public async Task<IReadOnlyDictionary<long, ImpactReport>> ImpactOfAuthorAsync(long personId, CancellationToken cancellationToken = default)
    {
        var ids = await db.ResourceAuthors.Where(a => a.PersonId == personId).Select(a => a.ResourceId).Distinct().ToListAsync(cancellationToken);
        var result = new Dictionary<long, ImpactReport>();
        foreach (var id in ids)
        {
            result[id] = await impact.ForResourceAsync(id, cancellationToken);
        }

        return result;
    }
}
