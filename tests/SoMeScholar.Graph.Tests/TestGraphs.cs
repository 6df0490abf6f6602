using System.Globalization;
using SoMeScholar.Graph.IO;
using SoMeScholar.Testing;

namespace SoMeScholar.Graph.Tests;

/// <summary>Graphs used across the tests: small ones drawn in code, and the shared reference graphs.</summary>
internal static class TestGraphs
{
    public static CsrGraph FromEdges(bool directed, params (string Source, string Target)[] edges)
    {
        var builder = new GraphBuilder(directed);
        foreach (var (s, t) in edges)
        {
            builder.AddEdge(s, t);
        }

        return builder.Build();
    }

    /// <summary>Edges written "a-b c-d", nodes added in order of appearance.</summary>
    public static CsrGraph Parse(bool directed, string edges)
    {
        var builder = new GraphBuilder(directed);
        foreach (var pair in edges.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('-');
            builder.AddEdge(parts[0], parts[1]);
        }

        return builder.Build();
    }

    /// <summary>A shared graph; for nx-* graphs with <paramref name="labelled"/>, ids are the networkx node names.</summary>
    public static CsrGraph Shared(string name, bool directed, bool labelled = false)
    {
        var graph = EdgeListReader.Read(SharedFiles.Graph(name + ".edges.gz"), new EdgeListOptions { Directed = directed });
        if (!labelled)
        {
            return graph;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in SharedFiles.ReadGzipText(SharedFiles.Graph(name + ".labels.gz")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            labels[line[..space]] = line[(space + 1)..].Trim();
        }

        var builder = new GraphBuilder(directed);
        for (var v = 0; v < graph.NodeCount; v++)
        {
            builder.AddNode(labels[graph.NodeId(v)]);
        }

        for (var v = 0; v < graph.NodeCount; v++)
        {
            foreach (var w in graph.OutNeighbors(v))
            {
                if (directed || w >= v)
                {
                    builder.AddEdge(v, w);
                }
            }
        }

        return builder.Build();
    }

    /// <summary>networkx.krackhardt_kite_graph(): networkx/generators/small.py, adjacency as given there.</summary>
    public static CsrGraph KrackhardtKite()
    {
        int[][] adjacency =
        [
            [1, 2, 3, 5], [0, 3, 4, 6], [0, 3, 5], [0, 1, 2, 4, 5, 6], [1, 3, 6],
            [0, 2, 3, 6, 7], [1, 3, 4, 5, 7], [5, 6, 8], [7, 9], [8],
        ];
        var builder = new GraphBuilder(directed: false);
        for (var v = 0; v < adjacency.Length; v++)
        {
            builder.AddNode(v.ToString(CultureInfo.InvariantCulture));
        }

        for (var v = 0; v < adjacency.Length; v++)
        {
            foreach (var w in adjacency[v])
            {
                builder.AddEdge(v, w);
            }
        }

        return builder.Build();
    }

    public static CsrGraph Complete(int n, bool directed)
    {
        var builder = new GraphBuilder(directed);
        for (var v = 0; v < n; v++)
        {
            builder.AddNode(v.ToString(CultureInfo.InvariantCulture));
        }

        for (var v = 0; v < n; v++)
        {
            for (var w = 0; w < n; w++)
            {
                if (v != w && (directed || v < w))
                {
                    builder.AddEdge(v, w);
                }
            }
        }

        return builder.Build();
    }

    public static void AssertScores(NodeScores scores, IReadOnlyDictionary<string, double> expected, double tolerance)
    {
        Assert.Equal(expected.Count, scores.Count);
        foreach (var (id, value) in expected)
        {
            var actual = scores[id];
            Assert.True(Math.Abs(actual - value) <= tolerance, $"{scores.Measure}[{id}] = {actual}, expected {value} ± {tolerance}");
        }
    }

    public static void AssertSome(NodeScores scores, IReadOnlyDictionary<string, double> expected, double tolerance)
    {
        foreach (var (id, value) in expected)
        {
            var actual = scores[id];
            Assert.True(Math.Abs(actual - value) <= tolerance, $"{scores.Measure}[{id}] = {actual}, expected {value} ± {tolerance}");
        }
    }
}
