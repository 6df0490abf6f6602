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
        var table = TableOption(ReportTables.HashtagTableNames, "figures");
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
            Write(parse.GetValue(format), result, ReportTables.Hashtag(result, parse.GetValue(table)!)!, figuresAsChanges: parse.GetValue(table) == "figures");
            return 0;
        });
        return command;
    }

    private static Command Event()
    {
        var name = new Argument<string>("event") { Description = "The event's slug (as in /Hashtags/Events/{slug}) or id." };
        var top = new Option<int>("--top") { Description = "Length of the top lists.", DefaultValueFactory = _ => 10 };
        var table = TableOption(ReportTables.EventTableNames, "split");
        var format = Output.FormatOption();
        var command = new Command("event", "A conference report: before, during and after, per session, the most discussed sessions, and the full report of the event's days (--table figures, top-posters…).")
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
            var item = await db.HashtagEvents.AsNoTracking().Include(e => e.Hashtags).Include(e => e.Sessions).AsSplitQuery()
                .FirstOrDefaultAsync(e => e.Slug == key || e.Id == id, cancellationToken);
            if (item is null)
            {
                var known = await db.HashtagEvents.OrderBy(e => e.Slug).Select(e => e.Slug).Take(20).ToListAsync(cancellationToken);
                await Console.Error.WriteLineAsync($"error: no event '{key}'." + (known.Count > 0 ? $" Events: {string.Join(", ", known)}." : " The store has no events."));
                return 1;
            }

            EventReport result;
            try
            {
                var analytics = scope.ServiceProvider.GetRequiredService<HashtagAnalytics>();
                result = await WithStatusAsync(parse, $"Computing {item.Name}", () => analytics.EventReportAsync(item, parse.GetValue(top), cancellationToken));
            }
            catch (HashtagQueryException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            Write(parse.GetValue(format), result, ReportTables.Event(result, parse.GetValue(table)!)!, figuresAsChanges: false);
            return 0;
        });
        return command;
    }

    private static Option<string> TableOption(IReadOnlyList<string> tables, string defaultTable)
    {
        var option = new Option<string>("--table") { Description = $"Which table to print as table or CSV: {string.Join(", ", tables)}. JSON prints everything.", DefaultValueFactory = _ => defaultTable };
        option.AcceptOnlyFromAmong([.. tables]);
        return option;
    }

    private static async Task<T> WithStatusAsync<T>(ParseResult parse, string what, Func<Task<T>> work)
    {
        if (parse.GetValue(CliContext.Quiet) || Console.IsErrorRedirected)
        {
            return await work();
        }

        // The spinner goes to standard error so JSON and CSV on standard output stay clean.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(what, _ => work());
    }

    /// <summary>JSON: the whole report. Table and CSV: the chosen table (the figures read best as a table against the previous window).</summary>
    private static void Write(OutputFormat format, object report, ReportTable table, bool figuresAsChanges)
    {
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(report);
            return;
        }

        if (figuresAsChanges && format == OutputFormat.Table && report is HashtagReport hashtag)
        {
            table = ReportTables.Hashtag(hashtag, "changes")!;
        }

        if (table.Name == "split" && format == OutputFormat.Table)
        {
            // A figure per row reads better in a terminal than a figure per column.
            var windows = table.Rows.Select(r => r[0]).ToList();
            table = table with
            {
                Columns = ["figure", .. windows.Select(w => ReportTable.Text(w))],
                Rows = [.. table.Columns.Skip(1).Select((column, i) => (IReadOnlyList<object?>)[column, .. table.Rows.Select(r => r[i + 1])])],
            };
        }

        Output.WriteTable(format, table.Columns, table.Rows.Select(r => (IReadOnlyList<object?>)[.. r.Select(v => v is DateTimeOffset ? ReportTable.Text(v) : v)]));
    }
}
