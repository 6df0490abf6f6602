using System.Xml;

namespace SoMeScholar.Graph.IO;

/// <summary>
/// Reads GraphML (http://graphml.graphdrawing.org): the first <c>graph</c> element, its <c>edgedefault</c>, nodes, edges,
/// and <c>data</c> values of declared <c>key</c>s. A node key named "label" fills <see cref="GraphDocument.Labels"/>;
/// other node keys become <see cref="GraphDocument.NodeColumns"/>; an edge key named "weight" gives edge weights
/// (other edge data is ignored). Nested graphs and hyperedges are not supported and raise
/// <see cref="GraphFormatException"/>, as do malformed XML, unknown keys and edges naming undeclared nodes.
/// </summary>
public static class GraphMLReader
{
    public static GraphDocument Read(string path, GraphBuilderOptions? options = null)
    {
        using var stream = GraphFile.OpenMaybeCompressed(path);
        return Read(stream, path, options);
    }

    public static GraphDocument Read(Stream stream, string name, GraphBuilderOptions? options = null)
    {
        var parts = new XmlGraphParts(name);
        var keys = new Dictionary<string, (string For, string Name, AttributeType Type, string? Default)>(StringComparer.Ordinal);
        using var reader = XmlGraphParts.Open(stream);
        var inGraph = false;
        var graphs = 0;
        var currentNode = -1;
        string? edgeSource = null, edgeTarget = null;
        double? edgeWeight = null;
        long edgeLine = 0;
        string? pendingKey = null;
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
                        case "key":
                        {
                            var id = Required(reader, "id", name);
                            var forWhat = reader.GetAttribute("for") ?? "all";
                            var attrName = reader.GetAttribute("attr.name") ?? id;
                            var type = GraphDocument.ParseType(reader.GetAttribute("attr.type"))
                                ?? throw new GraphFormatException(name, line, $"key '{id}' has unknown attr.type '{reader.GetAttribute("attr.type")}'");
                            string? fallback = null;
                            if (!reader.IsEmptyElement)
                            {
                                using var sub = reader.ReadSubtree();
                                while (sub.Read())
                                {
                                    if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "default")
                                    {
                                        fallback = sub.ReadElementContentAsString();
                                    }
                                }
                            }

                            keys[id] = (forWhat, attrName, type, fallback);
                            break;
                        }

                        case "graph":
                            if (inGraph)
                            {
                                throw new GraphFormatException(name, line, "nested graphs are not supported");
                            }

                            if (++graphs > 1)
                            {
                                // Only the first graph of a file is read.
                                reader.Skip();
                                moved = true;
                                break;
                            }

                            inGraph = true;
                            var edgeDefault = reader.GetAttribute("edgedefault") ?? "directed";
                            parts.Directed = edgeDefault switch
                            {
                                "directed" => true,
                                "undirected" => false,
                                _ => throw new GraphFormatException(name, line, $"edgedefault must be 'directed' or 'undirected', not '{edgeDefault}'"),
                            };
                            foreach (var key in keys)
                            {
                                if (key.Value.For is "node" or "all" && key.Value.Name != "label")
                                {
                                    parts.Column(key.Value.Name, key.Value.Type);
                                }
                            }

                            break;
                        case "node" when inGraph:
                            currentNode = parts.AddNode(Required(reader, "id", name), line);
                            foreach (var key in keys.Values)
                            {
                                if (key.For is "node" or "all" && key.Default is not null)
                                {
                                    SetNodeValue(parts, currentNode, key.Name, key.Type, key.Default);
                                }
                            }

                            if (reader.IsEmptyElement)
                            {
                                currentNode = -1;
                            }

                            break;
                        case "edge" when inGraph:
                            edgeSource = Required(reader, "source", name);
                            edgeTarget = Required(reader, "target", name);
                            edgeWeight = null;
                            edgeLine = line;
                            foreach (var key in keys.Values)
                            {
                                if (key.For is "edge" or "all" && key.Name == "weight" && key.Default is not null)
                                {
                                    edgeWeight = XmlGraphParts.ParseWeight(key.Default, name, line);
                                }
                            }

                            if (reader.IsEmptyElement)
                            {
                                parts.AddEdge(edgeSource, edgeTarget, edgeWeight, edgeLine);
                                edgeSource = null;
                            }

                            break;
                        case "hyperedge":
                            throw new GraphFormatException(name, line, "hyperedges are not supported");
                        case "data" when inGraph:
                            pendingKey = Required(reader, "key", name);
                            if (!keys.TryGetValue(pendingKey, out var declared))
                            {
                                throw new GraphFormatException(name, line, $"data refers to undeclared key '{pendingKey}'");
                            }

                            var empty = reader.IsEmptyElement;
                            var value = empty ? string.Empty : reader.ReadElementContentAsString();
                            moved = !empty;
                            if (currentNode >= 0 && edgeSource is null)
                            {
                                SetNodeValue(parts, currentNode, declared.Name, declared.Type, value);
                            }
                            else if (edgeSource is not null && declared.Name == "weight")
                            {
                                edgeWeight = XmlGraphParts.ParseWeight(value.Trim(), name, line);
                            }

                            pendingKey = null;
                            break;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    switch (reader.LocalName)
                    {
                        case "node":
                            currentNode = -1;
                            break;
                        case "edge" when edgeSource is not null:
                            parts.AddEdge(edgeSource, edgeTarget!, edgeWeight, edgeLine);
                            edgeSource = null;
                            break;
                        case "graph":
                            inGraph = false;
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

        if (graphs == 0)
        {
            throw new GraphFormatException(name, 0, "no <graph> element found; is this a GraphML file?");
        }

        return parts.Build(options);
    }

    private static void SetNodeValue(XmlGraphParts parts, int node, string keyName, AttributeType type, string value)
    {
        if (keyName == "label")
        {
            parts.Labels[node] = value;
            return;
        }

        parts.Columns[parts.Column(keyName, type)].Values[node] = value;
    }

    internal static string Required(XmlReader reader, string attribute, string file) =>
        reader.GetAttribute(attribute) ?? throw new GraphFormatException(file, XmlGraphParts.LineOf(reader), $"<{reader.LocalName}> has no '{attribute}' attribute");
}
