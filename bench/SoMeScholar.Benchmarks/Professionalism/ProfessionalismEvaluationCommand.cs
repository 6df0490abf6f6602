using System.Diagnostics;
using SoMeScholar.Professionalism;
using SoMeScholar.Professionalism.Evaluation;

namespace SoMeScholar.Benchmarks.Professionalism;

/// <summary>
/// Prints the evaluation table (precision, recall, F1 per category) for the labelled set, per split, and the
/// wall-clock time per text. `./bench.sh professionalism-eval [path/to/evaluation.jsonl]`.
/// </summary>
public sealed class ProfessionalismEvaluationCommand : IBenchCommand
{
    public string Name => "professionalism-eval";

    public string Description => "Professionalism check: precision/recall/F1 on the labelled evaluation set, tune and held-out";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var path = args.Length > 0 ? args[0] : FindSet();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("evaluation.jsonl not found; pass its path (tests/SoMeScholar.Professionalism.Tests/Evaluation/evaluation.jsonl).");
            return Task.FromResult(2);
        }

        var set = EvaluationSet.ReadFile(path);
        ProfessionalismChecker.Check("warm up");
        foreach (var split in new[] { "tune", "heldout", "" })
        {
            var texts = set.Where(t => split.Length == 0 || t.Split == split).ToList();
            var clock = Stopwatch.StartNew();
            var report = Evaluator.Run(texts);
            clock.Stop();
            Console.WriteLine($"== {(split.Length == 0 ? "all" : split)}: {report.Texts} texts, {clock.Elapsed.TotalMilliseconds / Math.Max(1, report.Texts):0.000} ms per text");
            Console.WriteLine(report.ToTable());
        }

        return Task.FromResult(0);
    }

    private static string? FindSet()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "SoMeScholar.Professionalism.Tests", "Evaluation", "evaluation.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
