using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Importers;
using SoMeScholar.Importers.Detection;
using SoMeScholar.Importers.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SoMeScholar.Cli.Commands;

/// <summary>
/// <c>somescholar import PATH...</c>, <c>somescholar imports [show ID]</c> and <c>somescholar fetch bluesky|mastodon</c>:
/// files and live harvests into the archive, with progress bars (records/s, ETA) unless <c>--quiet</c>, and JSON
/// summaries with the scripting-interface field names (<c>posts</c>, <c>replies</c>, <c>quotes</c>, <c>reposts</c>,
/// <c>likes</c>, <c>follows</c>, <c>deleted</c>, <c>quarantined</c>).
/// </summary>
public static class ArchiveCommands
{
    public static IEnumerable<Command> Create() => [Import(), Imports(), Fetch()];

    private static Command Import()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (an unzipped account archive) to import; formats are detected from content.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "Summary output: table, csv (one row per import run) or json (totals with the scripting-interface names). "
                + "For compatibility, an input format name given here (other than csv) still works as --input-format, with a warning.",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "table|csv|json",
        };
        var inputFormat = new Option<string?>("--input-format")
        {
            Description = "Read every file with this input format instead of detecting it from content: " + string.Join(", ", ImportReaders.Names) + ".",
            HelpName = "name",
        };
        var platform = new Option<Platform?>("--platform") { Description = "Only formats of this platform (Bluesky, Mastodon, X); CSV data is assigned to it." };
        var owner = new Option<string?>("--owner") { Description = "Whose followers/following list a file is, when the file does not say (an account id)." };
        var relation = new Option<AccountListRelation>("--relation") { Description = "How a list file relates to --owner: None, Followers or Following.", DefaultValueFactory = _ => AccountListRelation.None };
        var instance = new Option<string?>("--instance") { Description = "The Mastodon instance (host) the files came from." };
        var batch = new Option<int>("--batch-size") { Description = "Records per transaction (and per resume checkpoint).", DefaultValueFactory = _ => ArchiveImport.DefaultBatchSize };
        var command = new Command("import", "Import exports and API dumps (Bluesky, Mastodon, X, CSV) into the archive. Idempotent (natural keys) and resumable: run the same command again after an interruption and it continues where it stopped.")
        {
            paths, format, inputFormat, platform, owner, relation, instance, batch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ResolveImportFormats(parse.GetValue(format) ?? [], parse.GetValue(inputFormat)) is not { } choice)
            {
                return 2;
            }

            var output = choice.Output;
            var detection = new DetectionOptions
            {
                Format = choice.Input,
                Platform = parse.GetValue(platform),
                OwnerExternalId = parse.GetValue(owner),
                Relation = parse.GetValue(relation),
                Instance = parse.GetValue(instance),
            };
            var plans = new List<ImportPlan>();
            foreach (var path in parse.GetValue(paths)!)
            {
                try
                {
                    plans.Add(FormatDetector.Plan(path, detection));
                }
                catch (Exception e) when (e is UnknownFormatException or FileNotFoundException or ArgumentException or IOException)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    if (e is UnknownFormatException && output == OutputFormat.Csv && choice.Input is null)
                    {
                        await Console.Error.WriteLineAsync("hint: --format csv chooses the summary output; to read CSV files whose format is not detected, use --input-format csv.");
                    }

                    return 2;
                }
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            var runs = new List<ImportRun>();
            var skipped = new List<SkippedFile>();
            var started = DateTime.UtcNow;
            await WithProgressAsync(parse, output != OutputFormat.Table, async progress =>
            {
                foreach (var plan in plans)
                {
                    await using var scope = services.CreateAsyncScope();
                    var import = new ArchiveImport(scope.ServiceProvider.GetRequiredService<Core.Data.ScholarDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>())
                    {
                        BatchSize = Math.Max(1, parse.GetValue(batch)),
                    };
                    var outcome = await import.ImportAsync(plan, progress is null ? null : new Reporter<ImportProgress>(p => progress(
                        $"{Path.GetFileName(p.File)} ({p.FileNumber}/{p.Files})", p.Records, p.Bytes, p.TotalBytes)), cancellationToken);
                    runs.AddRange(outcome.Runs);
                    skipped.AddRange(outcome.Skipped);
                }
            });
            WriteSummary(runs, skipped, DateTime.UtcNow - started, output);
            return 0;
        });
        return command;
    }

    private static Command Imports()
    {
        var format = Output.FormatOption();
        var count = new Option<int>("--limit") { Description = "At most this many runs, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("imports", "List import runs: source, format, counts by kind, quarantined, duration.") { format, count };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var runs = await scope.ServiceProvider.GetRequiredService<ImportHistory>().RunsAsync(Math.Clamp(parse.GetValue(count), 1, 10_000), cancellationToken);
            Output.WriteTable(parse.GetValue(format), RunColumns, runs.Select(RunRow).ToList(), runs.Select(RunJson).ToList());
            return 0;
        });

        var id = new Argument<long>("id") { Description = "The import run's id (see `somescholar imports`)." };
        var showFormat = Output.FormatOption();
        var limit = new Option<int>("--limit") { Description = "At most this many quarantined records.", DefaultValueFactory = _ => 1000 };
        var show = new Command("show", "One import run with its quarantined records: file, line or byte offset, field, reason and the offending text.") { id, showFormat, limit };
        show.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var history = scope.ServiceProvider.GetRequiredService<ImportHistory>();
            var run = await history.RunAsync(parse.GetValue(id), cancellationToken);
            if (run is null)
            {
                await Console.Error.WriteLineAsync($"error: no import run {parse.GetValue(id)}");
                return 2;
            }

            var quarantine = await history.QuarantineAsync(run.Id, 0, Math.Clamp(parse.GetValue(limit), 1, 1_000_000), cancellationToken);
            var output = parse.GetValue(showFormat);
            if (output == OutputFormat.Json)
            {
                Output.WriteJson(new { run = RunJson(run), quarantine = quarantine.Select(q => new { q.Source, q.Line, q.ByteOffset, q.Field, q.Reason, q.Excerpt }) });
                return 0;
            }

            if (output == OutputFormat.Table)
            {
                Console.WriteLine($"Run {run.Id}: {run.Status} {run.Format} {run.Source}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {run.Records:N0} records: {run.Posts:N0} posts, {run.Replies:N0} replies, {run.Quotes:N0} quotes, {run.Reposts:N0} reposts, {run.Likes:N0} likes, {run.Follows:N0} follows, {run.Mentions:N0} mentions, {run.Accounts:N0} accounts, {run.Deleted:N0} deleted, {run.Updated:N0} updated, {run.Unchanged:N0} unchanged, {run.Quarantined:N0} quarantined; {Seconds(run):0.0} s"));
                if (run.Message is not null)
                {
                    Console.WriteLine($"  {run.Message}");
                }
            }

            Output.WriteTable(output, ["source", "line", "byteOffset", "field", "reason", "excerpt"],
                quarantine.Select(q => (IReadOnlyList<object?>)[q.Source, q.Line, q.ByteOffset, q.Field, q.Reason, q.Excerpt]).ToList());
            return 0;
        });
        command.Subcommands.Add(show);
        return command;
    }

    private static Command Fetch()
    {
        var fetch = new Command("fetch", "Harvest from the live APIs into the archive, with saved cursors: a stopped fetch run again continues where it stopped.");
        var json = Output.FormatOption();
        json.Description = "Summary output: table, csv (one row per harvest job) or json (totals with the scripting-interface names).";
        var maxPages = new Option<int?>("--max-pages") { Description = "Stop after this many pages per job (the cursor is kept)." };
        var restart = new Option<bool>("--restart") { Description = "Ignore saved cursors and start from the newest page." };
        var token = new Option<string?>("--token") { Description = "Access token (or SOMESCHOLAR_BLUESKY_TOKEN / SOMESCHOLAR_MASTODON_TOKEN)." };

        var hashtag = new Option<string[]>("--hashtag") { Description = "Hashtag to search (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var query = new Option<string?>("--query") { Description = "Search text (searchPosts q)." };
        var since = new Option<DateTime?>("--since") { Description = "Only posts since this UTC date or time." };
        var until = new Option<DateTime?>("--until") { Description = "Only posts before this UTC date or time." };
        var account = new Option<string?>("--account") { Description = "A handle or DID: its author feed, follows, followers and profile." };
        var api = new Option<string>("--api") { Description = "AppView base URL.", DefaultValueFactory = _ => "https://public.api.bsky.app/" };
        var bluesky = new Command("bluesky", "app.bsky.feed.searchPosts by hashtag or query (--hashtag MedEd --since 2026-01-01), or an account (--account handle).")
        {
            hashtag, query, since, until, account, api, maxPages, restart, token, json,
        };
        bluesky.SetAction(async (parse, cancellationToken) =>
        {
            var tags = parse.GetValue(hashtag) ?? [];
            var actor = parse.GetValue(account);
            if (tags.Length == 0 && parse.GetValue(query) is null && actor is null)
            {
                await Console.Error.WriteLineAsync("error: give --hashtag, --query or --account");
                return 2;
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            using var http = NewHttp(parse);
            var jobs = new List<(string Source, string Format, Func<BlueskyClient, IAsyncEnumerable<FetchPage>> Pages)>();
            if (tags.Length > 0 || parse.GetValue(query) is not null)
            {
                var search = new BlueskySearch { Query = parse.GetValue(query), Tags = tags, Since = Utc(parse.GetValue(since)), Until = Utc(parse.GetValue(until)) };
                jobs.Add((search.JobKey, "bluesky-searchPosts", c => c.SearchPostsAsync(search, cancellationToken)));
            }

            if (actor is not null)
            {
                jobs.Add(($"bluesky:getProfiles:{actor}", "bluesky-getProfiles", c => c.GetProfilesAsync([actor], cancellationToken)));
                jobs.Add(($"bluesky:getAuthorFeed:{actor}", "bluesky-getAuthorFeed", c => c.GetAuthorFeedAsync(actor, cancellationToken: cancellationToken)));
                jobs.Add(($"bluesky:getFollows:{actor}", "bluesky-getFollows", c => c.GetFollowsAsync(actor, cancellationToken)));
                jobs.Add(($"bluesky:getFollowers:{actor}", "bluesky-getFollowers", c => c.GetFollowersAsync(actor, cancellationToken)));
            }

            if (!TryBaseUri(parse.GetValue(api)!, out var baseUrl))
            {
                await Console.Error.WriteLineAsync($"error: --api '{parse.GetValue(api)}' is not an http(s) address");
                return 2;
            }

            var options = new BlueskyClientOptions
            {
                BaseUrl = baseUrl,
                AccessToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_BLUESKY_TOKEN"),
                MaxPages = parse.GetValue(maxPages),
                Restart = parse.GetValue(restart),
            };
            return await RunFetchAsync(parse, services, parse.GetValue(json), Platform.Bluesky, jobs.Select(j =>
                (j.Source, j.Format, (Func<IFetchCursorStore, IAsyncEnumerable<FetchPage>>)(store => j.Pages(new BlueskyClient(http, options, store))))).ToList(), cancellationToken);
        });

        var instanceOption = new Option<string>("--instance") { Description = "The instance's base URL, e.g. https://mastodon.social/.", Required = true };
        var mastodonTags = new Option<string[]>("--hashtag") { Description = "Hashtag timeline to harvest (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var mastodonAccount = new Option<string?>("--account") { Description = "user or user@domain: its statuses, followers and following." };
        var local = new Option<bool>("--local") { Description = "Only posts of the instance itself (tag timeline local=true)." };
        var mastodon = new Command("mastodon", "The hashtag timeline (Link-header pagination) of an instance (--instance URL --hashtag MedEd), or an account (--account user@domain).")
        {
            instanceOption, mastodonTags, mastodonAccount, local, maxPages, restart, token, json,
        };
        mastodon.SetAction(async (parse, cancellationToken) =>
        {
            var tags = parse.GetValue(mastodonTags) ?? [];
            var acct = parse.GetValue(mastodonAccount);
            if (tags.Length == 0 && acct is null)
            {
                await Console.Error.WriteLineAsync("error: give --hashtag or --account");
                return 2;
            }

            if (!TryBaseUri(parse.GetValue(instanceOption)!, out var instance))
            {
                await Console.Error.WriteLineAsync($"error: --instance '{parse.GetValue(instanceOption)}' is not an http(s) address");
                return 2;
            }

            var options = new MastodonClientOptions
            {
                Instance = instance,
                AccessToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_MASTODON_TOKEN"),
                MaxPages = parse.GetValue(maxPages),
                Restart = parse.GetValue(restart),
            };
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            using var http = NewHttp(parse);
            var jobs = new List<(string, string, Func<IFetchCursorStore, IAsyncEnumerable<FetchPage>>)>();
            foreach (var tag in tags)
            {
                jobs.Add(($"{instance}tags/{tag.TrimStart('#')}", "mastodon-tag-timeline", store => new MastodonClient(http, options, store).HashtagTimelineAsync(tag, localOnly: parse.GetValue(local), cancellationToken: cancellationToken)));
            }

            if (acct is not null)
            {
                (string LocalId, ImportedAccount Account)? found;
                try
                {
                    found = await new MastodonClient(http, options).LookupAccountAsync(acct, cancellationToken);
                }
                catch (FetchFailedException e)
                {
                    await Console.Error.WriteLineAsync($"error: looking up '{acct}' on {instance.Authority}: {e.Message}");
                    return 1;
                }

                if (found is not { } lookup)
                {
                    await Console.Error.WriteLineAsync($"error: no account '{acct}' on {instance.Authority}");
                    return 2;
                }

                // The account itself (profile and follower counts, a follower snapshot) is stored first.
                var accountPage = new FetchPage($"mastodon:{instance.Authority}:account:{lookup.LocalId}", new Uri(instance, "api/v1/accounts/lookup?acct=" + Uri.EscapeDataString(acct.TrimStart('@'))), 1,
                    [lookup.Account], new FetchCheckpoint { Completed = true, Pages = 1, Records = 1 }, new ReadStatistics());
                jobs.Add(($"{instance}@{acct}", "mastodon-account", _ => OnePage(accountPage)));
                jobs.Add(($"{instance}@{acct}/statuses", "mastodon-account-statuses", store => new MastodonClient(http, options, store).AccountStatusesAsync(lookup.LocalId, cancellationToken: cancellationToken)));
                jobs.Add(($"{instance}@{acct}/followers", "mastodon-followers", store => new MastodonClient(http, options, store).FollowersAsync(lookup.LocalId, cancellationToken)));
                jobs.Add(($"{instance}@{acct}/following", "mastodon-following", store => new MastodonClient(http, options, store).FollowingAsync(lookup.LocalId, cancellationToken)));
            }

            return await RunFetchAsync(parse, services, parse.GetValue(json), Platform.Mastodon, jobs, cancellationToken);
        });

        fetch.Subcommands.Add(bluesky);
        fetch.Subcommands.Add(mastodon);
        return fetch;
    }

    /// <summary>
    /// <c>import</c>'s <c>--format</c> (summary output: table, csv, json) and <c>--input-format</c> (reader). Older
    /// scripts gave the input format with <c>--format</c> too: a reader name other than csv still works that way, with
    /// a warning, and so does csv beside table or json (<c>--format csv --format json</c>); csv alone is the output.
    /// Null after writing the error.
    /// </summary>
    private static (OutputFormat Output, string? Input)? ResolveImportFormats(IReadOnlyList<string> values, string? inputFormat)
    {
        string? input = null;
        if (inputFormat is not null)
        {
            if (!ImportReaders.TryGet(inputFormat, out var reader))
            {
                Console.Error.WriteLine($"error: unknown input format '{inputFormat}'. Known: {string.Join(", ", ImportReaders.Names)}.");
                return null;
            }

            input = reader.Format.Name;
        }

        var output = OutputFormat.Table;
        var withOutput = values.Any(v => v.Equals("table", StringComparison.OrdinalIgnoreCase) || v.Equals("json", StringComparison.OrdinalIgnoreCase));
        foreach (var value in values)
        {
            if (value.Equals("table", StringComparison.OrdinalIgnoreCase))
            {
                output = OutputFormat.Table;
            }
            else if (value.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                output = OutputFormat.Json;
            }
            else if (value.Equals("csv", StringComparison.OrdinalIgnoreCase) && !withOutput)
            {
                output = OutputFormat.Csv;
            }
            else if (ImportReaders.TryGet(value, out var reader))
            {
                if (input is not null && input != reader.Format.Name)
                {
                    Console.Error.WriteLine($"error: two input formats, '{input}' and '{reader.Format.Name}'; give one with --input-format.");
                    return null;
                }

                input = reader.Format.Name;
                Console.Error.WriteLine($"warning: --format {value} as an input format is deprecated; use --input-format {reader.Format.Name} (--format chooses the output: table, csv or json).");
            }
            else
            {
                Console.Error.WriteLine($"error: unknown format '{value}'. Output (--format): table, csv, json. Input (--input-format): {string.Join(", ", ImportReaders.Names)}.");
                return null;
            }
        }

        return (output, input);
    }

    private static async IAsyncEnumerable<FetchPage> OnePage(FetchPage page)
    {
        await Task.CompletedTask;
        yield return page;
    }

    /// <summary>An absolute http(s) address ending in '/', so relative API paths resolve under it; https:// is assumed without a scheme.</summary>
    private static bool TryBaseUri(string text, out Uri address)
    {
        var value = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            address = null!;
            return false;
        }

        address = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return true;
    }

    /// <summary>The clients' HTTP with waits told on stderr (unless --quiet): a 429 or an unreachable server says where and for how long.</summary>
    private static RateLimitedHttp NewHttp(ParseResult parse)
    {
        var quiet = parse.GetValue(CliContext.Quiet);
        return new(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, new HttpFetchOptions
        {
            OnWait = quiet ? null : wait => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"waiting {wait.Wait.TotalSeconds:0.0} s before GET {wait.Url}: {wait.Reason}{(wait.Attempt > 0 ? $" (attempt {wait.Attempt} of {wait.MaxAttempts})" : "")}")),
        });
    }

    private static DateTime? Utc(DateTime? time) => time is { } value ? DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc) : null;

    private static async Task<int> RunFetchAsync(ParseResult parse, ServiceProvider services, OutputFormat output, Platform platform, IReadOnlyList<(string Source, string Format, Func<IFetchCursorStore, IAsyncEnumerable<FetchPage>> Pages)> jobs, CancellationToken cancellationToken)
    {
        var runs = new List<ImportRun>();
        var started = DateTime.UtcNow;
        var failed = false;
        await WithProgressAsync(parse, output != OutputFormat.Table, async progress =>
        {
            foreach (var (source, format, pages) in jobs)
            {
                await using var scope = services.CreateAsyncScope();
                var cursors = scope.ServiceProvider.GetRequiredService<ArchiveFetchCursors>();
                var fetch = scope.ServiceProvider.GetRequiredService<ArchiveFetch>();
                try
                {
                    runs.Add(await fetch.StoreAsync(source, format, platform, pages(cursors), progress is null ? null : new Reporter<FetchProgress>(p => progress(
                        $"{format} page {p.Pages}", p.Records, 0, 0)), cancellationToken));
                }
                catch (FetchFailedException e)
                {
                    failed = true;
                    await Console.Error.WriteLineAsync($"error: {source}: {e.Message}");
                }
            }
        });
        WriteSummary(runs, [], DateTime.UtcNow - started, output);
        return failed ? 1 : 0;
    }

    /// <summary>Runs <paramref name="work"/> with a Spectre progress bar (bytes for ETA, records/s), or without one when quiet or printing JSON.</summary>
    private static async Task WithProgressAsync(ParseResult parse, bool machineOutput, Func<Action<string, long, long, long>?, Task> work)
    {
        if (parse.GetValue(CliContext.Quiet) || machineOutput || Console.IsOutputRedirected)
        {
            await work(null);
            return;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RecordsColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                await work((label, records, bytes, total) =>
                {
                    var key = label.Contains(" page ", StringComparison.Ordinal) ? label[..label.IndexOf(" page ", StringComparison.Ordinal)] : label;
                    if (!tasks.TryGetValue(key, out var task))
                    {
                        task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                        task.IsIndeterminate = total <= 0;
                        tasks[key] = task;
                    }

                    task.Description = Markup.Escape(label);
                    task.State.Update<long>("records", _ => records);
                    if (total > 0)
                    {
                        task.Value = Math.Min(bytes, total);
                    }
                });
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
    }

    private static void WriteSummary(IReadOnlyList<ImportRun> runs, IReadOnlyList<SkippedFile> skipped, TimeSpan elapsed, OutputFormat output)
    {
        long Sum(Func<ImportRun, long> count) => runs.Sum(count);
        if (output == OutputFormat.Csv)
        {
            Output.WriteTable(OutputFormat.Csv, RunColumns, runs.Select(RunRow).ToList());
            return;
        }

        if (output == OutputFormat.Json)
        {
            Output.WriteJson(new
            {
                posts = Sum(r => r.Posts),
                replies = Sum(r => r.Replies),
                quotes = Sum(r => r.Quotes),
                reposts = Sum(r => r.Reposts),
                likes = Sum(r => r.Likes),
                follows = Sum(r => r.Follows),
                mentions = Sum(r => r.Mentions),
                accounts = Sum(r => r.Accounts),
                deleted = Sum(r => r.Deleted),
                quarantined = Sum(r => r.Quarantined),
                unchanged = Sum(r => r.Unchanged),
                updated = Sum(r => r.Updated),
                records = Sum(r => r.Records),
                seconds = Math.Round(elapsed.TotalSeconds, 3),
                runs = runs.Select(RunJson).ToList(),
                skipped = skipped.Select(s => new { path = s.Path, reason = s.Reason }).ToList(),
            });
            return;
        }

        foreach (var run in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Run {run.Id} {run.Format} {run.Source}: {run.Posts:N0} posts, {run.Replies:N0} replies, {run.Quotes:N0} quotes, {run.Reposts:N0} reposts, {run.Likes:N0} likes, {run.Follows:N0} follows, {run.Deleted:N0} deleted, {run.Unchanged:N0} unchanged, {run.Quarantined:N0} quarantined ({Seconds(run):0.0} s)"));
        }

        foreach (var file in skipped)
        {
            Console.WriteLine($"Skipped {file.Path}: {file.Reason}");
        }

        var records = Sum(r => r.Records);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Total: {Sum(r => r.Posts):N0} posts, {Sum(r => r.Replies):N0} replies, {Sum(r => r.Quotes):N0} quotes, {Sum(r => r.Reposts):N0} reposts, {Sum(r => r.Likes):N0} likes, {Sum(r => r.Follows):N0} follows, {Sum(r => r.Deleted):N0} deleted, {Sum(r => r.Quarantined):N0} quarantined; {records:N0} records in {elapsed.TotalSeconds:0.0} s ({(elapsed.TotalSeconds > 0 ? records / elapsed.TotalSeconds : 0):N0} records/s)."));
        if (Sum(r => r.Quarantined) > 0)
        {
            Console.WriteLine("See `somescholar imports show ID` for the quarantined records.");
        }
    }

    private static readonly string[] RunColumns = ["id", "startedAt", "status", "format", "source", "posts", "replies", "quotes", "reposts", "likes", "follows", "deleted", "quarantined", "seconds"];

    private static IReadOnlyList<object?> RunRow(ImportRun r) =>
        [r.Id, r.StartedAt, r.Status.ToString(), r.Format, r.Source, r.Posts, r.Replies, r.Quotes, r.Reposts, r.Likes, r.Follows, r.Deleted, r.Quarantined, Seconds(r)];

    private static double? Seconds(ImportRun run) => run.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null;

    private static object RunJson(ImportRun r) => new
    {
        id = r.Id,
        source = r.Source,
        format = r.Format,
        platform = r.Platform?.ToString(),
        status = r.Status.ToString(),
        startedAt = r.StartedAt,
        finishedAt = r.FinishedAt,
        seconds = Seconds(r),
        records = r.Records,
        posts = r.Posts,
        replies = r.Replies,
        quotes = r.Quotes,
        reposts = r.Reposts,
        likes = r.Likes,
        follows = r.Follows,
        mentions = r.Mentions,
        accounts = r.Accounts,
        deleted = r.Deleted,
        quarantined = r.Quarantined,
        unchanged = r.Unchanged,
        updated = r.Updated,
        message = r.Message,
    };

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Records read so far and records per second.</summary>
    private sealed class RecordsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var records = task.State.Get<long>("records");
            var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = seconds > 0 ? records / seconds : 0;
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{records:N0} records {rate:N0}/s"));
        }
    }
}
