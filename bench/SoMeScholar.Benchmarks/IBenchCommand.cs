namespace SoMeScholar.Benchmarks;

/// <summary>
/// A benchmark that is a whole program run rather than a BenchmarkDotNet method: it prepares inputs, runs
/// SoMeScholar and the named peer on them in the same run, and prints the figures side by side.
/// Found by reflection, so adding one needs no edit elsewhere.
/// </summary>
public interface IBenchCommand
{
    /// <summary>The name typed on the command line, e.g. "graph-peers".</summary>
    string Name { get; }

    /// <summary>One line for `list`.</summary>
    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
