using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Discussions;

/// <summary>Toggles a reaction on a comment (a form post from the thread page), then returns to the comment.</summary>
[Authorize(Policy = Policies.Member)]
[EnableRateLimiting(RateLimits.Posting)]
public sealed class ReactModel(DiscussionBoard board) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Discussions/Index");

    public async Task<IActionResult> OnPostAsync(long commentId, ReactionKind kind)
    {
        var comment = await board.FindCommentAsync(commentId, HttpContext.RequestAborted);
        if (comment is null)
        {
            return NotFound();
        }

        try
        {
            await board.ToggleReactionAsync(User.UserId()!, commentId, kind, HttpContext.RequestAborted);
        }
        catch (ModerationException)
        {
            // Unpublished comment or suspended member: nothing to toggle; the thread page shows the state.
        }

        return Redirect($"/Discussions/Thread/{comment.ThreadId}#comment-{commentId}");
    }
}
