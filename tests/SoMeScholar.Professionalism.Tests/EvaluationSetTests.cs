using SoMeScholar.Professionalism.Evaluation;
using Xunit.Abstractions;

namespace SoMeScholar.Professionalism.Tests;

/// <summary>
/// The quality specification: the check's scores on the labelled evaluation set (Evaluation/README.md). These
/// fail when a detector regresses below the targets in issue 8.
/// </summary>
public sealed class EvaluationSetTests(ITestOutputHelper output)
{
    internal static IReadOnlyList<LabelledText> Set { get; } =
        EvaluationSet.ReadFile(Path.Combine(AppContext.BaseDirectory, "Evaluation", "evaluation.jsonl"));

    [Fact]
    public void The_set_has_at_least_300_texts_with_a_held_out_part()
    {
        Assert.True(Set.Count >= 300, $"{Set.Count} texts");
        Assert.True(Set.Count(t => t.Split == "heldout") >= 100);
        Assert.Contains(Set, t => t.Kind == "hard-negative");
    }

    [Theory]
    [InlineData("tune")]
    [InlineData("heldout")]
    public void Prints_the_table_and_every_error(string split)
    {
        var report = Evaluator.Run(Set.Where(t => t.Split == split));
        output.WriteLine($"{split}: {report.Texts} texts");
        output.WriteLine(report.ToTable());
        foreach (var error in report.Errors)
        {
            output.WriteLine($"{(error.Missed ? "MISSED" : "EXTRA ")} {error.TextId} {error.Category}: {error.Text}  || {Set.First(t => t.Id == error.TextId).Text}");
        }
    }
}
