using System.IO.Compression;

namespace SoMeScholar.Graph.IO;

/// <summary>The file formats the engine reads and writes.</summary>
public enum GraphFileFormat
{
    /// <summary><c>source target [weight]</c> lines (see <see cref="EdgeListReader"/>).</summary>
    EdgeList,
    GraphML,
    Gexf,
}

/// <summary>
/// Reads and writes graph files by format, chosen from the extension: <c>.graphml</c>, <c>.gexf</c>, anything else is an
/// edge list; a trailing <c>.gz</c> means gzip. This is the entry point for <c>--input FILE</c>.
/// </summary>
public static class GraphFile
{
    public static GraphFileFormat FormatOf(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        if (name.EndsWith(".graphml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            return GraphFileFormat.GraphML;
        }

        return name.EndsWith(".gexf", StringComparison.OrdinalIgnoreCase) ? GraphFileFormat.Gexf : GraphFileFormat.EdgeList;
    }

    /// <summary>Reads a file with its labels and attributes. <paramref name="directed"/> applies to edge lists (GraphML and
    /// GEXF declare their own); <paramref name="options"/> says how duplicate edges and self-loops are treated.</summary>
    public static GraphDocument Read(string path, bool directed = true, GraphBuilderOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Graph file not found: {path}", path);
        }

        return FormatOf(path) switch
        {
            GraphFileFormat.GraphML => GraphMLReader.Read(path, options),
            GraphFileFormat.Gexf => GexfReader.Read(path, options),
            _ => new GraphDocument(EdgeListReader.Read(path, new EdgeListOptions { Directed = directed, Builder = options ?? new GraphBuilderOptions() })),
        };
    }

    public static void Write(GraphDocument document, string path, GraphFileFormat? format = null)
    {
        using var file = File.Create(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file;
        switch (format ?? FormatOf(path))
        {
            case GraphFileFormat.GraphML:
                GraphMLWriter.Write(document, stream);
                break;
            case GraphFileFormat.Gexf:
                GexfWriter.Write(document, stream);
                break;
            default:
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                {
                    EdgeListWriter.Write(document.Graph, writer);
                }

                break;
        }
    }

    internal static Stream OpenMaybeCompressed(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
