using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Discussions;

/// <summary>The discussions over JSON: read threads (anyone), post and flag (members, rate-limited), moderate (moderators).</summary>
public static class DiscussionsApi
{
    public static IEndpointRouteBuilder MapDiscussionsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/discussions").WithTags("Discussions").AllowAnonymous();
        open.MapGet("/", ListThreads).WithSummary("Threads, most recently active first; filter by subject kind and id.");
        open.MapGet("/threads/{id:long}", GetThread).WithSummary("A thread with the comments the caller may see.");

        var members = app.MapGroup("/api/discussions").WithTags("Discussions").RequireAuthorization(Policies.Member);
        members.MapPost("/threads", CreateThread).RequireRateLimiting(RateLimits.Posting).WithSummary("Opens a thread on a subject or as a standalone topic.");
        members.MapPost("/threads/{id:long}/comments", PostComment).RequireRateLimiting(RateLimits.Posting)
            .WithSummary("Posts a comment. With findings from the professionalism check and acknowledgeWarnings false, nothing is saved and the findings come back (409).");
        members.MapPost("/comments/{id:long}/reactions", React).RequireRateLimiting(RateLimits.Posting).WithSummary("Toggles a reaction (Agree, Insightful, NeedsSource, Thanks).");
        members.MapPost("/comments/{id:long}/flags", Flag).RequireRateLimiting(RateLimits.Flagging).WithSummary("Flags a comment with a reason.");
        members.MapPost("/check", Check).RequireRateLimiting(RateLimits.Checking).WithSummary("Runs the professionalism check on a draft comment.");

        var moderators = app.MapGroup("/api/discussions/moderation").WithTags("Discussions").RequireAuthorization(Policies.Moderator);
        moderators.MapGet("/queue", Queue).WithSummary("Pending and flagged comments.");
        moderators.MapPost("/comments/{id:long}/{decision}", Decide).WithSummary("approve, reject, hide, restore or dismiss (keep published), with a reason.");
        moderators.MapPost("/threads/{id:long}/lock", Lock).WithSummary("Locks or unlocks a thread, with a reason.");
        return app;
    }

    public sealed record ThreadRequest(SubjectKind Kind, long? SubjectId, string Title, string Body, DateTime? OpenUntil);

    public sealed record CommentRequest(string Body, long? ParentId, long? QuotedCommentId, bool AcknowledgeWarnings);

    public sealed record CommentPosted(long Id, CommentStatus Status, string? QueueReason, int Findings);

    public sealed record FindingDto(string Category, string Severity, string Text, int Start, int Length, string Reason, string? Suggestion);

    public sealed record FlagRequest(FlagReason Reason, string Detail);

    public sealed record ReactionRequest(ReactionKind Kind);

    public sealed record Decision(string Reason);

    public sealed record LockRequest(bool Locked, string Reason);

    public sealed record CheckRequest(string Body);

    public static async Task<Ok<IReadOnlyList<ThreadSummary>>> ListThreads(DiscussionBoard board, SubjectKind? kind, long? subjectId, HttpContext context) =>
        TypedResults.Ok(await board.ListThreadsAsync(kind, subjectId, 200, context.RequestAborted));

    public static async Task<Results<Ok<ThreadView>, NotFound>> GetThread(DiscussionBoard board, long id, HttpContext context) =>
        await board.GetThreadAsync(id, context.User.UserId(), context.RequestAborted) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Created<ThreadSummary>, ValidationProblem>> CreateThread(DiscussionBoard board, ThreadRequest request, HttpContext context) =>
        await Guard(async () =>
        {
            var t = await board.CreateThreadAsync(context.User.UserId()!, new NewThread(request.Kind, request.SubjectId, request.Title, request.Body, request.OpenUntil), context.RequestAborted);
            return TypedResults.Created($"/api/discussions/threads/{t.Id}", new ThreadSummary(t.Id, t.SubjectKind, t.SubjectId, t.Title, null, null, 0, t.CreatedAt, t.LastActivityAt, t.OpenUntil, t.IsLocked, t.IsSynthetic, context.User.DisplayName()));
        });

    public static async Task<Results<Created<CommentPosted>, Conflict<List<FindingDto>>, ValidationProblem>> PostComment(DiscussionBoard board, long id, CommentRequest request, HttpContext context)
    {
        try
        {
            var result = await board.PostCommentAsync(context.User.UserId()!, new NewComment(id, request.Body, request.ParentId, request.QuotedCommentId), request.AcknowledgeWarnings, context.RequestAborted);
            if (result.NeedsAcknowledgement)
            {
                return TypedResults.Conflict(Findings(result.Check));
            }

            var c = result.Comment!;
            return TypedResults.Created($"/api/discussions/threads/{id}#comment-{c.Id}", new CommentPosted(c.Id, c.Status, result.QueueReason, result.Check.Findings.Count));
        }
        catch (ModerationException e)
        {
            return Problem(e);
        }
    }

    public static async Task<Results<Ok<bool>, ValidationProblem>> React(DiscussionBoard board, long id, ReactionRequest request, HttpContext context) =>
        await Guard(async () => TypedResults.Ok(await board.ToggleReactionAsync(context.User.UserId()!, id, request.Kind, context.RequestAborted)));

    public static async Task<Results<Ok<bool>, ValidationProblem>> Flag(DiscussionBoard board, long id, FlagRequest request, HttpContext context) =>
        await Guard(async () => TypedResults.Ok(await board.FlagAsync(context.User.UserId()!, id, request.Reason, request.Detail, context.RequestAborted)));

    public static async Task<Ok<List<FindingDto>>> Check(DiscussionBoard board, CheckRequest request, HttpContext context) =>
        TypedResults.Ok(Findings(await board.CheckAsync(request.Body ?? "", context.RequestAborted)));

    public static async Task<Ok<IReadOnlyList<QueueItem>>> Queue(Moderation moderation, HttpContext context) => TypedResults.Ok(await moderation.QueueAsync(context.RequestAborted));

    public static async Task<Results<NoContent, ValidationProblem>> Decide(Moderation moderation, long id, string decision, Decision request, HttpContext context) =>
        await Guard<NoContent>(async () =>
        {
            var actor = context.User.Actor();
            var ct = context.RequestAborted;
            await (decision switch
            {
                "approve" => moderation.ApproveAsync(actor, id, request.Reason, ct),
                "reject" => moderation.RejectAsync(actor, id, request.Reason, ct),
                "hide" => moderation.HideAsync(actor, id, request.Reason, ct),
                "restore" => moderation.RestoreAsync(actor, id, request.Reason, ct),
                "dismiss" => moderation.DismissFlagsAsync(actor, id, request.Reason, ct),
                _ => throw new ModerationException("Decisions: approve, reject, hide, restore, dismiss."),
            });
            return TypedResults.NoContent();
        });

    public static async Task<Results<NoContent, ValidationProblem>> Lock(Moderation moderation, long id, LockRequest request, HttpContext context) =>
        await Guard<NoContent>(async () =>
        {
            await moderation.LockAsync(context.User.Actor(), id, request.Locked, request.Reason, context.RequestAborted);
            return TypedResults.NoContent();
        });

    private static List<FindingDto> Findings(SoMeScholar.Professionalism.CheckResult check) =>
        check.Findings.Select(f => new FindingDto(f.Category.ToString(), f.Severity.ToString(), f.Text, f.Start, f.Length, f.Reason, f.Suggestion)).ToList();

    private static async Task<Results<T, ValidationProblem>> Guard<T>(Func<Task<T>> action)
        where T : IResult
    {
        try
        {
            return await action();
        }
        catch (ModerationException e)
        {
            return Problem(e);
        }
    }

    private static ValidationProblem Problem(ModerationException e) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["discussion"] = [e.Message] });
}
