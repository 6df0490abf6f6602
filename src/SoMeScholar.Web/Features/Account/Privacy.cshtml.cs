using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Security;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

/// <summary>A person's data: download everything as JSON, or delete the account (what they wrote stays, anonymous).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class PrivacyModel(UserManager<ScholarUser> users, SignInManager<ScholarUser> signIn, AccountPrivacy privacy) : PageModel
{
    public const string Confirmation = "DELETE";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var json = await privacy.ExportJsonAsync(user.Id, HttpContext.RequestAborted);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"somescholar-{user.UserName}-data.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!string.Equals(Confirm?.Trim(), Confirmation, StringComparison.Ordinal))
        {
            Error = $"Type {Confirmation} to confirm.";
            return Page();
        }

        if (await users.HasPasswordAsync(user) && !await users.CheckPasswordAsync(user, Password))
        {
            Error = "That password is not right.";
            return Page();
        }

        await privacy.DeleteAccountAsync(user.Id, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
