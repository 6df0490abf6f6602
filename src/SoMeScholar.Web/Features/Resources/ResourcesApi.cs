using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;
using static SoMeScholar.Web.Features.Resources.ResourceWeb;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>
/// The JSON API over every resource, review, endorsement and uptake operation. Reads are open to guests; every write
/// requires a signed-in member and Core decides the finer rules (editor, reviewer, verified expert, administrator),
/// answering 403 with the reason.
/// </summary>
public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/resources").WithTags("Resources").AllowAnonymous();
        open.MapGet("/", Search).WithSummary("Browse and search: q, topic, type, specialty, badge (a badge key or 'any'), sort (newest|impact|quality|title).");
        open.MapGet("/{id:long}", Get).WithSummary("One resource with versions, snapshot, aggregates, reviews, endorsements and uptake.");
        open.MapGet("/{id:long}/impact", Impact).WithSummary("Posts linking to the resource, unique accounts, impressions, timeline and the weighted attention score with its weights.");
        open.MapGet("/instruments", Instruments).WithSummary("Review instruments (built-in and local) with their definitions.");
        open.MapGet("/uptake", UptakeAggregates).WithSummary("Uptake reports aggregated per resource and per author.");
        open.MapGet("/experts", Experts).WithSummary("Verified experts and who granted the flag.");

        var members = app.MapGroup("/api/resources").WithTags("Resources").RequireAuthorization(Policies.Member);
        members.MapPost("/", Submit).WithSummary("Submit a resource (members).");
        members.MapPut("/{id:long}", Edit).WithSummary("Correct the current version (authors, submitter, editor, administrators).");
        members.MapPost("/{id:long}/revisions", Revise).WithSummary("Register a new version; the resource is flagged for re-review when it had reviews.");
        members.MapPost("/{id:long}/retraction", Retract).WithSummary("Retract with a notice (authors, submitter, editor, administrators).");
        members.MapPut("/{id:long}/editor", SetEditor).WithSummary("Designate the handling editor (administrators).");
        members.MapPut("/{id:long}/blinding", SetBlinding).WithSummary("Blind author names on review forms (editors).");
        members.MapPost("/{id:long}/snapshot", Snapshot).WithSummary("Fetch and archive a snapshot of the current version (a failure is reported, not fatal).");
        members.MapPost("/{id:long}/assignments", Assign).WithSummary("Assign a reviewer (editors).");
        members.MapPost("/{id:long}/volunteer", Volunteer).WithSummary("Volunteer to review (reviewers).");
        members.MapGet("/assignments/mine", MyAssignments).WithSummary("The signed-in reviewer's assignments.");
        members.MapPost("/assignments/{id:long}/declaration", Declare).WithSummary("Declare conflicts of interest before scoring; a conflict blocks the review.");
        members.MapPost("/assignments/{id:long}/review", SubmitReview).WithSummary("Submit the review: item scores, comments (Markdown), recommendation. Immutable once submitted.");
        members.MapPost("/reviews/{id:long}/corrections", CorrectReview).WithSummary("Submit a correction: a new review superseding this one.");
        members.MapPost("/{id:long}/endorsements", Endorse).WithSummary("Endorse (one per person); asExpert needs the verified-expert flag.");
        members.MapDelete("/{id:long}/endorsements/mine", Withdraw).WithSummary("Withdraw your endorsement.");
        members.MapPost("/{id:long}/uptake", ReportUptake).WithSummary("Report how you used the resource ('I used this').");
        members.MapDelete("/uptake/{id:long}", DeleteUptake).WithSummary("Remove an uptake report (its reporter or an administrator).");
        members.MapPost("/instruments", AddInstrument).WithSummary("Add a local instrument or a new version from its JSON definition (administrators).");
        members.MapPut("/instruments/{id:long}/active", SetInstrumentActive).WithSummary("Withdraw or restore an instrument version for new reviews (administrators).");
        members.MapPost("/experts", GrantExpert).WithSummary("Grant the verified-expert flag to a user (administrators).");
        members.MapDelete("/experts/{id:long}", RevokeExpert).WithSummary("Revoke the verified-expert flag (administrators).");
        return app;
    }

    public sealed record SearchParameters(string? Q, string? Topic, ResourceType? Type, string? Specialty, string? Badge, ResourceSort? Sort, int? Skip, int? Take);

    public static async Task<IResult> Search([AsParameters] SearchParameters p, ResourceCatalog catalog, CancellationToken cancellationToken) =>
        Results.Ok(await catalog.SearchAsync(new ResourceQuery { Text = p.Q, Topic = p.Topic, Type = p.Type, Specialty = p.Specialty, Badge = p.Badge, Sort = p.Sort ?? ResourceSort.Newest, Skip = p.Skip ?? 0, Take = p.Take ?? 50 }, cancellationToken));

    public static async Task<IResult> Get(long id, ResourceCatalog catalog, CancellationToken cancellationToken)
    {
        var detail = await catalog.DetailAsync(id, cancellationToken);
        return detail is null ? Results.NotFound() : Results.Ok(ResourceResponse.From(detail));
    }

    public static async Task<IResult> Impact(long id, ResourceImpact impact, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Ok(await impact.ForResourceAsync(id, cancellationToken));
        }
        catch (ResourceNotFoundException)
        {
            return Results.NotFound();
        }
    }

    public static async Task<IResult> Instruments(InstrumentCatalog catalog, CancellationToken cancellationToken) =>
        Results.Ok((await catalog.ListAsync(cancellationToken: cancellationToken)).Select(i => new { i.Id, i.Key, i.Version, i.Name, i.IsBuiltIn, i.IsActive, i.Definition }));

    public static async Task<IResult> UptakeAggregates(UptakeReporting uptake, CancellationToken cancellationToken) =>
        Results.Ok(new { perResource = await uptake.PerResourceAsync(cancellationToken), perAuthor = await uptake.PerAuthorAsync(cancellationToken) });

    public static async Task<IResult> Experts(Endorsements endorsements, CancellationToken cancellationToken) =>
        Results.Ok((await endorsements.ExpertsAsync(cancellationToken)).Select(e => new { e.Id, e.ExpertName, e.Field, e.PersonId, e.GrantedBy, e.GrantedAt }));

    public static Task<IResult> Submit(HttpContext context, ResourceInput input, ResourceRegistry registry) =>
        RunAsync(context, async actor =>
        {
            var resource = await registry.SubmitAsync(actor, input, context.RequestAborted);
            return Results.Created($"/api/resources/{resource.Id}", new { resource.Id, resource.NormalizedUrl, resource.Version });
        });

    public static Task<IResult> Edit(HttpContext context, long id, ResourceInput input, ResourceRegistry registry) =>
        RunAsync(context, async actor => Results.Ok(Summary(await registry.EditAsync(actor, id, input, context.RequestAborted))));

    public sealed record RevisionRequest(ResourceInput Resource, string ChangeNote);

    public static Task<IResult> Revise(HttpContext context, long id, RevisionRequest request, ResourceRegistry registry) =>
        RunAsync(context, async actor => Results.Ok(Summary(await registry.ReviseAsync(actor, id, request.Resource, request.ChangeNote, context.RequestAborted))));

    public sealed record RetractionRequest(string Notice);

    public static Task<IResult> Retract(HttpContext context, long id, RetractionRequest request, ResourceRegistry registry) =>
        RunAsync(context, async actor => Results.Ok(Summary(await registry.RetractAsync(actor, id, request.Notice, context.RequestAborted))));

    public sealed record EditorRequest(string? UserName);

    public static Task<IResult> SetEditor(HttpContext context, long id, EditorRequest request, ResourceRegistry registry) =>
        RunAsync(context, async actor =>
        {
            await registry.SetEditorAsync(actor, id, request.UserName, context.RequestAborted);
            return Results.NoContent();
        });

    public sealed record BlindingRequest(bool Blind);

    public static Task<IResult> SetBlinding(HttpContext context, long id, BlindingRequest request, ResourceRegistry registry) =>
        RunAsync(context, async actor =>
        {
            await registry.SetBlindingAsync(actor, id, request.Blind, context.RequestAborted);
            return Results.NoContent();
        });

    public static Task<IResult> Snapshot(HttpContext context, long id, ResourceRegistry registry) =>
        RunAsync(context, async actor =>
        {
            var s = await registry.ArchiveSnapshotAsync(actor, id, context.RequestAborted);
            return Results.Ok(new { s.Id, Outcome = s.Outcome.ToString(), s.HttpStatus, s.ContentType, s.Bytes, s.Sha256, s.Error, TextLength = s.Text?.Length });
        });

    public sealed record AssignmentRequest(string ReviewerUserName, long InstrumentId);

    public static Task<IResult> Assign(HttpContext context, long id, AssignmentRequest request, ReviewWorkflow workflow) =>
        RunAsync(context, async actor => Results.Ok(AssignmentResponse.From(await workflow.AssignAsync(actor, id, request.ReviewerUserName, request.InstrumentId, context.RequestAborted))));

    public sealed record VolunteerRequest(long InstrumentId);

    public static Task<IResult> Volunteer(HttpContext context, long id, VolunteerRequest request, ReviewWorkflow workflow) =>
        RunAsync(context, async actor => Results.Ok(AssignmentResponse.From(await workflow.VolunteerAsync(actor, id, request.InstrumentId, context.RequestAborted))));

    public static Task<IResult> MyAssignments(HttpContext context, ReviewWorkflow workflow) =>
        RunAsync(context, async actor => Results.Ok((await workflow.AssignmentsOfAsync(actor, context.RequestAborted)).Select(AssignmentResponse.From)));

    public sealed record DeclarationRequest(bool HasConflict, string? Statement);

    public static Task<IResult> Declare(HttpContext context, long id, DeclarationRequest request, ReviewWorkflow workflow) =>
        RunAsync(context, async actor => Results.Ok(AssignmentResponse.From(await workflow.DeclareAsync(actor, id, request.HasConflict, request.Statement, context.RequestAborted))));

    public static Task<IResult> SubmitReview(HttpContext context, long id, ReviewInput input, ReviewWorkflow workflow) =>
        RunAsync(context, async actor =>
        {
            var review = await workflow.SubmitAsync(actor, id, input, context.RequestAborted);
            return Results.Ok(new { review.Id, review.Total, review.Revision, review.ResourceVersion });
        });

    public static Task<IResult> CorrectReview(HttpContext context, long id, ReviewInput input, ReviewWorkflow workflow) =>
        RunAsync(context, async actor =>
        {
            var review = await workflow.CorrectAsync(actor, id, input, context.RequestAborted);
            return Results.Ok(new { review.Id, review.Total, review.Revision, review.SupersedesReviewId });
        });

    public sealed record EndorsementRequest(bool AsExpert, string? Comment);

    public static Task<IResult> Endorse(HttpContext context, long id, EndorsementRequest request, Endorsements endorsements) =>
        RunAsync(context, async actor =>
        {
            var e = await endorsements.EndorseAsync(actor, id, request.AsExpert, request.Comment, context.RequestAborted);
            return Results.Ok(new { e.Id, Kind = e.Kind.ToString(), e.EndorserName });
        });

    public static Task<IResult> Withdraw(HttpContext context, long id, Endorsements endorsements) =>
        RunAsync(context, async actor => await endorsements.WithdrawAsync(actor, id, context.RequestAborted) ? Results.NoContent() : Results.NotFound());

    public static Task<IResult> ReportUptake(HttpContext context, long id, UptakeInput input, UptakeReporting uptake) =>
        RunAsync(context, async actor =>
        {
            var r = await uptake.ReportAsync(actor, id, input, context.RequestAborted);
            return Results.Ok(new { r.Id, UseType = r.UseType.ToString(), Phase = r.Phase.ToString() });
        });

    public static Task<IResult> DeleteUptake(HttpContext context, long id, UptakeReporting uptake) =>
        RunAsync(context, async actor =>
        {
            await uptake.DeleteAsync(actor, id, context.RequestAborted);
            return Results.NoContent();
        });

    public static Task<IResult> AddInstrument(HttpContext context, InstrumentCatalog catalog) =>
        RunAsync(context, async actor =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var info = await catalog.AddAsync(actor, await reader.ReadToEndAsync(context.RequestAborted), context.RequestAborted);
            return Results.Created($"/api/resources/instruments", new { info.Id, info.Key, info.Version });
        });

    public sealed record ActiveRequest(bool Active);

    public static Task<IResult> SetInstrumentActive(HttpContext context, long id, ActiveRequest request, InstrumentCatalog catalog) =>
        RunAsync(context, async actor =>
        {
            await catalog.SetActiveAsync(actor, id, request.Active, context.RequestAborted);
            return Results.NoContent();
        });

    public sealed record ExpertRequest(string UserName, string? Field);

    public static Task<IResult> GrantExpert(HttpContext context, ExpertRequest request, Endorsements endorsements) =>
        RunAsync(context, async actor =>
        {
            var e = await endorsements.GrantExpertAsync(actor, request.UserName, request.Field, context.RequestAborted);
            return Results.Ok(new { e.Id, e.ExpertName, e.GrantedBy });
        });

    public static Task<IResult> RevokeExpert(HttpContext context, long id, Endorsements endorsements) =>
        RunAsync(context, async actor => await endorsements.RevokeExpertAsync(actor, id, context.RequestAborted) ? Results.NoContent() : Results.NotFound());

    private static object Summary(Resource r) => new { r.Id, r.Title, r.NormalizedUrl, r.Version, Status = r.Status.ToString(), r.NeedsReReview };

    public sealed record AssignmentResponse(long Id, long ResourceId, int ResourceVersion, long InstrumentId, string Reviewer, string Status, bool Volunteered)
    {
        public static AssignmentResponse From(ReviewAssignment a) => new(a.Id, a.ResourceId, a.ResourceVersion, a.InstrumentId, a.ReviewerName, a.Status.ToString(), a.Volunteered);
    }

    public sealed record ResourceResponse(
        long Id, string Title, string Url, string NormalizedUrl, string Type, string? Publisher, string? Specialty, DateTime? PublishedAt, string? Licence, string? Summary,
        int Version, string Status, string? RetractionNotice, bool NeedsReReview, bool BlindReviews, IReadOnlyList<object> Authors, IReadOnlyList<string> Topics,
        IReadOnlyList<object> Versions, object? Snapshot, IReadOnlyList<ReviewAggregate> Aggregates, IReadOnlyList<object> Reviews,
        IReadOnlyList<object> MemberEndorsements, IReadOnlyList<object> ExpertEndorsements, UptakeSummary Uptake, IReadOnlyList<object> UptakeReports, bool IsSynthetic)
    {
        public static ResourceResponse From(ResourceDetail d)
        {
            var r = d.Resource;
            return new ResourceResponse(
                r.Id, r.Title, r.Url, r.NormalizedUrl, r.Type.ToString(), r.Publisher, r.Specialty, r.PublishedAt, r.Licence, r.Summary, r.Version, r.Status.ToString(), r.RetractionNotice,
                r.NeedsReReview, r.BlindReviews,
                r.Authors.Select(a => (object)new { a.Name, a.PersonId, Person = a.Person?.Slug, Accounts = a.Person?.Accounts.Select(x => new { x.Id, Platform = x.Platform.ToString(), x.Handle }) }).ToList(),
                r.Topics.Select(t => t.Topic).ToList(),
                d.Versions.Select(v => (object)new { v.Number, v.Url, v.Title, v.ChangeNote, v.CreatedAt }).ToList(),
                d.LatestSnapshot is { } s ? new { s.Id, Outcome = s.Outcome.ToString(), s.FetchedAt, s.HttpStatus, s.Sha256, s.Bytes, s.Error, s.ResourceVersion } : null,
                d.Aggregates,
                d.Reviews.Select(v => (object)new
                {
                    v.Review.Id, v.Review.ResourceVersion, Instrument = v.Instrument.Key, InstrumentVersion = v.Instrument.Version, v.Review.ReviewerName, v.Review.Revision, v.Review.SupersedesReviewId,
                    v.IsCurrent, v.Review.Total, Recommendation = v.Review.Recommendation.ToString(), v.Review.Comments, v.Review.SubmittedAt,
                    Scores = v.Review.Scores.ToDictionary(s => s.ItemKey, s => s.Score),
                }).ToList(),
                d.Endorsements.Where(e => e.Kind == EndorsementKind.Member).Select(e => (object)new { e.EndorserName, e.CreatedAt }).ToList(),
                d.Endorsements.Where(e => e.Kind == EndorsementKind.Expert).Select(e => (object)new { e.EndorserName, e.Comment, e.CreatedAt }).ToList(),
                d.UptakeSummary,
                d.Uptake.Select(u => (object)new { u.Id, u.ReporterName, UseType = u.UseType.ToString(), u.Setting, u.AudienceSize, u.Description, Phase = u.Phase.ToString(), u.ReportedAt }).ToList(),
                r.IsSynthetic);
        }
    }
}
