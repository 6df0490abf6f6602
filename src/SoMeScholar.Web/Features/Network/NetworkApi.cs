using System.Security.Claims;
using SoMeScholar.Core.Network;
using SoMeScholar.Core.Users;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Features.Network;

/// <summary>A new analysis as posted by the web form or a script: the selection (all optional) and the parameters.</summary>
public sealed record AnalysisForm
{
    public string? Title { get; init; }
    public string? Platforms { get; init; }
    public string? Hashtags { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public string? Kinds { get; init; }
    public string? Accounts { get; init; }
    public int MinWeight { get; init; } = 1;
    public bool Unweighted { get; init; }
    public string? Measures { get; init; }
    public string? Preset { get; init; }
    public bool Undirected { get; init; }
    public bool SampledBetweenness { get; init; }
    public double Epsilon { get; init; } = 0.01;
    public double Delta { get; init; } = 0.1;
    public ulong Seed { get; init; } = 42;

    private static string[] Split(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The Core request; bad values throw <see cref="ArgumentException"/> with the reason.</summary>
    public AnalysisRequest ToRequest(ClaimsPrincipal user)
    {
        var selection = new GraphSelection
        {
            Platforms = string.IsNullOrWhiteSpace(Platforms) ? [] : GraphSelection.ParsePlatforms(Platforms),
            Hashtags = Split(Hashtags),
            From = From is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
            To = To is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
            Kinds = string.IsNullOrWhiteSpace(Kinds) ? GraphSelection.DefaultKinds : GraphSelection.ParseKinds(Kinds),
            Accounts = Split(Accounts),
            MinWeight = MinWeight,
            Weighted = !Unweighted,
        }.Normalized();
        var parameters = new AnalysisParameters
        {
            Measures = string.IsNullOrWhiteSpace(Measures) ? AnalysisParameters.DefaultMeasures : MeasureNames.ParseList(Measures),
            Preset = string.IsNullOrWhiteSpace(Preset) ? MetricsPreset.NetworkX : MetricsOptions.ParsePreset(Preset),
            Undirected = Undirected,
            Betweenness = SampledBetweenness ? BetweennessMethod.Sampled : BetweennessMethod.Exact,
            Epsilon = Epsilon,
            Delta = Delta,
            Seed = Seed,
        }.Normalized();
        selection.Validate();
        parameters.Validate();
        return new AnalysisRequest
        {
            Title = string.IsNullOrWhiteSpace(Title) ? selection.Describe() : Title,
            Selection = selection,
            Parameters = parameters,
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user.DisplayName(),
        };
    }
}

/// <summary>
/// The JSON API of the network section. Reading stored analyses (list, detail, progress, graph view, node cards,
/// metrics, influencers, downloads) is open like the archive they are computed from; creating, recomputing and
/// cancelling needs a member; deleting, the analysis's creator or an administrator.
/// </summary>
public static class NetworkApi
{
    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/network").WithTags("Network").AllowAnonymous();
        open.MapGet("/analyses", List).WithSummary("Stored analyses, newest first (skip, take).");
        open.MapGet("/analyses/{id:long}", Get).WithSummary("One analysis: inputs (selection or file and SHA-256), parameters, software version, graph fingerprint, status, notes.");
        open.MapGet("/analyses/{id:long}/progress", Progress).WithSummary("Status and live progress of a queued or running analysis.");
        open.MapGet("/analyses/{id:long}/graph", View).WithSummary("The graph view's data: nodes (community, size by sizeBy), edges among them (at most max nodes, highest first).");
        open.MapGet("/analyses/{id:long}/nodes/{index:int}", Node).WithSummary("One node's card: account, label, every measure with its rank.");
        open.MapGet("/analyses/{id:long}/metrics", Metrics).WithSummary("A page of the metrics table (sort, desc, q, skip, take).");
        open.MapGet("/analyses/{id:long}/influencers", Influencers).WithSummary("The influencer method: top k per measure, union, intersection, overlap regions (k, measures, ties=id|ties).");
        open.MapGet("/analyses/{id:long}/export/{format}", Export).WithSummary("Download as csv (node, then one column per measure), graphml or gexf.");

        var members = app.MapGroup("/api/network").WithTags("Network").RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Requests);
        members.MapPost("/analyses", Create).WithSummary("Queue a new analysis of an archive selection; it runs in the background (poll progress).");
        members.MapPost("/analyses/{id:long}/recompute", Recompute).WithSummary("Recompute from the stored inputs and parameters and compare every figure.");
        members.MapPost("/analyses/{id:long}/cancel", Cancel).WithSummary("Cancel a queued or running analysis.");
        members.MapDelete("/analyses/{id:long}", Delete).WithSummary("Delete an analysis (its creator or an administrator).");
        return app;
    }

    public static async Task<IResult> List(int? skip, int? take, NetworkAnalyses analyses, CancellationToken cancellationToken) =>
        Results.Ok(await analyses.ListAsync(skip ?? 0, take ?? 100, cancellationToken));

    public static async Task<IResult> Get(long id, NetworkAnalyses analyses, NetworkJobs jobs, CancellationToken cancellationToken) =>
        await analyses.GetAsync(id, cancellationToken) is { } analysis ? Results.Ok(Detail(analysis, jobs)) : Results.NotFound();

    public static object Detail(NetworkAnalysis a, NetworkJobs jobs) => new
    {
        a.Id,
        a.Title,
        Source = a.Source.ToString().ToLowerInvariant(),
        Inputs = NetworkAnalyses.Inputs(a),
        Selection = a.Source == AnalysisSource.Archive ? a.Selection() : null,
        a.InputName,
        a.InputSha256,
        Parameters = a.Parameters(),
        a.SoftwareVersion,
        Status = a.Status.ToString().ToLowerInvariant(),
        a.Error,
        Progress = jobs.State(a.Id),
        a.NodeCount,
        a.EdgeCount,
        a.Directed,
        a.Weighted,
        a.GraphSha256,
        a.CommunityCount,
        a.Modularity,
        Notes = a.NotesJson is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(a.NotesJson).RootElement,
        a.CreatedAt,
        a.StartedAt,
        a.CompletedAt,
        a.CreatedByName,
        a.IsSynthetic,
    };

    public static async Task<IResult> Progress(long id, NetworkAnalyses analyses, NetworkJobs jobs, CancellationToken cancellationToken)
    {
        var analysis = await analyses.GetAsync(id, cancellationToken);
        if (analysis is null)
        {
            return Results.NotFound();
        }

        var state = jobs.State(id);
        var fraction = analysis.Status == AnalysisStatus.Completed ? 1.0 : state?.Fraction ?? 0;
        return Results.Ok(new { id, status = analysis.Status.ToString().ToLowerInvariant(), stage = state?.Stage ?? analysis.Status.ToString().ToLowerInvariant(), fraction, error = analysis.Error });
    }

    public static async Task<IResult> View(long id, string? sizeBy, int? max, NetworkExport export, NetworkAnalyses analyses, CancellationToken cancellationToken)
    {
        if (await analyses.GetAsync(id, cancellationToken) is not { Status: AnalysisStatus.Completed })
        {
            return Results.NotFound();
        }

        return Results.Ok(await export.ViewAsync(id, sizeBy, max ?? 5_000, cancellationToken));
    }

    public static async Task<IResult> Node(long id, int index, NetworkInfluencers influencers, CancellationToken cancellationToken)
    {
        if (await influencers.NodeAsync(id, index, cancellationToken) is not { } card)
        {
            return Results.NotFound();
        }

        return Results.Ok(new
        {
            card.Node.NodeIndex,
            card.Node.NodeId,
            card.Node.Label,
            card.Node.AccountId,
            card.Node.Community,
            AccountUrl = card.Node.AccountId is { } account ? $"/Archive/Account/{account}" : null,
            Measures = card.Measures,
        });
    }

    public static async Task<IResult> Metrics(long id, string? sort, bool? desc, string? q, int? skip, int? take, NetworkAnalyses analyses, CancellationToken cancellationToken)
    {
        Measure? measure = null;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            if (!MeasureNames.TryParse(sort, out var parsed))
            {
                return Results.BadRequest(new { error = $"Unknown measure '{sort}'." });
            }

            measure = parsed;
        }

        var page = await analyses.MetricsPageAsync(id, measure, desc ?? true, q, skip ?? 0, take ?? 100, cancellationToken);
        return Results.Ok(page);
    }

    public static async Task<IResult> Influencers(long id, int? k, string? measures, string? ties, NetworkInfluencers influencers, CancellationToken cancellationToken)
    {
        try
        {
            var list = string.IsNullOrWhiteSpace(measures) ? null : MeasureNames.ParseList(measures);
            var rule = string.IsNullOrWhiteSpace(ties) ? TieRule.IdOrder : InfluencerReport.ParseTieRule(ties);
            return Results.Ok(await influencers.InfluencersOfAsync(id, k ?? 100, list, rule, cancellationToken));
        }
        catch (Exception e) when (e is NetworkAnalysisException or ArgumentException)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }

    public static async Task<IResult> Export(long id, string format, NetworkAnalyses analyses, NetworkExport export, HttpContext context, CancellationToken cancellationToken)
    {
        ExportFormat parsed;
        try
        {
            parsed = NetworkExport.ParseFormat(format);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }

        if (await analyses.GetAsync(id, cancellationToken) is not { Status: AnalysisStatus.Completed })
        {
            return Results.NotFound();
        }

        var (contentType, extension) = NetworkExport.MediaType(parsed);
        using var buffer = new MemoryStream();
        await export.WriteAsync(id, parsed, buffer, cancellationToken);
        return Results.File(buffer.ToArray(), contentType, $"network-analysis-{id}.{extension}");
    }

    public static async Task<IResult> Create(AnalysisForm form, HttpContext context, NetworkAnalyses analyses, NetworkJobs jobs, CancellationToken cancellationToken)
    {
        AnalysisRequest request;
        try
        {
            request = form.ToRequest(context.User);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }

        var analysis = await analyses.CreateAsync(request, cancellationToken);
        jobs.Enqueue(analysis.Id);
        return Results.Accepted($"/api/network/analyses/{analysis.Id}", new { analysis.Id, status = "queued", progress = $"/api/network/analyses/{analysis.Id}/progress" });
    }

    public static async Task<IResult> Recompute(long id, NetworkAnalyses analyses, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Ok(await analyses.RecomputeAsync(id, cancellationToken: cancellationToken));
        }
        catch (NetworkAnalysisException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }

    public static async Task<IResult> Cancel(long id, NetworkAnalyses analyses, NetworkJobs jobs, CancellationToken cancellationToken)
    {
        var queued = await analyses.CancelQueuedAsync(id, cancellationToken);
        var running = jobs.Cancel(id);
        return queued || running ? Results.Ok(new { id, cancelled = true }) : Results.NotFound();
    }

    public static async Task<IResult> Delete(long id, HttpContext context, NetworkAnalyses analyses, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await analyses.DeleteAsync(id, context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.User.IsInRole(Roles.Administrator), cancellationToken);
            return deleted ? Results.NoContent() : Results.NotFound();
        }
        catch (UnauthorizedAccessException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
