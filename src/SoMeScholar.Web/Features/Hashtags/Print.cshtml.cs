using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>The print version of a hashtag or conference report: what the PDF export prints with headless Chromium.</summary>
[AllowAnonymous]
public sealed class PrintModel(HashtagAnalytics analytics, EventCatalog catalog) : PageModel
{
    public ReportView? Report { get; private set; }
    public EventReport? Event { get; private set; }
    public string Title { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "event")] string? slug, string? tags, string? from, string? to, string? tz, CancellationToken cancellationToken)
    {
        try
        {
            if (slug is not null)
            {
                var item = await catalog.FindAsync(slug, cancellationToken);
                if (item is null)
                {
                    return NotFound();
                }

                Event = await analytics.EventReportAsync(item, 10, cancellationToken);
                Report = new ReportView(Event.During, "", Print: true);
                Title = item.Name;
            }
            else
            {
                var query = HashtagQuery.Create([tags ?? ""], HashtagQuery.ParseTime(from ?? "", "from"), HashtagQuery.ParseTime(to ?? "", "to"), tz);
                Report = new ReportView(await analytics.ReportAsync(query, cancellationToken), "", Print: true);
                Title = "#" + string.Join(" #", query.Tags);
            }
        }
        catch (HashtagQueryException e)
        {
            Error = e.Message;
        }

        return Page();
    }
}
