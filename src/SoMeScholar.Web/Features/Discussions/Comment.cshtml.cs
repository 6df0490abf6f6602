using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;
using SoMeScholar.Web.Features.Account;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Discussions;

/// <summary>
/// Writing a comment (new, reply or quote). Posting runs the professionalism check first: when it finds something,
/// the page shows the findings as a warning and the writer revises or posts anyway.
/// </summary>
[Authorize(Policy = Policies.Member)]
[EnableRateLimiting(RateLimits.Posting)]
public sealed class CommentModel(DiscussionBoard board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long ThreadId { get; set; }

    [BindProperty(SupportsGet = true, Name = "replyTo")]
    public long? ParentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "quote")]
    public long? QuotedCommentId { get; set; }

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public bool AcknowledgeWarnings { get; set; }

    public string ThreadTitle { get; private set; } = "";
    public CheckResult? Check { get; private set; }
    public string? Error { get; private set; }
    public PostResult? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }

        if (QuotedCommentId is { } quoted)
        {
            Body = await board.QuoteAsync(quoted, HttpContext.RequestAborted) ?? "";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }

        try
        {
            var result = await board.PostCommentAsync(User.UserId()!, new NewComment(ThreadId, Body, ParentId, QuotedCommentId), AcknowledgeWarnings, HttpContext.RequestAborted);
            if (result.NeedsAcknowledgement)
            {
                Check = result.Check;
                return Page();
            }

            if (result.Queued)
            {
                Posted = result;
                return Page();
            }

            return Redirect($"/Discussions/Thread/{ThreadId}#comment-{result.Comment!.Id}");
        }
        catch (ModerationException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var view = await board.GetThreadAsync(ThreadId, User.UserId(), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        ThreadTitle = view.Thread.Title;
        return null;
    }
}
