using System.Globalization;
using System.Text;
using System.Xml;

namespace SoMeScholar.Graph.IO;

/// <summary>
/// Writes GraphML that Gephi, NodeXL, networkx (<c>read_graphml</c>), igraph and yEd read: node ids are the external ids,
/// labels go to a "label" key, node attributes (measures, communities) to typed keys, and weights to an edge key
/// "weight" when the graph is weighted.
/// </summary>
public static class GraphMLWriter
{
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    public static void Write(GraphDocument document, Stream stream)
    {
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        Write(document, writer);
    }

    public static void Write(GraphDocument document, TextWriter textWriter)
    {
        using var writer = XmlWriter.Create(textWriter, new XmlWriterSettings { Indent = true });
        Write(document, writer);
    }

    private static void Write(GraphDocument document, XmlWriter writer)
    {
        var graph = document.Graph;
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", Namespace);
        writer.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        writer.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", Namespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        var hasLabels = document.Labels.Any(l => l is not null);
        if (hasLabels)
        {
            WriteKey(writer, "label", "node", "label", "string");
        }

        for (var c = 0; c < document.NodeColumns.Count; c++)
        {
            var column = document.NodeColumns[c];
            WriteKey(writer, "d" + c.ToString(CultureInfo.InvariantCulture), "node", column.Name, GraphDocument.TypeName(column.Type, gexf: false));
        }

        if (graph.IsWeighted)
        {
            WriteKey(writer, "weight", "edge", "weight", "double");
        }

        for (var c = 0; c < document.EdgeColumns.Count; c++)
        {
            var column = document.EdgeColumns[c];
            WriteKey(writer, "e" + c.ToString(CultureInfo.InvariantCulture), "edge", column.Name, GraphDocument.TypeName(column.Type, gexf: false));
        }

        writer.WriteStartElement("graph", Namespace);
        writer.WriteAttributeString("id", "G");
        writer.WriteAttributeString("edgedefault", graph.IsDirected ? "directed" : "undirected");
        for (var v = 0; v < graph.NodeCount; v++)
        {
            writer.WriteStartElement("node", Namespace);
            writer.WriteAttributeString("id", graph.NodeId(v));
            if (document.Labels[v] is { } label)
            {
                WriteData(writer, "label", label);
            }

            for (var c = 0; c < document.NodeColumns.Count; c++)
            {
                if (document.NodeColumns[c].Values[v] is { } value)
                {
                    WriteData(writer, "d" + c.ToString(CultureInfo.InvariantCulture), value);
                }
            }

            writer.WriteEndElement();
        }

        for (var v = 0; v < graph.NodeCount; v++)
        {
            var targets = graph.OutNeighbors(v);
            var weights = graph.OutEdgeWeights(v);
            var row = graph.OutOffsets[v];
            for (var i = 0; i < targets.Length; i++)
            {
                if (!graph.IsDirected && targets[i] < v)
                {
                    continue;
                }

                writer.WriteStartElement("edge", Namespace);
                writer.WriteAttributeString("source", graph.NodeId(v));
                writer.WriteAttributeString("target", graph.NodeId(targets[i]));
                if (graph.IsWeighted)
                {
                    WriteData(writer, "weight", weights[i].ToString("R", CultureInfo.InvariantCulture));
                }

                for (var c = 0; c < document.EdgeColumns.Count; c++)
                {
                    if (document.EdgeColumns[c].Values[row + i] is { } value)
                    {
                        WriteData(writer, "e" + c.ToString(CultureInfo.InvariantCulture), value);
                    }
                }

                writer.WriteEndElement();
            }
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteKey(XmlWriter writer, string id, string forWhat, string name, string type)
    {
        writer.WriteStartElement("key", Namespace);
        writer.WriteAttributeString("id", id);
        writer.WriteAttributeString("for", forWhat);
        writer.WriteAttributeString("attr.name", name);
        writer.WriteAttributeString("attr.type", type);
        writer.WriteEndElement();
    }

    private static void WriteData(XmlWriter writer, string key, string value)
    {
        writer.WriteStartElement("data", Namespace);
        writer.WriteAttributeString("key", key);
        writer.WriteString(value);
        writer.WriteEndElement();
    }
}
