using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

/// <summary>Sign-out is a POST (with the antiforgery token) so a link elsewhere cannot sign people out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ScholarUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
