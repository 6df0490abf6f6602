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

/// <summary>Opens a thread: a standalone topic (optionally open for comment until a date) or one about a resource,
/// review or event (<c>?kind=Resource&amp;subjectId=12</c>, as those capabilities link here).</summary>
[Authorize(Policy = Policies.Member)]
[EnableRateLimiting(RateLimits.Posting)]
public sealed class NewModel(DiscussionBoard board, DiscussionSubjects subjects) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SubjectKind Kind { get; set; } = SubjectKind.Topic;

    [BindProperty(SupportsGet = true)]
    public long? SubjectId { get; set; }

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public DateTime? OpenUntil { get; set; }

    [BindProperty]
    public bool AcknowledgeWarnings { get; set; }

    public CheckResult? Check { get; private set; }

    public DiscussionSubject? Subject { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadSubjectAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadSubjectAsync();
        if (!AcknowledgeWarnings && !string.IsNullOrWhiteSpace(Body))
        {
            // The opening text is checked like a comment: findings are a warning the writer reads before posting.
            var check = await board.CheckAsync($"{Title}\n\n{Body}", HttpContext.RequestAborted);
            if (check.Findings.Count > 0)
            {
                Check = check;
                return Page();
            }
        }

        try
        {
            var until = OpenUntil is { } local ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : (DateTime?)null;
            var thread = await board.CreateThreadAsync(User.UserId()!, new NewThread(Kind, Kind == SubjectKind.Topic ? null : SubjectId, Title, Body, until), HttpContext.RequestAborted);
            return Redirect($"/Discussions/Thread/{thread.Id}");
        }
        catch (ModerationException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task LoadSubjectAsync()
    {
        if (Kind != SubjectKind.Topic && SubjectId is { } id)
        {
            Subject = await subjects.FindAsync(new SubjectReference(Kind, id), HttpContext.RequestAborted);
        }
    }
}
