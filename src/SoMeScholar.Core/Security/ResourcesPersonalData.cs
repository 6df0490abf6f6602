using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Security;

/// <summary>
/// Capability 4's part of a person's data: resources they submitted, review assignments and reviews, endorsements,
/// verified-expert status and uptake reports. On account deletion reviews, endorsements and uptake reports stay
/// attached to their resource as anonymous (the reviewer's name, sign-in and person link are removed, and the
/// participant key becomes <c>anonymous:&lt;id&gt;</c>); verified-expert status, which belongs to the person, is removed.
/// </summary>
public sealed class ResourcesPersonalData(ScholarDb db) : IPersonalDataSource
{
    public const string AnonymousReviewer = "Anonymous reviewer";

    public string Name => "resources";

    public async Task<object?> ExportAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        var personKey = PersonKey(user);
        return new
        {
            ResourcesSubmitted = await db.Resources.AsNoTracking().Where(r => r.SubmittedByUserId == id).OrderBy(r => r.Id).Select(r => new { r.Id, r.Url, r.Title, r.CreatedAt }).ToListAsync(cancellationToken),
            ReviewAssignments = await db.ReviewAssignments.AsNoTracking().Where(a => a.ReviewerUserId == id || a.ReviewerKey == personKey).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.ResourceId, a.ResourceVersion, a.ConflictStatement }).ToListAsync(cancellationToken),
            Reviews = await db.Reviews.AsNoTracking().Where(r => r.ReviewerUserId == id || r.ReviewerKey == personKey).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.ResourceId, r.ResourceVersion, r.Total, r.Comments, r.Recommendation, r.SubmittedAt, Scores = r.Scores.Select(s => new { s.ItemKey, s.Score }) }).ToListAsync(cancellationToken),
            Endorsements = await db.Endorsements.AsNoTracking().Where(e => e.UserId == id || e.EndorserKey == personKey).OrderBy(e => e.Id).Select(e => new { e.Id, e.ResourceId, e.EndorserName }).ToListAsync(cancellationToken),
            UptakeReports = await db.UptakeReports.AsNoTracking().Where(u => u.UserId == id || u.ReporterKey == personKey).OrderBy(u => u.Id).Select(u => new { u.Id, u.ResourceId, u.ReporterName }).ToListAsync(cancellationToken),
            VerifiedExpert = await db.VerifiedExperts.AsNoTracking().Where(e => e.UserId == id).Select(e => new { e.ExpertName }).ToListAsync(cancellationToken),
        };
    }

    public async Task AnonymiseAsync(ScholarUser user, CancellationToken cancellationToken)
    {
        var id = user.Id;
        var personKey = PersonKey(user);
        foreach (var assignment in await db.ReviewAssignments.Where(a => a.ReviewerUserId == id || a.ReviewerKey == personKey).ToListAsync(cancellationToken))
        {
            assignment.ReviewerUserId = null;
            assignment.ReviewerPersonId = null;
            assignment.ReviewerName = AnonymousReviewer;
            assignment.ReviewerKey = "anonymous:" + assignment.Id.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var review in await db.Reviews.Where(r => r.ReviewerUserId == id || r.ReviewerKey == personKey).ToListAsync(cancellationToken))
        {
            review.ReviewerUserId = null;
            review.ReviewerPersonId = null;
            review.ReviewerName = AnonymousReviewer;
            review.ReviewerKey = "anonymous:" + review.AssignmentId.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var endorsement in await db.Endorsements.Where(e => e.UserId == id || e.EndorserKey == personKey).ToListAsync(cancellationToken))
        {
            endorsement.UserId = null;
            endorsement.PersonId = null;
            endorsement.EndorserName = "Anonymous";
            endorsement.EndorserKey = "anonymous:" + endorsement.Id.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var report in await db.UptakeReports.Where(u => u.UserId == id || u.ReporterKey == personKey).ToListAsync(cancellationToken))
        {
            report.ReporterKey = "anonymous:" + report.Id.ToString(CultureInfo.InvariantCulture);
            report.UserId = null;
            report.PersonId = null;
            report.ReporterName = "Anonymous";
        }

        db.VerifiedExperts.RemoveRange(await db.VerifiedExperts.Where(e => e.UserId == id).ToListAsync(cancellationToken));
        foreach (var resource in await db.Resources.Where(r => r.SubmittedByUserId == id || r.EditorUserId == id).ToListAsync(cancellationToken))
        {
            resource.SubmittedByUserId = resource.SubmittedByUserId == id ? null : resource.SubmittedByUserId;
            resource.EditorUserId = resource.EditorUserId == id ? null : resource.EditorUserId;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string PersonKey(ScholarUser user) => user.PersonId is { } person ? $"person:{person.ToString(CultureInfo.InvariantCulture)}" : "person:none";
}
