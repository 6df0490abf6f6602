using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SoMeScholar.Benchmarks.Graph;

/// <summary>
/// Runs SoMeScholar and the Debian builds of networkx, python-igraph and graph-tool on the same edge lists from
/// ../shared/graphs, each as a separate process measured whole (wall time and peak RSS via /usr/bin/time), and prints the
/// ratios and whether the values agree (top-100 overlap, largest relative difference).
/// </summary>
public sealed class GraphPeersCommand : IBenchCommand
{
    private static readonly string[] DefaultGraphs = ["karate", "polblogs", "sf-1000", "sf-10000", "enron", "sf-100000"];
    private static readonly string[] DefaultMeasures = ["pagerank", "eigenvector", "betweenness", "closeness", "wcc", "scc", "kcore", "louvain"];
    private static readonly string[] AllPeers = ["networkx", "igraph", "graph-tool"];

    public string Name => "graph-peers";

    public string Description => "Graph measures vs networkx, igraph, graph-tool (whole process: time, peak memory, agreement). --help for options";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = PeerOptions.Parse(args);
        if (options is null)
        {
            PeerOptions.PrintHelp();
            return 2;
        }

        // SoMeScholar's rows run the published `somescholar-graph` command (ReadyToRun), built here if it is missing or
        // out of date, unless --tool names one.
        var tool = options.ToolPath ?? await BuildToolAsync(cancellationToken);
        if (tool is null)
        {
            return 1;
        }

        var shared = LocateUp("shared/graphs") ?? throw new DirectoryNotFoundException("../shared/graphs not found (set SOMESCHOLAR_SHARED).");
        var peersScript = LocateUp("bench/graph/peers.py") ?? throw new FileNotFoundException("bench/graph/peers.py not found beside the repository.");
        if (options.Peers.Count > 0 && !await EnsurePeersInstalledAsync(options.Install, cancellationToken))
        {
            return 1;
        }

        var index = LoadIndex(Path.Combine(shared, "index.json"));
        var scratch = Directory.CreateTempSubdirectory("somescholar-graph-peers-");
        var rows = new List<PeerRow>();
        Console.WriteLine($"graph-peers: {Environment.ProcessorCount} processors, {options.Threads} threads for SoMeScholar and graph-tool, timeout {options.TimeoutSeconds} s per run; load average at start {LoadAverage()}");
        Console.WriteLine("Each run is a separate process that loads the gzip edge list, computes one measure and writes every node's score.");
        Console.WriteLine($"SoMeScholar = {tool} (src/SoMeScholar.Graph.Tool, ReadyToRun; see docs/metrics.md).");
        Console.WriteLine();
        PeerRow.PrintHeader();
        try
        {
            foreach (var graphName in options.Graphs)
            {
                var (file, directed, nodes) = Resolve(shared, index, graphName);
                foreach (var measure in options.Measures)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var ours = await RunOneAsync("SoMeScholar", measure, file, directed, options, scratch.FullName, peersScript, tool, cancellationToken);
                    var oursRow = new PeerRow(graphName, measure, ours, null);
                    oursRow.Print();
                    rows.Add(oursRow);
                    foreach (var peer in options.Peers)
                    {
                        if ((peer == "graph-tool" && measure is "louvain" or "leiden") || (peer == "networkx" && measure == "leiden"))
                        {
                            continue;
                        }

                        if (options.SkipSlow && IsSlow(peer, measure, nodes))
                        {
                            var skipped = new PeerRow(graphName, measure, RunResult.Skipped(peer, "skipped (--skip-slow)"), ours);
                            skipped.Print();
                            rows.Add(skipped);
                            continue;
                        }

                        var theirs = await RunOneAsync(peer, measure, file, directed, options, scratch.FullName, peersScript, tool, cancellationToken);
                        var row = new PeerRow(graphName, measure, theirs, ours);
                        row.Print();
                        rows.Add(row);
                    }
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        PeerRow.PrintSummary(rows);
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        if (options.CsvPath is not null)
        {
            await File.WriteAllLinesAsync(options.CsvPath, [PeerRow.CsvHeader, .. rows.Select(r => r.ToCsv())], cancellationToken);
            Console.WriteLine($"Wrote {options.CsvPath}");
        }

        return 0;
    }

    /// <summary>Runs known to take many minutes on a 2-core machine (networkx's O(nm) measures past 10,000 nodes; every
    /// peer's exact betweenness and closeness on 100,000 nodes).</summary>
    private static bool IsSlow(string peer, string measure, int nodes) =>
        (measure is "betweenness" or "closeness" && ((peer == "networkx" && nodes >= 10_000) || nodes >= 100_000))
        || (peer == "networkx" && nodes >= 100_000 && measure is "louvain" or "eigenvector");

    private static async Task<RunResult> RunOneAsync(string tool, string measure, string file, bool directed, PeerOptions options, string scratch, string peersScript, string somescholarGraph, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, $"{tool}-{measure}-{Guid.NewGuid():N}.txt");
        var timeFile = output + ".time";
        var arguments = new List<string> { "-f", "%e %M %U %S", "-o", timeFile };
        var direction = directed ? "directed" : "undirected";
        var threads = options.Threads.ToString(CultureInfo.InvariantCulture);
        if (tool == "SoMeScholar")
        {
            arguments.Add(somescholarGraph);
            arguments.AddRange(ToolArguments(measure));
            if (!directed)
            {
                arguments.Add("--undirected");
            }

            arguments.AddRange(["--threads", threads, "--output", output, file]);
        }
        else
        {
            arguments.AddRange(["/usr/bin/python3", peersScript, tool, measure, file, direction, output, threads]);
        }

        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["OMP_NUM_THREADS"] = threads;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/time.");
        var stdoutTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return RunResult.Skipped(tool, $"timeout after {options.TimeoutSeconds} s");
        }

        stopwatch.Stop();
        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        if (process.ExitCode != 0)
        {
            var message = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit {process.ExitCode}";
            return RunResult.Skipped(tool, "failed: " + message.Trim());
        }

        long peakKb = 0;
        var cpuSeconds = double.NaN;
        if (File.Exists(timeFile))
        {
            // "%e %M %U %S" on the last line (earlier lines may be "Command exited with non-zero status").
            var parts = (await File.ReadAllLinesAsync(timeFile, cancellationToken)).Last(l => l.Trim().Length > 0).Trim().Split(' ');
            peakKb = long.Parse(parts[1], CultureInfo.InvariantCulture);
            cpuSeconds = double.Parse(parts[2], CultureInfo.InvariantCulture) + double.Parse(parts[3], CultureInfo.InvariantCulture);
        }

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                var kv = line[7..].Split('=', 2);
                results[kv[0]] = kv[1].Trim();
            }
        }

        if (tool == "SoMeScholar")
        {
            ReadToolSummary(stderr, results);
        }

        var (scores, second) = !File.Exists(output) ? (null, null) : tool == "SoMeScholar" ? ReadCsvScores(output) : ReadScores(output);
        return new RunResult(tool, stopwatch.Elapsed.TotalSeconds, peakKb / 1024.0, results, scores, null) { SecondColumn = second, CpuSeconds = cpuSeconds };
    }

    /// <summary>The tool's arguments for one benchmark measure (the benchmark's names are the peers').</summary>
    private static string[] ToolArguments(string measure) => measure switch
    {
        "closeness" => ["--measures", "closeness", "--closeness-reach"],
        "betweenness-sampled" => ["--measures", "betweenness", "--sampled", "--epsilon", "0.01", "--delta", "0.1"],
        "louvain" => ["--measures", "community"],
        _ => ["--measures", measure],
    };

    /// <summary>The tool's summary lines on standard error (<c>somescholar-graph: MEASURE seconds=S key=value ...</c>):
    /// the computation's seconds, convergence, modularity, counts.</summary>
    private static void ReadToolSummary(string stderr, Dictionary<string, string> results)
    {
        var seconds = 0.0;
        foreach (var line in stderr.Split('\n'))
        {
            if (!line.StartsWith("somescholar-graph: ", StringComparison.Ordinal) || line.StartsWith("somescholar-graph: read ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                if (kv[0] == "seconds")
                {
                    seconds += double.Parse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                else
                {
                    results[kv[0]] = kv[1];
                }
            }
        }

        results["compute_seconds"] = seconds.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The tool's CSV: <c>node,measure[,closeness_reached]</c> with a header row.</summary>
    private static (Dictionary<string, double> Scores, Dictionary<string, double>? Second) ReadCsvScores(string path)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        Dictionary<string, double>? second = null;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 2)
            {
                scores[parts[0]] = double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (parts.Length >= 3)
            {
                second ??= new Dictionary<string, double>(StringComparer.Ordinal);
                second[parts[0]] = double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return (scores, second);
    }

    /// <summary>Publishes src/SoMeScholar.Graph.Tool with scripts/build-graph-tool.sh (incremental, so a current build
    /// costs only MSBuild's up-to-date check) and returns the executable's path.</summary>
    private static async Task<string?> BuildToolAsync(CancellationToken cancellationToken)
    {
        var script = LocateUp("scripts/build-graph-tool.sh");
        if (script is null)
        {
            Console.Error.WriteLine("scripts/build-graph-tool.sh not found; pass --tool PATH to a published somescholar-graph.");
            return null;
        }

        Console.WriteLine("Publishing somescholar-graph (scripts/build-graph-tool.sh)...");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var path = (await stdout).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            Console.Error.WriteLine("Publishing somescholar-graph failed:");
            Console.Error.WriteLine(await stderr);
            return null;
        }

        return path;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>"id value [second]" lines.</summary>
    private static (Dictionary<string, double> Scores, Dictionary<string, double>? Second) ReadScores(string path)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        Dictionary<string, double>? second = null;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length >= 2)
            {
                scores[parts[0]] = double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (parts.Length >= 3)
            {
                second ??= new Dictionary<string, double>(StringComparer.Ordinal);
                second[parts[0]] = double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return (scores, second);
    }

    private static async Task<bool> EnsurePeersInstalledAsync(bool install, CancellationToken cancellationToken)
    {
        if (await ExitCodeAsync("/usr/bin/python3", ["-c", "import networkx, igraph, graph_tool, numpy"], cancellationToken) == 0 && File.Exists("/usr/bin/time"))
        {
            return true;
        }

        if (!install)
        {
            Console.Error.WriteLine("Peers missing: apt-get install -y python3-networkx python3-igraph python3-graph-tool time (or drop --no-install).");
            return false;
        }

        Console.WriteLine("Installing Debian python3-networkx, python3-igraph, python3-graph-tool and time (apt-get, needs root)...");
        if (await ExitCodeAsync("apt-get", ["install", "-y", "--no-install-recommends", "python3-networkx", "python3-igraph", "python3-graph-tool", "python3-scipy", "time"], cancellationToken) != 0)
        {
            await ExitCodeAsync("apt-get", ["update"], cancellationToken);
            if (await ExitCodeAsync("apt-get", ["install", "-y", "--no-install-recommends", "python3-networkx", "python3-igraph", "python3-graph-tool", "python3-scipy", "time"], cancellationToken) != 0)
            {
                Console.Error.WriteLine("apt-get failed; install the peers by hand or run with --peers none.");
                return false;
            }
        }

        return true;
    }

    private static async Task<int> ExitCodeAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await drainOut;
            await drainErr;
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    private static Dictionary<string, (string File, bool Directed, int Nodes)> LoadIndex(string path)
    {
        var result = new Dictionary<string, (string, bool, int)>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            result[entry.Name] = (entry.Value.GetProperty("file").GetString()!, entry.Value.GetProperty("directed").GetBoolean(), entry.Value.GetProperty("n").GetInt32());
        }

        return result;
    }

    private static (string File, bool Directed, int Nodes) Resolve(string shared, Dictionary<string, (string File, bool Directed, int Nodes)> index, string name)
    {
        if (name.StartsWith("sf-", StringComparison.Ordinal))
        {
            return (Path.Combine(shared, name + ".edges.gz"), true, int.Parse(name[3..], CultureInfo.InvariantCulture));
        }

        var key = index.Keys.FirstOrDefault(k => k == name) ?? index.Keys.FirstOrDefault(k => k.EndsWith("-" + name, StringComparison.OrdinalIgnoreCase))
            ?? index.Keys.FirstOrDefault(k => k.Contains(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No graph '{name}' in {shared}/index.json.");
        var entry = index[key];
        return (Path.Combine(shared, entry.File), entry.Directed, entry.Nodes);
    }

    private static string? LocateUp(string relative)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SOMESCHOLAR_SHARED");
        if (relative.StartsWith("shared/", StringComparison.Ordinal) && !string.IsNullOrEmpty(fromEnvironment))
        {
            var candidate = Path.Combine(fromEnvironment, relative["shared/".Length..]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed record PeerOptions(IReadOnlyList<string> Graphs, IReadOnlyList<string> Measures, IReadOnlyList<string> Peers, int Threads, int TimeoutSeconds, bool SkipSlow, bool Install, string? CsvPath, string? ToolPath)
    {
        public static PeerOptions? Parse(string[] args)
        {
            var graphs = DefaultGraphs.ToList();
            var measures = DefaultMeasures.ToList();
            var peers = AllPeers.ToList();
            int threads = 2, timeout = 600;
            bool skipSlow = false, install = true;
            string? csv = null, tool = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                List<string> List() => [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                switch (args[i])
                {
                    case "--graphs": graphs = List(); break;
                    case "--measures": measures = List(); break;
                    case "--peers": peers = List().Where(p => p != "none").ToList(); break;
                    case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--timeout": timeout = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--skip-slow": skipSlow = true; break;
                    case "--no-install": install = false; break;
                    case "--csv": csv = Next(); break;
                    case "--tool": tool = Next(); break;
                    default: return null;
                }
            }

            foreach (var peer in peers)
            {
                if (!AllPeers.Contains(peer))
                {
                    return null;
                }
            }

            return new PeerOptions(graphs, measures, peers, threads, timeout, skipSlow, install, csv, tool);
        }

        public static void PrintHelp()
        {
            Console.WriteLine("""
                ./bench.sh graph-peers [options]
                  --graphs LIST     graphs from ../shared/graphs (default: karate,polblogs,sf-1000,sf-10000,enron,sf-100000)
                  --measures LIST   pagerank,eigenvector,betweenness,closeness,wcc,scc,kcore,louvain,leiden,clustering (default: all but leiden and clustering)
                  --peers LIST      networkx,igraph,graph-tool or none (default: all three)
                  --threads N       threads for SoMeScholar and graph-tool (default 2)
                  --timeout S       seconds before a run is stopped and reported as a timeout (default 600)
                  --skip-slow       skip networkx's O(nm) measures past 10,000 nodes and every exact O(nm) measure at 100,000
                  --no-install      do not apt-get install missing peers
                  --csv FILE        also write the rows as CSV
                  --tool PATH       the somescholar-graph executable to measure (default: publish it with scripts/build-graph-tool.sh)
                """);
        }
    }
}
