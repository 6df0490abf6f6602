using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Network;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.IO;
using SoMeScholar.Graph.Metrics;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary>
/// <c>somescholar network metrics|influencers|communities|export|list|recompute</c>: measures, the influencer method,
/// communities and exports on a graph read from a file (<c>--input</c>), built from an archive selection, or stored as an
/// analysis (<c>--analysis ID</c>).
/// </summary>
public static class NetworkCommands
{
    public static Command Create()
    {
        var network = new Command("network", "Network measures, influencers, communities and exports on an archive selection, a stored analysis or an edge-list/GraphML/GEXF file.");
        network.Subcommands.Add(Metrics());
        network.Subcommands.Add(Influencers());
        network.Subcommands.Add(Communities());
        network.Subcommands.Add(Export());
        network.Subcommands.Add(List());
        network.Subcommands.Add(Recompute());
        return network;
    }

    /// <summary>Where the graph comes from: a file, a stored analysis, or an archive selection (the default).</summary>
    private sealed class Source
    {
        public readonly Option<FileInfo?> Input = new("--input", "-i") { Description = "Read the graph from this file: an edge list ('source target [weight]' per line), .graphml or .gexf (optionally .gz). Without it the graph is built from the archive." };
        public readonly Option<long?> Analysis = new("--analysis") { Description = "Use a stored analysis (its graph and figures) instead of computing." };
        public readonly Option<string?> Platforms = new("--platform") { Description = "Archive selection: platforms, comma-separated (bluesky, mastodon, x, other). Default all." };
        public readonly Option<string[]> Hashtags = new("--hashtag", "--tag") { Description = "Archive selection: only interactions in posts carrying this hashtag (repeatable).", AllowMultipleArgumentsPerToken = true };
        public readonly Option<DateTime?> From = new("--from") { Description = "Archive selection: window start (ISO 8601, UTC)." };
        public readonly Option<DateTime?> To = new("--to") { Description = "Archive selection: window end, exclusive (ISO 8601, UTC)." };
        public readonly Option<string?> Kinds = new("--kinds") { Description = "Archive selection: edge kinds, comma-separated: follow, mention, reply, repost, quote, like. Default mention,reply,repost,quote." };
        public readonly Option<string?> Accounts = new("--accounts") { Description = "Archive selection: only these accounts (handles or external ids, comma-separated, or @FILE with one per line)." };
        public readonly Option<int> MinWeight = new("--min-weight") { Description = "Archive selection: drop ordered pairs with fewer interactions.", DefaultValueFactory = _ => 1 };
        public readonly Option<bool> Unweighted = new("--unweighted") { Description = "Archive selection: ignore interaction counts (every edge weight 1)." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Input, Analysis, Platforms, Hashtags, From, To, Kinds, Accounts, MinWeight, Unweighted })
            {
                command.Options.Add(option);
            }
        }

        public GraphSelection Selection(ParseResult parse)
        {
            var accounts = parse.GetValue(Accounts) is { } text
                ? text.StartsWith('@') && File.Exists(text[1..])
                    ? File.ReadAllLines(text[1..]).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
                    : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [];
            return new GraphSelection
            {
                Platforms = parse.GetValue(Platforms) is { } platforms ? GraphSelection.ParsePlatforms(platforms) : [],
                Hashtags = parse.GetValue(Hashtags) ?? [],
                From = parse.GetValue(From) is { } from ? Utc(from) : null,
                To = parse.GetValue(To) is { } to ? Utc(to) : null,
                Kinds = parse.GetValue(Kinds) is { } kinds ? GraphSelection.ParseKinds(kinds) : GraphSelection.DefaultKinds,
                Accounts = accounts,
                MinWeight = parse.GetValue(MinWeight),
                Weighted = !parse.GetValue(Unweighted),
            }.Normalized();
        }

        private static DateTime Utc(DateTime time) => time.Kind switch
        {
            DateTimeKind.Local => time.ToUniversalTime(),
            _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        };
    }

    /// <summary>How measures are computed.</summary>
    private sealed class Computation
    {
        public readonly Option<string?> Measures;
        public readonly Option<bool> Undirected = new("--undirected") { Description = "Treat the graph as undirected (each edge both ways)." };
        public readonly Option<string> Preset = new("--preset") { Description = "networkx (default) or nodexl semantics.", DefaultValueFactory = _ => "networkx" };
        public readonly Option<string> Betweenness = new("--betweenness") { Description = "exact (Brandes) or sampled (Riondato-Kornaropoulos, with --epsilon and --delta).", DefaultValueFactory = _ => "exact" };
        public readonly Option<double> Epsilon = new("--epsilon") { Description = "Sampled betweenness: additive error bound.", DefaultValueFactory = _ => 0.01 };
        public readonly Option<double> Delta = new("--delta") { Description = "Sampled betweenness: failure probability.", DefaultValueFactory = _ => 0.1 };
        public readonly Option<ulong> Seed = new("--seed") { Description = "Seed for sampling and community detection.", DefaultValueFactory = _ => 42UL };
        public readonly Option<int?> Threads = new("--threads") { Description = "At most this many threads (default all cores)." };

        public Computation(string measuresHelp) => Measures = new Option<string?>("--measures", "-m") { Description = measuresHelp };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Measures, Undirected, Preset, Betweenness, Epsilon, Delta, Seed, Threads })
            {
                command.Options.Add(option);
            }
        }

        public AnalysisParameters Parameters(ParseResult parse, IReadOnlyList<Measure> defaults) => new AnalysisParameters
        {
            Measures = parse.GetValue(Measures) is { } text ? MeasureNames.ParseList(text) : defaults,
            Undirected = parse.GetValue(Undirected),
            Preset = MetricsOptions.ParsePreset(parse.GetValue(Preset)!),
            Betweenness = parse.GetValue(Betweenness)!.Trim().ToLowerInvariant() switch
            {
                "exact" => BetweennessMethod.Exact,
                "sampled" or "approximate" => BetweennessMethod.Sampled,
                var other => throw new ArgumentException($"Unknown betweenness method '{other}'; use exact or sampled."),
            },
            Epsilon = parse.GetValue(Epsilon),
            Delta = parse.GetValue(Delta),
            Seed = parse.GetValue(Seed),
        }.Normalized();
    }

    private static Command Metrics()
    {
        var source = new Source();
        var computation = new Computation($"Measures, comma-separated ({string.Join(", ", MeasureNames.All)}, or all). Default {string.Join(",", AnalysisParameters.DefaultMeasures.Select(MeasureNames.Name))}.");
        var format = Output.FormatOption(OutputFormat.Csv);
        var save = new Option<bool>("--save") { Description = "Store the analysis (inputs, parameters, software version, figures) so it can be listed, exported and recomputed." };
        var title = new Option<string?>("--title") { Description = "Title of the stored analysis." };
        var command = new Command("metrics", "Per-node measures: CSV with a 'node' column holding the input's ids, then one column per measure (or a table, or JSON).") { format, save, title };
        source.AddTo(command);
        computation.AddTo(command);
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var outputFormat = parse.GetValue(format);
            if (parse.GetValue(source.Analysis) is { } id)
            {
                await using var stored = await CliContext.OpenAsync(parse, cancellationToken);
                await using var scope = stored.CreateAsyncScope();
                var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
                var analysis = await analyses.GetAsync(id, cancellationToken) ?? throw new NetworkAnalysisException($"No network analysis {id}.");
                var measures = parse.GetValue(computation.Measures) is { } text ? MeasureNames.ParseList(text) : NetworkAnalyses.MeasuresOf(analysis);
                var (nodes, scores) = await analyses.ScoresAsync(id, measures, cancellationToken);
                WriteMetrics(outputFormat, nodes.Select(n => n.NodeId).ToList(), scores);
                return 0;
            }

            var parameters = computation.Parameters(parse, AnalysisParameters.DefaultMeasures);
            parameters.Validate();
            var threads = parse.GetValue(computation.Threads);
            var input = parse.GetValue(source.Input);
            if (input is not null && !parse.GetValue(save))
            {
                // A file and no store: nothing is opened or written.
                var graph = ReadFile(input);
                var result = await WithProgressAsync(parse, $"Computing on {input.Name}", progress => Task.Run(() => NetworkAnalyses.Compute(graph.Graph, parameters, threads, progress, cancellationToken), cancellationToken));
                WriteMetrics(outputFormat, graph.Graph.NodeIds, result.Columns);
                Notes(parse, result.Columns, result.Communities);
                return 0;
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var serviceScope = services.CreateAsyncScope();
            var store = serviceScope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
            if (input is not null)
            {
                var graph = ReadFile(input);
                var saved = await WithProgressAsync(parse, $"Computing on {input.Name}", progress =>
                    store.SaveFileAnalysisAsync(parse.GetValue(title) ?? input.Name, input.FullName, graph, parameters, progress, threads, cancellationToken));
                await PrintStoredAsync(store, saved, outputFormat, cancellationToken);
                return 0;
            }

            var selection = source.Selection(parse);
            if (parse.GetValue(save))
            {
                var analysis = await WithProgressAsync(parse, "Building the graph and computing", progress => store.RunAsync(new AnalysisRequest
                {
                    Title = parse.GetValue(title) ?? $"Archive: {selection.Describe()}",
                    Selection = selection,
                    Parameters = parameters,
                }, progress, threads, cancellationToken));
                if (analysis.Status != AnalysisStatus.Completed)
                {
                    throw new NetworkAnalysisException(analysis.Error ?? $"Analysis {analysis.Id} is {analysis.Status}.");
                }

                await PrintStoredAsync(store, analysis, outputFormat, cancellationToken);
                return 0;
            }

            var built = await serviceScope.ServiceProvider.GetRequiredService<SelectionGraphBuilder>().BuildAsync(selection, cancellationToken);
            Unmatched(parse, built);
            var computed = await WithProgressAsync(parse, "Computing", progress => Task.Run(() => NetworkAnalyses.Compute(built.Graph, parameters, threads, progress, cancellationToken), cancellationToken));
            WriteMetrics(outputFormat, built.Graph.NodeIds, computed.Columns);
            Notes(parse, computed.Columns, computed.Communities);
            return 0;
        }));
        return command;
    }

    private static async Task PrintStoredAsync(NetworkAnalyses store, NetworkAnalysis analysis, OutputFormat format, CancellationToken cancellationToken)
    {
        var (nodes, scores) = await store.ScoresAsync(analysis.Id, NetworkAnalyses.MeasuresOf(analysis), cancellationToken);
        WriteMetrics(format, nodes.Select(n => n.NodeId).ToList(), scores);
        await Console.Error.WriteLineAsync($"Stored as analysis {analysis.Id} ({analysis.NodeCount} nodes, {analysis.EdgeCount} edges, SoMeScholar {analysis.SoftwareVersion}).");
    }

    private static void WriteMetrics(OutputFormat format, IReadOnlyList<string> nodes, IReadOnlyList<NodeScores> columns)
    {
        IReadOnlyList<string> header = ["node", .. columns.Select(c => c.Measure)];
        var rows = Enumerable.Range(0, nodes.Count).Select(v => (IReadOnlyList<object?>)[nodes[v], .. columns.Select(c => (object?)c[v])]);
        Output.WriteTable(format, header, rows);
    }

    private static Command Influencers()
    {
        var source = new Source();
        var computation = new Computation("Measures whose top k are compared, comma-separated. Default indegree,eigenvector,betweenness (Riddell et al. 2017).");
        var format = Output.FormatOption();
        var k = new Option<int>("--k", "-k") { Description = "How many nodes per measure.", DefaultValueFactory = _ => 100 };
        var ties = new Option<string>("--ties") { Description = "Tie rule at rank k: id (exactly k; ties broken by node id) or ties (include every node tied with the k-th).", DefaultValueFactory = _ => "id" };
        var command = new Command("influencers", "The influencer method: top k per measure, the union (unique influencers) and the intersection (in every list).") { format, k, ties };
        source.AddTo(command);
        computation.AddTo(command);
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var tieRule = InfluencerReport.ParseTieRule(parse.GetValue(ties)!);
            var size = parse.GetValue(k);
            if (size < 1)
            {
                throw new ArgumentException("--k must be at least 1.");
            }

            var parameters = computation.Parameters(parse, InfluencerReport.DefaultMeasures);
            InfluencerReport report;
            if (parse.GetValue(source.Analysis) is { } id)
            {
                await using var services = await CliContext.OpenAsync(parse, cancellationToken);
                await using var scope = services.CreateAsyncScope();
                var measures = parse.GetValue(computation.Measures) is null ? InfluencerReport.DefaultMeasures : parameters.Measures;
                report = await scope.ServiceProvider.GetRequiredService<NetworkInfluencers>().InfluencersOfAsync(id, size, measures, tieRule, cancellationToken);
            }
            else
            {
                var graph = await GraphAsync(parse, source, cancellationToken);
                var result = await WithProgressAsync(parse, "Computing", progress => Task.Run(() => NetworkAnalyses.Compute(graph.Graph, parameters, parse.GetValue(computation.Threads), progress, cancellationToken), cancellationToken));
                var overlap = TopKOverlap.Compute(result.Columns, new TopKOptions { K = size, TieRule = tieRule });
                report = InfluencerReport.From(overlap, graph.Labels, graph.AccountIds);
            }

            var outputFormat = parse.GetValue(format);
            if (outputFormat == OutputFormat.Json)
            {
                Output.WriteJson(report);
                return 0;
            }

            IReadOnlyList<string> header = ["node", "label", .. report.Measures.Select(m => m + "_rank"), "lists"];
            Output.WriteTable(outputFormat, header, report.Union.Select(u => (IReadOnlyList<object?>)[u.NodeId, u.Label, .. u.Ranks.Select(r => (object?)r), u.ListCount]).ToList());
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Top {report.K} on {string.Join(", ", report.Measures)} ({(report.TieRule == TieRule.IdOrder ? "ties by id" : "ties included")}): {report.Slots} slots, {report.UnionSize} unique, {report.IntersectionSize} in all {report.Measures.Count}."));
            return 0;
        }));
        return command;
    }

    private static Command Communities()
    {
        var source = new Source();
        var format = Output.FormatOption(OutputFormat.Csv);
        var method = new Option<string>("--method") { Description = "louvain (default) or leiden.", DefaultValueFactory = _ => "louvain" };
        var undirected = new Option<bool>("--undirected") { Description = "Treat the graph as undirected." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the node order.", DefaultValueFactory = _ => 42UL };
        var command = new Command("communities", "Communities (Louvain or Leiden) with their modularity: a 'node' and a 'community' column.") { format, method, undirected, seed };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var measure = parse.GetValue(method)!.Trim().ToLowerInvariant() switch
            {
                "louvain" => Measure.Community,
                "leiden" => Measure.Leiden,
                var other => throw new ArgumentException($"Unknown method '{other}'; use louvain or leiden."),
            };
            IReadOnlyList<string> nodes;
            double[] membership;
            double? modularity;
            if (parse.GetValue(source.Analysis) is { } id)
            {
                await using var services = await CliContext.OpenAsync(parse, cancellationToken);
                await using var scope = services.CreateAsyncScope();
                var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
                var (stored, scores) = await analyses.ScoresAsync(id, [measure], cancellationToken);
                nodes = stored.Select(n => n.NodeId).ToList();
                membership = scores[0].Values.ToArray();
                modularity = (await analyses.GetAsync(id, cancellationToken))!.Modularity;
            }
            else
            {
                var graph = await GraphAsync(parse, source, cancellationToken);
                var parameters = new AnalysisParameters { Measures = [measure], Undirected = parse.GetValue(undirected), Seed = parse.GetValue(seed) };
                var result = await WithProgressAsync(parse, "Detecting communities", progress => Task.Run(() => NetworkAnalyses.Compute(graph.Graph, parameters, null, progress, cancellationToken), cancellationToken));
                nodes = graph.Graph.NodeIds;
                membership = result.Columns[0].Values.ToArray();
                modularity = result.Communities?.Modularity;
            }

            var count = membership.Distinct().Count();
            var outputFormat = parse.GetValue(format);
            if (outputFormat == OutputFormat.Json)
            {
                Output.WriteJson(new { method = measure == Measure.Leiden ? "leiden" : "louvain", communities = count, modularity, nodes = nodes.Select((n, v) => new { node = n, community = (int)membership[v] }) });
                return 0;
            }

            Output.WriteTable(outputFormat, ["node", "community"], nodes.Select((n, v) => (IReadOnlyList<object?>)[n, (int)membership[v]]).ToList());
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} communities, modularity {modularity:0.######}."));
            return 0;
        }));
        return command;
    }

    private static Command Export()
    {
        var source = new Source();
        var computation = new Computation("Measures written as node attributes, comma-separated. Default indegree,outdegree,pagerank,eigenvector,betweenness,community.");
        var format = new Option<string>("--format", "-f") { Description = "graphml, gexf or csv (default: from the output file's extension, else graphml).", }.AcceptOnlyFromAmong("graphml", "gexf", "csv");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export a graph with its measures and communities as node attributes: GraphML or GEXF (Gephi, NodeXL) or CSV.") { format, output };
        source.AddTo(command);
        computation.AddTo(command);
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            var file = parse.GetValue(output);
            var exportFormat = parse.GetValue(format) is { } text ? NetworkExport.ParseFormat(text)
                : file?.Name.EndsWith(".gexf", StringComparison.OrdinalIgnoreCase) == true ? ExportFormat.Gexf
                : file?.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? ExportFormat.Csv
                : ExportFormat.GraphML;
            await using var stream = file is null ? Console.OpenStandardOutput() : File.Create(file.FullName);
            if (parse.GetValue(source.Analysis) is { } id)
            {
                await using var services = await CliContext.OpenAsync(parse, cancellationToken);
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NetworkExport>().WriteAsync(id, exportFormat, stream, cancellationToken);
            }
            else
            {
                var graph = await GraphAsync(parse, source, cancellationToken);
                var parameters = computation.Parameters(parse, AnalysisParameters.DefaultMeasures);
                var result = await WithProgressAsync(parse, "Computing", progress => Task.Run(() => NetworkAnalyses.Compute(graph.Graph, parameters, parse.GetValue(computation.Threads), progress, cancellationToken), cancellationToken));
                if (exportFormat == ExportFormat.Csv)
                {
                    await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                    var csv = new System.Text.StringBuilder("node");
                    foreach (var column in result.Columns)
                    {
                        csv.Append(',').Append(column.Measure);
                    }

                    csv.Append('\n');
                    for (var v = 0; v < graph.Graph.NodeCount; v++)
                    {
                        csv.Append(Output.CsvField(graph.Graph.NodeId(v)));
                        foreach (var column in result.Columns)
                        {
                            csv.Append(',').Append(column[v].ToString("R", CultureInfo.InvariantCulture));
                        }

                        csv.Append('\n');
                    }

                    await writer.WriteAsync(csv.ToString());
                }
                else
                {
                    var document = graph.ToDocument(NodeColumns(result.Columns));
                    if (exportFormat == ExportFormat.GraphML)
                    {
                        GraphMLWriter.Write(document, stream);
                    }
                    else
                    {
                        GexfWriter.Write(document, stream, $"SoMeScholar {Core.Data.SchemaMigrator.AppVersion}; {parameters.MeasureList}; {parameters.Describe()}");
                    }
                }
            }

            if (file is not null && !parse.GetValue(CliContext.Quiet))
            {
                await Console.Error.WriteLineAsync($"Exported to {file.FullName}.");
            }

            return 0;
        }));
        return command;
    }

    private static List<NodeColumn> NodeColumns(IReadOnlyList<NodeScores> columns) => columns.Select(c =>
    {
        var whole = MeasureNames.TryParse(c.Measure, out var m) && NetworkAnalyses.IsWhole(m);
        var values = new string?[c.Count];
        for (var v = 0; v < c.Count; v++)
        {
            values[v] = whole ? ((long)c[v]).ToString(CultureInfo.InvariantCulture) : c[v].ToString("R", CultureInfo.InvariantCulture);
        }

        return new NodeColumn(c.Measure, whole ? AttributeType.Whole : AttributeType.Real, values);
    }).ToList();

    private static Command List()
    {
        var format = Output.FormatOption();
        var command = new Command("list", "Stored analyses, newest first, with their inputs, measures and status.") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<NetworkAnalyses>().ListAsync(0, 500, cancellationToken);
            Output.WriteTable(parse.GetValue(format), ["id", "title", "status", "nodes", "edges", "communities", "modularity", "measures", "preset", "inputs", "createdAt"],
                rows.Select(r => (IReadOnlyList<object?>)[r.Id, r.Title, r.Status.ToString().ToLowerInvariant(), r.NodeCount, r.EdgeCount, r.CommunityCount, r.Modularity, r.Measures, r.Preset, r.Inputs, r.CreatedAt]).ToList(),
                rows);
            return 0;
        });
        return command;
    }

    private static Command Recompute()
    {
        var id = new Argument<long>("id") { Description = "The stored analysis." };
        var format = Output.FormatOption();
        var command = new Command("recompute", "Recompute a stored analysis from its inputs and parameters and compare every figure with the stored one (exit 0 when identical, 1 when not).") { id, format };
        command.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var analyses = scope.ServiceProvider.GetRequiredService<NetworkAnalyses>();
            var result = await WithProgressAsync(parse, "Recomputing", progress => analyses.RecomputeAsync(parse.GetValue(id), progress, null, cancellationToken));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Output.WriteJson(new { result.AnalysisId, result.Identical, result.GraphUnchanged, result.StoredFingerprint, result.RecomputedFingerprint, result.StoredVersion, result.CurrentVersion, result.Measures });
            }
            else
            {
                Output.WriteTable(parse.GetValue(format), ["measure", "compared", "differing", "maxAbsoluteDifference"],
                    result.Measures.Select(m => (IReadOnlyList<object?>)[m.Measure, m.Compared, m.Differing, m.MaxAbsoluteDifference]).ToList());
                await Console.Error.WriteLineAsync(result.Identical
                    ? $"Identical: same graph (sha256 {result.StoredFingerprint[..12]}…) and every figure equal (stored with {result.StoredVersion}, recomputed with {result.CurrentVersion})."
                    : result.GraphUnchanged ? "Same graph, but some figures differ." : $"The graph changed: {result.StoredNodes} → {result.RecomputedNodes} nodes, {result.StoredEdges} → {result.RecomputedEdges} edges.");
            }

            return result.Identical ? 0 : 1;
        }));
        return command;
    }

    private static SelectionGraph ReadFile(FileInfo input)
    {
        if (!input.Exists)
        {
            throw new ArgumentException($"{input.FullName} does not exist.");
        }

        var document = GraphFile.Read(input.FullName, directed: true);
        return new SelectionGraph(document.Graph, document.Labels);
    }

    /// <summary>The graph of a file, or of the archive selection.</summary>
    private static async Task<SelectionGraph> GraphAsync(ParseResult parse, Source source, CancellationToken cancellationToken)
    {
        if (parse.GetValue(source.Input) is { } input)
        {
            return ReadFile(input);
        }

        if (parse.GetValue(source.Analysis) is not null)
        {
            throw new ArgumentException("Use either --analysis or --input/a selection.");
        }

        await using var services = await CliContext.OpenAsync(parse, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var graph = await scope.ServiceProvider.GetRequiredService<SelectionGraphBuilder>().BuildAsync(source.Selection(parse), cancellationToken);
        Unmatched(parse, graph);
        return graph;
    }

    private static void Unmatched(ParseResult parse, SelectionGraph graph)
    {
        if (graph.UnmatchedAccounts.Count > 0 && !parse.GetValue(CliContext.Quiet))
        {
            Console.Error.WriteLine($"warning: no account matches {string.Join(", ", graph.UnmatchedAccounts)}");
        }
    }

    /// <summary>Convergence and approximation notes on standard error (not in the CSV).</summary>
    private static void Notes(ParseResult parse, IReadOnlyList<NodeScores> columns, Graph.Communities.CommunityAssignment? communities)
    {
        if (parse.GetValue(CliContext.Quiet))
        {
            return;
        }

        foreach (var column in columns)
        {
            if (column.Convergence is { Converged: false } c)
            {
                Console.Error.WriteLine($"warning: {column.Measure} did not converge in {c.Iterations} iterations (residual {c.Residual:G3}).");
            }
            else if (column.Approximation is { } a)
            {
                Console.Error.WriteLine($"{column.Measure}: sampled, within ±{a.Epsilon} of the exact normalised value with probability ≥ {1 - a.Delta} ({a.Samples} samples).");
            }
        }

        if (communities is not null)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{communities.Count} communities, modularity {communities.Modularity:0.######}."));
        }
    }

    /// <summary>Runs with a progress bar on standard error unless --quiet (or standard error is redirected).</summary>
    private static async Task<T> WithProgressAsync<T>(ParseResult parse, string description, Func<IProgress<AnalysisProgress>?, Task<T>> work)
    {
        if (parse.GetValue(CliContext.Quiet) || Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: 1.0);
            var result = await work(new SyncProgress<AnalysisProgress>(p =>
            {
                task.Description = Markup.Escape($"{description}: {p.Stage}");
                task.Value = p.Fraction;
            }));
            task.Value = 1.0;
            return result;
        });
    }

    /// <summary>Problems the user can fix print one line and exit 2.</summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ArgumentException or NetworkAnalysisException or GraphFormatException or FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }
}
