using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Evaluation;
using SoMeScholar.Core.Mentors.Recommendation;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary><c>somescholar mentors ...</c>: recommendations, the evaluation, profiles, weights and links between sign-ins and people.</summary>
public static class MentorsCommands
{
    public static Command Create()
    {
        var mentors = new Command("mentors", "Mentor discovery: suggest mentors for a request, evaluate the recommender, list profiles, tune weights.");
        mentors.Subcommands.Add(Suggest());
        mentors.Subcommands.Add(Evaluate());
        mentors.Subcommands.Add(List());
        mentors.Subcommands.Add(IntroductionsList());
        mentors.Subcommands.Add(Weights());
        mentors.Subcommands.Add(LinkUser());
        return mentors;
    }

    private static Command Suggest()
    {
        var topics = new Option<string[]>("--topic", "-t") { Description = "A topic of interest (repeat for several), e.g. \"point-of-care ultrasound\".", AllowMultipleArgumentsPerToken = false };
        var hashtags = new Option<string[]>("--hashtag") { Description = "A hashtag of interest, with or without '#' (repeat for several)." };
        var text = new Option<string?>("--text") { Description = "Free text about what you look for." };
        var specialty = new Option<string?>("--specialty") { Description = "Your specialty, e.g. \"Emergency Medicine\"." };
        var stage = new Option<CareerStage?>("--stage") { Description = "Your career stage: MedicalStudent, Resident, Fellow, EarlyCareer, MidCareer, Senior." };
        var timeZone = new Option<string?>("--time-zone") { Description = "Your IANA time zone, e.g. Europe/London." };
        var languages = new Option<string[]>("--language") { Description = "A language you speak (repeat), e.g. en, fr." };
        var seeking = new Option<string[]>("--seeking") { Description = "What you seek: career, research, clinical, education (repeat or comma-separate)." };
        var accounts = new Option<string[]>("--account") { Description = "Your account handle in the archive (repeat), for network proximity." };
        var requestFile = new Option<FileInfo?>("--request") { Description = "A JSON file with the request (fields: topics, hashtags, freeText, specialty, careerStage, timeZone, languages, seeking, accountHandles); options add to it." };
        var person = new Option<string?>("--person") { Description = "Recommend for a person (by slug): their saved request, accounts, blocks and introductions." };
        var count = new Option<int>("--count", "-n") { Description = "How many mentors (1-50).", DefaultValueFactory = _ => 10 };
        var format = Output.FormatOption();
        var command = new Command("suggest", "Recommend opted-in mentors for a trainee's request, each with a plain-language reason.")
        {
            topics, hashtags, text, specialty, stage, timeZone, languages, seeking, accounts, requestFile, person, count, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            try
            {
                long? personId = null;
                var request = new TraineeRequestInput();
                if (parse.GetValue(requestFile) is { } file)
                {
                    request = ReadRequest(file);
                }

                if (parse.GetValue(person) is { } slug)
                {
                    personId = await db.People.Where(p => p.Slug == slug).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken)
                        ?? throw new MentorRuleException($"No person with the slug '{slug}'.");
                    if (await scope.ServiceProvider.GetRequiredService<TraineeRequests>().ForPersonAsync(personId.Value, cancellationToken) is { } saved && parse.GetValue(requestFile) is null)
                    {
                        request = TraineeRequestInput.From(saved);
                    }
                }

                request = request with
                {
                    Topics = [.. request.Topics, .. parse.GetValue(topics) ?? []],
                    Hashtags = [.. request.Hashtags, .. parse.GetValue(hashtags) ?? []],
                    FreeText = parse.GetValue(text) ?? request.FreeText,
                    Specialty = parse.GetValue(specialty) ?? request.Specialty,
                    CareerStage = parse.GetValue(stage) ?? request.CareerStage,
                    TimeZone = parse.GetValue(timeZone) ?? request.TimeZone,
                    Languages = [.. request.Languages, .. parse.GetValue(languages) ?? []],
                    Seeking = request.Seeking | MentorText.ParseAreas(parse.GetValue(seeking) ?? []),
                    AccountHandles = [.. request.AccountHandles, .. parse.GetValue(accounts) ?? []],
                };
                TraineeRequestInput.Validate(request);

                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var snapshot = await WithProgressAsync(parse, "Building the mentor index", () => MentorIndexLoader.LoadAsync(db, clock, cancellationToken));
                var result = await scope.ServiceProvider.GetRequiredService<MentorRecommendations>().RecommendAsync(snapshot, request, personId, parse.GetValue(count), cancellationToken);
                var chosen = parse.GetValue(format);
                if (chosen == OutputFormat.Table)
                {
                    // The terminal gets the reason; CSV and JSON carry every score part as well.
                    Output.WriteTable(chosen, ["rank", "mentor", "score", "specialty", "reason"],
                        result.Mentors.Select(m => (IReadOnlyList<object?>)[m.Rank, m.Name, m.Score, m.Specialty, m.Reason]).ToList());
                }
                else
                {
                    Output.WriteTable(chosen, ["rank", "profileId", "mentor", "slug", "score", "interest", "network", "activity", "openness", "timeZoneFactor", "careerStageFactor", "areaFactor", "specialty", "timeZone", "openPlaces", "reason"],
                        result.Mentors.Select(m => (IReadOnlyList<object?>)[m.Rank, m.ProfileId, m.Name, m.Slug, m.Score, m.Parts.Interest, m.Parts.Network, m.Parts.Activity, m.Parts.Openness,
                            m.Parts.TimeZoneFactor, m.Parts.CareerStageFactor, m.Parts.AreaFactor, m.Specialty, m.TimeZone, m.OpenPlaces, m.Reason]).ToList(),
                        result);
                }
                if (chosen == OutputFormat.Table)
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{result.AvailableMentors:N0} of {result.IndexedMentors:N0} opted-in mentors available; index built in {snapshot.BuildTime.TotalMilliseconds:N0} ms; activity measured up to {result.ReferenceTime:yyyy-MM-dd}."));
                    if (result.UnmatchedTerms.Count > 0)
                    {
                        await Console.Error.WriteLineAsync("No mentor posts about: " + string.Join(", ", result.UnmatchedTerms));
                    }

                    if (result.UnknownAccounts.Count > 0)
                    {
                        await Console.Error.WriteLineAsync("Not in the archive: " + string.Join(", ", result.UnknownAccounts));
                    }
                }

                return 0;
            }
            catch (MentorRuleException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static TraineeRequestInput ReadRequest(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new MentorRuleException($"{file.FullName}: no such file.");
        }

        try
        {
            return JsonSerializer.Deserialize<TraineeRequestInput>(File.ReadAllText(file.FullName), Output.Json) ?? new TraineeRequestInput();
        }
        catch (JsonException e)
        {
            throw new MentorRuleException($"{file.FullName}: not a request ({e.Message}).");
        }
    }

    private static Command Evaluate()
    {
        var network = new Option<string[]>("--network")
        {
            Description = "What to evaluate on: demo (the demo community, built in memory), store (the selected store's archive), or an edge-list file (.gz allowed). Repeat for several.",
            DefaultValueFactory = _ => ["demo"],
        };
        var directed = new Option<bool>("--directed") { Description = "Edge-list files are directed (default: undirected, as the co-authorship and friendship graphs are)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the demo community and of every tie-break and sample.", DefaultValueFactory = _ => DemoCommunity.DefaultSeed };
        var hide = new Option<double>("--hide") { Description = "Share of each account's strongest partners to hide.", DefaultValueFactory = _ => 0.2 };
        var k = new Option<int>("--k") { Description = "Cut-off of recall@K.", DefaultValueFactory = _ => 10 };
        var minimum = new Option<int>("--min-partners") { Description = "Query only accounts with at least this many partners.", DefaultValueFactory = _ => 5 };
        var maxQueries = new Option<int?>("--max-queries") { Description = "Query a seeded sample of at most this many accounts (large networks)." };
        var ablations = new Option<bool>("--ablations") { Description = "Also rank with one component at a time (interest only, network only...)." };
        var format = new Option<OutputFormat>("--format", "-f") { Description = "table, csv or json.", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("evaluate", "Hide 20% of each account's strongest interaction partners and report recall@10 and MRR of the recommender against most-followed and same-community random. Exit 3 when the recommender does not beat both.")
        {
            network, directed, seed, hide, k, minimum, maxQueries, ablations, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reports = new List<EvaluationReport>();
            var options = new EvaluationOptions
            {
                HideFraction = parse.GetValue(hide),
                K = parse.GetValue(k),
                MinPartners = parse.GetValue(minimum),
                MaxQueries = parse.GetValue(maxQueries),
                Seed = (ulong)parse.GetValue(seed),
                Ablations = parse.GetValue(ablations),
            };
            if (options.HideFraction is <= 0 or >= 1 || options.K < 1 || options.MinPartners < 2)
            {
                await Console.Error.WriteLineAsync("error: --hide is between 0 and 1 (exclusive), --k at least 1, --min-partners at least 2.");
                return 1;
            }

            foreach (var name in parse.GetValue(network) ?? ["demo"])
            {
                EvaluationNetwork input;
                if (string.Equals(name, "demo", StringComparison.OrdinalIgnoreCase))
                {
                    input = await WithProgressAsync(parse, "Generating the demo community", () => Task.FromResult(EvaluationNetwork.FromDemo(parse.GetValue(seed))));
                }
                else if (string.Equals(name, "store", StringComparison.OrdinalIgnoreCase))
                {
                    await using var services = await CliContext.OpenAsync(parse, cancellationToken);
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
                    var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                    input = await WithProgressAsync(parse, "Reading the store", () => EvaluationNetwork.FromStoreAsync(db, clock, cancellationToken));
                }
                else if (File.Exists(name))
                {
                    try
                    {
                        input = EvaluationNetwork.FromEdgeList(name, parse.GetValue(directed));
                    }
                    catch (FormatException e)
                    {
                        await Console.Error.WriteLineAsync($"error: {e.Message}");
                        return 1;
                    }
                }
                else
                {
                    await Console.Error.WriteLineAsync($"error: --network {name}: not demo, store or an existing edge-list file.");
                    return 1;
                }

                var report = await RunWithProgressAsync(parse, input, options, cancellationToken);
                reports.Add(report);
            }

            var chosen = parse.GetValue(format);
            if (chosen == OutputFormat.Json)
            {
                Output.WriteJson(reports);
            }
            else if (chosen == OutputFormat.Csv)
            {
                Output.WriteTable(OutputFormat.Csv, ["network", "method", "recallAtK", "mrr", "k", "queries", "hiddenPairs", "communities"],
                    reports.SelectMany(r => r.Methods.Select(m => (IReadOnlyList<object?>)[r.Network, m.Method, m.RecallAtK, m.Mrr, r.K, r.Queries, r.HiddenPairs, r.Communities])).ToList());
            }
            else
            {
                foreach (var report in reports)
                {
                    Console.WriteLine(report.ToTable());
                }
            }

            return reports.All(r => r.RecommenderBeatsBaselines) ? 0 : 3;
        });
        return command;
    }

    private static async Task<EvaluationReport> RunWithProgressAsync(ParseResult parse, EvaluationNetwork network, EvaluationOptions options, CancellationToken cancellationToken)
    {
        if (parse.GetValue(CliContext.Quiet))
        {
            return MentorEvaluation.Run(network, options, null, cancellationToken);
        }

        return await ProgressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Evaluating on {network.Name}", maxValue: 1);
                var progress = new Progress<(int Done, int Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                var report = await Task.Run(() => MentorEvaluation.Run(network, options, progress, cancellationToken), cancellationToken);
                task.Value = task.MaxValue;
                return report;
            });
    }

    private static async Task<T> WithProgressAsync<T>(ParseResult parse, string description, Func<Task<T>> work)
    {
        if (parse.GetValue(CliContext.Quiet))
        {
            return await work();
        }

        return await ProgressConsole.Status().StartAsync(description, _ => work());
    }

    /// <summary>Progress goes to standard error, so results on standard output stay clean for scripts (--format json|csv).</summary>
    private static IAnsiConsole ProgressConsole => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static Command List()
    {
        var status = new Option<MentorStatus?>("--status") { Description = "Only profiles in this status: Active, Paused or Left." };
        var format = Output.FormatOption();
        var command = new Command("list", "List mentor profiles with their capacity and open requests.") { status, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var profiles = await scope.ServiceProvider.GetRequiredService<MentorProfiles>().ListAsync(parse.GetValue(status), cancellationToken);
            Output.WriteTable(parse.GetValue(format), ["id", "name", "slug", "status", "specialty", "careerStage", "timeZone", "languages", "offers", "capacity", "mentees", "pending", "topics"],
                profiles.Select(p => (IReadOnlyList<object?>)[p.Id, p.Name, p.Slug, p.Status, p.Specialty, p.CareerStage, p.TimeZone, string.Join(" ", p.Languages), string.Join(" ", p.Offers), p.Capacity, p.ActiveMentees, p.PendingRequests, string.Join("; ", p.Topics)]).ToList(),
                profiles);
            return 0;
        });
        return command;
    }

    private static Command IntroductionsList()
    {
        var count = new Option<int>("--count", "-n") { Description = "How many, newest first.", DefaultValueFactory = _ => 50 };
        var format = Output.FormatOption();
        var command = new Command("introductions", "List introduction requests (newest first) with their state.") { count, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var introductions = await scope.ServiceProvider.GetRequiredService<Introductions>().AllAsync(Math.Max(1, parse.GetValue(count)), cancellationToken);
            Output.WriteTable(parse.GetValue(format), ["id", "status", "trainee", "mentor", "createdAt", "respondedAt"],
                introductions.Select(i => (IReadOnlyList<object?>)[i.Id, i.Status, i.TraineeName, i.MentorName, i.CreatedAt, i.RespondedAt]).ToList(),
                introductions);
            return 0;
        });
        return command;
    }

    private static Command Weights()
    {
        var set = new Option<string[]>("--set") { Description = "Change a weight, e.g. --set Interest=0.5 --set RequireSharedLanguage=false." };
        var reset = new Option<bool>("--reset") { Description = "Return to the documented defaults." };
        var command = new Command("weights", "Show the recommender's weights (JSON), or change them with --set / --reset.") { set, reset };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var settings = scope.ServiceProvider.GetRequiredService<MentorSettings>();
            try
            {
                if (parse.GetValue(reset))
                {
                    await settings.ResetWeightsAsync(cancellationToken);
                }

                var changes = parse.GetValue(set) ?? [];
                if (changes.Length > 0)
                {
                    var json = JsonSerializer.SerializeToNode(await settings.WeightsAsync(cancellationToken), Output.Json)!.AsObject();
                    foreach (var change in changes)
                    {
                        var parts = change.Split('=', 2, StringSplitOptions.TrimEntries);
                        var key = json.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase));
                        if (parts.Length != 2 || key is null)
                        {
                            throw new MentorRuleException($"--set {change}: use Name=Value with one of {string.Join(", ", json.Select(p => p.Key))}.");
                        }

                        json[key] = bool.TryParse(parts[1], out var flag) ? flag
                            : double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
                            : throw new MentorRuleException($"--set {change}: the value must be a number or true/false.");
                    }

                    await settings.SaveWeightsAsync(json.Deserialize<RecommenderWeights>(Output.Json)!, cancellationToken);
                }

                Output.WriteJson(await settings.WeightsAsync(cancellationToken));
                return 0;
            }
            catch (MentorRuleException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command LinkUser()
    {
        var user = new Argument<string>("user") { Description = "User name or e-mail of the sign-in." };
        var person = new Argument<string>("person") { Description = "Slug of the person (see /People)." };
        var command = new Command("link-user", "Let a sign-in act for a person (their accounts, profile, requests). Check first that the person is really them.") { user, person };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<MentorPeople>().LinkUserAsync(parse.GetValue(user)!, parse.GetValue(person)!, cancellationToken);
                Console.WriteLine($"{parse.GetValue(user)} now acts for {parse.GetValue(person)}.");
                return 0;
            }
            catch (MentorRuleException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
