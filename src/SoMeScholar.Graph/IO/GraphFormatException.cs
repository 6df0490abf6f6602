namespace SoMeScholar.Graph.IO;

/// <summary>A graph file could not be read: says which file, which line, and why.</summary>
public sealed class GraphFormatException : FormatException
{
    public GraphFormatException()
    {
    }

    public GraphFormatException(string message)
        : base(message)
    {
    }

    public GraphFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GraphFormatException(string file, long line, string reason, Exception? innerException = null)
        : base($"{file}:{line}: {reason}", innerException)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file (or stream name) that was being read.</summary>
    public string? File { get; }

    /// <summary>1-based line number, 0 when the problem is not on one line.</summary>
    public long Line { get; }

    public string? Reason { get; }
}
