using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>Hashtag analytics for any tag set and window, the conference events, and their walls.</summary>
[AllowAnonymous]
public sealed class IndexModel(HashtagAnalytics analytics, EventCatalog catalog, ArchiveOverview archive) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tags")]
    public string? Tags { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "tz")]
    public string? TimeZone { get; set; }

    public ReportView? Report { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<EventSummary> Events { get; private set; } = [];
    public IReadOnlyList<HashtagCount> Suggestions { get; private set; } = [];
    public string ReportQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Events = await catalog.ListAsync(cancellationToken);
        Suggestions = await archive.TopHashtagsAsync(12, cancellationToken);
        var totals = await archive.TotalsAsync(cancellationToken);
        // Without dates, the last 30 days of the archive (so a historical archive shows something).
        var end = (totals.LastPostAt ?? DateTime.UtcNow).Date.AddDays(1);
        From ??= end.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To ??= end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        TimeZone ??= "UTC";
        if (string.IsNullOrWhiteSpace(Tags))
        {
            return;
        }

        try
        {
            var query = HashtagQuery.Create([Tags], HashtagQuery.ParseTime(From, "from"), HashtagQuery.ParseTime(To, "to"), TimeZone);
            ReportQuery = HashtagsApi.QueryString(query);
            Report = new ReportView(await analytics.ReportAsync(query, cancellationToken), "/api/hashtags/report.csv?" + ReportQuery);
        }
        catch (HashtagQueryException e)
        {
            Error = e.Message;
        }
    }
}
