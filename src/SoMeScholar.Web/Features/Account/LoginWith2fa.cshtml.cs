using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

/// <summary>The second step of a two-factor sign-in: a code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginWith2faModel(SignInManager<ScholarUser> signIn) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool RememberMachine { get; set; }

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberMachine);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = result.IsLockedOut ? "Too many failed attempts: this account is locked for a while." : "That code is not valid. Codes change every 30 seconds.";
        return Page();
    }
}
