using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Mentors;

/// <summary>
/// /api/mentors: the same operations as the Mentors pages. Every endpoint needs a signed-in member; the caller acts for
/// their person (created on first use). Weights and the index are for administrators. Introduction requests are rate
/// limited (<see cref="RateLimits.Requests"/>) on top of the rules in <see cref="Introductions"/>.
/// </summary>
public static class MentorsApi
{
    public static IEndpointRouteBuilder MapMentorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mentors").WithTags("Mentors").RequireAuthorization(Policies.Member);
        group.MapGet("/me", GetMe).WithSummary("Your person, mentor profile, trainee request and unread notifications.");
        group.MapGet("/profiles", ListProfiles).WithSummary("Active mentor profiles (opted in, not paused or left).");
        group.MapGet("/profiles/{id:long}", GetProfile).WithSummary("One mentor profile.");
        group.MapPut("/me/profile", SaveProfile).WithSummary("Opt in as a mentor, or update your profile.");
        group.MapPost("/me/profile/pause", (ClaimsPrincipal user, MentorPeople people, MentorProfiles profiles, CancellationToken ct) => ChangeStatus(user, people, p => profiles.PauseAsync(p, ct), ct))
            .WithSummary("Pause: no recommendations or new requests until you resume.");
        group.MapPost("/me/profile/resume", (ClaimsPrincipal user, MentorPeople people, MentorProfiles profiles, CancellationToken ct) => ChangeStatus(user, people, p => profiles.ResumeAsync(p, ct), ct))
            .WithSummary("Resume taking requests.");
        group.MapPost("/me/profile/leave", (ClaimsPrincipal user, MentorPeople people, MentorProfiles profiles, CancellationToken ct) => ChangeStatus(user, people, p => profiles.LeaveAsync(p, ct), ct))
            .WithSummary("Leave the mentoring programme (pending requests are declined).");
        group.MapGet("/me/request", GetRequest).WithSummary("Your saved trainee request.");
        group.MapPut("/me/request", SaveRequest).WithSummary("Save what you look for in a mentor.");
        group.MapGet("/recommendations", GetRecommendations).WithSummary("Mentors recommended for your saved request, each with its reason and score parts.");
        group.MapPost("/recommendations", PostRecommendations).WithSummary("Mentors recommended for a request given in the body (not saved).");
        group.MapGet("/guidance", GetGuidance).WithSummary("Follow / Participate / Establish: accounts, hashtags and threads for your interests.");
        group.MapGet("/introductions", GetIntroductions).WithSummary("Introduction requests you received (as a mentor) and sent (as a trainee).");
        group.MapPost("/introductions", SendIntroduction).RequireRateLimiting(RateLimits.Requests).WithSummary("Ask a mentor for an introduction (rate limited).");
        group.MapPost("/introductions/{id:long}/accept", (long id, IntroductionAnswer? body, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken ct) =>
            Act(user, people, p => introductions.AcceptAsync(id, p, body?.Response, ct), ct)).WithSummary("Accept a request sent to you.");
        group.MapPost("/introductions/{id:long}/decline", (long id, IntroductionAnswer? body, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken ct) =>
            Act(user, people, p => introductions.DeclineAsync(id, p, body?.Response, ct), ct)).WithSummary("Decline a request sent to you.");
        group.MapPost("/introductions/{id:long}/withdraw", (long id, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken ct) =>
            Act(user, people, p => introductions.WithdrawAsync(id, p, ct), ct)).WithSummary("Withdraw a request you sent.");
        group.MapPost("/introductions/{id:long}/end", (long id, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken ct) =>
            Act(user, people, p => introductions.EndAsync(id, p, ct), ct)).WithSummary("End an accepted mentoring.");
        group.MapPost("/introductions/{id:long}/block", BlockTrainee).WithSummary("Block the trainee of a request sent to you.");
        group.MapGet("/notifications", GetNotifications).WithSummary("Your mentoring notifications, newest first.");
        group.MapPost("/notifications/read", MarkRead).WithSummary("Mark your notifications read.");

        var admin = group.MapGroup("/").RequireAuthorization(Policies.Administrator);
        admin.MapGet("/weights", GetWeights).WithSummary("The recommender's weights (administrators).");
        admin.MapPut("/weights", PutWeights).WithSummary("Change the recommender's weights (administrators).");
        admin.MapDelete("/weights", ResetWeights).WithSummary("Return to the default weights (administrators).");
        admin.MapGet("/index", GetIndex).WithSummary("The recommender index: when built, how big (administrators).");
        admin.MapPost("/index/rebuild", RebuildIndex).WithSummary("Rebuild the recommender index now (administrators).");
        return app;
    }

    public sealed record MeResponse(long PersonId, MentorProfileView? Profile, TraineeRequestInput? Request, int UnreadNotifications);

    public sealed record IntroductionRequest(long MentorProfileId, string Message, string? Reason);

    public sealed record IntroductionAnswer(string? Response);

    public sealed record IntroductionsResponse(IReadOnlyList<IntroductionView> Received, IReadOnlyList<IntroductionView> Sent);

    public sealed record IndexStatus(bool Built, DateTime? BuiltAt, double? BuildMilliseconds, int Mentors, int Accounts, long Follows, long EngagementPairs, int Terms, long Postings, DateTime? ReferenceTime);

    public static async Task<Ok<MeResponse>> GetMe(ClaimsPrincipal user, MentorPeople people, MentorProfiles profiles, TraineeRequests requests, Introductions introductions, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(user, people, cancellationToken);
        var request = await requests.ForPersonAsync(person, cancellationToken);
        return TypedResults.Ok(new MeResponse(person, await profiles.ForPersonAsync(person, cancellationToken), request is null ? null : TraineeRequestInput.From(request),
            await introductions.UnreadCountAsync(person, cancellationToken)));
    }

    public static async Task<Ok<IReadOnlyList<MentorProfileView>>> ListProfiles(MentorProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.ListAsync(MentorStatus.Active, cancellationToken));

    public static async Task<Results<Ok<MentorProfileView>, NotFound>> GetProfile(long id, MentorProfiles profiles, CancellationToken cancellationToken) =>
        await profiles.GetAsync(id, cancellationToken) is { Status: MentorStatus.Active } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    public static async Task<Results<Ok<MentorProfileView>, ValidationProblem>> SaveProfile(MentorProfileInput input, ClaimsPrincipal user, MentorPeople people, MentorProfiles profiles, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await profiles.SaveAsync(await PersonAsync(user, people, cancellationToken), input, cancellationToken));
        }
        catch (MentorRuleException e)
        {
            return Problem("profile", e);
        }
    }

    public static async Task<Results<Ok<TraineeRequestInput>, NotFound>> GetRequest(ClaimsPrincipal user, MentorPeople people, TraineeRequests requests, CancellationToken cancellationToken) =>
        await requests.ForPersonAsync(await PersonAsync(user, people, cancellationToken), cancellationToken) is { } request
            ? TypedResults.Ok(TraineeRequestInput.From(request))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<TraineeRequestInput>, ValidationProblem>> SaveRequest(TraineeRequestInput input, ClaimsPrincipal user, MentorPeople people, TraineeRequests requests, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await requests.SaveAsync(await PersonAsync(user, people, cancellationToken), input, cancellationToken);
            return TypedResults.Ok(TraineeRequestInput.From(saved));
        }
        catch (MentorRuleException e)
        {
            return Problem("request", e);
        }
    }

    public static async Task<Results<Ok<RecommendationResult>, NotFound<string>, ValidationProblem>> GetRecommendations(int? count, ClaimsPrincipal user, MentorPeople people, TraineeRequests requests,
        MentorRecommendations recommendations, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(user, people, cancellationToken);
        if (await requests.ForPersonAsync(person, cancellationToken) is not { } request)
        {
            return TypedResults.NotFound("Save a request first (PUT /api/mentors/me/request) or POST one to /api/mentors/recommendations.");
        }

        try
        {
            return TypedResults.Ok(await recommendations.ForPersonAsync(person, TraineeRequestInput.From(request), count ?? 10, cancellationToken));
        }
        catch (MentorRuleException e)
        {
            return Problem("request", e);
        }
    }

    public static async Task<Results<Ok<RecommendationResult>, ValidationProblem>> PostRecommendations(TraineeRequestInput input, int? count, ClaimsPrincipal user, MentorPeople people,
        MentorRecommendations recommendations, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await recommendations.ForPersonAsync(await PersonAsync(user, people, cancellationToken), input, count ?? 10, cancellationToken));
        }
        catch (MentorRuleException e)
        {
            return Problem("request", e);
        }
    }

    public static async Task<Results<Ok<GuidanceView>, NotFound<string>>> GetGuidance(ClaimsPrincipal user, MentorPeople people, TraineeRequests requests, TraineeGuidance guidance, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(user, people, cancellationToken);
        return await requests.ForPersonAsync(person, cancellationToken) is { } request
            ? TypedResults.Ok(await guidance.BuildAsync(TraineeRequestInput.From(request), person, cancellationToken))
            : TypedResults.NotFound("Save a request first: guidance is drawn from your interests.");
    }

    public static async Task<Ok<IntroductionsResponse>> GetIntroductions(ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(user, people, cancellationToken);
        return TypedResults.Ok(new IntroductionsResponse(await introductions.ReceivedAsync(person, cancellationToken), await introductions.SentAsync(person, cancellationToken)));
    }

    public static async Task<Results<Created<IntroductionView>, ValidationProblem>> SendIntroduction(IntroductionRequest body, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await introductions.SendAsync(await PersonAsync(user, people, cancellationToken), body.MentorProfileId, body.Message, body.Reason, cancellationToken);
            return TypedResults.Created($"/api/mentors/introductions/{sent.Id}", sent);
        }
        catch (MentorRuleException e)
        {
            return Problem("introduction", e);
        }
    }

    public static async Task<Results<NoContent, ValidationProblem>> BlockTrainee(long id, ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken cancellationToken)
    {
        try
        {
            await introductions.BlockAsync(id, await PersonAsync(user, people, cancellationToken), cancellationToken);
            return TypedResults.NoContent();
        }
        catch (MentorRuleException e)
        {
            return Problem("introduction", e);
        }
    }

    public static async Task<Ok<IReadOnlyList<NotificationView>>> GetNotifications(ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await introductions.NotificationsAsync(await PersonAsync(user, people, cancellationToken), 100, cancellationToken));

    public static async Task<NoContent> MarkRead(ClaimsPrincipal user, MentorPeople people, Introductions introductions, CancellationToken cancellationToken)
    {
        await introductions.MarkReadAsync(await PersonAsync(user, people, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RecommenderWeights>> GetWeights(MentorSettings settings, CancellationToken cancellationToken) => TypedResults.Ok(await settings.WeightsAsync(cancellationToken));

    public static async Task<Results<Ok<RecommenderWeights>, ValidationProblem>> PutWeights(RecommenderWeights weights, MentorSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await settings.SaveWeightsAsync(weights, cancellationToken);
            return TypedResults.Ok(await settings.WeightsAsync(cancellationToken));
        }
        catch (MentorRuleException e)
        {
            return Problem("weights", e);
        }
    }

    public static async Task<Ok<RecommenderWeights>> ResetWeights(MentorSettings settings, CancellationToken cancellationToken)
    {
        await settings.ResetWeightsAsync(cancellationToken);
        return TypedResults.Ok(await settings.WeightsAsync(cancellationToken));
    }

    public static Ok<IndexStatus> GetIndex(MentorIndexProvider indexes) => TypedResults.Ok(Status(indexes.Current));

    public static async Task<Ok<IndexStatus>> RebuildIndex(MentorIndexProvider indexes, ScholarDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(Status(await indexes.RebuildAsync(db, cancellationToken)));

    public static IndexStatus Status(MentorIndexSnapshot? snapshot) => snapshot is null
        ? new IndexStatus(false, null, null, 0, 0, 0, 0, 0, 0, null)
        : new IndexStatus(true, snapshot.BuiltAt, Math.Round(snapshot.BuildTime.TotalMilliseconds, 1), snapshot.Index.MentorCount, snapshot.Index.AccountCount, snapshot.Index.FollowEdgeCount,
            snapshot.Index.EngagementPairCount, snapshot.Index.TermCount, snapshot.Index.PostingCount, snapshot.Index.ReferenceTime);

    private static async Task<Results<Ok<IntroductionView>, ValidationProblem>> Act(ClaimsPrincipal user, MentorPeople people, Func<long, Task<IntroductionView>> action, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await action(await PersonAsync(user, people, cancellationToken)));
        }
        catch (MentorRuleException e)
        {
            return Problem("introduction", e);
        }
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangeStatus(ClaimsPrincipal user, MentorPeople people, Func<long, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(await PersonAsync(user, people, cancellationToken));
            return TypedResults.NoContent();
        }
        catch (MentorRuleException e)
        {
            return Problem("profile", e);
        }
    }

    /// <summary>The caller's person, created on first use.</summary>
    public static Task<long> PersonAsync(ClaimsPrincipal user, MentorPeople people, CancellationToken cancellationToken) =>
        people.EnsurePersonAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has an id."), cancellationToken);

    private static ValidationProblem Problem(string field, MentorRuleException e) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [e.Message] });
}
