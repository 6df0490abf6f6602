using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ConfirmEmailModel(UserManager<ScholarUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        Confirmed = user is not null && token is not null && (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
