using System.Globalization;
using System.Text.Json;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Web.Features.Hashtags;

/// <summary>
/// What the report partial shows: a hashtag report, where its tables download as CSV (<see cref="CsvBase"/> + table
/// name) and whether it is the print version (for the PDF). Chart configurations are built here, as data attributes
/// for site.js (no inline script), with animation off so a printed page has its charts drawn.
/// </summary>
public sealed record ReportView(HashtagReport Report, string CsvBase, bool Print = false)
{
    /// <summary>Hours for windows of up to four days, days beyond.</summary>
    public bool Hourly => Report.To - Report.From <= TimeSpan.FromDays(4) && Report.Hours.Count > 0;

    public IReadOnlyList<TimelineBucket> Timeline => Hourly ? Report.Hours : Report.Days;

    public string Csv(string table) => CsvBase + (CsvBase.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "table=" + Uri.EscapeDataString(table);

    public FigureChange Change(string figure) => Report.Changes.First(c => c.Figure == figure);

    public static string Arrow(FigureChange change) => change.Difference switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => "=",
    };

    public static string Percent(FigureChange change) => change.Percent is { } percent
        ? percent.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%"
        : change.Current == 0 ? "no change" : "new";

    /// <summary>Only http(s) links become anchors: a link from the archive is someone else's text.</summary>
    public static bool IsWebLink(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public string TimelineChart() => Chart(new
    {
        type = "bar",
        data = new
        {
            labels = Timeline.Select(b => Hourly ? b.Start.ToString("ddd HH:00", CultureInfo.InvariantCulture) : b.Start.ToString("MMM d", CultureInfo.InvariantCulture)),
            datasets = new object[]
            {
                new { label = "Posts", data = Timeline.Select(b => b.Posts), stack = "activity" },
                new { label = "Reposts", data = Timeline.Select(b => b.Reposts), stack = "activity" },
            },
        },
        options = new
        {
            animation = false,
            responsive = true,
            maintainAspectRatio = false,
            interaction = new { mode = "index", intersect = false },
            scales = new { x = new { stacked = true }, y = new { stacked = true, beginAtZero = true } },
        },
    });

    private static readonly string[] ParticipantLabels = ["Active (posted)", "Passive (only reposted)"];
    private static readonly string[] ParticipantColours = ["#0f6e8c", "#d1603d"];

    public string ParticipantsChart() => Chart(new
    {
        type = "doughnut",
        data = new
        {
            labels = ParticipantLabels,
            datasets = new[] { new { data = new[] { Report.Active, Report.Passive }, backgroundColor = ParticipantColours } },
        },
        options = new { animation = false, responsive = true, maintainAspectRatio = false },
    });

    public string TopPostersChart() => Chart(new
    {
        type = "bar",
        data = new
        {
            labels = Report.TopByPosts.Select(a => a.Label),
            datasets = new object[] { new { label = "Posts", data = Report.TopByPosts.Select(a => a.Posts) } },
        },
        options = new { animation = false, indexAxis = "y", responsive = true, maintainAspectRatio = false, plugins = new { legend = new { display = false } } },
    });

    private static string Chart(object config) => JsonSerializer.Serialize(config);
}
