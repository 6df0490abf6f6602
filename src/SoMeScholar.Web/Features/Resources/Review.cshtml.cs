using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>A reviewer's assignment: the conflict-of-interest declaration first, then the instrument's scoring form (or a correction).</summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class ReviewModel(ReviewWorkflow workflow, InstrumentCatalog instruments) : PageModel
{
    public ReviewAssignment Assignment { get; private set; } = null!;
    public InstrumentInfo Instrument { get; private set; } = null!;
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public long? Correct { get; set; }

    [BindProperty]
    public Dictionary<string, int> Scores { get; set; } = [];

    [BindProperty]
    public string? Comments { get; set; }

    [BindProperty]
    public Recommendation Recommendation { get; set; }

    public Task<IActionResult> OnGetAsync(long id) => LoadAsync(id, () => Page());

    public async Task<IActionResult> OnPostDeclareAsync(long id, bool hasConflict, string? statement) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            await workflow.DeclareAsync(actor, id, hasConflict, statement, HttpContext.RequestAborted);
            return Redirect($"/Resources/Review/{id}");
        }, message => Failed(message));

    public async Task<IActionResult> OnPostScoreAsync(long id) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            var input = new ReviewInput(Scores, Comments, Recommendation);
            var review = Correct is { } original
                ? await workflow.CorrectAsync(actor, original, input, HttpContext.RequestAborted)
                : await workflow.SubmitAsync(actor, id, input, HttpContext.RequestAborted);
            TempData["Message"] = $"Review submitted: total {review.Total:0.#}.";
            return Redirect($"/Resources/{review.ResourceId}");
        }, message => Failed(message));

    /// <summary>A broken rule: back to this page (reloaded on the next GET) with the reason.</summary>
    private RedirectResult Failed(string message)
    {
        TempData["ReviewError"] = message;
        return Redirect(HttpContext.Request.Path + HttpContext.Request.QueryString.ToString().Replace("handler=Declare", "", StringComparison.Ordinal).Replace("handler=Score", "", StringComparison.Ordinal));
    }

    private async Task<IActionResult> LoadAsync(long id, Func<IActionResult> page) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            Assignment = await workflow.GetOwnAssignmentAsync(actor, id, HttpContext.RequestAborted);
            Instrument = await instruments.GetAsync(Assignment.InstrumentId, HttpContext.RequestAborted);
            Error ??= TempData["ReviewError"] as string;
            return page();
        }, message =>
        {
            Error = message;
            return NotFound();
        });
}
