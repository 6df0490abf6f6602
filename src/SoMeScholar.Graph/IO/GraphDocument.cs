using System.Collections.ObjectModel;
using System.Globalization;
using SoMeScholar.Graph.Communities;

namespace SoMeScholar.Graph.IO;

/// <summary>Value type of a node attribute in GraphML and GEXF files.</summary>
public enum AttributeType
{
    /// <summary>GraphML "string", GEXF "string".</summary>
    Text,

    /// <summary>GraphML "int", GEXF "integer".</summary>
    Whole,

    /// <summary>"long".</summary>
    LargeWhole,

    /// <summary>"double".</summary>
    Real,

    /// <summary>"boolean".</summary>
    Flag,
}

/// <summary>One node attribute column: a value (invariant-culture text, or null when absent) per node index.</summary>
public sealed record NodeColumn(string Name, AttributeType Type, IReadOnlyList<string?> Values);

/// <summary>
/// A graph with what files carry beside its structure: node labels and node attribute columns. Readers return it; writers
/// take it, so measures and communities can be exported for Gephi or NodeXL.
/// </summary>
public sealed class GraphDocument
{
    public GraphDocument(CsrGraph graph, IReadOnlyList<string?>? labels = null, IReadOnlyList<NodeColumn>? nodeAttributes = null)
    {
        Graph = graph;
        Labels = labels ?? new ReadOnlyCollection<string?>(new string?[graph.NodeCount]);
        NodeColumns = nodeAttributes ?? [];
        if (Labels.Count != graph.NodeCount)
        {
            throw new ArgumentException($"{Labels.Count} labels for {graph.NodeCount} nodes.", nameof(labels));
        }

        foreach (var attribute in NodeColumns)
        {
            if (attribute.Values.Count != graph.NodeCount)
            {
                throw new ArgumentException($"Attribute '{attribute.Name}' has {attribute.Values.Count} values for {graph.NodeCount} nodes.", nameof(nodeAttributes));
            }
        }
    }

    public CsrGraph Graph { get; }

    /// <summary>Node labels by index (null = none).</summary>
    public IReadOnlyList<string?> Labels { get; }

    public IReadOnlyList<NodeColumn> NodeColumns { get; }

    /// <summary>Edge attribute columns (e.g. NodeXL's "Relationship"), each with one value per out-edge position of the CSR
    /// graph (<see cref="CsrGraph.OutTargets"/>); writers emit, for each edge they write, the value at its position.
    /// Readers leave this empty.</summary>
    public IReadOnlyList<NodeColumn> EdgeColumns
    {
        get => _edgeColumns;
        init
        {
            foreach (var column in value)
            {
                if (column.Values.Count != Graph.OutTargets.Length)
                {
                    throw new ArgumentException($"Edge attribute '{column.Name}' has {column.Values.Count} values for {Graph.OutTargets.Length} edge positions.", nameof(value));
                }
            }

            _edgeColumns = value;
        }
    }

    private readonly IReadOnlyList<NodeColumn> _edgeColumns = [];

    /// <summary>A document holding the graph, optional labels, each measure as a double attribute and the communities as
    /// an integer attribute named "community".</summary>
    public static GraphDocument WithMeasures(CsrGraph graph, IEnumerable<NodeScores> measures, CommunityAssignment? communities = null, IReadOnlyList<string?>? labels = null)
    {
        var attributes = new List<NodeColumn>();
        foreach (var scores in measures)
        {
            var values = new string?[graph.NodeCount];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = scores[v].ToString("R", CultureInfo.InvariantCulture);
            }

            attributes.Add(new NodeColumn(scores.Measure, AttributeType.Real, values));
        }

        if (communities is not null)
        {
            var values = new string?[graph.NodeCount];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = communities.CommunityOf(v).ToString(CultureInfo.InvariantCulture);
            }

            attributes.Add(new NodeColumn("community", AttributeType.Whole, values));
        }

        return new GraphDocument(graph, labels, attributes);
    }

    internal static string TypeName(AttributeType type, bool gexf) => type switch
    {
        AttributeType.Whole => gexf ? "integer" : "int",
        AttributeType.LargeWhole => "long",
        AttributeType.Real => "double",
        AttributeType.Flag => "boolean",
        _ => "string",
    };

    internal static AttributeType? ParseType(string? name) => name?.ToLowerInvariant() switch
    {
        "int" or "integer" or "short" or "byte" => AttributeType.Whole,
        "long" or "biginteger" => AttributeType.LargeWhole,
        "double" or "float" or "bigdecimal" => AttributeType.Real,
        "boolean" => AttributeType.Flag,
        "string" or "anyuri" or "char" => AttributeType.Text,
        null => AttributeType.Text,
        _ => null,
    };
}
