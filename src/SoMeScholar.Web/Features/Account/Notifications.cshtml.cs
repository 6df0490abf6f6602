using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Account;

[Authorize(Policy = Policies.Member)]
public sealed class NotificationsModel(Notifier notifier) : PageModel
{
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync() => Notifications = await notifier.ForUserAsync(User.UserId()!, 100, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostMarkReadAsync()
    {
        await notifier.MarkAllReadAsync(User.UserId()!, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
