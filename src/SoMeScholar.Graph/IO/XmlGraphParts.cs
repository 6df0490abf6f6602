using System.Xml;

namespace SoMeScholar.Graph.IO;

/// <summary>What the GraphML and GEXF readers collect before building: nodes in file order with labels and attribute
/// values, and edges by external id.</summary>
internal sealed class XmlGraphParts(string file)
{
    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
    private readonly List<(string Source, string Target, double? Weight, long Line)> _edges = [];

    public string File { get; } = file;

    public List<string> NodeIds { get; } = [];

    public List<string?> Labels { get; } = [];

    /// <summary>Column name → (type, values by node index in file order).</summary>
    public List<(string Name, AttributeType Type, List<string?> Values)> Columns { get; } = [];

    public bool Directed { get; set; } = true;

    public int AddNode(string id, long line)
    {
        if (_nodeIndex.ContainsKey(id))
        {
            throw new GraphFormatException(File, line, $"node '{id}' is declared twice");
        }

        var index = NodeIds.Count;
        _nodeIndex.Add(id, index);
        NodeIds.Add(id);
        Labels.Add(null);
        foreach (var column in Columns)
        {
            column.Values.Add(null);
        }

        return index;
    }

    public int Column(string name, AttributeType type)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        var values = new List<string?>(NodeIds.Count);
        for (var i = 0; i < NodeIds.Count; i++)
        {
            values.Add(null);
        }

        Columns.Add((name, type, values));
        return Columns.Count - 1;
    }

    public void AddEdge(string source, string target, double? weight, long line) => _edges.Add((source, target, weight, line));

    public GraphDocument Build(GraphBuilderOptions? options)
    {
        var builder = new GraphBuilder(Directed, options);
        foreach (var id in NodeIds)
        {
            builder.AddNode(id);
        }

        foreach (var (source, target, weight, line) in _edges)
        {
            if (!_nodeIndex.TryGetValue(source, out var s))
            {
                throw new GraphFormatException(File, line, $"edge source '{source}' is not a declared node");
            }

            if (!_nodeIndex.TryGetValue(target, out var t))
            {
                throw new GraphFormatException(File, line, $"edge target '{target}' is not a declared node");
            }

            // Builder indices follow the order nodes were added, which is file order.
            if (weight is { } w)
            {
                builder.AddEdge(s, t, w);
            }
            else
            {
                builder.AddEdge(s, t);
            }
        }

        var graph = builder.Build();
        var labels = new string?[graph.NodeCount];
        var columns = Columns.Select(c => (c.Name, c.Type, Values: new string?[graph.NodeCount])).ToList();
        for (var i = 0; i < NodeIds.Count; i++)
        {
            labels[i] = Labels[i];
            for (var c = 0; c < columns.Count; c++)
            {
                columns[c].Values[i] = Columns[c].Values[i];
            }
        }

        return new GraphDocument(graph, labels, columns.Select(c => new NodeColumn(c.Name, c.Type, c.Values)).ToList());
    }

    public static long LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    });

    public static double ParseWeight(string text, string file, long line)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight))
        {
            throw new GraphFormatException(file, line, $"the edge weight '{text}' is not a finite number");
        }

        return weight;
    }
}
