using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Graph;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Network;

/// <summary>
/// Builds the directed account graph of a <see cref="GraphSelection"/> from the archive. Deterministic: nodes are
/// added in account-id order and edges in (source, target) order, so the same archive and selection give the same graph,
/// node order and fingerprint on SQLite and PostgreSQL.
/// </summary>
public sealed class SelectionGraphBuilder(ScholarDb db)
{
    public async Task<SelectionGraph> BuildAsync(GraphSelection selection, CancellationToken cancellationToken = default)
    {
        selection = selection.Normalized();
        selection.Validate();
        var (listed, unmatched) = await ResolveAccountsAsync(selection, cancellationToken);

        var edges = new Dictionary<(long Source, long Target), (int Count, byte Kinds)>();
        void Count(long source, long target, InteractionKind kind)
        {
            if (source == target && !selection.SelfLoops)
            {
                return;
            }

            var key = (source, target);
            edges.TryGetValue(key, out var value);
            edges[key] = (value.Count + 1, (byte)(value.Kinds | GraphSelection.KindBit(kind)));
        }

        var query = Qualifying(selection, listed);
        var tags = selection.Hashtags;
        if (tags.Count == 0)
        {
            await foreach (var edge in query.Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value, i.Kind }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                Count(edge.SourceAccountId, edge.Target, edge.Kind);
            }
        }
        else
        {
            var tagged = query.Where(i => i.Kind != InteractionKind.Follow
                && (db.PostHashtags.Any(h => h.PostId == i.PostId && tags.Contains(h.Tag))
                    || db.PostHashtags.Any(h => h.PostId == i.SubjectPostId && tags.Contains(h.Tag))));
            await foreach (var edge in tagged.Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value, i.Kind }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                Count(edge.SourceAccountId, edge.Target, edge.Kind);
            }

            if (selection.Kinds.Contains(InteractionKind.Follow))
            {
                var participants = await Participants(selection).ToHashSetAsync(cancellationToken);
                var follows = query.Where(i => i.Kind == InteractionKind.Follow).Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value });
                await foreach (var edge in follows.AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (participants.Contains(edge.SourceAccountId) && participants.Contains(edge.Target))
                    {
                        Count(edge.SourceAccountId, edge.Target, InteractionKind.Follow);
                    }
                }
            }
        }

        var kept = edges.Where(e => e.Value.Count >= selection.MinWeight).ToList();
        var nodeSet = new HashSet<long>(listed ?? []);
        foreach (var edge in kept)
        {
            nodeSet.Add(edge.Key.Source);
            nodeSet.Add(edge.Key.Target);
        }

        var nodes = nodeSet.Order().ToList();
        var accounts = new Dictionary<long, (Platform Platform, string ExternalId, string? Handle)>(nodes.Count);
        foreach (var chunk in nodes.Chunk(5_000))
        {
            var rows = await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Select(a => new { a.Id, a.Platform, a.ExternalId, a.Handle }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                accounts[row.Id] = (row.Platform, row.ExternalId, row.Handle);
            }
        }

        // Node ids are external ids; one that two platforms share is qualified by its platform ("mastodon:...").
        var shared = accounts.Values.GroupBy(a => a.ExternalId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var builder = new GraphBuilder(directed: true, new GraphBuilderOptions { SelfLoops = SelfLoops.Keep });
        var index = new Dictionary<long, int>(nodes.Count);
        var labels = new string?[nodes.Count];
        var accountIds = new long?[nodes.Count];
        foreach (var id in nodes)
        {
            var account = accounts[id];
            var nodeId = shared.Contains(account.ExternalId) ? $"{account.Platform.ToString().ToLowerInvariant()}:{account.ExternalId}" : account.ExternalId;
            var v = builder.AddNode(nodeId);
            index[id] = v;
            labels[v] = account.Handle;
            accountIds[v] = id;
        }

        var ordered = kept.Select(e => (Source: index[e.Key.Source], Target: index[e.Key.Target], e.Value.Count, e.Value.Kinds))
            .OrderBy(e => e.Source).ThenBy(e => e.Target).ToList();
        var kinds = new byte[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var edge = ordered[i];
            if (selection.Weighted)
            {
                builder.AddEdge(edge.Source, edge.Target, edge.Count);
            }
            else
            {
                builder.AddEdge(edge.Source, edge.Target);
            }

            kinds[i] = edge.Kinds;
        }

        return new SelectionGraph(builder.Build(), labels, accountIds, kinds) { UnmatchedAccounts = unmatched };
    }

    private IQueryable<Archive.Interaction> Qualifying(GraphSelection selection, HashSet<long>? listed)
    {
        var kinds = selection.Kinds.ToList();
        var query = db.Interactions.AsNoTracking().Where(i => !i.IsDeleted && i.TargetAccountId != null && kinds.Contains(i.Kind));
        if (selection.Platforms.Count > 0)
        {
            var platforms = selection.Platforms.ToList();
            query = query.Where(i => platforms.Contains(i.Platform));
        }

        if (selection.From is { } from)
        {
            query = query.Where(i => i.OccurredAt == null || i.OccurredAt >= from);
        }

        if (selection.To is { } to)
        {
            query = query.Where(i => i.OccurredAt == null || i.OccurredAt < to);
        }

        if (listed is not null)
        {
            var ids = listed.ToList();
            query = query.Where(i => ids.Contains(i.SourceAccountId) && ids.Contains(i.TargetAccountId!.Value));
        }

        return query;
    }

    /// <summary>Accounts that authored a (not deleted) post carrying a selected hashtag inside the window.</summary>
    private IQueryable<long> Participants(GraphSelection selection)
    {
        var tags = selection.Hashtags.ToList();
        var query = db.PostHashtags.AsNoTracking().Where(h => tags.Contains(h.Tag) && !h.Post!.IsDeleted);
        if (selection.From is { } from)
        {
            query = query.Where(h => h.CreatedAt >= from);
        }

        if (selection.To is { } to)
        {
            query = query.Where(h => h.CreatedAt < to);
        }

        if (selection.Platforms.Count > 0)
        {
            var platforms = selection.Platforms.ToList();
            query = query.Where(h => platforms.Contains(h.Post!.Platform));
        }

        return query.Select(h => h.AuthorId).Distinct();
    }

    /// <summary>The listed accounts by handle (with or without '@', any case) or external id; null when no list is given.</summary>
    private async Task<(HashSet<long>? Ids, IReadOnlyList<string> Unmatched)> ResolveAccountsAsync(GraphSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Accounts.Count == 0)
        {
            return (null, []);
        }

        var wanted = selection.Accounts.Select(a => a.TrimStart('@')).ToList();
        var lowered = wanted.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var query = db.Accounts.AsNoTracking();
        if (selection.Platforms.Count > 0)
        {
            var platforms = selection.Platforms.ToList();
            query = query.Where(a => platforms.Contains(a.Platform));
        }

        // ToLower() is translated to SQL LOWER(); it never runs in .NET, so the culture rules do not apply.
#pragma warning disable CA1304, CA1311
        var found = await query.Where(a => wanted.Contains(a.ExternalId) || (a.Handle != null && lowered.Contains(a.Handle.ToLower())))
            .Select(a => new { a.Id, a.ExternalId, a.Handle }).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
        var ids = found.Select(a => a.Id).ToHashSet();
        var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in found)
        {
            matched.Add(a.ExternalId);
            if (a.Handle is not null)
            {
                matched.Add(a.Handle);
            }
        }

        return (ids, wanted.Where(w => !matched.Contains(w)).ToList());
    }
}
