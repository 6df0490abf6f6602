using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Web.Features.Account;

namespace SoMeScholar.Web.Features.Discussions;

[AllowAnonymous]
public sealed class ThreadModel(DiscussionBoard board) : PageModel
{
    public ThreadView View { get; private set; } = null!;
    public bool IsModerator => User.IsInRole(Core.Users.Roles.Moderator) || User.IsInRole(Core.Users.Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var view = await board.GetThreadAsync(id, User.UserId(), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostSubscribeAsync(long id, bool subscribe)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        if (subscribe)
        {
            await board.SubscribeAsync(id, userId, HttpContext.RequestAborted);
        }
        else
        {
            await board.UnsubscribeAsync(id, userId, HttpContext.RequestAborted);
        }

        return RedirectToPage(new { id });
    }
}
