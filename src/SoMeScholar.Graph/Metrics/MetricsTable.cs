using System.Collections.ObjectModel;
using System.Globalization;

namespace SoMeScholar.Graph.Metrics;

/// <summary>Measures for every node of one graph: one <see cref="NodeScores"/> column per measure, with the options used.</summary>
public sealed class MetricsTable
{
    private readonly NodeScores[] _columns;

    internal MetricsTable(CsrGraph graph, NodeScores[] columns, MetricsOptions options)
    {
        Graph = graph;
        _columns = columns;
        Options = options;
    }

    public CsrGraph Graph { get; }

    public MetricsOptions Options { get; }

    public IReadOnlyList<NodeScores> Columns => new ReadOnlyCollection<NodeScores>(_columns);

    public NodeScores this[string measure] => _columns.FirstOrDefault(c => c.Measure == measure)
        ?? throw new KeyNotFoundException($"The table has no column '{measure}'.");

    /// <summary>
    /// Writes CSV (RFC 4180, LF line ends): a <c>node</c> column holding the input's ids, then one column per measure,
    /// one row per node in input order; numbers in invariant culture with round-trip precision.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write("node");
        foreach (var column in _columns)
        {
            writer.Write(',');
            writer.Write(Quote(column.Measure));
        }

        writer.Write('\n');
        for (var v = 0; v < Graph.NodeCount; v++)
        {
            writer.Write(Quote(Graph.NodeId(v)));
            foreach (var column in _columns)
            {
                writer.Write(',');
                writer.Write(column[v].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    internal static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
