using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetPasswordModel(UserManager<ScholarUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountEmails.Decode(Code);
        if (user is null || token is null)
        {
            Errors = ["That reset link is not valid."];
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, NewPassword);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Code == "InvalidToken" ? "That reset link is not valid or has expired." : e.Description).ToList();
            return Page();
        }

        // The reset changed the security stamp, so every existing session of the account ends. A lockout (failed
        // attempts or a moderator's suspension) stays as it is.
        await users.ResetAccessFailedCountAsync(user);
        Done = true;
        return Page();
    }
}
