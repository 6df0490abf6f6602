using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Portfolio;

/// <summary>
/// Service counted as digital peer review (Husain et al. 2020, recommendation 3): the current reviews the person gave
/// with a structured instrument, and the resources they handled as editor (designated by an administrator), with the
/// reviewers they assigned. Reviews belong to a period by submission date; editorial roles by the resource's registration.
/// </summary>
public sealed class PeerReviewEvidence(ScholarDb db, ResourceCatalog catalog) : IPortfolioSource
{
    public PortfolioSection Section => PortfolioSection.PeerReview;
    public string Title => "Digital peer review";
    public string Description => "Reviews given with structured instruments, and editorial roles in the resource registry.";

    public async Task<SourceResult> GatherAsync(PortfolioSubject subject, CancellationToken cancellationToken)
    {
        var items = new List<EvidenceItem>();
        var reviews = await catalog.ReviewsGivenByAsync(subject.Person.Id, cancellationToken);
        foreach (var review in reviews.Where(r => subject.InPeriod(r.SubmittedAt)).OrderBy(r => r.SubmittedAt))
        {
            var link = $"/Resources/{review.ResourceId}";
            var provenance = new Provenance("peer reviews", $"review {review.Id} (revision {review.Revision}) of resource {review.ResourceId}, version {review.ResourceVersion}", link + "#reviews", subject.Now);
            var instrument = review.Instrument is { } i ? $"{i.Name} v{i.Version}" : $"instrument {review.InstrumentId}";
            var title = $"Review of \u201c{review.Resource?.Title}\u201d";
            items.Add(new EvidenceItem(
                $"review:{review.Id}",
                Section,
                "review",
                title,
                link,
                review.SubmittedAt,
                $"Scored with {instrument} on {review.SubmittedAt:yyyy-MM-dd}; recommendation: {review.Recommendation}",
                [new Figure("total", "Total score", review.Total, review.Total.ToString("0.##", CultureInfo.InvariantCulture), provenance)],
                [new Detail("Instrument", instrument), new Detail("Recommendation", review.Recommendation.ToString())],
                new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        }

        if (subject.UserIds.Count > 0)
        {
            var userIds = subject.UserIds.ToList();
            var edited = await db.Resources.AsNoTracking().Where(r => r.EditorUserId != null && userIds.Contains(r.EditorUserId)).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
            foreach (var resource in edited.Where(r => subject.InPeriod(r.CreatedAt)))
            {
                var assigned = await db.ReviewAssignments.CountAsync(a => a.ResourceId == resource.Id && a.AssignedByUserId != null && userIds.Contains(a.AssignedByUserId), cancellationToken);
                var link = $"/Resources/{resource.Id}";
                var provenance = new Provenance("review assignments", $"assignments made on resource {resource.Id}", link + "#reviews", subject.Now);
                items.Add(new EvidenceItem(
                    $"editor:{resource.Id}",
                    Section,
                    "editor",
                    $"Handling editor of \u201c{resource.Title}\u201d",
                    link,
                    resource.CreatedAt,
                    "Designated handling editor in the resource registry.",
                    [Figure.Count("assignments", "Reviewers assigned", assigned, provenance)],
                    [],
                    new Dictionary<string, IReadOnlyDictionary<string, double>>()));
            }
        }

        var total = new Provenance("sum over the items listed", $"{items.Count} peer-review items", null, subject.Now);
        return new SourceResult(items,
        [
            Figure.Count("reviewsGiven", "Reviews given", items.Count(i => i.Kind == "review"), total),
            Figure.Count("resourcesReviewed", "Resources reviewed", reviews.Where(r => subject.InPeriod(r.SubmittedAt)).Select(r => r.ResourceId).Distinct().Count(), total),
            Figure.Count("editorialRoles", "Editorial roles", items.Count(i => i.Kind == "editor"), total),
        ]);
    }
}
