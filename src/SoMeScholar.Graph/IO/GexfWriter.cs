using System.Globalization;
using System.Text;
using System.Xml;

namespace SoMeScholar.Graph.IO;

/// <summary>
/// Writes GEXF 1.3 (https://gexf.net/schema.html) for Gephi: a static graph with its default edge type, node labels
/// (the label, else the id), node attributes (measures as double, communities as integer, for Gephi's Appearance and
/// Partition panels), and edges with ids and weights. The output validates against the GEXF 1.3 XML Schema.
/// </summary>
public static class GexfWriter
{
    public const string Namespace = "http://gexf.net/1.3";

    /// <param name="document">Graph, labels and attributes.</param>
    /// <param name="stream">Destination; UTF-8 without BOM.</param>
    /// <param name="description">Optional text for the meta description.</param>
    /// <param name="lastModified">Optional date for the meta element (callers pass their clock; the writer reads none).</param>
    public static void Write(GraphDocument document, Stream stream, string? description = null, DateOnly? lastModified = null)
    {
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        Write(document, writer, description, lastModified);
    }

    public static void Write(GraphDocument document, TextWriter textWriter, string? description = null, DateOnly? lastModified = null)
    {
        using var writer = XmlWriter.Create(textWriter, new XmlWriterSettings { Indent = true });
        Write(document, writer, description, lastModified);
    }

    private static void Write(GraphDocument document, XmlWriter writer, string? description, DateOnly? lastModified)
    {
        var graph = document.Graph;
        writer.WriteStartDocument();
        writer.WriteStartElement("gexf", Namespace);
        writer.WriteAttributeString("version", "1.3");
        writer.WriteStartElement("meta", Namespace);
        if (lastModified is { } date)
        {
            writer.WriteAttributeString("lastmodifieddate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        writer.WriteElementString("creator", Namespace, "SoMeScholar");
        if (description is not null)
        {
            writer.WriteElementString("description", Namespace, description);
        }

        writer.WriteEndElement();
        writer.WriteStartElement("graph", Namespace);
        writer.WriteAttributeString("mode", "static");
        writer.WriteAttributeString("defaultedgetype", graph.IsDirected ? "directed" : "undirected");
        if (document.NodeColumns.Count > 0)
        {
            writer.WriteStartElement("attributes", Namespace);
            writer.WriteAttributeString("class", "node");
            writer.WriteAttributeString("mode", "static");
            for (var c = 0; c < document.NodeColumns.Count; c++)
            {
                var column = document.NodeColumns[c];
                writer.WriteStartElement("attribute", Namespace);
                writer.WriteAttributeString("id", c.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("title", column.Name);
                writer.WriteAttributeString("type", GraphDocument.TypeName(column.Type, gexf: true));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        if (document.EdgeColumns.Count > 0)
        {
            writer.WriteStartElement("attributes", Namespace);
            writer.WriteAttributeString("class", "edge");
            writer.WriteAttributeString("mode", "static");
            for (var c = 0; c < document.EdgeColumns.Count; c++)
            {
                var column = document.EdgeColumns[c];
                writer.WriteStartElement("attribute", Namespace);
                writer.WriteAttributeString("id", "e" + c.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("title", column.Name);
                writer.WriteAttributeString("type", GraphDocument.TypeName(column.Type, gexf: true));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteStartElement("nodes", Namespace);
        writer.WriteAttributeString("count", graph.NodeCount.ToString(CultureInfo.InvariantCulture));
        for (var v = 0; v < graph.NodeCount; v++)
        {
            writer.WriteStartElement("node", Namespace);
            writer.WriteAttributeString("id", graph.NodeId(v));
            writer.WriteAttributeString("label", document.Labels[v] ?? graph.NodeId(v));
            var any = false;
            for (var c = 0; c < document.NodeColumns.Count; c++)
            {
                if (document.NodeColumns[c].Values[v] is not { } value)
                {
                    continue;
                }

                if (!any)
                {
                    writer.WriteStartElement("attvalues", Namespace);
                    any = true;
                }

                writer.WriteStartElement("attvalue", Namespace);
                writer.WriteAttributeString("for", c.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("value", value);
                writer.WriteEndElement();
            }

            if (any)
            {
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteStartElement("edges", Namespace);
        writer.WriteAttributeString("count", graph.EdgeCount.ToString(CultureInfo.InvariantCulture));
        long id = 0;
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
                writer.WriteAttributeString("id", (id++).ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("source", graph.NodeId(v));
                writer.WriteAttributeString("target", graph.NodeId(targets[i]));
                if (graph.IsWeighted)
                {
                    writer.WriteAttributeString("weight", weights[i].ToString("R", CultureInfo.InvariantCulture));
                }

                WriteEdgeValues(writer, document, row + i);
                writer.WriteEndElement();
            }
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteEdgeValues(XmlWriter writer, GraphDocument document, int position)
    {
        var any = false;
        for (var c = 0; c < document.EdgeColumns.Count; c++)
        {
            if (document.EdgeColumns[c].Values[position] is not { } value)
            {
                continue;
            }

            if (!any)
            {
                writer.WriteStartElement("attvalues", Namespace);
                any = true;
            }

            writer.WriteStartElement("attvalue", Namespace);
            writer.WriteAttributeString("for", "e" + c.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("value", value);
            writer.WriteEndElement();
        }

        if (any)
        {
            writer.WriteEndElement();
        }
    }
}
