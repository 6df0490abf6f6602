using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Discussions;

/// <summary>
/// Resources and reviews (capability 4) as discussion subjects. A resource's authors are its linked people; a review's
/// author is its reviewer (by person and by sign-in), who is notified without being named in the thread's title, since
/// reviews may be blinded.
/// </summary>
public sealed class ResourceSubjects(ScholarDb db) : IDiscussionSubjects
{
    public IReadOnlyCollection<SubjectKind> Kinds { get; } = [SubjectKind.Resource, SubjectKind.Review];

    public async Task<DiscussionSubject?> FindAsync(SubjectReference subject, CancellationToken cancellationToken)
    {
        if (subject.Kind == SubjectKind.Resource)
        {
            var resource = await db.Resources.AsNoTracking().Where(r => r.Id == subject.Id).Select(r => new { r.Id, r.Title }).FirstOrDefaultAsync(cancellationToken);
            if (resource is null)
            {
                return null;
            }

            var authors = await db.ResourceAuthors.AsNoTracking().Where(a => a.ResourceId == resource.Id && a.PersonId != null).Select(a => a.PersonId!.Value).ToListAsync(cancellationToken);
            return new DiscussionSubject(subject, resource.Title, $"/Resources/{resource.Id}", authors);
        }

        if (subject.Kind == SubjectKind.Review)
        {
            var review = await (from r in db.Reviews.AsNoTracking()
                                where r.Id == subject.Id
                                join resource in db.Resources on r.ResourceId equals resource.Id
                                select new { r.Id, r.ResourceId, resource.Title, r.ReviewerPersonId, r.ReviewerUserId }).FirstOrDefaultAsync(cancellationToken);
            return review is null
                ? null
                : new DiscussionSubject(subject, $"Review {review.Id} of \"{review.Title}\"", $"/Resources/{review.ResourceId}", review.ReviewerPersonId is { } person ? [person] : [])
                {
                    AuthorUserIds = review.ReviewerUserId is { } user ? [user] : [],
                };
        }

        return null;
    }
}
