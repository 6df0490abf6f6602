using Microsoft.AspNetCore.Authorization;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Shared;

/// <summary>
/// The policies every page and endpoint names. Administrators pass every policy. The fallback policy requires a
/// signed-in user, so anything that forgets to name a policy is closed rather than open; a test additionally fails
/// when any endpoint lacks explicit metadata.
/// </summary>
public static class AuthorizationSetup
{
    public static IServiceCollection AddScholarAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser().RequireRole(Roles.Member, Roles.Reviewer, Roles.Moderator, Roles.Administrator))
            .AddPolicy(Policies.Reviewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Reviewer, Roles.Administrator))
            .AddPolicy(Policies.Moderator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Administrator))
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .Services;
}
