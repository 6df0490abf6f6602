using Microsoft.AspNetCore.Http.HttpResults;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Admin;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Administrator);
        group.MapGet("/", List).WithSummary("Every user with their roles (administrators only).");
        group.MapPut("/{userName}/role", SetRole).WithSummary("Set a user's role: administrator, moderator, reviewer or member.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserSummary>>> List(UserAdministration users) => TypedResults.Ok(await users.ListAsync());

    public static async Task<Results<NoContent, ValidationProblem>> SetRole(UserAdministration users, string userName, RoleChange change)
    {
        try
        {
            await users.SetRoleAsync(userName, change.Role);
            return TypedResults.NoContent();
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [e.Message] });
        }
    }

    public sealed record RoleChange(string Role);
}
