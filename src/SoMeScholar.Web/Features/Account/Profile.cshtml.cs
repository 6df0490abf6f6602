using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

[Authorize(Policy = Policies.Member)]
public sealed class ProfileModel(UserManager<ScholarUser> users, SignInManager<ScholarUser> signIn, MemberProfiles profiles) : PageModel
{
    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string? Affiliation { get; set; }

    [BindProperty]
    public string? About { get; set; }

    public string UserName { get; private set; } = "";
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var profile = await profiles.GetAsync(user.Id, HttpContext.RequestAborted);
        UserName = user.UserName!;
        DisplayName = user.DisplayName ?? user.UserName!;
        Affiliation = profile?.Affiliation;
        About = profile?.About;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        UserName = user.UserName!;
        try
        {
            await profiles.SaveAsync(user.Id, DisplayName, Affiliation, About, HttpContext.RequestAborted);
            await signIn.RefreshSignInAsync((await users.FindByIdAsync(user.Id))!);
            Message = "Saved.";
        }
        catch (ModerationException e)
        {
            Message = e.Message;
        }

        return Page();
    }
}
