using System.Globalization;

namespace SoMeScholar.Graph.IO;

/// <summary>Writes <c>source target [weight]</c> lines with external ids (each undirected edge once). Ids containing
/// whitespace cannot be written in this format and raise <see cref="ArgumentException"/>.</summary>
public static class EdgeListWriter
{
    public static void Write(CsrGraph graph, TextWriter writer)
    {
        foreach (var id in graph.NodeIds)
        {
            if (id.AsSpan().IndexOfAny(' ', '\t', '\n') >= 0 || id.Contains('\r', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Node id '{id}' contains whitespace and cannot be written to an edge list.", nameof(graph));
            }
        }

        for (var v = 0; v < graph.NodeCount; v++)
        {
            var targets = graph.OutNeighbors(v);
            var weights = graph.OutEdgeWeights(v);
            for (var i = 0; i < targets.Length; i++)
            {
                var w = targets[i];
                if (!graph.IsDirected && w < v)
                {
                    continue;
                }

                writer.Write(graph.NodeId(v));
                writer.Write(' ');
                writer.Write(graph.NodeId(w));
                if (graph.IsWeighted)
                {
                    writer.Write(' ');
                    writer.Write(weights[i].ToString("R", CultureInfo.InvariantCulture));
                }

                writer.Write('\n');
            }
        }
    }
}
