using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Mentors;
using SoMeScholar.Core.Mentors.Recommendation;

namespace SoMeScholar.Benchmarks.Mentors;

/// <summary>
/// The speed target: recommendations for one request over 100,000 accounts and 5,000 mentors in under 200 ms
/// after a warm start. Generates the community (<see cref="SyntheticMentorNetwork"/>), builds the index, and times
/// single requests through the scorer; with <c>--store DIR</c> it also writes the community into a SQLite store and
/// times the whole service path the web page and API use (live availability, the trainee's accounts, names).
/// <c>./bench.sh mentors-latency [--accounts 100000] [--mentors 5000] [--queries 300] [--store DIR] [--seed N]</c>
/// </summary>
public sealed class MentorLatencyCommand : IBenchCommand
{
    public string Name => "mentors-latency";

    public string Description => "Mentor recommendations: latency per request over 100,000 accounts and 5,000 mentors (scorer, and with --store the service over SQLite)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var accounts = Option(args, "--accounts", 100_000);
        var mentors = Option(args, "--mentors", 5_000);
        var queries = Option(args, "--queries", 300);
        var seed = Option(args, "--seed", 20_261_121);
        var storeFolder = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault();

        var clock = Stopwatch.StartNew();
        var network = SyntheticMentorNetwork.Generate(accounts, mentors, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {network.AccountCount:N0} accounts, {network.Follows.Count:N0} follows, {network.Engagements.Count:N0} engagement edges, {network.Mentors.Count:N0} mentors, {network.Posts.Count:N0} mentor posts in {clock.Elapsed.TotalSeconds:N1} s"));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        var index = network.BuildIndex();
        var buildTime = clock.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Index built in {buildTime.TotalMilliseconds:N0} ms: {index.TermCount:N0} terms, {index.PostingCount:N0} postings, {index.FollowEdgeCount:N0} follow edges, {index.EngagementPairCount:N0} engagement pairs, about {memory / 1024.0 / 1024.0:N0} MB"));

        var availability = network.Availability(seed);
        var random = new Random(seed);
        var weights = RecommenderWeights.Default;
        for (var i = 0; i < 30; i++)
        {
            MentorScorer.Recommend(index, network.Query(random), weights, availability, 10);
        }

        var times = new List<double>(queries);
        var followed = new List<int>(queries);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < queries; i++)
        {
            var query = network.Query(random);
            followed.Add(query.TraineeAccounts.Sum(index.FollowingOf));
            var watch = Stopwatch.StartNew();
            var result = MentorScorer.Recommend(index, query, weights, availability, 10);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Count == 0)
            {
                Console.Error.WriteLine("warning: a query returned no mentor");
            }
        }

        Report("scorer (index in memory, availability given)", times, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trainees followed {followed.Average():N1} accounts on average (max {followed.Max():N0})"));

        if (storeFolder is not null)
        {
            await StoreAsync(network, storeFolder, queries, seed, cancellationToken);
        }

        return 0;
    }

    private static async Task StoreAsync(SyntheticMentorNetwork network, string folder, int queries, int seed, CancellationToken cancellationToken)
    {
        var store = StoreLocation.SqliteFolder(folder);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(store);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        List<long> traineePeople;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            var existing = await db.Accounts.CountAsync(cancellationToken);
            if (existing == network.AccountCount && await db.MentorProfiles.CountAsync(cancellationToken) == network.Mentors.Count)
            {
                // A store this command wrote before (same size): reuse it rather than spend minutes writing it again.
                traineePeople = await db.People.Where(p => p.Slug.StartsWith("trainee-")).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
                Console.WriteLine($"Reusing the community already in {store.Describe()}");
            }
            else if (existing > 0)
            {
                Console.Error.WriteLine($"{store.Describe()} holds other data; give an empty or new folder to --store.");
                return;
            }
            else
            {
                traineePeople = await WriteAsync(db, network, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote the community into {store.Describe()} in {clock.Elapsed.TotalSeconds:N1} s"));
            }
        }

        var random = new Random(seed);
        var times = new List<double>(queries);
        var cpu = TimeSpan.Zero;
        clock.Restart();
        for (var i = -1; i < queries; i++)
        {
            // A scope per request, as the web host has: a fresh context, the shared index provider.
            await using var scope = provider.CreateAsyncScope();
            var recommendations = scope.ServiceProvider.GetRequiredService<MentorRecommendations>();
            var query = network.Query(random);
            var request = new TraineeRequestInput
            {
                Topics = query.Topics, Hashtags = query.Hashtags, FreeText = query.FreeText, CareerStage = query.CareerStage, TimeZone = query.TimeZone,
                Languages = query.Languages, Seeking = query.Seeking,
            };
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await recommendations.ForPersonAsync(traineePeople[random.Next(traineePeople.Count)], request, 10, cancellationToken);
            if (i < 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"First request (cold: builds the index from the store) {watch.Elapsed.TotalMilliseconds:N0} ms"));
                for (var w = 0; w < 20; w++)
                {
                    await using var warm = provider.CreateAsyncScope();
                    await warm.ServiceProvider.GetRequiredService<MentorRecommendations>().ForPersonAsync(traineePeople[w % traineePeople.Count], request, 10, cancellationToken);
                }
            }
            else
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            }
        }

        Report("service over SQLite (cached index; live availability, accounts and names read per request)", times, cpu);
    }

    /// <summary>Bulk-writes the community with prepared statements in one transaction (the archive writer would take minutes for 1.5 M edges).</summary>
    private static async Task<List<long>> WriteAsync(ScholarDb db, SyntheticMentorNetwork network, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = SyntheticMentorNetwork.Now;
        var personOfAccount = new Dictionary<int, long>();
        var traineePeople = new List<long>();

        await using (var person = Command(connection, transaction, "INSERT INTO people (display_name, slug, kind, profession, specialty, time_zone, languages, is_synthetic, created_at) VALUES ($n, $s, 'Individual', $p, $sp, 'Europe/London', 'en', 1, $c) RETURNING id", "$n", "$s", "$p", "$sp", "$c"))
        await using (var role = Command(connection, transaction, "INSERT INTO person_roles (person_id, role) VALUES ($id, $r)", "$id", "$r"))
        {
            foreach (var mentor in network.Mentors)
            {
                personOfAccount[mentor.Accounts[0]] = (long)(await Scalar(person, cancellationToken, mentor.DisplayName, $"mentor-{mentor.ProfileId}", "Physician", mentor.Specialty!, now))!;
                await Run(role, cancellationToken, personOfAccount[mentor.Accounts[0]], "Mentor");
            }

            foreach (var trainee in network.Trainees.Take(1_000))
            {
                var id = (long)(await Scalar(person, cancellationToken, $"Trainee {trainee}", $"trainee-{trainee}", "Resident", "emergency", now))!;
                personOfAccount[trainee] = id;
                traineePeople.Add(id);
                await Run(role, cancellationToken, id, "Trainee");
            }
        }

        await using (var account = Command(connection, transaction, "INSERT INTO accounts (id, platform, external_id, handle, status, first_seen_at, person_id) VALUES ($id, 'Bluesky', $e, $h, 'Active', $f, $p)", "$id", "$e", "$h", "$f", "$p"))
        {
            for (var v = 0; v < network.AccountCount; v++)
            {
                await Run(account, cancellationToken, v + 1L, $"did:plc:bench{v}", $"bench{v}.test", now, personOfAccount.TryGetValue(v, out var p) ? p : DBNull.Value);
            }
        }

        await using (var edge = Command(connection, transaction, "INSERT INTO interactions (platform, kind, natural_key, source_account_id, target_account_id, occurred_at, is_deleted) VALUES ('Bluesky', $k, $n, $s, $t, $o, 0)", "$k", "$n", "$s", "$t", "$o"))
        {
            var i = 0;
            foreach (var (source, target) in network.Follows)
            {
                await Run(edge, cancellationToken, "Follow", $"f{i++}", source + 1L, target + 1L, now.AddDays(-200));
            }

            foreach (var (source, target, kind, at) in network.Engagements)
            {
                await Run(edge, cancellationToken, kind.ToString(), $"e{i++}", source + 1L, target + 1L, at);
            }
        }

        await using (var post = Command(connection, transaction, "INSERT INTO posts (platform, external_id, author_id, kind, text, created_at, is_deleted) VALUES ('Bluesky', $e, $a, 'Original', $t, $c, 0) RETURNING id", "$e", "$a", "$t", "$c"))
        await using (var tag = Command(connection, transaction, "INSERT INTO post_hashtags (post_id, tag, created_at, author_id) VALUES ($p, $t, $c, $a)", "$p", "$t", "$c", "$a"))
        {
            var i = 0;
            foreach (var (author, at, text, tags) in network.Posts)
            {
                var id = (long)(await Scalar(post, cancellationToken, $"p{i++}", author + 1L, text, at))!;
                foreach (var t in tags)
                {
                    await Run(tag, cancellationToken, id, t.ToLowerInvariant(), at, author + 1L);
                }
            }
        }

        await using (var profile = Command(connection, transaction, "INSERT INTO mentor_profiles (person_id, status, topics, specialty, career_stage, time_zone, languages, offers, capacity, is_synthetic, created_at, updated_at) VALUES ($p, 'Active', $t, $s, $c, $z, $l, $o, $cap, 1, $n, $n)", "$p", "$t", "$s", "$c", "$z", "$l", "$o", "$cap", "$n"))
        {
            foreach (var mentor in network.Mentors)
            {
                await Run(profile, cancellationToken, personOfAccount[mentor.Accounts[0]], string.Join('\n', mentor.Topics), mentor.Specialty!, mentor.CareerStage.ToString(), mentor.TimeZone!,
                    string.Join(',', mentor.Languages), (int)mentor.Offers, mentor.Capacity, now);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return traineePeople;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static async Task Run(DbCommand command, CancellationToken cancellationToken, params object[] values)
    {
        Bind(command, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> Scalar(DbCommand command, CancellationToken cancellationToken, params object[] values)
    {
        Bind(command, values);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Times as EF Core's SQLite provider stores them, so the store's queries compare like with like.</summary>
    private static void Bind(DbCommand command, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] is DateTime time ? time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : values[i];
        }
    }

    /// <summary>
    /// Wall-clock percentiles and the mean processor time per request. On a shared machine the wall clock includes
    /// waiting for a core; processor time (all threads, GC included) is what the request itself costs.
    /// </summary>
    private static void Report(string what, List<double> times, TimeSpan processor)
    {
        var sorted = times.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {times.Count} requests, median {At(0.5):N2} ms, p95 {At(0.95):N2} ms, p99 {At(0.99):N2} ms, max {sorted[^1]:N2} ms, mean {times.Average():N2} ms; processor time {processor.TotalMilliseconds / times.Count:N2} ms per request (target: under 200 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
