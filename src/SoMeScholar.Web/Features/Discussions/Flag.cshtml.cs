using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Discussions;

/// <summary>Flags a comment for the moderators, with a required reason.</summary>
[Authorize(Policy = Policies.Member)]
[EnableRateLimiting(RateLimits.Flagging)]
public sealed class FlagModel(DiscussionBoard board) : PageModel
{
    [BindProperty]
    public FlagReason Reason { get; set; } = FlagReason.UnverifiableClaim;

    [BindProperty]
    public string Detail { get; set; } = "";

    public Comment Comment { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool Done { get; private set; }
    public bool Hidden { get; private set; }

    public async Task<IActionResult> OnGetAsync(long commentId)
    {
        var comment = await board.FindCommentAsync(commentId, HttpContext.RequestAborted);
        if (comment is null || comment.Status != CommentStatus.Published)
        {
            return NotFound();
        }

        Comment = comment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long commentId)
    {
        var comment = await board.FindCommentAsync(commentId, HttpContext.RequestAborted);
        if (comment is null)
        {
            return NotFound();
        }

        Comment = comment;
        try
        {
            Hidden = await board.FlagAsync(User.UserId()!, commentId, Reason, Detail, HttpContext.RequestAborted);
            Done = true;
        }
        catch (ModerationException e)
        {
            Error = e.Message;
        }

        return Page();
    }
}
