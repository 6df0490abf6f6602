using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SoMeScholar.Core;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Detection;

namespace SoMeScholar.Benchmarks.Archive;

/// <summary>
/// <c>./bench.sh archive-bulk-load [--posts N] [--postgres CONNECTION] [--skip-postgres]</c>: generates Jetstream events
/// until they hold N posts (with the follows, reposts and likes the generator mixes in), imports them into a fresh
/// SQLite store and a fresh PostgreSQL database with the full import (parse, normalise, hashtags, edges, indexes,
/// full-text), and prints posts/s and peak working set beside two ceilings measured in the same run on the same rows:
/// the sqlite3 shell's <c>.import</c> of the equivalent CSV into tables of the same shape, and PostgreSQL <c>COPY</c>.
/// </summary>
public sealed class BulkLoadCommand : IBenchCommand
{
    public string Name => "archive-bulk-load";

    public string Description => "Jetstream import into SQLite and PostgreSQL vs sqlite3 .import and COPY of the same rows as CSV (--posts N, default 1,000,000).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var posts = 1_000_000L;
        var postgres = Environment.GetEnvironmentVariable("SOMESCHOLAR_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_TEST_POSTGRES");
        var skipPostgres = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--posts":
                    posts = long.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--postgres":
                    postgres = args[++i];
                    break;
                case "--skip-postgres":
                    skipPostgres = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}");
                    return 2;
            }
        }

        var work = Path.Combine(Path.GetTempPath(), "somescholar-bench-bulk", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var events = Path.Combine(work, "events.jsonl");
            var generated = Generate(events, posts);
            var (postRows, edgeRows) = WriteCsv(events, Path.Combine(work, "posts.csv"), Path.Combine(work, "edges.csv"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {generated:N0} Jetstream events ({new FileInfo(events).Length / 1048576.0:N0} MiB): {postRows:N0} posts and {edgeRows:N0} edges (CSV for the ceilings)."));
            Console.WriteLine();
            Console.WriteLine($"{"load",-34} {"seconds",10} {"posts/s",12} {"peak MB",9} {"x ceiling",10} {"CPU s",8} {"x (CPU)",8}");

            var (sqliteCeiling, sqliteCeilingCpu) = SqliteImport(work);
            Row("sqlite3 .import (CSV, ceiling)", sqliteCeiling, postRows, null, null, sqliteCeilingCpu, null);
            var (sqliteSeconds, sqlitePeak, sqliteCpu) = await ImportAsync(StoreLocation.SqliteFolder(Path.Combine(work, "store")), events, cancellationToken);
            Row("SoMeScholar import, SQLite", sqliteSeconds, postRows, sqlitePeak, sqliteCeiling, sqliteCpu, sqliteCeilingCpu);
            var (floorSeconds, floorCpu) = await SqliteFloorAsync(work, cancellationToken);
            Row("  floor: copy final rows (SQLite)", floorSeconds, postRows, null, sqliteCeiling, floorCpu, sqliteCeilingCpu);

            if (!skipPostgres && !string.IsNullOrEmpty(postgres))
            {
                var database = "bench_bulk_" + Guid.NewGuid().ToString("N")[..8];
                await using (var admin = new NpgsqlConnection(postgres))
                {
                    await admin.OpenAsync(cancellationToken);
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                var target = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
                try
                {
                    var copy = await CopyAsync(target, work, cancellationToken);
                    Row("PostgreSQL COPY (CSV, ceiling)", copy, postRows, null, null);
                    var (pgSeconds, pgPeak, _) = await ImportAsync(StoreLocation.FromConnectionString(target), events, cancellationToken);
                    Row("SoMeScholar import, PostgreSQL", pgSeconds, postRows, pgPeak, copy);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await using var admin = new NpgsqlConnection(postgres);
                    await admin.OpenAsync(CancellationToken.None);
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            else
            {
                Console.WriteLine("PostgreSQL skipped (give --postgres or set SOMESCHOLAR_BENCH_POSTGRES).");
            }

            Console.WriteLine();
            Console.WriteLine("posts/s counts posts (originals, replies, quotes, reposts) over the whole load; the ceilings load the same rows with no parsing, keys, indexes or deduplication.");
            Console.WriteLine("floor: the imported accounts, posts, hashtags, links and edges copied as they are into a fresh store (INSERT … SELECT, one transaction): the cost of the archive's keys, indexes and full-text index alone, with no parsing, lookups or deduplication.");
            Console.WriteLine("CPU s: processor seconds of the loading process (sqlite3, or this process for the import; PostgreSQL's server work is not in it), a figure that a busy machine disturbs less than wall time.");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Row(string name, double seconds, long posts, double? peakMb, double? ceiling, double? cpu = null, double? ceilingCpu = null) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {seconds,10:N1} {posts / seconds,12:N0} {(peakMb is { } mb ? mb.ToString("N0", CultureInfo.InvariantCulture) : "-"),9} {(ceiling is { } c ? (seconds / c).ToString("N2", CultureInfo.InvariantCulture) + "x" : "-"),10} {(cpu is { } u ? u.ToString("N1", CultureInfo.InvariantCulture) : "-"),8} {(cpu is { } v && ceilingCpu is { } w ? (v / w).ToString("N2", CultureInfo.InvariantCulture) + "x" : "-"),8}"));

    private static long Generate(string path, long posts)
    {
        using var synth = new JetstreamSynth(2026);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        long events = 0;
        while (synth.Posts + synth.Replies + synth.Reposts < posts)
        {
            output.Write(synth.NextUtf8());
            output.WriteByte((byte)'\n');
            events++;
        }

        return events;
    }

    /// <summary>The same rows as CSV: one line per post (key, author, kind, text, time, reply/repost target) and per edge.</summary>
    private static (long Posts, long Edges) WriteCsv(string events, string postsCsv, string edgesCsv)
    {
        using var postWriter = new StreamWriter(postsCsv, false, new UTF8Encoding(false), 1 << 20);
        using var edgeWriter = new StreamWriter(edgesCsv, false, new UTF8Encoding(false), 1 << 20);
        long posts = 0, edges = 0;
        using var stream = File.OpenRead(events);
        foreach (var record in new JetstreamReader().Read(stream, events, ReadOptions.Default))
        {
            switch (record)
            {
                case ImportedPost post:
                    postWriter.Write(string.Join(',', Csv(post.ExternalId), Csv(post.AuthorExternalId), post.Kind.ToString(), Csv(post.Text), post.CreatedAt.ToString("O", CultureInfo.InvariantCulture), Csv(post.ReplyToExternalId ?? post.RepostOfExternalId ?? ""), Csv(string.Join(' ', post.Hashtags))));
                    postWriter.Write('\n');
                    posts++;
                    break;
                case ImportedInteraction edge:
                    edgeWriter.Write(string.Join(',', Csv(edge.NaturalKey), Csv(edge.SourceExternalId), Csv(edge.TargetExternalId ?? ""), Csv(edge.SubjectPostExternalId ?? ""), edge.Kind.ToString(), (edge.OccurredAt ?? default).ToString("O", CultureInfo.InvariantCulture)));
                    edgeWriter.Write('\n');
                    edges++;
                    break;
                default:
                    break;
            }
        }

        return (posts, edges);
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private const string PostsTable = "CREATE TABLE posts (external_id TEXT, author TEXT, kind TEXT, text TEXT, created_at TEXT, reference TEXT, hashtags TEXT)";
    private const string EdgesTable = "CREATE TABLE edges (natural_key TEXT, source TEXT, target TEXT, subject TEXT, kind TEXT, occurred_at TEXT)";

    /// <summary>The sqlite3 shell's .import of the CSV; wall seconds and its processor seconds (user + system, from GNU time).</summary>
    private static (double Seconds, double Cpu) SqliteImport(string work)
    {
        var database = Path.Combine(work, "ceiling.db");
        var times = Path.Combine(work, "sqlite3.time");
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%U %S", "-o", times, "sqlite3", database]) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine(PostsTable + ";");
        process.StandardInput.WriteLine(EdgesTable + ";");
        process.StandardInput.WriteLine(".mode csv");
        process.StandardInput.WriteLine($".import '{Path.Combine(work, "posts.csv")}' posts");
        process.StandardInput.WriteLine($".import '{Path.Combine(work, "edges.csv")}' edges");
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0 || errors.Length > 0)
        {
            throw new InvalidOperationException("sqlite3 .import failed: " + errors);
        }

        var cpu = File.ReadAllText(times).Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(part => double.Parse(part, CultureInfo.InvariantCulture));
        return (watch.Elapsed.TotalSeconds, cpu);
    }

    private static async Task<double> CopyAsync(string connectionString, string work, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand($"CREATE TABLE ceiling_{PostsTable["CREATE TABLE ".Length..]}; CREATE TABLE ceiling_{EdgesTable["CREATE TABLE ".Length..]}", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        foreach (var (table, file) in new[] { ("ceiling_posts", "posts.csv"), ("ceiling_edges", "edges.csv") })
        {
            await using var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (FORMAT csv)", cancellationToken);
            using var reader = new StreamReader(Path.Combine(work, file), Encoding.UTF8);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Copies the final rows of the SQLite import into a fresh store of the same schema (every key, index and the
    /// full-text index, triggers included): what writing the archive costs before any parsing or resolving.
    /// </summary>
    private static async Task<(double Seconds, double Cpu)> SqliteFloorAsync(string work, CancellationToken cancellationToken)
    {
        var floor = StoreLocation.SqliteFolder(Path.Combine(work, "floor"));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(floor);
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        }

        var imported = Path.Combine(work, "store", StoreLocation.DatabaseFileName);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(floor.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA foreign_keys=ON; ATTACH DATABASE '{imported.Replace("'", "''", StringComparison.Ordinal)}' AS imported;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        command.CommandText = """
            BEGIN;
            INSERT INTO main.import_runs SELECT * FROM imported.import_runs;
            INSERT INTO main.accounts SELECT * FROM imported.accounts;
            INSERT INTO main.posts SELECT * FROM imported.posts;
            INSERT INTO main.post_hashtags SELECT * FROM imported.post_hashtags;
            INSERT INTO main.post_links SELECT * FROM imported.post_links;
            INSERT INTO main.interactions SELECT * FROM imported.interactions;
            COMMIT;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    /// <summary>The full import of the events file into a fresh store; seconds and the peak working set (MB) sampled during it.</summary>
    private static async Task<(double Seconds, double PeakMb, double Cpu)> ImportAsync(StoreLocation location, string events, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(location);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        }

        GC.Collect();
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(50, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var import = scope.ServiceProvider.GetRequiredService<ArchiveImport>();
            await import.ImportAsync(FormatDetector.Plan(events), null, cancellationToken);
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (watch.Elapsed.TotalSeconds, peak / 1048576.0, cpu);
    }
}
