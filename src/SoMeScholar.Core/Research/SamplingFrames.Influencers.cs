using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Graph;
using SoMeScholar.Graph.Influence;
using SoMeScholar.Graph.Metrics;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Research;

public enum InfluencerMembers
{
    /// <summary>Accounts in the top k of every measure (Riddell et al.'s "most influential": 61 of 142).</summary>
    Intersection,

    /// <summary>Accounts in the top k of any measure.</summary>
    Union,
}

/// <summary>
/// The influencer method of the network capability (Riddell et al. 2017) over a graph built from the archive.
/// Nodes are archive accounts (by account id): those of <see cref="AmongFrameId"/>'s frame when given (the population,
/// e.g. an uploaded directory of emergency physicians, isolated members included), or those who posted with one of
/// <see cref="Hashtags"/> in the window, or else every account an edge touches. Edges are the archive's interactions of
/// <see cref="EdgeKinds"/> (actor → target; default follows) between nodes, not deleted, on <see cref="Platform"/> and,
/// when a window is given, made in [From, To); repeated edges collapse and self-loops are dropped.
/// </summary>
public sealed record InfluencerFrameParameters
{
    public int K { get; init; } = 100;
    public IReadOnlyList<string> Measures { get; init; } = ["indegree", "eigenvector", "betweenness"];

    /// <summary>networkx or nodexl (NodeXL's SNAP definitions; Riddell et al. used NodeXL).</summary>
    public string Preset { get; init; } = "nodexl";

    /// <summary>id-order (exactly k per measure, ties at rank k by account id) or include-ties.</summary>
    public string TieRule { get; init; } = "id-order";

    public InfluencerMembers Members { get; init; } = InfluencerMembers.Intersection;
    public Platform? Platform { get; init; }
    public IReadOnlyList<InteractionKind> EdgeKinds { get; init; } = [InteractionKind.Follow];
    public long? AmongFrameId { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
}

public sealed partial class SamplingFrames
{
    /// <summary>Ranks the graph's accounts on each measure, takes the top k of each, and makes the intersection (or union) the frame.</summary>
    public async Task<SamplingFrame> BuildInfluencerFrameAsync(ResearchActor actor, long studyId, string name, InfluencerFrameParameters parameters, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(actor, studyId, StudyRight.Edit, cancellationToken);
        var measures = parameters.Measures.Select(m => MeasureNames.TryParse(m, out var measure) && measure is not (Measure.Community or Measure.Leiden or Measure.WeakComponent or Measure.StrongComponent)
            ? measure
            : throw ResearchException.Invalid($"Unknown or unrankable measure '{m}'. Use e.g. indegree, eigenvector, betweenness, pagerank, closeness.")).Distinct().ToList();
        if (measures.Count == 0)
        {
            throw ResearchException.Invalid("Rank on at least one measure.");
        }

        if (parameters.K < 1)
        {
            throw ResearchException.Invalid("k is at least 1.");
        }

        if (parameters.EdgeKinds.Count == 0)
        {
            throw ResearchException.Invalid("Choose at least one kind of edge.");
        }

        MetricsPreset preset;
        try
        {
            preset = MetricsOptions.ParsePreset(parameters.Preset);
        }
        catch (ArgumentException e)
        {
            throw ResearchException.Invalid(e.Message);
        }

        var tieRule = parameters.TieRule.Trim().ToLowerInvariant() switch
        {
            "id-order" or "idorder" => TieRule.IdOrder,
            "include-ties" or "includeties" => TieRule.IncludeTies,
            _ => throw ResearchException.Invalid("The tie rule is id-order or include-ties."),
        };
        var from = parameters.From is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : (DateTime?)null;
        var to = parameters.To is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : (DateTime?)null;
        var tags = parameters.Hashtags.Select(PostHashtag.Normalize).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        parameters = parameters with
        {
            Measures = measures.Select(MeasureNames.Name).ToList(),
            Preset = preset == MetricsPreset.NodeXL ? "nodexl" : "networkx",
            TieRule = tieRule == TieRule.IdOrder ? "id-order" : "include-ties",
            Hashtags = tags,
            From = from,
            To = to,
            EdgeKinds = parameters.EdgeKinds.Distinct().Order().ToList(),
        };

        // The population: a frame's accounts, hashtag posters, or (null) whoever the edges touch.
        HashSet<long>? population = null;
        if (parameters.AmongFrameId is { } among)
        {
            if (!await db.SamplingFrames.AnyAsync(x => x.Id == among && x.StudyId == studyId, cancellationToken))
            {
                throw ResearchException.Invalid($"Frame {among} is not a frame of this study.");
            }

            population = (await db.FrameMembers.Where(m => m.FrameId == among && m.AccountId != null).Select(m => m.AccountId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        }
        else if (tags.Count > 0)
        {
            var tagged = db.PostHashtags.Where(h => tags.Contains(h.Tag) && (from == null || h.CreatedAt >= from) && (to == null || h.CreatedAt < to));
            population = (await tagged.Select(h => h.AuthorId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        }

        var kinds = parameters.EdgeKinds.ToList();
        var edges = await db.Interactions.AsNoTracking()
            .Where(e => kinds.Contains(e.Kind) && !e.IsDeleted && e.TargetAccountId != null
                && (parameters.Platform == null || e.Platform == parameters.Platform)
                && (from == null || e.OccurredAt >= from) && (to == null || e.OccurredAt < to))
            .Select(e => new { e.SourceAccountId, Target = e.TargetAccountId!.Value })
            .ToListAsync(cancellationToken);

        var builder = new GraphBuilder(directed: true, new GraphBuilderOptions { DuplicateEdges = DuplicateEdges.Collapse, SelfLoops = SelfLoops.Drop });
        foreach (var id in population?.Order() ?? Enumerable.Empty<long>())
        {
            builder.AddNode(id.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var edge in edges.OrderBy(e => e.SourceAccountId).ThenBy(e => e.Target))
        {
            if (population is null || (population.Contains(edge.SourceAccountId) && population.Contains(edge.Target)))
            {
                builder.AddEdge(edge.SourceAccountId.ToString(CultureInfo.InvariantCulture), edge.Target.ToString(CultureInfo.InvariantCulture));
            }
        }

        var graph = builder.Build();
        if (graph.NodeCount == 0)
        {
            throw ResearchException.Invalid("The selection holds no accounts: widen the window, the edge kinds or the population.");
        }

        var options = new MetricsOptions { Preset = preset };
        var scores = measures.Select(m => NetworkMetrics.ComputeOne(graph, m, options, cancellationToken: cancellationToken)).ToList();
        var overlap = TopKOverlap.Compute(scores, new TopKOptions { K = parameters.K, TieRule = tieRule });
        var chosen = parameters.Members == InfluencerMembers.Intersection ? overlap.Intersection : overlap.Union;
        var accounts = await AccountsAsync(chosen.Select(m => long.Parse(m.Id, CultureInfo.InvariantCulture)).ToList(), cancellationToken);
        var members = chosen.Select(m => Member(accounts[long.Parse(m.Id, CultureInfo.InvariantCulture)], JsonSerializer.Serialize(new
        {
            lists = m.ListCount,
            ranks = parameters.Measures.Select((measure, i) => new { measure, rank = m.Ranks[i], score = scores[i][m.Node] }),
        }, Json))).ToList();
        var summary = new
        {
            nodes = graph.NodeCount,
            edges = graph.EdgeCount,
            slots = overlap.Slots,
            unionSize = overlap.UnionSize,
            intersectionSize = overlap.IntersectionSize,
            cutoffs = overlap.Measures.Select(m => new { measure = m.Measure, score = m.CutoffScore, tiedBeyondK = m.TiedBeyondK.Count }),
            convergence = scores.Where(s => s.Convergence is not null).Select(s => new { measure = s.Measure, s.Convergence!.Value.Converged, s.Convergence.Value.Iterations }),
        };
        return await SaveAsync(actor, studyId, name, FrameKind.Influencers, "riddell-top-k", parameters, summary, members, cancellationToken);
    }
}
