extern alias WebHost;

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Importers;
using WebHost::SoMeScholar.Web;
using WebHost::SoMeScholar.Web.Shared;

namespace SoMeScholar.Benchmarks.Hashtags;

/// <summary>
/// `./bench.sh wall-load [--viewers 1000] [--rate 100] [--seconds 20]`: the real web host (in a child process, so its
/// memory is its own) serves one auto-published wall; this process opens that many server-sent-event viewers on
/// loopback while the server archives and publishes posts at the rate through the wall service (as a live source
/// would). Each post carries the time it was handed to the wall; each viewer notes when it arrived. Prints delivery
/// latency percentiles over every (viewer, post) pair, deliveries missed, and the server's resident memory.
/// </summary>
public sealed partial class WallLoadCommand : IBenchCommand
{
    public string Name => "wall-load";

    public string Description => "Live wall: 1,000 server-sent-event viewers and 100 posts/s on loopback; delivery latency p50/p99 and server memory";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var viewers = int.Parse(Option(args, "--viewers") ?? "1000", CultureInfo.InvariantCulture);
        var rate = int.Parse(Option(args, "--rate") ?? "100", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        Console.WriteLine($"Wall load: {viewers:N0} viewers, {rate} posts/s for {seconds} s ({rate * seconds:N0} posts, {(long)rate * seconds * viewers:N0} deliveries expected). Machine: {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(WallLoadCommand).Assembly.Location);
        start.ArgumentList.Add(WallLoadServerCommand.CommandName);
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        try
        {
            string ready;
            while (!(ready = await server.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("The server process ended.")).StartsWith("ready ", StringComparison.Ordinal))
            {
                Console.WriteLine("  server: " + ready);
            }

            var parts = ready.Split(' ');
            var (url, slug) = (parts[1], parts[2]);
            var idle = Rss(server.Id);
            Console.WriteLine($"Server {url} (pid {server.Id}), resident memory before viewers: {idle / 1e6:0} MB.");

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var connected = 0;
            var latencies = new List<double>[viewers];
            var tasks = new Task[viewers];
            for (var i = 0; i < viewers; i++)
            {
                var mine = latencies[i] = new List<double>(rate * seconds);
                tasks[i] = ViewAsync(client, $"/api/hashtags/events/{slug}/wall/stream", mine, () => Interlocked.Increment(ref connected), stop.Token);
            }

            while (Volatile.Read(ref connected) < viewers)
            {
                await Task.Delay(100, cancellationToken);
            }

            var withViewers = Rss(server.Id);
            Console.WriteLine($"{viewers:N0} viewers connected; server resident memory {withViewers / 1e6:0} MB.");
            await server.StandardInput.WriteLineAsync($"go {rate} {seconds}".AsMemory(), cancellationToken);
            await server.StandardInput.FlushAsync(cancellationToken);
            long peak = 0;
            string? done;
            var sampler = Task.Run(async () =>
            {
                while (!server.HasExited && !stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss(server.Id));
                    await Task.Delay(250, CancellationToken.None);
                }
            }, CancellationToken.None);
            while ((done = await server.StandardOutput.ReadLineAsync(cancellationToken)) is not null && !done.StartsWith("sent ", StringComparison.Ordinal))
            {
                Console.WriteLine("  server: " + done);
            }

            // Let the last posts reach every viewer.
            var expected = (long)rate * seconds;
            var settle = Stopwatch.StartNew();
            while (settle.Elapsed < TimeSpan.FromSeconds(30) && latencies.Any(l => Count(l) < expected))
            {
                await Task.Delay(200, cancellationToken);
            }

            var after = Rss(server.Id);
            await stop.CancelAsync();
            await Task.WhenAll(tasks);
            await sampler;

            var all = latencies.SelectMany(l => l).ToArray();
            Array.Sort(all);
            Console.WriteLine($"Server: {done}.");
            Console.WriteLine($"Delivered {all.Length:N0} of {expected * viewers:N0} ({(double)all.Length / (expected * viewers):P2}); viewers that got every post: {latencies.Count(l => l.Count >= expected):N0}.");
            if (all.Length > 0)
            {
                Console.WriteLine($"Delivery latency (post arrived -> event read by a viewer; includes waiting for its batch): p50 {Percentile(all, 0.50):0.0} ms, p90 {Percentile(all, 0.90):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all[^1]:0.0} ms.");
            }

            Console.WriteLine($"Server resident memory: idle {idle / 1e6:0} MB, with {viewers:N0} viewers {withViewers / 1e6:0} MB, peak under load {peak / 1e6:0} MB, after {after / 1e6:0} MB.");
            await server.StandardInput.WriteLineAsync("quit".AsMemory(), CancellationToken.None);
            await server.StandardInput.FlushAsync(CancellationToken.None);
            await server.WaitForExitAsync(cancellationToken);
            return 0;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static int Count(List<double> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task ViewAsync(HttpClient client, string path, List<double> latencies, Action connected, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            connected();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && SentAt().Match(line) is { Success: true } match)
                {
                    var sent = long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                    var latency = (TimeProvider.System.GetUtcNow().UtcTicks - sent) / (double)TimeSpan.TicksPerMillisecond;
                    lock (latencies)
                    {
                        latencies.Add(latency);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The run ended.
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Resident set size of a process (Linux /proc).</summary>
    internal static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"load-post \d+ at (\d+)")]
    private static partial Regex SentAt();

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>
/// The server half of <see cref="WallLoadCommand"/> (started by it; not meant to be run by hand): the real web host on
/// a loopback port over a fresh SQLite store with one auto-published event. Prints "ready URL SLUG", then on "go RATE
/// SECONDS" makes posts arrive at RATE a second and feeds them through <see cref="WallService.IngestAsync"/> in the
/// live sources' batches, prints a summary line,
/// and exits on "quit".
/// </summary>
public sealed class WallLoadServerCommand : IBenchCommand
{
    public const string CommandName = "wall-load-server";

    private const string Tag = "WallLoad26";

    public string Name => CommandName;

    public string Description => "(the server process of wall-load)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "somescholar-bench-wall-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var store = StoreLocation.SqliteFolder(folder);
            await using var app = ScholarWebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder =>
            {
                builder.Configuration[ScholarConfiguration.ConnectionStringKey] = store.ConnectionString;
                builder.Configuration[ScholarConfiguration.DemoEnabledKey] = "false";
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
            await app.Services.GetRequiredService<StartupTasks>().RunAsync(cancellationToken);
            HashtagEvent item;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                item = await scope.ServiceProvider.GetRequiredService<EventCatalog>().CreateAsync(
                    new EventInput("Wall Load Summit", null, new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 16), "UTC", "#" + Tag), "bench", cancellationToken: cancellationToken);
                await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(item.Id, s => s.Mode = WallMode.AutoPublish, "bench", cancellationToken);
            }

            await app.StartAsync(cancellationToken);
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine($"ready {url} {item.Slug}");
            while (Console.ReadLine() is { } command)
            {
                if (command.StartsWith("go ", StringComparison.Ordinal))
                {
                    var parts = command.Split(' ');
                    Console.WriteLine(await FeedAsync(app.Services, store, item.Id, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), cancellationToken));
                }
                else if (command == "quit")
                {
                    break;
                }
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> FeedAsync(IServiceProvider services, StoreLocation store, long eventId, int rate, int seconds, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var wall = scope.ServiceProvider.GetRequiredService<WallService>();
        await using var writerDb = ScholarServiceCollectionExtensions.CreateDb(store);
        await using var writer = await ArchiveWriter.StartAsync(writerDb, "wall load benchmark", "bluesky-jetstream", Platform.Bluesky, null, TimeProvider.System, cancellationToken: cancellationToken);
        var identity = JetstreamEvents.Parse(JetstreamLines.Identity("did:plc:loadspeaker", "load.test", new DateTime(2026, 10, 14, 12, 0, 0, DateTimeKind.Utc)), new SourcePosition("load", 0)).ToList();
        await wall.IngestAsync(eventId, writer, identity, null, cancellationToken);
        // Posts arrive at the rate (each stamped with its arrival time) into a channel, as the live sources' receive
        // loops put them; the wall takes them in the live sources' batches (up to 200, at most 250 ms after the first),
        // so a slow batch makes the next one larger instead of slowing the arrivals.
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<(string Line, int Index)>(new() { SingleReader = true, SingleWriter = true });
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }

                var at = TimeProvider.System.GetUtcNow().UtcTicks;
                arrivals.Writer.TryWrite((JetstreamLines.Post("did:plc:loadspeaker", $"3load{i:D7}", new DateTime(2026, 10, 14, 12, 0, 0, DateTimeKind.Utc).AddSeconds(i),
                    string.Create(CultureInfo.InvariantCulture, $"load-post {i} at {at}"), [Tag]), i));
            }

            arrivals.Writer.TryComplete();
        }, cancellationToken);
        var ingest = new List<double>();
        var sizes = new List<int>();
        var sent = 0;
        await foreach (var batch in JetstreamSource.Batches(arrivals.Reader, 200, TimeSpan.FromMilliseconds(250), cancellationToken))
        {
            var records = batch.SelectMany(item => JetstreamEvents.Parse(item.Line, new SourcePosition("load", item.Index + 1))).ToList();
            var started = Stopwatch.GetTimestamp();
            await wall.IngestAsync(eventId, writer, records, null, cancellationToken);
            ingest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            sizes.Add(batch.Count);
            sent += batch.Count;
        }

        await producer;
        var elapsed = clock.Elapsed;
        await writer.CompleteAsync(cancellationToken);
        ingest.Sort();
        sizes.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"sent {sent:N0} posts in {elapsed.TotalSeconds:0.0} s ({sent / elapsed.TotalSeconds:0.0}/s) in {sizes.Count:N0} batches of {sizes[0]}-{sizes[^1]} (median {sizes[sizes.Count / 2]}); archiving and publishing a batch: p50 {ingest[ingest.Count / 2]:0.0} ms, max {ingest[^1]:0.0} ms; GC heap {GC.GetTotalMemory(false) / 1e6:0} MB");
    }
}
