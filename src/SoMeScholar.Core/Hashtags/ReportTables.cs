using System.Globalization;
using System.Text;

namespace SoMeScholar.Core.Hashtags;

/// <summary>A table of a report: column names and rows of plain values.</summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>RFC 4180 CSV: a header line, then one line per row; times in ISO 8601 UTC.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(Field)).Append("\r\n");
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', row.Select(v => Field(Text(v)))).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string value)
    {
        // A leading =, +, -, @, tab or return would run as a formula in a spreadsheet; a quote mark in front keeps it text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>Every table of a hashtag report and of an event report, by name: what the CLI prints, the page exports as CSV.</summary>
public static class ReportTables
{
    public static readonly IReadOnlyList<string> HashtagTableNames = ["figures", "changes", "hours", "days", "top-posters", "top-mentioned", "top-impressions", "links", "sites", "hashtags", "languages"];

    public static readonly IReadOnlyList<string> EventTableNames = ["split", "sessions", "most-discussed", .. HashtagTableNames];

    public static ReportTable? Hashtag(HashtagReport report, string name) => name switch
    {
        "figures" => new ReportTable(name, "Figures", [.. report.Totals.Named().Select(n => n.Name)], [[.. report.Totals.Named().Select(n => (object?)n.Value)]]),
        "changes" => new ReportTable(name, "Against the preceding window", ["figure", "value", "previous", "difference", "changePercent"],
            [.. report.Changes.Select(c => (IReadOnlyList<object?>)[c.Figure, c.Current, c.Previous, c.Difference, c.Percent])]),
        "hours" => Timeline(name, "Posts per hour", report.Hours),
        "days" => Timeline(name, "Posts per day", report.Days),
        "top-posters" => Accounts(name, "Top participants by posts", report.TopByPosts),
        "top-mentioned" => Accounts(name, "Most mentioned", report.TopByMentions),
        "top-impressions" => Accounts(name, "Top participants by impressions", report.TopByImpressions),
        "links" => Items(name, "Top links", "url", report.TopLinks),
        "sites" => Items(name, "Top sites", "site", report.TopSites),
        "hashtags" => Items(name, "Co-occurring hashtags", "hashtag", report.CoHashtags),
        "languages" => Items(name, "Languages", "language", report.Languages),
        _ => null,
    };

    public static ReportTable? Event(EventReport report, string name) => name switch
    {
        "split" => new ReportTable(name, "Before, during and after", ["window", "from", "to", .. HashtagTotals.Empty.Named().Select(n => n.Name)],
        [
            Split("before", report.Windows.From, report.Windows.DuringFrom, report.Split.Before),
            Split("during", report.Windows.DuringFrom, report.Windows.DuringTo, report.Split.During),
            Split("after", report.Windows.DuringTo, report.Windows.To, report.Split.After),
        ]),
        "sessions" => Sessions(name, "Sessions", report.Sessions),
        "most-discussed" => Sessions(name, "Most discussed sessions", report.MostDiscussed),
        _ => Hashtag(report.During, name),
    };

    private static IReadOnlyList<object?> Split(string name, DateTime from, DateTime to, HashtagTotals totals) =>
        [name, from, to, .. totals.Named().Select(n => (object?)n.Value)];

    private static ReportTable Timeline(string name, string title, IReadOnlyList<TimelineBucket> buckets) =>
        new(name, title, ["start", "label", "posts", "reposts"], [.. buckets.Select(b => (IReadOnlyList<object?>)[b.Start, b.Label, b.Posts, b.Reposts])]);

    private static ReportTable Accounts(string name, string title, IReadOnlyList<AccountRank> accounts) =>
        new(name, title, ["rank", "account", "name", "network", "posts", "reposts", "mentionsReceived", "followers", "impressions", "participated"],
            [.. accounts.Select((a, i) => (IReadOnlyList<object?>)[i + 1, a.Label, a.DisplayName, a.Platform.ToString(), a.Posts, a.Reposts, a.MentionsReceived, a.Followers, a.Impressions, a.Participated])]);

    private static ReportTable Items(string name, string title, string key, IReadOnlyList<CountedItem> items) =>
        new(name, title, ["rank", key, "posts", "accounts"], [.. items.Select((item, i) => (IReadOnlyList<object?>)[i + 1, item.Key, item.Posts, item.Accounts])]);

    private static ReportTable Sessions(string name, string title, IReadOnlyList<SessionFigures> sessions) =>
        new(name, title, ["session", "room", "speakers", "hashtag", "startsAt", "endsAt", "posts", "replies", "quotes", "reposts", "participants", "active", "passive", "impressions", "taggedOutsideSlot", "discussion"],
            [.. sessions.Select(s => (IReadOnlyList<object?>)[s.Title, s.Room, s.Speakers, s.Hashtag, s.StartsAt, s.EndsAt, s.Totals.Posts, s.Totals.Replies, s.Totals.Quotes, s.Totals.Reposts, s.Totals.Participants, s.Totals.Active, s.Totals.Passive, s.Totals.Impressions, s.TaggedOutsideSlot, s.Discussion])]);
}
