using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Resources;
using SoMeScholar.Core.Reviews;

namespace SoMeScholar.Web.Features.Resources;

[AllowAnonymous]
public sealed class DetailModel(ResourceCatalog catalog, ResourceImpact impact, InstrumentCatalog instruments, ReviewWorkflow workflow) : PageModel
{
    public ResourceDetail Detail { get; private set; } = null!;
    public ImpactReport Impact { get; private set; } = null!;
    public IReadOnlyList<InstrumentInfo> Instruments { get; private set; } = [];
    public ResourceActor? Actor { get; private set; }
    public IReadOnlyList<ReviewAssignment> MyAssignments { get; private set; } = [];
    public string TimelineChart { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public bool CanChange => Actor is not null && ResourceRegistry.CanChange(Actor, Detail.Resource);
    public bool IsEditor => Actor is not null && ResourceRegistry.IsEditor(Actor, Detail.Resource);
    public Endorsement? MyEndorsement => Actor is null ? null : Detail.Endorsements.FirstOrDefault(e => e.EndorserKey == Actor.Key);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var detail = await catalog.DetailAsync(id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        Impact = await impact.ForResourceAsync(id, cancellationToken);
        Instruments = await instruments.ListAsync(activeOnly: true, cancellationToken);
        Actor = await ResourceWeb.ActorAsync(HttpContext);
        if (Actor is not null)
        {
            MyAssignments = (await workflow.AssignmentsOfAsync(Actor, cancellationToken)).Where(a => a.ResourceId == id).ToList();
        }

        if (Impact.Timeline.Count > 0)
        {
            TimelineChart = JsonSerializer.Serialize(new
            {
                type = "bar",
                data = new
                {
                    labels = Impact.Timeline.Select(d => d.Day.ToString("d MMM yyyy", CultureInfo.InvariantCulture)),
                    datasets = new object[]
                    {
                        new { label = "Posts linking", data = Impact.Timeline.Select(d => d.Posts) },
                        new { label = "Reposts", data = Impact.Timeline.Select(d => d.Reposts) },
                    },
                },
                options = new { responsive = true, maintainAspectRatio = false, scales = new { x = new { stacked = true }, y = new { stacked = true, beginAtZero = true } } },
            });
        }

        return Page();
    }
}
