using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Account;

namespace SoMeScholar.Web.Features.Discussions;

/// <summary>The moderation queue and every moderator action (each with a reason, each in the audit log).</summary>
[Authorize(Policy = Policies.Moderator)]
public sealed class ModerationModel(Moderation moderation, TrustLevels trust, AuditLog audit, UserManager<ScholarUser> users, TimeProvider clock) : PageModel
{
    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];
    public IReadOnlyList<ModerationAction> Recent { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        Queue = await moderation.QueueAsync(HttpContext.RequestAborted);
        Recent = await audit.ListAsync(new AuditQuery(Limit: 30), HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostCommentAsync(long commentId, string decision, string reason) => ActAsync(async actor =>
    {
        switch (decision)
        {
            case "approve": await moderation.ApproveAsync(actor, commentId, reason, HttpContext.RequestAborted); break;
            case "reject": await moderation.RejectAsync(actor, commentId, reason, HttpContext.RequestAborted); break;
            case "hide": await moderation.HideAsync(actor, commentId, reason, HttpContext.RequestAborted); break;
            case "restore": await moderation.RestoreAsync(actor, commentId, reason, HttpContext.RequestAborted); break;
            case "dismiss": await moderation.DismissFlagsAsync(actor, commentId, reason, HttpContext.RequestAborted); break;
            default: throw new ModerationException("Unknown decision.");
        }

        return $"Comment {commentId}: {decision} recorded.";
    });

    public Task<IActionResult> OnPostLockAsync(long threadId, bool locked, string reason) => ActAsync(async actor =>
    {
        await moderation.LockAsync(actor, threadId, locked, reason, HttpContext.RequestAborted);
        return $"Thread {threadId} {(locked ? "locked" : "unlocked")}.";
    }, $"/Discussions/Thread/{threadId}");

    public Task<IActionResult> OnPostSuspendAsync(string userName, int days, string reason) => ActAsync(async actor =>
    {
        await moderation.SuspendAsync(actor, userName, clock.GetUtcNow().UtcDateTime.AddDays(Math.Clamp(days, 1, 3650)), reason, HttpContext.RequestAborted);
        return $"{userName} is suspended for {days} day(s).";
    }, $"/Discussions/Members/{Uri.EscapeDataString(userName)}");

    public Task<IActionResult> OnPostUnsuspendAsync(string userName, string reason) => ActAsync(async actor =>
    {
        await moderation.UnsuspendAsync(actor, userName, reason, HttpContext.RequestAborted);
        return $"{userName}'s suspension is lifted.";
    }, $"/Discussions/Members/{Uri.EscapeDataString(userName)}");

    public Task<IActionResult> OnPostTrustAsync(string userName, TrustLevel level, string reason) => ActAsync(async actor =>
    {
        var user = await users.FindByNameAsync(userName) ?? throw new ModerationException($"No member named '{userName}'.");
        await trust.GrantAsync(actor, user.Id, level, reason, HttpContext.RequestAborted);
        return $"{userName} is granted {level}.";
    }, $"/Discussions/Members/{Uri.EscapeDataString(userName)}");

    private async Task<IActionResult> ActAsync(Func<Actor, Task<string>> action, string? back = null)
    {
        try
        {
            Message = await action(User.Actor());
        }
        catch (ModerationException e)
        {
            Message = e.Message;
        }

        return back is null ? RedirectToPage() : Redirect(back);
    }
}
