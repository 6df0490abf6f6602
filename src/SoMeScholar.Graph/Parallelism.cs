namespace SoMeScholar.Graph;

/// <summary>Runs loops over node ranges on the thread pool. Work is split into fixed ranges, so each node's result is
/// computed by one thread in a fixed order and results never depend on the number of threads.</summary>
internal static class Parallelism
{
    /// <summary>Threads to use: the requested number, else the processor count.</summary>
    public static int Threads(int? requested) => Math.Max(1, requested ?? Environment.ProcessorCount);

    /// <summary>Calls <paramref name="body"/>(start, end) over consecutive ranges covering 0..n.</summary>
    public static void ForRanges(int n, int? maxThreads, Action<int, int> body, CancellationToken cancellationToken)
    {
        var threads = Threads(maxThreads);
        if (threads == 1 || n < 4096)
        {
            cancellationToken.ThrowIfCancellationRequested();
            body(0, n);
            return;
        }

        const int RangeSize = 2048;
        var ranges = (n + RangeSize - 1) / RangeSize;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, ranges, options, r => body(r * RangeSize, Math.Min(n, (r + 1) * RangeSize)));
    }
}
