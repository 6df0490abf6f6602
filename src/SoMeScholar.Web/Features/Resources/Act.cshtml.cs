using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Features.Resources;

/// <summary>
/// The actions the resource page's forms post: every one needs a signed-in member, and Core decides the finer rules
/// (editor, reviewer, verified expert, administrator). Each ends back on the resource page with a message.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ActModel(ResourceRegistry registry, ReviewWorkflow workflow, Endorsements endorsements, UptakeReporting uptake) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet() => Redirect("/Resources");

    public Task<IActionResult> OnPostEndorseAsync(long resourceId, bool asExpert) =>
        Do(resourceId, async actor => await endorsements.EndorseAsync(actor, resourceId, asExpert, null, HttpContext.RequestAborted), asExpert ? "Endorsed as a verified expert." : "Endorsed.");

    public Task<IActionResult> OnPostWithdrawAsync(long resourceId) =>
        Do(resourceId, async actor => await endorsements.WithdrawAsync(actor, resourceId, HttpContext.RequestAborted), "Your endorsement was withdrawn.");

    public Task<IActionResult> OnPostUptakeAsync(long resourceId, UptakeType useType, KtaPhase phase, string? setting, int? audienceSize, string? description) =>
        Do(resourceId, async actor => await uptake.ReportAsync(actor, resourceId, new UptakeInput(useType, setting ?? "", audienceSize, description ?? "", phase), HttpContext.RequestAborted), "Thank you: your report of use was added.");

    public async Task<IActionResult> OnPostVolunteerAsync(long resourceId, long instrumentId) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            var assignment = await workflow.VolunteerAsync(actor, resourceId, instrumentId, HttpContext.RequestAborted);
            return Redirect($"/Resources/Review/{assignment.Id}");
        }, message => Back(resourceId, message));

    public Task<IActionResult> OnPostAssignAsync(long resourceId, string? reviewer, long instrumentId) =>
        Do(resourceId, async actor => await workflow.AssignAsync(actor, resourceId, reviewer ?? "", instrumentId, HttpContext.RequestAborted), $"Assigned {reviewer}.");

    public Task<IActionResult> OnPostRetractAsync(long resourceId, string? notice) =>
        Do(resourceId, async actor => await registry.RetractAsync(actor, resourceId, notice ?? "", HttpContext.RequestAborted), "The resource was retracted.");

    public Task<IActionResult> OnPostEditorAsync(long resourceId, string? editor) =>
        Do(resourceId, async actor => await registry.SetEditorAsync(actor, resourceId, editor, HttpContext.RequestAborted), string.IsNullOrWhiteSpace(editor) ? "Editor cleared." : $"{editor} is the editor.");

    public Task<IActionResult> OnPostBlindAsync(long resourceId, bool blind) =>
        Do(resourceId, async actor => await registry.SetBlindingAsync(actor, resourceId, blind, HttpContext.RequestAborted), blind ? "Reviewers will not see the authors' names." : "Reviewers see the authors' names.");

    public async Task<IActionResult> OnPostSnapshotAsync(long resourceId) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            var snapshot = await registry.ArchiveSnapshotAsync(actor, resourceId, HttpContext.RequestAborted);
            return Back(resourceId, snapshot.Outcome == SnapshotOutcome.Archived ? "Snapshot archived." : $"Snapshot failed: {snapshot.Error}");
        }, message => Back(resourceId, message));

    private async Task<IActionResult> Do(long resourceId, Func<ResourceActor, Task> action, string done) =>
        await ResourceWeb.RunAsync(this, async actor =>
        {
            await action(actor);
            return Back(resourceId, done);
        }, message => Back(resourceId, message));

    private RedirectResult Back(long resourceId, string message)
    {
        Message = message;
        return Redirect($"/Resources/{resourceId}");
    }
}
