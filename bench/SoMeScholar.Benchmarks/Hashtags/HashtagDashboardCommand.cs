using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;

namespace SoMeScholar.Benchmarks.Hashtags;

/// <summary>
/// `./bench.sh hashtag-dashboard [--posts 1000000] [--runs 5] [--sqlite-only|--postgres-only] [--postgres CONN]`:
/// generates an archive whose hashtag has that many posts in the report window (plus a preceding window, reposts,
/// likes, mentions, links, other hashtags and untracked noise), loads it into a fresh SQLite store and a fresh
/// PostgreSQL database, then computes the dashboard (the full report with its preceding window) several times cold
/// and prints the time of every step: the direct read of the archive, the first report (which builds and stores the
/// day segments), reports from the stored segments with the report cache cold, and the report after a later write.
/// PostgreSQL comes from --postgres or SOMESCHOLAR_TEST_POSTGRES (a role that may create databases).
/// </summary>
public sealed class HashtagDashboardCommand : IBenchCommand
{
    public string Name => "hashtag-dashboard";

    public string Description => "Hashtag dashboard over a generated 1,000,000-post hashtag, timed per query on SQLite and PostgreSQL";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = int.Parse(Option(args, "--posts") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_TEST_POSTGRES");
        var generator = new HashtagArchiveGenerator(posts);
        Console.WriteLine($"Archive: #{HashtagArchiveGenerator.Tag} with {posts:N0} posts in the window {HashtagArchiveGenerator.WindowFrom:yyyy-MM-dd} + {HashtagArchiveGenerator.WindowLength.TotalDays} days, " +
            $"{generator.PreviousPosts:N0} in the preceding window, {generator.Reposts:N0} reposts, {generator.Likes:N0} likes, {generator.NoisePosts:N0} untracked posts, {generator.Accounts:N0} accounts.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; load average {LoadAverage()}.");

        if (!args.Contains("--postgres-only"))
        {
            var folder = Path.Combine(Path.GetTempPath(), "somescholar-bench-hashtags-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                var store = StoreLocation.SqliteFolder(folder);
                await using var services = await OpenAsync(store, cancellationToken);
                var clock = Stopwatch.StartNew();
                await using (var connection = new SqliteConnection(store.ConnectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    var counts = await generator.LoadSqliteAsync(connection, s => Console.Write($"\r  loading SQLite: {s}        "), cancellationToken);
                    Console.WriteLine($"\rSQLite: loaded {counts} in {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(Path.Combine(folder, "somescholar.db")).Length / 1e6:0} MB).");
                }

                await MeasureAsync("SQLite", services, runs, cancellationToken);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        if (!args.Contains("--sqlite-only"))
        {
            if (string.IsNullOrEmpty(postgres))
            {
                Console.WriteLine("PostgreSQL: skipped (set SOMESCHOLAR_TEST_POSTGRES or pass --postgres CONN).");
                return 0;
            }

            var name = "bench_hashtags_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(postgres, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", cancellationToken);
            try
            {
                var store = StoreLocation.FromConnectionString(new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ToString());
                await using var services = await OpenAsync(store, cancellationToken);
                var clock = Stopwatch.StartNew();
                await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.ConnectionString) { CommandTimeout = 0 }.ToString()))
                {
                    await connection.OpenAsync(cancellationToken);
                    var counts = await generator.LoadPostgresAsync(connection, s => Console.Write($"\r  loading PostgreSQL: {s}        "), cancellationToken);
                    Console.WriteLine($"\rPostgreSQL: loaded {counts} in {clock.Elapsed.TotalSeconds:0.0} s.");
                }

                await MeasureAsync("PostgreSQL", services, runs, cancellationToken);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
            }
        }

        return 0;
    }

    private static HashtagQuery Query() =>
        HashtagQuery.Create([HashtagArchiveGenerator.Tag], HashtagArchiveGenerator.WindowFrom, HashtagArchiveGenerator.WindowFrom + HashtagArchiveGenerator.WindowLength, "America/Toronto");

    private static async Task MeasureAsync(string label, ServiceProvider services, int runs, CancellationToken cancellationToken)
    {
        var query = Query();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScholarDb>().Database.ExecuteSqlRawAsync("DELETE FROM hashtag_segments", cancellationToken);
        }

        // 1. The direct read every report made before segments (reads side by side), once warm-up and once measured.
        string? direct = null;
        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var loader = new HashtagFactsLoader(scope.ServiceProvider.GetRequiredService<ScholarDb>());
            var clock = Stopwatch.StartNew();
            var facts = await loader.LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken);
            var loaded = clock.Elapsed.TotalMilliseconds;
            direct = Figures(facts, query);
            var computed = clock.Elapsed.TotalMilliseconds - loaded;
            if (run == 1)
            {
                Print($"{label}: direct read of the archive (no segments; reads side by side), wall-clock ms (load {LoadAverage()})",
                    loader.Timings.Select(t => (t.Key, t.Value)).Append(("load (all reads)", loaded)).Append(("figures + preceding window", computed)).Append(("total", loaded + computed)));
            }
        }

        // 2. The first report after the import: builds every day's segment from the archive and stores it.
        await using (var scope = services.CreateAsyncScope())
        {
            var store = new HashtagSegmentStore(scope.ServiceProvider.GetRequiredService<ScholarDb>());
            var clock = Stopwatch.StartNew();
            var facts = await store.LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken);
            var loaded = clock.Elapsed.TotalMilliseconds;
            var figures = Figures(facts, query);
            var computed = clock.Elapsed.TotalMilliseconds - loaded;
            Print($"{label}: first report after the import ({store.SegmentsBuilt} day segments built and stored), wall-clock ms (load {LoadAverage()})",
                store.Timings.Select(t => (t.Key, t.Value)).Append(("figures + preceding window", computed)).Append(("total", loaded + computed)));
            Console.WriteLine($"  figures identical to the direct read: {(figures == direct ? "yes" : "NO")}");
        }

        // 3. Reports from stored segments, the report cache cold each time.
        var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var cpu = new List<double>();
        HashtagReport? report = null;
        for (var run = 0; run <= runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var store = new HashtagSegmentStore(scope.ServiceProvider.GetRequiredService<ScholarDb>());
            var processor = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var facts = await store.LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken);
            var loaded = clock.Elapsed.TotalMilliseconds;
            var figures = Figures(facts, query);
            var computed = clock.Elapsed.TotalMilliseconds - loaded;
            var processorMs = (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalMilliseconds;
            if (figures != direct)
            {
                Console.WriteLine("  figures DIFFER from the direct read");
            }

            scope.ServiceProvider.GetRequiredService<HashtagReportCache>().Clear();
            var full = Stopwatch.StartNew();
            report = await scope.ServiceProvider.GetRequiredService<HashtagAnalytics>().ReportAsync(query, cancellationToken);
            var reportMs = full.Elapsed.TotalMilliseconds;
            var cached = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<HashtagAnalytics>().ReportAsync(query, cancellationToken);
            var cachedMs = cached.Elapsed.TotalMilliseconds;
            if (run == 0)
            {
                continue;
            }

            foreach (var (phase, ms) in store.Timings)
            {
                Add(phases, phase, ms);
            }

            Add(phases, "load (all steps)", loaded);
            Add(phases, "figures + preceding window", computed);
            Add(phases, "dashboard total", loaded + computed);
            Add(phases, "full report (labels; cache cold)", reportMs);
            Add(phases, "full report (cache warm)", cachedMs);
            cpu.Add(processorMs);
        }

        Console.WriteLine($"{label}: dashboard of #{HashtagArchiveGenerator.Tag} ({report!.Posts:N0} posts, {report.Reposts:N0} reposts, {report.Participants:N0} participants, {report.Impressions:N0} impressions) " +
            $"from stored segments, {runs} runs with the report cache cold, wall-clock ms (load {LoadAverage()}):");
        Console.WriteLine($"  {"step",-34} {"median",9} {"min",9} {"max",9}");
        foreach (var (phase, values) in phases)
        {
            Console.WriteLine($"  {phase,-34} {Median(values),9:0.0} {values.Min(),9:0.0} {values.Max(),9:0.0}");
        }

        Console.WriteLine($"  {"client CPU (load + figures)",-34} {Median(cpu),9:0.0} {cpu.Min(),9:0.0} {cpu.Max(),9:0.0}");

        // 4. A later write: 1,000 of one day's posts deleted (the triggers mark that day); the next report rebuilds one day.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            var day = HashtagArchiveGenerator.WindowFrom.AddDays(15);
            var sql = db.Provider == DatabaseProvider.PostgreSql
                ? "UPDATE posts SET is_deleted = true WHERE id IN (SELECT post_id FROM post_hashtags WHERE tag = {0} AND created_at >= {1} AND created_at < {2} ORDER BY post_id LIMIT 1000)"
                : "UPDATE posts SET is_deleted = 1 WHERE id IN (SELECT post_id FROM post_hashtags WHERE tag = {0} AND created_at >= {1} AND created_at < {2} ORDER BY post_id LIMIT 1000)";
            var clock = Stopwatch.StartNew();
            var count = await db.Database.ExecuteSqlRawAsync(sql, [HashtagArchiveGenerator.Tag, day, day.AddDays(1)], cancellationToken);
            var written = clock.Elapsed.TotalMilliseconds;
            var store = new HashtagSegmentStore(db);
            clock.Restart();
            var facts = await store.LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken);
            var loaded = clock.Elapsed.TotalMilliseconds;
            var figures = Figures(facts, query);
            var computed = clock.Elapsed.TotalMilliseconds - loaded;
            Print($"{label}: after deleting {count:N0} posts of {day:yyyy-MM-dd} ({written:0} ms with the triggers), the next report rebuilt {store.SegmentsBuilt} segment(s), wall-clock ms (load {LoadAverage()})",
                store.Timings.Select(t => (t.Key, t.Value)).Append(("figures + preceding window", computed)).Append(("total", loaded + computed)));
            var fresh = Figures(await new HashtagFactsLoader(db).LoadAsync(query.Tags, query.PreviousFrom, query.To, cancellationToken), query);
            Console.WriteLine($"  figures identical to a direct read after the write: {(figures == fresh ? "yes" : "NO")}");
        }
    }

    private static string Figures(HashtagFacts facts, HashtagQuery query) => System.Text.Json.JsonSerializer.Serialize(new
    {
        Figures = HashtagCalculator.Compute(facts, query.From, query.To, facts.AllTags, query.Zone, query.Top),
        Previous = HashtagCalculator.Totals(facts, query.PreviousFrom, query.From, facts.AllTags),
    });

    private static void Print(string title, IEnumerable<(string Name, double Ms)> steps)
    {
        Console.WriteLine(title + ":");
        foreach (var (name, ms) in steps)
        {
            Console.WriteLine($"  {name,-34} {ms,9:0.0}");
        }
    }

    private static void Add(Dictionary<string, List<double>> phases, string phase, double ms)
    {
        if (!phases.TryGetValue(phase, out var list))
        {
            phases[phase] = list = [];
        }

        list.Add(ms);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<ServiceProvider> OpenAsync(StoreLocation store, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(store);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        return provider;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
