using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Graph.IO;
using SoMeScholar.Graph.Layout;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Core.Network;

/// <summary>Download formats of a stored analysis.</summary>
public enum ExportFormat
{
    Csv,
    GraphML,
    Gexf,
}

/// <summary>A node of the interactive graph view, at (<paramref name="X"/>, <paramref name="Y"/>) in the view's layout.</summary>
public sealed record GraphViewNode(int Index, string Id, string? Label, int Community, double Value, IReadOnlyDictionary<string, double> Scores, double X, double Y);

/// <summary>
/// What the graph view draws: the nodes (at most a cap, the highest on the sizing measure first), edges among them
/// (source and target positions in <see cref="Nodes"/>), the measures that can size nodes, and the name of the layout
/// that placed the nodes (ForceAtlas2 on the drawn subgraph).
/// </summary>
public sealed record GraphView(long AnalysisId, int TotalNodes, long TotalEdges, bool Truncated, string SizeBy, IReadOnlyList<string> Measures, IReadOnlyList<GraphViewNode> Nodes, IReadOnlyList<int[]> Edges, string Layout);

/// <summary>
/// Exports of stored analyses: CSV (the scripting-interface shape), GraphML and GEXF for Gephi and NodeXL, with the
/// measures and communities as node attributes, NodeXL's vertex attribute names for account data ("Followers",
/// "Followed", "Tweets", "Description") and its edge attribute "Relationship" (e.g. "Mentions; Replies to"); and the
/// data of the graph view.
/// </summary>
public sealed class NetworkExport(ScholarDb db, NetworkAnalyses analyses, TimeProvider clock)
{
    public static ExportFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "graphml" or "xml" => ExportFormat.GraphML,
        "gexf" => ExportFormat.Gexf,
        _ => throw new ArgumentException($"Unknown export format '{text}'; use csv, graphml or gexf."),
    };

    public static (string ContentType, string Extension) MediaType(ExportFormat format) => format switch
    {
        ExportFormat.GraphML => ("application/graphml+xml", "graphml"),
        ExportFormat.Gexf => ("application/gexf+xml", "gexf"),
        _ => ("text/csv", "csv"),
    };

    public async Task WriteAsync(long id, ExportFormat format, Stream stream, CancellationToken cancellationToken = default)
    {
        var analysis = await analyses.GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        if (format == ExportFormat.Csv)
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            await analyses.WriteCsvAsync(id, writer, cancellationToken);
            return;
        }

        var document = await DocumentAsync(analysis, cancellationToken);
        // The XML writers are synchronous; write to memory first so the response stream is only written asynchronously.
        using var buffer = new MemoryStream();
        if (format == ExportFormat.GraphML)
        {
            GraphMLWriter.Write(document, buffer);
        }
        else
        {
            GexfWriter.Write(document, buffer, $"{analysis.Title}: {NetworkAnalyses.Inputs(analysis)}; {analysis.Parameters().Describe()}; SoMeScholar {analysis.SoftwareVersion}",
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken);
    }

    /// <summary>The stored graph with labels, measures ("community" as an integer), NodeXL account attributes and edge relationships.</summary>
    public async Task<GraphDocument> DocumentAsync(NetworkAnalysis analysis, CancellationToken cancellationToken = default)
    {
        var graph = await analyses.GraphAsync(analysis.Id, cancellationToken);
        var nodes = await analyses.NodesAsync(analysis.Id, cancellationToken);
        var n = graph.Graph.NodeCount;
        var columns = new List<NodeColumn>();
        foreach (var measure in NetworkAnalyses.MeasuresOf(analysis))
        {
            var whole = NetworkAnalyses.IsWhole(measure);
            var values = new string?[n];
            for (var v = 0; v < n; v++)
            {
                values[v] = nodes[v].Get(measure) is { } value ? (whole ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture)) : null;
            }

            columns.Add(new NodeColumn(MeasureNames.Name(measure), whole ? AttributeType.Whole : AttributeType.Real, values));
        }

        if (graph.AccountIds.Any(a => a is not null))
        {
            columns.AddRange(await AccountColumnsAsync(graph.AccountIds, cancellationToken));
        }

        return graph.ToDocument(columns);
    }

    private async Task<IEnumerable<NodeColumn>> AccountColumnsAsync(IReadOnlyList<long?> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Where(a => a is not null).Select(a => a!.Value).Distinct().ToList();
        var accounts = new Dictionary<long, (string Platform, string? Bio, long? Followers, long? Following, long? Posts)>();
        foreach (var chunk in ids.Chunk(5_000))
        {
            var rows = await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.Platform, a.Bio }).ToListAsync(cancellationToken);
            var snapshots = await db.FollowerSnapshots.AsNoTracking().Where(s => chunk.Contains(s.AccountId))
                .Select(s => new { s.AccountId, s.ObservedAt, s.Followers, s.Following, s.Posts }).ToListAsync(cancellationToken);
            var latest = snapshots.GroupBy(s => s.AccountId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.ObservedAt)!);
            foreach (var row in rows)
            {
                latest.TryGetValue(row.Id, out var snapshot);
                accounts[row.Id] = (row.Platform.ToString(), row.Bio, snapshot?.Followers, snapshot?.Following, snapshot?.Posts);
            }
        }

        string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<string?> Column(Func<(string Platform, string? Bio, long? Followers, long? Following, long? Posts), string?> pick) =>
            accountIds.Select(a => a is { } id && accounts.TryGetValue(id, out var account) ? pick(account) : null).ToList();
        return
        [
            new NodeColumn("Followers", AttributeType.LargeWhole, Column(a => Text(a.Followers))),
            new NodeColumn("Followed", AttributeType.LargeWhole, Column(a => Text(a.Following))),
            new NodeColumn("Tweets", AttributeType.LargeWhole, Column(a => Text(a.Posts))),
            new NodeColumn("Description", AttributeType.Text, Column(a => a.Bio)),
            new NodeColumn("Platform", AttributeType.Text, Column(a => a.Platform)),
        ];
    }

    /// <summary>
    /// The graph view's data: up to <paramref name="maxNodes"/> nodes, the highest on <paramref name="sizeBy"/> first
    /// (default PageRank, else in-degree, else the first measure), each with its community and scores, and the edges
    /// among them.
    /// </summary>
    public async Task<GraphView> ViewAsync(long id, string? sizeBy = null, int maxNodes = 5_000, CancellationToken cancellationToken = default)
    {
        var analysis = await analyses.GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        var measures = NetworkAnalyses.MeasuresOf(analysis);
        var numeric = measures.Where(m => !NetworkAnalyses.IsWhole(m) || m == Measure.KCore).ToList();
        Measure? size = sizeBy is not null && MeasureNames.TryParse(sizeBy, out var parsed) && numeric.Contains(parsed) ? parsed
            : numeric.Contains(Measure.PageRank) ? Measure.PageRank
            : numeric.Contains(Measure.InDegree) ? Measure.InDegree
            : numeric.Count > 0 ? numeric[0] : null;
        Measure? colour = measures.Contains(Measure.Community) ? Measure.Community
            : measures.Contains(Measure.Leiden) ? Measure.Leiden
            : measures.Contains(Measure.WeakComponent) ? Measure.WeakComponent : null;

        var graph = await analyses.GraphAsync(id, cancellationToken);
        var nodes = await analyses.NodesAsync(id, cancellationToken);
        var order = Enumerable.Range(0, nodes.Count).ToArray();
        if (size is { } s)
        {
            Array.Sort(order, (a, b) =>
            {
                var byValue = (nodes[b].Get(s) ?? 0).CompareTo(nodes[a].Get(s) ?? 0);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });
        }

        var cap = Math.Clamp(maxNodes, 1, 50_000);
        var chosen = order.Take(cap).Order().ToArray();
        var g = graph.Graph;

        // A force-directed layout of exactly the drawn subgraph: linked accounts end up close, communities as clusters.
        var drawn = new bool[g.NodeCount];
        foreach (var v in chosen)
        {
            drawn[v] = true;
        }

        var (subgraph, originalIndex) = g.InducedSubgraph(v => drawn[v]);
        var layout = ForceAtlas2.Compute(subgraph, LayoutOptions, cancellationToken);
        var at = new Dictionary<int, (double X, double Y)>(chosen.Length);
        for (var i = 0; i < originalIndex.Length; i++)
        {
            at[originalIndex[i]] = (Math.Round(layout.X[i], 2), Math.Round(layout.Y[i], 2));
        }

        var position = new Dictionary<int, int>(chosen.Length);
        var viewNodes = new List<GraphViewNode>(chosen.Length);
        foreach (var v in chosen)
        {
            position[v] = viewNodes.Count;
            var node = nodes[v];
            var scores = numeric.ToDictionary(MeasureNames.Name, m => node.Get(m) ?? 0, StringComparer.Ordinal);
            var (x, y) = at[v];
            viewNodes.Add(new GraphViewNode(v, node.NodeId, node.Label, colour is { } c ? (int)(node.Get(c) ?? 0) : 0, size is { } z ? node.Get(z) ?? 0 : 1, scores, x, y));
        }

        var edges = new List<int[]>();
        foreach (var v in chosen)
        {
            foreach (var t in g.OutNeighbors(v))
            {
                if (t != v && position.TryGetValue(t, out var target) && (g.IsDirected || t > v))
                {
                    edges.Add([position[v], target]);
                }
            }
        }

        return new GraphView(id, nodes.Count, g.EdgeCount, chosen.Length < nodes.Count, size is { } used ? MeasureNames.Name(used) : "", numeric.Select(MeasureNames.Name).ToList(), viewNodes, edges, "forceatlas2");
    }

    /// <summary>ForceAtlas2 with Gephi's settings, a fixed seed (the same view always gets the same picture) and 150
    /// iterations, enough for communities to separate in the drawn views.</summary>
    private static readonly ForceAtlas2Options LayoutOptions = new() { Iterations = 150, Seed = 42 };
}
