using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Web.Features.Hashtags.Events;

/// <summary>A conference report: before/during/after, sessions, most discussed sessions, and the report of its days.</summary>
[AllowAnonymous]
public sealed class IndexModel(EventCatalog catalog, HashtagAnalytics analytics, EventSubjects subjects) : PageModel
{
    public HashtagEvent Event { get; private set; } = null!;
    public EventReport? Report { get; private set; }
    public ReportView? During { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Discussion threads opened about the event.</summary>
    public int Threads { get; private set; }

    public string Api => "/api/hashtags/events/" + Uri.EscapeDataString(Event.Slug);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await catalog.FindAsync(slug, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Event = item;
        Threads = await subjects.ThreadCountAsync(item.Id, cancellationToken);
        try
        {
            Report = await analytics.EventReportAsync(item, 10, cancellationToken);
            During = new ReportView(Report.During, Api + "/report.csv");
        }
        catch (HashtagQueryException e)
        {
            Error = e.Message;
        }

        return Page();
    }
}
