using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary>
/// `somescholar report hashtag|event`: hashtag and conference reports (capability 3). JSON prints the whole report
/// with the scripting interface's field names at the top level (posts, replies, quotes, reposts, participants,
/// active, passive, impressions); table and CSV print one table, chosen with --table (default: the figures).
/// </summary>
public static class ReportCommands
{
    /// <summary>The tables a report can print with --table.</summary>
    public static readonly IReadOnlyList<string> Tables = ["figures", "changes", "hours", "days", "top-posters", "top-mentioned", "top-impressions", "links", "sites", "hashtags", "languages"];

    public static readonly IReadOnlyList<string> EventTables = ["split", "sessions", "most-discussed", .. Tables];

    public static Command Create()
    {
        var report = new Command("report", "Reports over the archive: hashtag and conference analytics.");
        report.Subcommands.Add(Hashtag());
        report.Subcommands.Add(Event());
        return report;
    }

    private static Command Hashtag()
    {
        var tags = new Option<string[]>("--tag", "-t") { Description = "A hashtag to track (with or without '#', any case); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var from = new Option<string>("--from") { Description = "Start of the window, ISO 8601 (a date is midnight UTC), inclusive.", Required = true };
        var to = new Option<string>("--to") { Description = "End of the window, ISO 8601, exclusive.", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of the timeline (default UTC).", DefaultValueFactory = _ => "UTC" };
        var top = new Option<int>("--top") { Description = "Length of the top lists.", DefaultValueFactory = _ => 10 };
        var table = TableOption(Tables);
        var format = Output.FormatOption();
        var command = new Command("hashtag", "Posts, reposts, participants (active, passive), likers, impressions, timeline and top lists of a hashtag set in a window, against the preceding window.")
        {
            tags, from, to, zone, top, table, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            HashtagQuery query;
            try
            {
                query = HashtagQuery.Create(parse.GetValue(tags) ?? [], HashtagQuery.ParseTime(parse.GetValue(from)!, "--from"), HashtagQuery.ParseTime(parse.GetValue(to)!, "--to"), parse.GetValue(zone), parse.GetValue(top));
            }
            catch (HashtagQueryException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var analytics = scope.ServiceProvider.GetRequiredService<HashtagAnalytics>();
            var result = await WithStatusAsync(parse, $"Computing #{string.Join(" #", query.Tags)}", () => analytics.ReportAsync(query, cancellationToken));
            Write(parse.GetValue(format), parse.GetValue(table)!, result, result);
            return 0;
        });
        return command;
    }

    private static Command Event()
    {
        var name = new Argument<string>("event") { Description = "The event's slug (as in /Hashtags/Events/{slug}) or id." };
        var top = new Option<int>("--top") { Description = "Length of the top lists.", DefaultValueFactory = _ => 10 };
        var table = TableOption(EventTables, "split");
        var format = Output.FormatOption();
        var command = new Command("event", "A conference report: before, during and after, per session, the most discussed sessions, and the full report of the event's days.")
        {
            name, top, table, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            var key = parse.GetValue(name)!;
            var id = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
            var item = await db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions)
                .FirstOrDefaultAsync(e => e.Slug == key || e.Id == id, cancellationToken);
            if (item is null)
            {
                var known = await db.HashtagEvents.OrderBy(e => e.Slug).Select(e => e.Slug).Take(20).ToListAsync(cancellationToken);
                await Console.Error.WriteLineAsync($"error: no event '{key}'." + (known.Count > 0 ? $" Events: {string.Join(", ", known)}." : " The store has no events."));
                return 1;
            }

            var analytics = scope.ServiceProvider.GetRequiredService<HashtagAnalytics>();
            EventReport result;
            try
            {
                result = await WithStatusAsync(parse, $"Computing {item.Name}", () => analytics.EventReportAsync(item, parse.GetValue(top), cancellationToken));
            }
            catch (HashtagQueryException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            var chosen = parse.GetValue(table)!;
            var output = parse.GetValue(format);
            switch (chosen)
            {
                case "split":
                    WriteTotals(output, [("before", result.Split.Before), ("during", result.Split.During), ("after", result.Split.After)], result);
                    break;
                case "sessions":
                    WriteSessions(output, result.Sessions, result);
                    break;
                case "most-discussed":
                    WriteSessions(output, result.MostDiscussed, result);
                    break;
                default:
                    Write(output, chosen, result.During, result);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static Option<string> TableOption(IReadOnlyList<string> tables, string defaultTable = "figures")
    {
        var option = new Option<string>("--table") { Description = $"Which table to print as table or CSV: {string.Join(", ", tables)}. JSON prints everything.", DefaultValueFactory = _ => defaultTable };
        option.AcceptOnlyFromAmong([.. tables]);
        return option;
    }

    private static async Task<T> WithStatusAsync<T>(ParseResult parse, string what, Func<Task<T>> work)
    {
        if (parse.GetValue(CliContext.Quiet))
        {
            return await work();
        }

        // The spinner goes to standard error so JSON and CSV on standard output stay clean.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(what, _ => work());
    }

    /// <summary>Prints one table of a hashtag report, or (JSON) <paramref name="json"/> whole.</summary>
    public static void Write(OutputFormat format, string table, HashtagReport report, object json)
    {
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(json);
            return;
        }

        switch (table)
        {
            case "figures":
                if (format == OutputFormat.Csv)
                {
                    // One row, one column per figure: the scripting interface's names first.
                    var named = report.Totals.Named();
                    Output.WriteTable(format, [.. named.Select(n => n.Name)], [[.. named.Select(n => (object?)n.Value)]]);
                }
                else
                {
                    WriteChanges(format, report);
                }

                break;
            case "changes":
                WriteChanges(format, report);
                break;
            case "hours":
                WriteTimeline(format, report.Hours);
                break;
            case "days":
                WriteTimeline(format, report.Days);
                break;
            case "top-posters":
                WriteAccounts(format, report.TopByPosts);
                break;
            case "top-mentioned":
                WriteAccounts(format, report.TopByMentions);
                break;
            case "top-impressions":
                WriteAccounts(format, report.TopByImpressions);
                break;
            case "links":
                WriteItems(format, "url", report.TopLinks);
                break;
            case "sites":
                WriteItems(format, "site", report.TopSites);
                break;
            case "hashtags":
                WriteItems(format, "hashtag", report.CoHashtags);
                break;
            case "languages":
                WriteItems(format, "language", report.Languages);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown table.");
        }
    }

    private static void WriteChanges(OutputFormat format, HashtagReport report) =>
        Output.WriteTable(format, ["figure", "value", "previous", "difference", "changePercent"],
            report.Changes.Select(c => (IReadOnlyList<object?>)[c.Figure, c.Current, c.Previous, c.Difference, c.Percent]));

    private static void WriteTimeline(OutputFormat format, IReadOnlyList<TimelineBucket> buckets) =>
        Output.WriteTable(format, ["start", "label", "posts", "reposts"],
            buckets.Select(b => (IReadOnlyList<object?>)[b.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), b.Label, b.Posts, b.Reposts]));

    private static void WriteAccounts(OutputFormat format, IReadOnlyList<AccountRank> accounts) =>
        Output.WriteTable(format, ["rank", "account", "name", "network", "posts", "reposts", "mentionsReceived", "followers", "impressions", "participated"],
            accounts.Select((a, i) => (IReadOnlyList<object?>)[i + 1, a.Label, a.DisplayName, a.Platform, a.Posts, a.Reposts, a.MentionsReceived, a.Followers, a.Impressions, a.Participated]));

    private static void WriteItems(OutputFormat format, string key, IReadOnlyList<CountedItem> items) =>
        Output.WriteTable(format, ["rank", key, "posts", "accounts"], items.Select((item, i) => (IReadOnlyList<object?>)[i + 1, item.Key, item.Posts, item.Accounts]));

    private static void WriteTotals(OutputFormat format, IReadOnlyList<(string Name, HashtagTotals Totals)> rows, object json)
    {
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(json);
            return;
        }

        var names = HashtagTotals.Empty.Named().Select(n => n.Name).ToList();
        Output.WriteTable(format, ["window", .. names], rows.Select(r => (IReadOnlyList<object?>)[r.Name, .. r.Totals.Named().Select(n => (object?)n.Value)]));
    }

    private static void WriteSessions(OutputFormat format, IReadOnlyList<SessionFigures> sessions, object json)
    {
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(json);
            return;
        }

        Output.WriteTable(format, ["session", "room", "hashtag", "startsAt", "endsAt", "posts", "replies", "quotes", "reposts", "participants", "impressions", "taggedOutsideSlot", "discussion"],
            sessions.Select(s => (IReadOnlyList<object?>)[s.Title, s.Room, s.Hashtag, s.StartsAt, s.EndsAt, s.Totals.Posts, s.Totals.Replies, s.Totals.Quotes, s.Totals.Reposts, s.Totals.Participants, s.Totals.Impressions, s.TaggedOutsideSlot, s.Discussion]));
    }
}
