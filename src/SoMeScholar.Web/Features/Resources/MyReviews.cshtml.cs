using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Resources;

[Authorize(Policy = Policies.Member)]
public sealed class MyReviewsModel(ReviewWorkflow workflow) : PageModel
{
    public IReadOnlyList<ReviewAssignment> Assignments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            Assignments = await workflow.AssignmentsOfAsync(actor, HttpContext.RequestAborted);
            return Page();
        }, _ => Page());
}
