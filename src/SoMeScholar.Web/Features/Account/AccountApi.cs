using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

/// <summary>The caller's own account over the API: API tokens, notifications and the personal-data export.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").WithTags("Account").RequireAuthorization(Policies.Member);
        group.MapGet("/tokens", ListTokens).WithSummary("The caller's API tokens (never the secrets).");
        group.MapPost("/tokens", CreateToken).WithSummary("Creates an API token; the secret is in this response only.");
        group.MapDelete("/tokens/{id:long}", RevokeToken).WithSummary("Revokes one of the caller's API tokens.");
        group.MapGet("/notifications", ListNotifications).WithSummary("The caller's latest notifications.");
        group.MapGet("/export", Export).WithSummary("Everything the platform holds about the caller, as JSON.");
        return app;
    }

    public sealed record TokenRequest(string Name, int? ValidDays);

    public sealed record CreatedToken(ApiTokenSummary Token, string Secret);

    public static async Task<Ok<IReadOnlyList<ApiTokenSummary>>> ListTokens(HttpContext context, ApiTokens tokens) =>
        TypedResults.Ok(await tokens.ListAsync(context.User.UserId()!, context.RequestAborted));

    public static async Task<Results<Created<CreatedToken>, ValidationProblem>> CreateToken(HttpContext context, ApiTokens tokens, TokenRequest request)
    {
        try
        {
            var (token, secret) = await tokens.CreateAsync(context.User.UserId()!, request.Name, request.ValidDays, context.RequestAborted);
            return TypedResults.Created($"/api/account/tokens/{token.Id}", new CreatedToken(token, secret));
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [e.Message.Split(" (Parameter")[0]] });
        }
    }

    public static async Task<Results<NoContent, NotFound>> RevokeToken(HttpContext context, ApiTokens tokens, long id) =>
        await tokens.RevokeAsync(context.User.UserId()!, id, context.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<Notification>>> ListNotifications(HttpContext context, Notifier notifier) =>
        TypedResults.Ok(await notifier.ForUserAsync(context.User.UserId()!, 100, context.RequestAborted));

    public static async Task<IResult> Export(HttpContext context, AccountPrivacy privacy) =>
        Results.Text(await privacy.ExportJsonAsync(context.User.UserId()!, context.RequestAborted), "application/json");
}
