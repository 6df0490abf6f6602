using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Research;

namespace SoMeScholar.Web.Features.Research;

/// <summary>
/// What the research pages share: the acting user, the study header for the tabs, and one way to run an operation.
/// A study the user is not on the team of is 404 (the same as one that does not exist); a refused change is shown
/// as a message after the redirect back to the page (post, redirect, get).
/// </summary>
public abstract class ResearchPageModel : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public StudyHeader Header { get; protected set; } = null!;

    public ResearchActor Actor => ActorOf(User);

    public bool CanEdit => StudyAccess.Allows(Header.Role, StudyRight.Edit);

    public bool IsLead => Header.Role == StudyRole.Lead;

    public static ResearchActor ActorOf(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Research pages need a signed-in user."), user.Identity?.Name ?? "");

    /// <summary>Loads the header (404 for non-members), then the page.</summary>
    protected async Task<IActionResult> PageAsync(Studies studies, long studyId, Func<Task> load, CancellationToken cancellationToken)
    {
        try
        {
            Header = await studies.HeaderAsync(Actor, studyId, cancellationToken);
            await load();
            return Page();
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>Runs a change and redirects to <paramref name="then"/> (default: this page), carrying its message or refusal.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<string>> change, Func<IActionResult>? then = null)
    {
        try
        {
            Message = await change();
        }
        catch (ResearchException e) when (e.Kind == ResearchErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (ResearchException e)
        {
            Error = e.Message;
        }

        return then?.Invoke() ?? RedirectToPage();
    }
}
