using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Web.Features;

[AllowAnonymous]
public sealed class IndexModel(ArchiveOverview archive, ScholarDb db) : PageModel
{
    public ArchiveTotals Totals { get; private set; } = null!;
    public long People { get; private set; }
    public IReadOnlyList<HashtagCount> TopHashtags { get; private set; } = [];
    public IReadOnlyList<PostSummary> RecentPosts { get; private set; } = [];

    /// <summary>Chart.js configuration for posts per day of the busiest hashtags, rendered into a data attribute (no inline script).</summary>
    public string TimelineChart { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Totals = await archive.TotalsAsync(cancellationToken);
        People = await db.People.LongCountAsync(cancellationToken);
        TopHashtags = await archive.TopHashtagsAsync(10, cancellationToken);
        RecentPosts = await archive.RecentPostsAsync(8, cancellationToken: cancellationToken);
        if (Totals.LastPostAt is { } last && TopHashtags.Count > 0)
        {
            var to = last.Date.AddDays(1);
            var from = to.AddDays(-90);
            var tags = TopHashtags.Take(4).Select(t => t.Tag).ToList();
            var counts = await archive.DailyCountsAsync(tags, from, to, cancellationToken);
            var days = Enumerable.Range(0, 90).Select(i => DateOnly.FromDateTime(from.AddDays(i))).ToList();
            TimelineChart = JsonSerializer.Serialize(new
            {
                type = "line",
                data = new
                {
                    labels = days.Select(d => d.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)),
                    datasets = tags.Select(tag => new
                    {
                        label = "#" + tag,
                        data = days.Select(d => counts.FirstOrDefault(c => c.Tag == tag && c.Day == d)?.Posts ?? 0),
                        tension = 0.25,
                        pointRadius = 0,
                    }),
                },
                options = new { responsive = true, maintainAspectRatio = false, interaction = new { mode = "index", intersect = false } },
            });
        }
    }
}
