using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Web.Features.Discussions;

[AllowAnonymous]
public sealed class MembersModel(MemberProfiles profiles) : PageModel
{
    public MemberPage Member { get; private set; } = null!;
    public bool IsModerator => User.IsInRole(Core.Users.Roles.Moderator) || User.IsInRole(Core.Users.Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(string userName)
    {
        var member = await profiles.PageAsync(userName, HttpContext.RequestAborted);
        if (member is null)
        {
            return NotFound();
        }

        Member = member;
        return Page();
    }
}
