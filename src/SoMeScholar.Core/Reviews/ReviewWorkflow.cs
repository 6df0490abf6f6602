using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Reviews;

public sealed record ReviewInput(IReadOnlyDictionary<string, int> Scores, string? Comments, Recommendation Recommendation);

/// <summary>
/// The review workflow. An editor (the resource's designated editor, or an administrator) assigns a reviewer — a user
/// with the reviewer role — or a reviewer volunteers. Before scoring, the reviewer declares conflicts of interest; a
/// declared conflict blocks that review. A submitted review is immutable; a correction is a new review that supersedes
/// it. Reviews are of the resource's current version; a revised resource needs new assignments.
/// </summary>
public sealed class ReviewWorkflow(ScholarDb db, TimeProvider clock, InstrumentCatalog instruments)
{
    public const int MaxCommentLength = 20_000;

    public async Task<ReviewAssignment> AssignAsync(ResourceActor actor, long resourceId, string reviewerUserName, long instrumentId, CancellationToken cancellationToken = default)
    {
        var resource = await LoadResourceAsync(resourceId, cancellationToken);
        if (!ResourceRegistry.IsEditor(actor, resource))
        {
            throw new ResourceAccessDeniedException("Only the resource's editor or an administrator assigns reviewers.");
        }

        var normalizedName = reviewerUserName.Trim().ToUpperInvariant();
        var reviewer = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalizedName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.PersonId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ResourceRuleException($"No user named '{reviewerUserName.Trim()}'.", "reviewer");
        var roles = await (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == reviewer.Id select role.Name).ToListAsync(cancellationToken);
        if (!roles.Contains(Roles.Reviewer) && !roles.Contains(Roles.Administrator))
        {
            throw new ResourceRuleException($"{reviewer.UserName} does not have the reviewer role.", "reviewer");
        }

        return await CreateAssignmentAsync(resource, instrumentId, reviewer.Id, reviewer.PersonId, reviewer.DisplayName ?? reviewer.UserName!, actor.UserId, volunteered: false, cancellationToken);
    }

    public async Task<ReviewAssignment> VolunteerAsync(ResourceActor actor, long resourceId, long instrumentId, CancellationToken cancellationToken = default)
    {
        if (!actor.IsReviewer)
        {
            throw new ResourceAccessDeniedException("Only reviewers review resources; an administrator can give you the reviewer role.");
        }

        var resource = await LoadResourceAsync(resourceId, cancellationToken);
        return await CreateAssignmentAsync(resource, instrumentId, actor.UserId, actor.PersonId, actor.DisplayName, null, volunteered: true, cancellationToken);
    }

    /// <summary>The reviewer's conflict-of-interest declaration; with a conflict the assignment is blocked for good.</summary>
    public async Task<ReviewAssignment> DeclareAsync(ResourceActor actor, long assignmentId, bool hasConflict, string? statement, CancellationToken cancellationToken = default)
    {
        var assignment = await LoadOwnAssignmentAsync(actor, assignmentId, cancellationToken);
        if (assignment.Status != AssignmentStatus.AwaitingDeclaration)
        {
            throw new ResourceRuleException("Conflicts of interest were already declared for this review.");
        }

        if (hasConflict && string.IsNullOrWhiteSpace(statement))
        {
            throw new ResourceRuleException("Describe the conflict of interest.", "statement");
        }

        assignment.HasConflict = hasConflict;
        assignment.ConflictStatement = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim()[..Math.Min(statement.Trim().Length, 2000)];
        assignment.ConflictDeclaredAt = clock.GetUtcNow().UtcDateTime;
        assignment.Status = hasConflict ? AssignmentStatus.Conflicted : AssignmentStatus.Open;
        await db.SaveChangesAsync(cancellationToken);
        return assignment;
    }

    public async Task<Review> SubmitAsync(ResourceActor actor, long assignmentId, ReviewInput input, CancellationToken cancellationToken = default)
    {
        var assignment = await LoadOwnAssignmentAsync(actor, assignmentId, cancellationToken);
        switch (assignment.Status)
        {
            case AssignmentStatus.AwaitingDeclaration:
                throw new ResourceRuleException("Declare conflicts of interest before scoring.");
            case AssignmentStatus.Conflicted:
                throw new ResourceAccessDeniedException("A conflict of interest was declared; this review is blocked.");
            case AssignmentStatus.Submitted:
                throw new ResourceRuleException("This review was submitted and cannot be changed; submit a correction instead.");
            default:
                break;
        }

        var resource = await LoadResourceAsync(assignment.ResourceId, cancellationToken);
        if (resource.Version != assignment.ResourceVersion)
        {
            throw new ResourceRuleException($"The resource was revised (now version {resource.Version}); this assignment was for version {assignment.ResourceVersion}. Take a new one.");
        }

        var review = await BuildReviewAsync(assignment, input, revision: 1, supersedes: null, cancellationToken);
        assignment.Status = AssignmentStatus.Submitted;
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    /// <summary>A correction: a new review superseding the reviewer's current one. The original stays, unchanged.</summary>
    public async Task<Review> CorrectAsync(ResourceActor actor, long reviewId, ReviewInput input, CancellationToken cancellationToken = default)
    {
        var original = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw new ResourceNotFoundException($"No review {reviewId}.");
        var assignment = await LoadOwnAssignmentAsync(actor, original.AssignmentId, cancellationToken);
        if (await db.Reviews.AnyAsync(r => r.SupersedesReviewId == reviewId, cancellationToken))
        {
            throw new ResourceRuleException("This review was already corrected; correct the newest version.");
        }

        var review = await BuildReviewAsync(assignment, input, original.Revision + 1, original.Id, cancellationToken);
        review.ResourceVersion = original.ResourceVersion;
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    /// <summary>The actor's assignments, newest first, with the resource title (blinded or not, titles are public).</summary>
    public async Task<IReadOnlyList<ReviewAssignment>> AssignmentsOfAsync(ResourceActor actor, CancellationToken cancellationToken = default) =>
        await db.ReviewAssignments.AsNoTracking().Include(a => a.Resource).Include(a => a.Instrument)
            .Where(a => a.ReviewerKey == actor.Key).OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);

    public async Task<ReviewAssignment> GetOwnAssignmentAsync(ResourceActor actor, long assignmentId, CancellationToken cancellationToken = default)
    {
        var assignment = await LoadOwnAssignmentAsync(actor, assignmentId, cancellationToken);
        await db.Entry(assignment).Reference(a => a.Instrument).LoadAsync(cancellationToken);
        await db.Entry(assignment).Reference(a => a.Resource).LoadAsync(cancellationToken);
        await db.Entry(assignment.Resource!).Collection(r => r.Authors).LoadAsync(cancellationToken);
        return assignment;
    }

    private async Task<Review> BuildReviewAsync(ReviewAssignment assignment, ReviewInput input, int revision, long? supersedes, CancellationToken cancellationToken)
    {
        var instrument = await instruments.GetAsync(assignment.InstrumentId, cancellationToken);
        double total;
        try
        {
            total = instrument.Definition.Score(input.Scores);
        }
        catch (ArgumentException e)
        {
            throw new ResourceRuleException(e.Message.Split(" (Parameter", 2)[0], "scores");
        }

        if (!Enum.IsDefined(input.Recommendation))
        {
            throw new ResourceRuleException("Choose a recommendation.", "recommendation");
        }

        if (input.Comments is { Length: > MaxCommentLength })
        {
            throw new ResourceRuleException($"Comments are limited to {MaxCommentLength:N0} characters.", "comments");
        }

        var review = new Review
        {
            AssignmentId = assignment.Id,
            ResourceId = assignment.ResourceId,
            ResourceVersion = assignment.ResourceVersion,
            InstrumentId = assignment.InstrumentId,
            ReviewerKey = assignment.ReviewerKey,
            ReviewerUserId = assignment.ReviewerUserId,
            ReviewerPersonId = assignment.ReviewerPersonId,
            ReviewerName = assignment.ReviewerName,
            Revision = revision,
            SupersedesReviewId = supersedes,
            Total = total,
            Comments = string.IsNullOrWhiteSpace(input.Comments) ? null : input.Comments.Trim(),
            Recommendation = input.Recommendation,
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
        };
        review.Scores.AddRange(input.Scores.Select(s => new ReviewItemScore { ItemKey = s.Key, Score = s.Value }));
        return review;
    }

    private async Task<ReviewAssignment> CreateAssignmentAsync(Resource resource, long instrumentId, string userId, long? personId, string name, string? assignedBy, bool volunteered, CancellationToken cancellationToken)
    {
        if (resource.Status == ResourceStatus.Retracted)
        {
            throw new ResourceRuleException("The resource was retracted; it takes no new reviews.");
        }

        var instrument = await instruments.GetAsync(instrumentId, cancellationToken);
        if (!instrument.IsActive)
        {
            throw new ResourceRuleException($"{instrument.Name} version {instrument.Version} is withdrawn from new reviews.", "instrument");
        }

        if (personId is { } person && resource.Authors.Any(a => a.PersonId == person))
        {
            throw new ResourceRuleException("Authors do not review their own resource.", "reviewer");
        }

        var key = ParticipantKey.For(userId, personId);
        if (await db.ReviewAssignments.AnyAsync(a => a.ResourceId == resource.Id && a.ResourceVersion == resource.Version && a.InstrumentId == instrumentId && a.ReviewerKey == key, cancellationToken))
        {
            throw new ResourceRuleException($"{name} already has this review (version {resource.Version}, {instrument.Name}).", "reviewer");
        }

        var assignment = new ReviewAssignment
        {
            ResourceId = resource.Id,
            ResourceVersion = resource.Version,
            InstrumentId = instrumentId,
            ReviewerKey = key,
            ReviewerUserId = userId,
            ReviewerPersonId = personId,
            ReviewerName = name,
            AssignedByUserId = assignedBy,
            Volunteered = volunteered,
            Status = AssignmentStatus.AwaitingDeclaration,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewAssignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return assignment;
    }

    private async Task<Resource> LoadResourceAsync(long id, CancellationToken cancellationToken) =>
        await db.Resources.Include(r => r.Authors).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new ResourceNotFoundException($"No resource {id}.");

    private async Task<ReviewAssignment> LoadOwnAssignmentAsync(ResourceActor actor, long assignmentId, CancellationToken cancellationToken)
    {
        var assignment = await db.ReviewAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId, cancellationToken) ?? throw new ResourceNotFoundException($"No review assignment {assignmentId}.");
        if (assignment.ReviewerUserId != actor.UserId)
        {
            throw new ResourceAccessDeniedException("Only the assigned reviewer works on this review.");
        }

        if (!actor.IsReviewer)
        {
            throw new ResourceAccessDeniedException("Only reviewers review resources.");
        }

        return assignment;
    }
}
