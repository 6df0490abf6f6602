using System.Xml;

namespace SoMeScholar.Graph.IO;

/// <summary>
/// Reads GEXF 1.1–1.3 (https://gexf.net): <c>defaultedgetype</c>, node attributes declared with
/// <c>&lt;attributes class="node"&gt;</c> (their defaults, and <c>attvalue</c>s; a dynamic attribute with several values
/// keeps the last one), node labels, and edges with their <c>weight</c>. Visual data (viz), spells and edge attributes
/// are not kept. A graph whose default edge type is "undirected" or "mutual" is read as undirected. Malformed input
/// raises <see cref="GraphFormatException"/> with file and line.
/// </summary>
public static class GexfReader
{
    public static GraphDocument Read(string path, GraphBuilderOptions? options = null)
    {
        using var stream = GraphFile.OpenMaybeCompressed(path);
        return Read(stream, path, options);
    }

    public static GraphDocument Read(Stream stream, string name, GraphBuilderOptions? options = null)
    {
        var parts = new XmlGraphParts(name);
        var attributes = new Dictionary<string, (string Title, AttributeType Type, string? Default)>(StringComparer.Ordinal);
        var seenGraph = false;
        var attributeClass = "";
        string? attributeId = null;
        var currentNode = -1;
        using var reader = XmlGraphParts.Open(stream);
        try
        {
            reader.Read();
            while (!reader.EOF)
            {
                var line = XmlGraphParts.LineOf(reader);
                var moved = false;
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "graph":
                            seenGraph = true;
                            var type = reader.GetAttribute("defaultedgetype") ?? "undirected";
                            parts.Directed = type switch
                            {
                                "directed" => true,
                                "undirected" or "mutual" => false,
                                _ => throw new GraphFormatException(name, line, $"defaultedgetype must be directed, undirected or mutual, not '{type}'"),
                            };
                            break;
                        case "attributes":
                            attributeClass = reader.GetAttribute("class") ?? "node";
                            break;
                        case "attribute" when attributeClass == "node":
                        {
                            var id = GraphMLReader.Required(reader, "id", name);
                            var title = reader.GetAttribute("title") ?? id;
                            var typeName = reader.GetAttribute("type");
                            var kind = GraphDocument.ParseType(typeName) ?? (typeName is not null && typeName.StartsWith("list", StringComparison.Ordinal)
                                ? AttributeType.Text
                                : throw new GraphFormatException(name, line, $"attribute '{id}' has unknown type '{typeName}'"));
                            attributes[id] = (title, kind, null);
                            parts.Column(title, kind);
                            attributeId = reader.IsEmptyElement ? null : id;
                            break;
                        }

                        case "default" when attributeId is not null:
                        {
                            var value = reader.IsEmptyElement ? string.Empty : reader.ReadElementContentAsString();
                            moved = true;
                            var declared = attributes[attributeId];
                            attributes[attributeId] = declared with { Default = value };
                            break;
                        }

                        case "node" when seenGraph:
                            if (currentNode >= 0)
                            {
                                throw new GraphFormatException(name, line, "nested (hierarchical) nodes are not supported");
                            }

                            currentNode = parts.AddNode(GraphMLReader.Required(reader, "id", name), line);
                            parts.Labels[currentNode] = reader.GetAttribute("label");
                            foreach (var declared in attributes.Values)
                            {
                                if (declared.Default is not null)
                                {
                                    parts.Columns[parts.Column(declared.Title, declared.Type)].Values[currentNode] = declared.Default;
                                }
                            }

                            if (reader.IsEmptyElement)
                            {
                                currentNode = -1;
                            }

                            break;
                        case "attvalue" when currentNode >= 0:
                        {
                            var key = reader.GetAttribute("for") ?? reader.GetAttribute("id")
                                ?? throw new GraphFormatException(name, line, "<attvalue> has no 'for' attribute");
                            if (!attributes.TryGetValue(key, out var declared))
                            {
                                throw new GraphFormatException(name, line, $"attvalue refers to undeclared node attribute '{key}'");
                            }

                            var value = GraphMLReader.Required(reader, "value", name);
                            parts.Columns[parts.Column(declared.Title, declared.Type)].Values[currentNode] = value;
                            break;
                        }

                        case "edge" when seenGraph:
                        {
                            var source = GraphMLReader.Required(reader, "source", name);
                            var target = GraphMLReader.Required(reader, "target", name);
                            var weightText = reader.GetAttribute("weight");
                            double? weight = weightText is null ? null : XmlGraphParts.ParseWeight(weightText, name, line);
                            parts.AddEdge(source, target, weight, line);
                            break;
                        }
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    switch (reader.LocalName)
                    {
                        case "node":
                            currentNode = -1;
                            break;
                        case "attribute":
                            attributeId = null;
                            break;
                        case "attributes":
                            attributeClass = "";
                            break;
                    }
                }

                if (!moved)
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e)
        {
            throw new GraphFormatException(name, e.LineNumber, $"not well-formed XML: {e.Message}", e);
        }

        if (!seenGraph)
        {
            throw new GraphFormatException(name, 0, "no <graph> element found; is this a GEXF file?");
        }

        return parts.Build(options);
    }
}
