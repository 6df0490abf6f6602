using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Discussions;

namespace SoMeScholar.Web.Features.Discussions;

[AllowAnonymous]
public sealed class IndexModel(DiscussionBoard board, Moderation moderation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SubjectKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? SubjectId { get; set; }

    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];
    public int QueueLength { get; private set; }

    public async Task OnGetAsync()
    {
        Threads = await board.ListThreadsAsync(Kind, SubjectId, 200, HttpContext.RequestAborted);
        if (User.IsInRole(Core.Users.Roles.Moderator) || User.IsInRole(Core.Users.Roles.Administrator))
        {
            QueueLength = await moderation.QueueLengthAsync(HttpContext.RequestAborted);
        }
    }
}
