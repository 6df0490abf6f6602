using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SoMeScholar.Core.Research;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Research;

/// <summary>
/// The member-check page participants open from their private link: the findings, and a comment form per finding.
/// Anonymous by design; an unknown, closed or withdrawn link shows the same "not available" page, and responses are
/// neither cached nor indexed.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Posting)]
public sealed class FeedbackModel(MemberChecks checks) : PageModel
{
    public PublicMemberCheck? Check { get; private set; }

    [TempData]
    public string? Thanks { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Private();
        Check = await checks.OpenAsync(token, cancellationToken);
        if (Check is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, long? findingId, string? text, string? code, CancellationToken cancellationToken)
    {
        Private();
        try
        {
            if (!await checks.CommentAsync(token, findingId, text ?? "", code, cancellationToken))
            {
                return await OnGetAsync(token, cancellationToken);
            }
        }
        catch (ResearchException e)
        {
            Error = e.Message;
            Check = await checks.OpenAsync(token, cancellationToken);
            return Page();
        }

        Thanks = "Thank you: your comment reached the research team.";
        return RedirectToPage(new { token });
    }

    private void Private()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
