using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SoMeScholar.Graph;
using SoMeScholar.Graph.IO;

namespace SoMeScholar.Core.Network;

/// <summary>
/// A graph with what the network section needs beside its structure: node labels (handles), the account behind each node
/// (archive graphs), and per edge the interaction kinds it aggregates (NodeXL's "Relationship"). Edge arrays are indexed
/// by out-edge position in the CSR graph.
/// </summary>
public sealed class SelectionGraph
{
    public SelectionGraph(CsrGraph graph, IReadOnlyList<string?>? labels = null, IReadOnlyList<long?>? accountIds = null, byte[]? edgeKinds = null)
    {
        Graph = graph;
        Labels = labels ?? new string?[graph.NodeCount];
        AccountIds = accountIds ?? new long?[graph.NodeCount];
        EdgeKinds = edgeKinds;
        if (Labels.Count != graph.NodeCount || AccountIds.Count != graph.NodeCount)
        {
            throw new ArgumentException("Labels and account ids must have one entry per node.");
        }

        if (edgeKinds is not null && edgeKinds.Length != graph.OutTargets.Length)
        {
            throw new ArgumentException("Edge kinds must have one entry per out-edge position.", nameof(edgeKinds));
        }
    }

    public CsrGraph Graph { get; }
    public IReadOnlyList<string?> Labels { get; }
    public IReadOnlyList<long?> AccountIds { get; }
    public byte[]? EdgeKinds { get; }

    /// <summary>Selection entries (handles or ids) that matched no account.</summary>
    public IReadOnlyList<string> UnmatchedAccounts { get; init; } = [];

    /// <summary>SHA-256 of the graph in canonical form: direction, weighting, node ids in index order, then every edge
    /// (source index, target index, weight) in CSR order. Two equal graphs have the same fingerprint.</summary>
    public static string Fingerprint(CsrGraph graph)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
        Add(string.Create(CultureInfo.InvariantCulture, $"{(graph.IsDirected ? "directed" : "undirected")} {(graph.IsWeighted ? "weighted" : "unweighted")} {graph.NodeCount}\n"));
        for (var v = 0; v < graph.NodeCount; v++)
        {
            Add(graph.NodeId(v));
            Add("\n");
        }

        var offsets = graph.OutOffsets;
        var targets = graph.OutTargets;
        var weights = graph.OutWeights;
        for (var v = 0; v < graph.NodeCount; v++)
        {
            line.Clear();
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                line.Append(CultureInfo.InvariantCulture, $"{v} {targets[p]}");
                if (graph.IsWeighted)
                {
                    line.Append(' ').Append(weights[p].ToString("R", CultureInfo.InvariantCulture));
                }

                line.Append('\n');
            }

            Add(line.ToString());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A document for the GraphML/GEXF writers: labels, the given node columns, and "Relationship" on edges when
    /// kinds are known.</summary>
    public GraphDocument ToDocument(IReadOnlyList<NodeColumn>? nodeColumns = null)
    {
        IReadOnlyList<NodeColumn> edges = [];
        if (EdgeKinds is not null)
        {
            var values = new string?[EdgeKinds.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = GraphSelection.Relationship(EdgeKinds[i]);
            }

            edges = [new NodeColumn("Relationship", AttributeType.Text, values)];
        }

        return new GraphDocument(Graph, Labels, nodeColumns) { EdgeColumns = edges };
    }

    private const int FormatVersion = 1;

    /// <summary>The compact stored form: gzip of (flags, nodes with id, label and account, edges with weight and kinds).</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8))
        {
            var g = Graph;
            writer.Write(FormatVersion);
            writer.Write(g.IsDirected);
            writer.Write(g.IsWeighted);
            writer.Write(g.HasParallelEdges);
            writer.Write(EdgeKinds is not null);
            writer.Write(g.NodeCount);
            for (var v = 0; v < g.NodeCount; v++)
            {
                writer.Write(g.NodeId(v));
                writer.Write(Labels[v] ?? "");
                writer.Write(Labels[v] is not null);
                writer.Write(AccountIds[v] ?? -1L);
            }

            var offsets = g.OutOffsets;
            var targets = g.OutTargets;
            var weights = g.OutWeights;
            long kept = 0;
            for (var v = 0; v < g.NodeCount; v++)
            {
                for (var p = offsets[v]; p < offsets[v + 1]; p++)
                {
                    if (g.IsDirected || targets[p] >= v)
                    {
                        kept++;
                    }
                }
            }

            writer.Write(kept);
            for (var v = 0; v < g.NodeCount; v++)
            {
                for (var p = offsets[v]; p < offsets[v + 1]; p++)
                {
                    if (!g.IsDirected && targets[p] < v)
                    {
                        continue;
                    }

                    writer.Write(v);
                    writer.Write(targets[p]);
                    if (g.IsWeighted)
                    {
                        writer.Write(weights[p]);
                    }

                    if (EdgeKinds is not null)
                    {
                        writer.Write(EdgeKinds[p]);
                    }
                }
            }
        }

        return buffer.ToArray();
    }

    public static SelectionGraph Deserialize(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown stored graph format.");
        }

        var directed = reader.ReadBoolean();
        var weighted = reader.ReadBoolean();
        var parallel = reader.ReadBoolean();
        var hasKinds = reader.ReadBoolean();
        var n = reader.ReadInt32();
        var builder = new GraphBuilder(directed, new GraphBuilderOptions
        {
            DuplicateEdges = parallel ? DuplicateEdges.KeepParallel : DuplicateEdges.Collapse,
            SelfLoops = SelfLoops.Keep,
        });
        var labels = new string?[n];
        var accounts = new long?[n];
        for (var v = 0; v < n; v++)
        {
            builder.AddNode(reader.ReadString());
            var label = reader.ReadString();
            labels[v] = reader.ReadBoolean() ? label : null;
            var account = reader.ReadInt64();
            accounts[v] = account >= 0 ? account : null;
        }

        var m = reader.ReadInt64();
        var written = hasKinds ? new List<(int Source, int Target, byte Kinds)>((int)Math.Min(m, int.MaxValue)) : null;
        for (long e = 0; e < m; e++)
        {
            var s = reader.ReadInt32();
            var t = reader.ReadInt32();
            if (weighted)
            {
                builder.AddEdge(s, t, reader.ReadDouble());
            }
            else
            {
                builder.AddEdge(s, t);
            }

            if (written is not null)
            {
                written.Add((s, t, reader.ReadByte()));
            }
        }

        var graph = builder.Build();
        byte[]? edgeKinds = null;
        if (written is not null)
        {
            // Directed graphs keep addition order per row, and edges were written in CSR order, so positions match.
            edgeKinds = directed ? written.Select(w => w.Kinds).ToArray() : UndirectedKinds(graph, written);
        }

        return new SelectionGraph(graph, labels, accounts, edgeKinds);
    }

    private static byte[] UndirectedKinds(CsrGraph graph, List<(int Source, int Target, byte Kinds)> written)
    {
        var byPair = new Dictionary<(int, int), byte>();
        foreach (var (s, t, k) in written)
        {
            byPair[s <= t ? (s, t) : (t, s)] = k;
        }

        var offsets = graph.OutOffsets;
        var targets = graph.OutTargets;
        var kinds = new byte[targets.Length];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            for (var p = offsets[v]; p < offsets[v + 1]; p++)
            {
                var t = targets[p];
                kinds[p] = byPair.GetValueOrDefault(v <= t ? (v, t) : (t, v));
            }
        }

        return kinds;
    }
}
