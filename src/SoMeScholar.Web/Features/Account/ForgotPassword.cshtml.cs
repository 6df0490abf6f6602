using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Security;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Account;

/// <summary>Asks for a reset link. The answer is the same whether or not the account exists (no account discovery).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotPasswordModel(AccountEmails emails) : PageModel
{
    [BindProperty]
    public string UserNameOrEmail { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(UserNameOrEmail))
        {
            await emails.SendPasswordResetAsync(UserNameOrEmail, Request.SiteUrl(), HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
