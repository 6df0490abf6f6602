using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe).WithTags("Account").AllowAnonymous().WithSummary("Who the caller is: guest, or the signed-in user's name and roles.");
        return app;
    }

    public static Ok<Me> GetMe(ClaimsPrincipal user) => TypedResults.Ok(user.Identity?.IsAuthenticated == true
        ? new Me(true, user.Identity.Name, user.DisplayName(), Roles.Assignable.Where(user.IsInRole).ToList())
        : new Me(false, null, null, [Roles.Guest]));

    public sealed record Me(bool SignedIn, string? UserName, string? DisplayName, IReadOnlyList<string> Roles);
}
