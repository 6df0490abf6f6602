using System.Globalization;

namespace SoMeScholar.Benchmarks.Graph;

/// <summary>What one process run produced.</summary>
internal sealed record RunResult(string Tool, double WallSeconds, double PeakMegabytes, IReadOnlyDictionary<string, string> Results, IReadOnlyDictionary<string, double>? Scores, string? Problem)
{
    /// <summary>A second value per node (for closeness: r − 1, the nodes that reach it).</summary>
    public IReadOnlyDictionary<string, double>? SecondColumn { get; init; }

    /// <summary>User + system CPU seconds of the whole process (all threads): less sensitive than wall time to other
    /// work on a shared machine.</summary>
    public double CpuSeconds { get; init; } = double.NaN;

    public static RunResult Skipped(string tool, string problem) => new(tool, double.NaN, double.NaN, new Dictionary<string, string>(), null, problem);

    public string Result(string key) => Results.TryGetValue(key, out var value) ? value : "";
}

/// <summary>One printed line: a tool's run, compared with SoMeScholar's run on the same graph and measure.</summary>
internal sealed class PeerRow(string graph, string measure, RunResult run, RunResult? ours)
{
    public string Graph { get; } = graph;

    public string Measure { get; } = measure;

    public RunResult Run { get; } = run;

    public RunResult? Ours { get; } = ours;

    /// <summary>SoMeScholar's wall time over the peer's (below 1 = SoMeScholar faster).</summary>
    public double TimeRatio => Ours is null ? double.NaN : Ours.WallSeconds / Run.WallSeconds;

    public double MemoryRatio => Ours is null ? double.NaN : Ours.PeakMegabytes / Run.PeakMegabytes;

    /// <summary>SoMeScholar's CPU time over the peer's.</summary>
    public double CpuRatio => Ours is null ? double.NaN : Ours.CpuSeconds / Run.CpuSeconds;

    public static void PrintHeader()
    {
        Console.WriteLine($"{"graph",-10} {"measure",-12} {"tool",-12} {"wall s",8} {"cpu s",8} {"peak MB",8} {"calc s",8} {"SoMe/peer t",11} {"cpu",6} {"SoMe/peer mem",13} {"top100",7} {"max rel diff",12}  notes");
        Console.WriteLine(new string('-', 140));
    }

    public void Print()
    {
        var (overlap, difference) = Agreement();
        Console.WriteLine($"{Graph,-10} {Measure,-12} {Run.Tool,-12} {Format(Run.WallSeconds, "F2"),8} {Format(Run.CpuSeconds, "F2"),8} {Format(Run.PeakMegabytes, "F0"),8} {Compute(),8} {Format(TimeRatio, "F2"),11} {Format(CpuRatio, "F2"),6} {Format(MemoryRatio, "F2"),13} {overlap,7} {difference,12}  {Notes()}");
    }

    public const string CsvHeader = "graph,measure,tool,wall_seconds,cpu_seconds,peak_mb,compute_seconds,time_ratio,cpu_ratio,memory_ratio,top100_overlap,max_relative_difference,notes";

    public string ToCsv()
    {
        var (overlap, difference) = Agreement();
        return string.Join(',', Graph, Measure, Run.Tool, Format(Run.WallSeconds, "R"), Format(Run.CpuSeconds, "R"), Format(Run.PeakMegabytes, "F1"), Run.Result("compute_seconds"), Format(TimeRatio, "F3"), Format(CpuRatio, "F3"), Format(MemoryRatio, "F3"), overlap, difference, "\"" + Notes().Replace("\"", "'", StringComparison.Ordinal) + "\"");
    }

    private string Compute() => double.TryParse(Run.Result("compute_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s.ToString("F3", CultureInfo.InvariantCulture) : "";

    private string Notes()
    {
        if (Run.Problem is not null)
        {
            return Run.Problem;
        }

        var notes = new List<string>();
        foreach (var key in new[] { "modularity", "count", "largest", "converged", "iterations" })
        {
            var value = Run.Result(key);
            if (value.Length > 0)
            {
                notes.Add($"{key}={(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && key == "modularity" ? d.ToString("F4", CultureInfo.InvariantCulture) : value)}");
            }
        }

        if (Ours is not null && double.TryParse(Ours.Result("modularity"), NumberStyles.Float, CultureInfo.InvariantCulture, out var mine)
            && double.TryParse(Run.Result("modularity"), NumberStyles.Float, CultureInfo.InvariantCulture, out var theirs))
        {
            notes.Add($"ΔQ(SoMe−peer)={(mine - theirs).ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)}");
        }

        if (Ours is not null && Ours.Result("count").Length > 0 && Run.Result("count").Length > 0 && Measure is "wcc" or "scc")
        {
            notes.Add(Ours.Result("count") == Run.Result("count") && Ours.Result("largest") == Run.Result("largest") ? "same components" : "DIFFERENT components");
        }

        if (Measure == "closeness" && Run.Tool is "igraph" or "graph-tool")
        {
            notes.Add("values compared without the Wasserman-Faust factor, which this peer omits");
        }

        return string.Join("; ", notes);
    }

    /// <summary>Top-100 overlap (ties broken by id, the same rule for both) and the largest relative difference over nodes
    /// whose reference value is at least 1e-6 of the largest.</summary>
    private (string Overlap, string Difference) Agreement()
    {
        if (Ours?.Scores is not { } oursScores || Run.Scores is not { } theirs || theirs.Count == 0)
        {
            return ("", "");
        }

        var mine = new Dictionary<string, double>(oursScores, StringComparer.Ordinal);

        if (Measure == "closeness" && Run.Tool is "igraph" or "graph-tool" && Ours.SecondColumn is { } reached)
        {
            // Peer: (r − 1)/Σd. Ours: the same times (r − 1)/(n − 1); divide it back out.
            var n = mine.Count;
            foreach (var (id, value) in oursScores)
            {
                mine[id] = reached[id] > 0 ? value * (n - 1) / reached[id] : 0.0;
            }
        }

        var k = Math.Min(100, Math.Min(mine.Count, theirs.Count));
        var topMine = Top(mine, k);
        var topTheirs = Top(theirs, k);
        var overlap = topMine.Intersect(topTheirs, StringComparer.Ordinal).Count();
        var largest = theirs.Values.Max(Math.Abs);
        var floor = Math.Max(largest * 1e-6, 1e-300);
        var worst = 0.0;
        foreach (var (id, reference) in theirs)
        {
            if (mine.TryGetValue(id, out var value) && Math.Abs(reference) >= floor)
            {
                worst = Math.Max(worst, Math.Abs(value - reference) / Math.Abs(reference));
            }
        }

        return ($"{overlap}/{k}", worst.ToString("0.0e+00", CultureInfo.InvariantCulture));
    }

    /// <summary>Top k by value rounded to 9 significant digits (so values equal up to rounding noise tie), then by id.</summary>
    private static HashSet<string> Top(IReadOnlyDictionary<string, double> scores, int k) =>
        scores.OrderByDescending(p => double.Parse(p.Value.ToString("G9", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            .ThenBy(p => p.Key, StringComparer.Ordinal).Take(k).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    private static string Format(double value, string format) => double.IsNaN(value) ? "" : value.ToString(format, CultureInfo.InvariantCulture);

    public static void PrintSummary(IReadOnlyList<PeerRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine("Summary: SoMeScholar wall time / peer wall time (below 1 = SoMeScholar faster), by peer and measure, over the graphs run:");
        foreach (var group in rows.Where(r => r.Ours is not null && !double.IsNaN(r.TimeRatio)).GroupBy(r => (r.Run.Tool, r.Measure)).OrderBy(g => g.Key.Tool, StringComparer.Ordinal))
        {
            var worst = group.MaxBy(r => r.TimeRatio)!;
            var memory = group.Max(r => r.MemoryRatio);
            Console.WriteLine($"  {group.Key.Tool,-12} {group.Key.Measure,-12} worst time ratio {worst.TimeRatio.ToString("F2", CultureInfo.InvariantCulture)} ({worst.Graph}), worst memory ratio {memory.ToString("F2", CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine();
        Console.WriteLine("Issue 4 targets (whole process): every measure >= 20x faster than networkx (ratio <= 0.05); PageRank, eigenvector,");
        Console.WriteLine("closeness, components, Louvain at least as fast as igraph; exact betweenness at least as fast as graph-tool (same threads);");
        Console.WriteLine("peak memory <= igraph's; Louvain modularity within 0.005 of igraph's. Rows that miss one (on wall time; the");
        Console.WriteLine("CPU-time ratio beside it, user + system over all threads, is less disturbed by other work on a shared machine):");
        var missed = 0;
        foreach (var row in rows.Where(r => r.Ours is not null && !double.IsNaN(r.TimeRatio)))
        {
            foreach (var miss in row.MissedTargets())
            {
                Console.WriteLine($"  {row.Graph,-10} {row.Measure,-12} {row.Run.Tool,-12} {miss}");
                missed++;
            }
        }

        if (missed == 0)
        {
            Console.WriteLine("  none");
        }
    }

    /// <summary>The issue's targets this row misses, as readable phrases.</summary>
    public IEnumerable<string> MissedTargets()
    {
        var ratio = TimeRatio.ToString("F3", CultureInfo.InvariantCulture) + $" (CPU-time ratio {CpuRatio.ToString("F3", CultureInfo.InvariantCulture)})";
        if (Run.Tool == "networkx" && TimeRatio > 0.05)
        {
            yield return $"not 20x faster than networkx: time ratio {ratio} (needs <= 0.05)";
        }

        if (Run.Tool == "igraph" && Measure is "pagerank" or "eigenvector" or "closeness" or "wcc" or "scc" or "louvain" && TimeRatio > 1)
        {
            yield return $"slower than igraph: time ratio {ratio}";
        }

        if (Run.Tool == "graph-tool" && Measure == "betweenness" && TimeRatio > 1)
        {
            yield return $"slower than graph-tool: time ratio {ratio}";
        }

        if (Run.Tool == "igraph" && MemoryRatio > 1)
        {
            yield return $"more peak memory than igraph: ratio {MemoryRatio.ToString("F2", CultureInfo.InvariantCulture)}";
        }

        if (Run.Tool == "igraph" && Ours is not null && double.TryParse(Ours.Result("modularity"), NumberStyles.Float, CultureInfo.InvariantCulture, out var mine)
            && double.TryParse(Run.Result("modularity"), NumberStyles.Float, CultureInfo.InvariantCulture, out var theirs) && mine < theirs - 0.005)
        {
            yield return $"modularity {mine.ToString("F4", CultureInfo.InvariantCulture)} more than 0.005 below igraph's {theirs.ToString("F4", CultureInfo.InvariantCulture)}";
        }
    }
}
