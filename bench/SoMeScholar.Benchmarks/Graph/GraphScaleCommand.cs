using System.Diagnostics;
using System.Globalization;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Centrality;
using SoMeScholar.Graph.Generators;
using SoMeScholar.Graph.IO;

namespace SoMeScholar.Benchmarks.Graph;

/// <summary>
/// Large-graph runs with progress, as a background job would do them: sampled betweenness with its (ε, δ) bound on a
/// generated 1,000,000-node follower graph, and optionally exact betweenness on a shared graph (sf-100000).
/// </summary>
public sealed class GraphScaleCommand : IBenchCommand
{
    public string Name => "graph-scale";

    public string Description => "Sampled betweenness on a generated 1M-node graph; --exact sf-100000 adds exact betweenness with progress";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int nodes = 1_000_000, perNode = 8, threads = 2;
        double epsilon = 0.05, delta = 0.1;
        string? exact = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            switch (args[i])
            {
                case "--nodes": nodes = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--edges-per-node": perNode = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--epsilon": epsilon = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--delta": delta = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--exact": exact = Next(); break;
                default:
                    Console.WriteLine("./bench.sh graph-scale [--nodes 1000000] [--edges-per-node 8] [--epsilon 0.05] [--delta 0.1] [--threads 2] [--exact sf-100000|FILE]");
                    return Task.FromResult(2);
            }
        }

        if (nodes > 0)
        {
            var stopwatch = Stopwatch.StartNew();
            var graph = PreferentialAttachment.Generate(new PreferentialAttachmentOptions { Nodes = nodes, EdgesPerNode = perNode, Seed = 2017 });
            Console.WriteLine($"Generated {graph} (Price model, {perNode} follows per node, 25% follow-back) in {stopwatch.Elapsed.TotalSeconds:F1} s");
            stopwatch.Restart();
            var scores = ApproximateBetweenness.Compute(graph, new ApproximateBetweennessOptions { Epsilon = epsilon, Delta = delta, MaxThreads = threads, Seed = 1 }, Reporter(stopwatch), cancellationToken);
            var bound = scores.Approximation!.Value;
            Console.WriteLine($"Sampled betweenness: {stopwatch.Elapsed.TotalSeconds:F1} s on {threads} threads; ε = {bound.Epsilon}, δ = {bound.Delta}, {bound.Samples} samples, vertex-diameter bound {bound.VertexDiameterBound}");
            Console.WriteLine($"  guarantee: with probability ≥ {1 - bound.Delta:F2}, every normalised score is within {bound.Epsilon * nodes / (nodes - 2):G4} of the exact value");
            Console.WriteLine($"  top 5: {string.Join(", ", scores.Top(5).Select(r => $"{r.Id} {r.Score:G4}"))}");
            Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");
        }

        if (exact is not null)
        {
            var file = File.Exists(exact) ? exact : Path.Combine(SharedGraphs(), exact + ".edges.gz");
            var stopwatch = Stopwatch.StartNew();
            var graph = EdgeListReader.Read(file);
            Console.WriteLine($"Loaded {Path.GetFileName(file)}: {graph} in {stopwatch.Elapsed.TotalSeconds:F1} s");
            stopwatch.Restart();
            var scores = Betweenness.Compute(graph, new BetweennessOptions { MaxThreads = threads }, Reporter(stopwatch), cancellationToken);
            Console.WriteLine($"Exact betweenness: {stopwatch.Elapsed.TotalSeconds:F1} s on {threads} threads; top 5: {string.Join(", ", scores.Top(5).Select(r => $"{r.Id} {r.Score:G4}"))}");
            Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MB");
        }

        return Task.FromResult(0);
    }

    /// <summary>Prints a line at every 10% with the elapsed time and a simple remaining-time estimate.</summary>
    private static SynchronousReporter Reporter(Stopwatch stopwatch)
    {
        var lastDecile = -1L;
        return new SynchronousReporter(p =>
        {
            var decile = (long)(p.Fraction * 10);
            if (decile > lastDecile && p.Fraction > 0)
            {
                lastDecile = decile;
                var elapsed = stopwatch.Elapsed.TotalSeconds;
                Console.WriteLine($"  {p.Stage}: {p.Done:N0}/{p.Total:N0} ({p.Fraction:P0}) after {elapsed:F0} s, about {elapsed / p.Fraction * (1 - p.Fraction):F0} s left");
            }
        });
    }

    private static string SharedGraphs()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SOMESCHOLAR_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.Combine(fromEnvironment, "graphs");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "graphs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/graphs not found (set SOMESCHOLAR_SHARED).");
    }

    private sealed class SynchronousReporter(Action<GraphProgress> report) : IProgress<GraphProgress>
    {
        private readonly Lock _gate = new();

        public void Report(GraphProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
