using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Web.Shared;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<ScholarUser> signIn, UserManager<ScholarUser> users) : PageModel
{
    [BindProperty]
    [Required]
    [Display(Name = "User name or e-mail")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Enter your user name and password.";
            return Page();
        }

        var user = await users.FindByNameAsync(UserName.Trim()) ?? await users.FindByEmailAsync(UserName.Trim());
        if (user is null)
        {
            Error = "That user name and password do not match.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl, RememberMe });
        }

        Error = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for a while. Try again later."
            : result.IsNotAllowed ? "This account may not sign in yet (is its e-mail confirmed?)." : "That user name and password do not match.";
        return Page();
    }
}
