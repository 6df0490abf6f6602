using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Shared;

/// <summary>Adds the display name and the must-change-password flag to the sign-in cookie.</summary>
public sealed class ScholarClaimsPrincipalFactory(UserManager<ScholarUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ScholarUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "somescholar:display_name";
    public const string MustChangePasswordClaim = "somescholar:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ScholarUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName ?? user.UserName ?? ""));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ScholarClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "guest";

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(ScholarClaimsPrincipalFactory.MustChangePasswordClaim, "true");

    public static string RoleLabel(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? Roles.Guest : Roles.Assignable.FirstOrDefault(user.IsInRole) ?? Roles.Member;
}
