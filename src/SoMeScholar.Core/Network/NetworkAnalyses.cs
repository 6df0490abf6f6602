using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Communities;
using SoMeScholar.Graph.Metrics;

namespace SoMeScholar.Core.Network;

/// <summary>What to analyse and who asks.</summary>
public sealed record AnalysisRequest
{
    public required string Title { get; init; }
    public GraphSelection Selection { get; init; } = new();
    public AnalysisParameters Parameters { get; init; } = new();

    /// <summary>The signed-in user who asked (null from the command line and the demo, which run with the store owner's rights).</summary>
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public bool IsSynthetic { get; init; }
}

/// <summary>Progress of an analysis job: a stage name and the fraction of the whole job done (0..1).</summary>
public readonly record struct AnalysisProgress(string Stage, double Fraction);

/// <summary>A row of the analysis list.</summary>
public sealed record AnalysisSummary(
    long Id, string Title, AnalysisSource Source, string Inputs, string Measures, string Preset, AnalysisStatus Status, string? Error,
    int NodeCount, long EdgeCount, int? CommunityCount, double? Modularity, DateTime CreatedAt, DateTime? CompletedAt, string? CreatedByName, bool IsSynthetic);

/// <summary>One measure of a recomputation: how many nodes differ from the stored value, and by how much at most.</summary>
public sealed record MeasureComparison(string Measure, int Compared, int Differing, double MaxAbsoluteDifference);

/// <summary>
/// The outcome of recomputing a stored analysis from its inputs: whether the rebuilt graph is the stored one (same
/// fingerprint) and, per measure, whether every stored figure came out the same.
/// </summary>
public sealed record RecomputeResult(
    long AnalysisId, string StoredFingerprint, string RecomputedFingerprint, int StoredNodes, int RecomputedNodes,
    long StoredEdges, long RecomputedEdges, string StoredVersion, string CurrentVersion, IReadOnlyList<MeasureComparison> Measures)
{
    public bool GraphUnchanged => StoredFingerprint == RecomputedFingerprint;

    /// <summary>Same graph and every figure bit-for-bit equal.</summary>
    public bool Identical => GraphUnchanged && Measures.All(m => m.Differing == 0);
}

/// <summary>A page of the metrics table.</summary>
public sealed record MetricsPage(int Total, IReadOnlyList<NetworkAnalysisNode> Rows);

/// <summary>A problem with an analysis request the caller can fix (unknown analysis, measure not computed, limits).</summary>
public sealed class NetworkAnalysisException(string message) : Exception(message);

/// <summary>
/// Stored network analyses: create (inputs recorded, queued), execute (graph → measures → stored results, with progress
/// and cancellation), read (list, metrics pages, scores, the stored graph), recompute with an equality check, delete.
/// Jobs run here; the web app's hosted service and the CLI decide where (background or foreground).
/// </summary>
public sealed class NetworkAnalyses(ScholarDb db, SelectionGraphBuilder builder, TimeProvider clock)
{
    /// <summary>Members may run exact betweenness on graphs up to this many nodes; above it, reviewers and administrators
    /// (and the command line) may, and members choose the sampled method.</summary>
    public const int ExactBetweennessMemberLimit = 20_000;

    private const int InsertBatch = 5_000;

    public async Task<NetworkAnalysis> CreateAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        var selection = request.Selection.Normalized();
        var parameters = request.Parameters.Normalized();
        selection.Validate();
        parameters.Validate();
        var analysis = new NetworkAnalysis
        {
            Title = string.IsNullOrWhiteSpace(request.Title) ? "Untitled analysis" : request.Title.Trim()[..Math.Min(request.Title.Trim().Length, 256)],
            Source = AnalysisSource.Archive,
            SelectionJson = selection.ToJson(),
            ParametersJson = parameters.ToJson(),
            Measures = parameters.MeasureList,
            Preset = parameters.Preset,
            Seed = unchecked((long)parameters.Seed),
            SoftwareVersion = SchemaMigrator.AppVersion,
            Status = AnalysisStatus.Queued,
            Directed = !parameters.Undirected,
            Weighted = selection.Weighted,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByUserId = request.UserId,
            CreatedByName = request.UserName,
            IsSynthetic = request.IsSynthetic,
        };
        db.NetworkAnalyses.Add(analysis);
        await db.SaveChangesAsync(cancellationToken);
        return analysis;
    }

    /// <summary>Creates and executes in the caller's flow (the CLI and the demo).</summary>
    public async Task<NetworkAnalysis> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress = null, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        var analysis = await CreateAsync(request, cancellationToken);
        return await ExecuteAsync(analysis.Id, progress, maxThreads, cancellationToken);
    }

    /// <summary>
    /// Runs a queued analysis: builds the graph, computes the measures, stores nodes, graph and notes, and marks it
    /// completed. A problem with the request marks it failed (with the reason); cancellation marks it cancelled and
    /// rethrows <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<NetworkAnalysis> ExecuteAsync(long id, IProgress<AnalysisProgress>? progress = null, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        // Read and mark running whatever the token says, so a job cancelled before it started ends marked cancelled.
        var analysis = await db.NetworkAnalyses.FirstOrDefaultAsync(a => a.Id == id, CancellationToken.None)
            ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        if (analysis.Status is AnalysisStatus.Completed or AnalysisStatus.Cancelled)
        {
            return analysis;
        }

        analysis.Status = AnalysisStatus.Running;
        analysis.StartedAt = clock.GetUtcNow().UtcDateTime;
        analysis.Error = null;
        await db.SaveChangesAsync(CancellationToken.None);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new AnalysisProgress("graph", 0));
            var graph = analysis.Source == AnalysisSource.Archive
                ? await builder.BuildAsync(analysis.Selection(), cancellationToken)
                : await GraphAsync(id, cancellationToken);
            var parameters = analysis.Parameters();
            await CheckLimitsAsync(analysis, graph.Graph, parameters, cancellationToken);
            progress?.Report(new AnalysisProgress("graph", 0.1));
            var result = Compute(graph.Graph, parameters, maxThreads, progress, cancellationToken);
            await StoreResultsAsync(analysis, graph, result, cancellationToken);
            progress?.Report(new AnalysisProgress("done", 1));
            return analysis;
        }
        catch (OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            await SetStatusAsync(id, AnalysisStatus.Cancelled, "Cancelled.");
            throw;
        }
        catch (Exception e) when (e is NetworkAnalysisException or ArgumentException or InvalidDataException)
        {
            db.ChangeTracker.Clear();
            await SetStatusAsync(id, AnalysisStatus.Failed, e.Message);
            return await db.NetworkAnalyses.AsNoTracking().FirstAsync(a => a.Id == id, CancellationToken.None);
        }
    }

    /// <summary>Marks a queued job cancelled before it started (a running one is cancelled through its token).</summary>
    public async Task<bool> CancelQueuedAsync(long id, CancellationToken cancellationToken = default) =>
        await db.NetworkAnalyses.Where(a => a.Id == id && a.Status == AnalysisStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AnalysisStatus.Cancelled).SetProperty(a => a.Error, "Cancelled before it started."), cancellationToken) > 0;

    /// <summary>Jobs that were queued or running when the host stopped, oldest first: the web app queues them again.</summary>
    public async Task<IReadOnlyList<long>> PendingAsync(CancellationToken cancellationToken = default) =>
        await db.NetworkAnalyses.AsNoTracking().Where(a => a.Status == AnalysisStatus.Queued || a.Status == AnalysisStatus.Running)
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Stores an analysis computed outside a job on a graph read from a file (<c>network metrics --input FILE --save</c>):
    /// the file's name and SHA-256 are its input, the graph is stored with it.
    /// </summary>
    public async Task<NetworkAnalysis> SaveFileAnalysisAsync(string title, string inputPath, SelectionGraph graph, AnalysisParameters parameters, IProgress<AnalysisProgress>? progress = null, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        parameters = parameters.Normalized();
        parameters.Validate();
        string sha;
        await using (var file = File.OpenRead(inputPath))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var analysis = new NetworkAnalysis
        {
            Title = title,
            Source = AnalysisSource.File,
            InputName = Path.GetFullPath(inputPath),
            InputSha256 = sha,
            ParametersJson = parameters.ToJson(),
            Measures = parameters.MeasureList,
            Preset = parameters.Preset,
            Seed = unchecked((long)parameters.Seed),
            SoftwareVersion = SchemaMigrator.AppVersion,
            Status = AnalysisStatus.Running,
            Directed = graph.Graph.IsDirected && !parameters.Undirected,
            Weighted = graph.Graph.IsWeighted,
            CreatedAt = now,
            StartedAt = now,
        };
        db.NetworkAnalyses.Add(analysis);
        await db.SaveChangesAsync(cancellationToken);
        var result = Compute(graph.Graph, parameters, maxThreads, progress, cancellationToken);
        await StoreResultsAsync(analysis, graph, result, cancellationToken);
        return analysis;
    }

    public Task<NetworkAnalysis?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        db.NetworkAnalyses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public async Task<IReadOnlyList<AnalysisSummary>> ListAsync(int skip = 0, int take = 100, CancellationToken cancellationToken = default)
    {
        var rows = await db.NetworkAnalyses.AsNoTracking().OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(Summarize).ToList();
    }

    public static AnalysisSummary Summarize(NetworkAnalysis a) => new(
        a.Id, a.Title, a.Source, Inputs(a), a.Measures, AnalysisParameters.PresetName(a.Preset), a.Status, a.Error,
        a.NodeCount, a.EdgeCount, a.CommunityCount, a.Modularity, a.CreatedAt, a.CompletedAt, a.CreatedByName, a.IsSynthetic);

    /// <summary>The inputs in one line: the selection, or the file and its hash.</summary>
    public static string Inputs(NetworkAnalysis a) => a.Source == AnalysisSource.Archive
        ? a.Selection().Describe()
        : $"file {Path.GetFileName(a.InputName)} (sha256 {a.InputSha256?[..12]}…)";

    /// <summary>The graph the analysis was computed on, as stored.</summary>
    public async Task<SelectionGraph> GraphAsync(long id, CancellationToken cancellationToken = default)
    {
        var data = await db.NetworkAnalysisGraphs.AsNoTracking().Where(g => g.AnalysisId == id).Select(g => g.Data).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NetworkAnalysisException($"Analysis {id} has no stored graph (not completed).");
        return SelectionGraph.Deserialize(data);
    }

    /// <summary>Every node row in node order.</summary>
    public async Task<IReadOnlyList<NetworkAnalysisNode>> NodesAsync(long id, CancellationToken cancellationToken = default) =>
        await db.NetworkAnalysisNodes.AsNoTracking().Where(n => n.AnalysisId == id).OrderBy(n => n.NodeIndex).ToListAsync(cancellationToken);

    /// <summary>The measures an analysis holds, in column order.</summary>
    public static IReadOnlyList<Measure> MeasuresOf(NetworkAnalysis analysis) =>
        analysis.Measures.Length == 0 ? [] : MeasureNames.ParseList(analysis.Measures);

    /// <summary>Stored scores as the engine's <see cref="NodeScores"/>, over the analysis's node ids.</summary>
    public async Task<(IReadOnlyList<NetworkAnalysisNode> Nodes, IReadOnlyList<NodeScores> Scores)> ScoresAsync(long id, IReadOnlyList<Measure> measures, CancellationToken cancellationToken = default)
    {
        var analysis = await GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        if (analysis.Status != AnalysisStatus.Completed)
        {
            throw new NetworkAnalysisException($"Analysis {id} is {analysis.Status.ToString().ToLowerInvariant()}, not completed.");
        }

        var held = MeasuresOf(analysis);
        var missing = measures.Where(m => !held.Contains(m)).Select(MeasureNames.Name).ToList();
        if (missing.Count > 0)
        {
            throw new NetworkAnalysisException($"Analysis {id} did not compute {string.Join(", ", missing)} (it has {analysis.Measures}).");
        }

        var nodes = await NodesAsync(id, cancellationToken);
        var ids = new GraphBuilder(directed: true);
        foreach (var node in nodes)
        {
            ids.AddNode(node.NodeId);
        }

        var graph = ids.Build();
        var scores = measures.Select(m => new NodeScores(MeasureNames.Name(m), graph, nodes.Select(n => n.Get(m) ?? 0).ToArray())).ToList();
        return (nodes, scores);
    }

    /// <summary>A page of the metrics table sorted by a measure (ties by node id), optionally filtered by label or id.</summary>
    public async Task<MetricsPage> MetricsPageAsync(long id, Measure? sort, bool descending, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        var query = db.NetworkAnalysisNodes.AsNoTracking().Where(n => n.AnalysisId == id);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = search.Trim().ToLowerInvariant();
            // ToLower() becomes SQL LOWER(); it never runs in .NET.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(n => n.NodeId.ToLower().Contains(pattern) || (n.Label != null && n.Label.ToLower().Contains(pattern)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = sort is { } measure ? OrderBy(query, measure, descending) : query.OrderBy(n => n.NodeIndex);
        var rows = await ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
        return new MetricsPage(total, rows);
    }

    private static IOrderedQueryable<NetworkAnalysisNode> OrderBy(IQueryable<NetworkAnalysisNode> query, Measure measure, bool descending)
    {
        var property = PropertyName(measure);
        IOrderedQueryable<NetworkAnalysisNode> ordered = IsWhole(measure)
            ? descending ? query.OrderByDescending(n => EF.Property<int?>(n, property)) : query.OrderBy(n => EF.Property<int?>(n, property))
            : descending ? query.OrderByDescending(n => EF.Property<double?>(n, property)) : query.OrderBy(n => EF.Property<double?>(n, property));
        return ordered.ThenBy(n => n.NodeIndex);
    }

    public static bool IsWhole(Measure measure) => measure is Measure.KCore or Measure.Community or Measure.Leiden or Measure.WeakComponent or Measure.StrongComponent;

    internal static string PropertyName(Measure measure) => measure switch
    {
        Measure.WeakComponent => nameof(NetworkAnalysisNode.WeakComponent),
        Measure.StrongComponent => nameof(NetworkAnalysisNode.StrongComponent),
        _ => measure.ToString(),
    };

    /// <summary>The stored results as CSV in the scripting-interface shape: <c>node</c>, then one column per measure.</summary>
    public async Task WriteCsvAsync(long id, TextWriter writer, CancellationToken cancellationToken = default)
    {
        var analysis = await GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        var measures = MeasuresOf(analysis);
        var (nodes, scores) = await ScoresAsync(id, measures, cancellationToken);
        await writer.WriteAsync("node");
        foreach (var m in measures)
        {
            await writer.WriteAsync("," + MeasureNames.Name(m));
        }

        await writer.WriteAsync('\n');
        for (var v = 0; v < nodes.Count; v++)
        {
            var line = new System.Text.StringBuilder(Csv(nodes[v].NodeId));
            foreach (var column in scores)
            {
                line.Append(',').Append(column[v].ToString("R", CultureInfo.InvariantCulture));
            }

            await writer.WriteAsync(line.Append('\n').ToString());
        }
    }

    internal static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Recomputes a stored analysis from its inputs (archive analyses rebuild the graph from the stored selection; file
    /// analyses re-read the file when it is still there with the same SHA-256, else use the stored graph) with the stored
    /// parameters, and compares every figure with the stored one by node id. Stores nothing.
    /// </summary>
    public async Task<RecomputeResult> RecomputeAsync(long id, IProgress<AnalysisProgress>? progress = null, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        var analysis = await GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
        if (analysis.Status != AnalysisStatus.Completed)
        {
            throw new NetworkAnalysisException($"Analysis {id} is {analysis.Status.ToString().ToLowerInvariant()}; only completed analyses can be recomputed.");
        }

        SelectionGraph graph;
        if (analysis.Source == AnalysisSource.Archive)
        {
            graph = await builder.BuildAsync(analysis.Selection(), cancellationToken);
        }
        else if (analysis.InputName is { } path && File.Exists(path) && await Sha256Async(path, cancellationToken) == analysis.InputSha256)
        {
            var stored = await GraphAsync(id, cancellationToken);
            var document = Graph.IO.GraphFile.Read(path, stored.Graph.IsDirected, FileReadOptions(stored.Graph));
            graph = new SelectionGraph(document.Graph, document.Labels);
        }
        else
        {
            graph = await GraphAsync(id, cancellationToken);
        }

        var parameters = analysis.Parameters();
        var result = Compute(graph.Graph, parameters, maxThreads, progress, cancellationToken);
        var measures = MeasuresOf(analysis);
        var nodes = await NodesAsync(id, cancellationToken);
        var comparisons = new List<MeasureComparison>();
        foreach (var (measure, column) in measures.Zip(result.Columns))
        {
            int compared = 0, differing = 0;
            var max = 0.0;
            foreach (var node in nodes)
            {
                if (!column.TryGet(node.NodeId, out var value))
                {
                    continue;
                }

                compared++;
                var stored = node.Get(measure);
                if (stored is not { } s || s != value)
                {
                    differing++;
                    max = Math.Max(max, stored is { } x ? Math.Abs(x - value) : double.PositiveInfinity);
                }
            }

            comparisons.Add(new MeasureComparison(MeasureNames.Name(measure), compared, differing, max));
        }

        return new RecomputeResult(id, analysis.GraphSha256 ?? "", SelectionGraph.Fingerprint(graph.Graph), analysis.NodeCount, graph.Graph.NodeCount,
            analysis.EdgeCount, graph.Graph.EdgeCount, analysis.SoftwareVersion, SchemaMigrator.AppVersion, comparisons);
    }

    /// <summary>Deletes an analysis and its results: its creator or an administrator.</summary>
    public async Task<bool> DeleteAsync(long id, string? userId, bool isAdministrator, CancellationToken cancellationToken = default)
    {
        var analysis = await db.NetworkAnalyses.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (analysis is null)
        {
            return false;
        }

        if (!isAdministrator && (userId is null || analysis.CreatedByUserId != userId))
        {
            throw new UnauthorizedAccessException("Only the analysis's creator or an administrator may delete it.");
        }

        await db.NetworkAnalysisNodes.Where(n => n.AnalysisId == id).ExecuteDeleteAsync(cancellationToken);
        await db.NetworkAnalysisGraphs.Where(g => g.AnalysisId == id).ExecuteDeleteAsync(cancellationToken);
        db.NetworkAnalyses.Remove(analysis);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    internal static Graph.GraphBuilderOptions FileReadOptions(CsrGraph graph) => new()
    {
        DuplicateEdges = graph.HasParallelEdges ? Graph.DuplicateEdges.KeepParallel : Graph.DuplicateEdges.Collapse,
    };

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>The computed columns in measure order, with the community assignment when one was computed.</summary>
    public sealed record ComputeResult(IReadOnlyList<NodeScores> Columns, CommunityAssignment? Communities, TimeSpan Elapsed);

    /// <summary>
    /// Computes the measures as <see cref="NetworkMetrics.Compute"/> does (same options, same per-measure code), keeping the
    /// community assignment for its modularity, and reports progress as a fraction of the job (0.1..0.95).
    /// </summary>
    public static ComputeResult Compute(CsrGraph graph, AnalysisParameters parameters, int? maxThreads, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        var options = parameters.ToOptions(maxThreads);
        var g = options.Undirected ? graph.AsUndirected() : graph;
        var measures = parameters.Measures;
        var columns = new NodeScores[measures.Count];
        CommunityAssignment? communities = null;
        var watch = Stopwatch.StartNew();
        var reported = 0.0;
        var gate = new Lock();

        // Fraction of the whole job: 0.1 + 0.85 × (measures done + fraction of this one) / measures, never going back
        // (parallel kernels may report out of order).
        void Report(string name, int index, double fraction)
        {
            if (progress is null)
            {
                return;
            }

            var value = 0.1 + (0.85 * (index + Math.Clamp(fraction, 0, 1)) / measures.Count);
            lock (gate)
            {
                if (value < reported)
                {
                    return;
                }

                reported = value;
                progress.Report(new AnalysisProgress(name, value));
            }
        }

        for (var i = 0; i < measures.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = MeasureNames.Name(measures[i]);
            var index = i;
            Report(name, index, 0);
            var inner = progress is null ? null : new SyncProgress<GraphProgress>(p => Report(name, index, p.Fraction));
            switch (measures[i])
            {
                case Measure.Community:
                    var louvain = Louvain.Compute(g, new LouvainOptions { Seed = options.Seed }, inner, cancellationToken);
                    communities = louvain;
                    columns[i] = louvain.ToScores(g);
                    break;
                case Measure.Leiden:
                    var leiden = Leiden.Compute(g, new LeidenOptions { Seed = options.Seed }, inner, cancellationToken);
                    communities ??= leiden;
                    columns[i] = leiden.ToScores(g, "leiden");
                    break;
                default:
                    columns[i] = NetworkMetrics.ComputeOne(g, measures[i], options, inner, cancellationToken);
                    break;
            }
        }

        return new ComputeResult(columns, communities, watch.Elapsed);
    }

    private async Task CheckLimitsAsync(NetworkAnalysis analysis, CsrGraph graph, AnalysisParameters parameters, CancellationToken cancellationToken)
    {
        if (!parameters.Measures.Contains(Measure.Betweenness) || parameters.Betweenness != BetweennessMethod.Exact
            || graph.NodeCount <= ExactBetweennessMemberLimit || analysis.CreatedByUserId is not { } userId)
        {
            return;
        }

        var roles = await (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == userId select role.Name)
            .ToListAsync(cancellationToken);
        if (!roles.Contains(Roles.Reviewer) && !roles.Contains(Roles.Administrator))
        {
            throw new NetworkAnalysisException(string.Create(CultureInfo.InvariantCulture,
                $"Exact betweenness on {graph.NodeCount:N0} nodes (more than {ExactBetweennessMemberLimit:N0}) is reserved to reviewers and administrators; choose the sampled method."));
        }
    }

    private async Task StoreResultsAsync(NetworkAnalysis analysis, SelectionGraph graph, ComputeResult result, CancellationToken cancellationToken)
    {
        var measures = analysis.Parameters().Measures;
        var g = graph.Graph;
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var start = 0; start < g.NodeCount; start += InsertBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(g.NodeCount, start + InsertBatch);
                var batch = new List<NetworkAnalysisNode>(end - start);
                for (var v = start; v < end; v++)
                {
                    var node = new NetworkAnalysisNode { AnalysisId = analysis.Id, NodeIndex = v, NodeId = g.NodeId(v), Label = graph.Labels[v], AccountId = graph.AccountIds[v] };
                    for (var i = 0; i < measures.Count; i++)
                    {
                        node.Set(measures[i], result.Columns[i][v]);
                    }

                    batch.Add(node);
                }

                db.NetworkAnalysisNodes.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var entry in db.ChangeTracker.Entries<NetworkAnalysisNode>().ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previous;
        }

        db.NetworkAnalysisGraphs.Add(new NetworkAnalysisGraph { AnalysisId = analysis.Id, Data = graph.Serialize() });
        analysis.NodeCount = g.NodeCount;
        analysis.EdgeCount = g.EdgeCount;
        analysis.Weighted = g.IsWeighted;
        analysis.GraphSha256 = SelectionGraph.Fingerprint(g);
        analysis.CommunityCount = result.Communities?.Count;
        analysis.Modularity = result.Communities?.Modularity;
        analysis.NotesJson = Notes(result, graph);
        analysis.Status = AnalysisStatus.Completed;
        analysis.CompletedAt = clock.GetUtcNow().UtcDateTime;
        analysis.SoftwareVersion = SchemaMigrator.AppVersion;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Notes(ComputeResult result, SelectionGraph graph)
    {
        var notes = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
        };
        foreach (var column in result.Columns)
        {
            if (column.Convergence is { } c)
            {
                notes[column.Measure] = new { converged = c.Converged, iterations = c.Iterations, residual = c.Residual };
            }
            else if (column.Approximation is { } a)
            {
                notes[column.Measure] = new { epsilon = a.Epsilon, delta = a.Delta, samples = a.Samples, vertexDiameterBound = a.VertexDiameterBound, scale = a.Scale };
            }
        }

        if (graph.UnmatchedAccounts.Count > 0)
        {
            notes["unmatchedAccounts"] = graph.UnmatchedAccounts;
        }

        return JsonSerializer.Serialize(notes, GraphSelection.Json);
    }

    /// <summary>Marks a job failed after an unexpected error (the background runner).</summary>
    public Task MarkFailedAsync(long id, string error) => SetStatusAsync(id, AnalysisStatus.Failed, error[..Math.Min(error.Length, 2000)]);

    private async Task SetStatusAsync(long id, AnalysisStatus status, string error)
    {
        await db.NetworkAnalysisNodes.Where(n => n.AnalysisId == id).ExecuteDeleteAsync(CancellationToken.None);
        await db.NetworkAnalyses.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, status)
            .SetProperty(a => a.Error, error)
            .SetProperty(a => a.CompletedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (no synchronisation context hop).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
