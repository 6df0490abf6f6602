using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.People;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Mentors.Evaluation;

public readonly record struct EvaluationEngagement(int Source, int Target, InteractionKind Kind, DateTime? At);

public sealed record EvaluationPost(int Author, DateTime CreatedAt, string Text, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Links);

/// <summary>
/// A network to evaluate the recommender on: accounts, follows, engagement edges and posts, from the demo community's
/// plan, an edge-list file, or a store. Accounts are numbered 0..n-1.
/// </summary>
public sealed class EvaluationNetwork
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required int AccountCount { get; init; }
    public required DateTime ReferenceTime { get; init; }
    public List<(int Source, int Target)> Follows { get; } = [];
    public List<EvaluationEngagement> Engagements { get; } = [];
    public List<EvaluationPost> Posts { get; } = [];
    public HashSet<int> Trainees { get; } = [];

    /// <summary>
    /// The demo community of a seed, straight from <see cref="DemoPlan"/> (no store needed): follows and likes as
    /// planned, and the reply, quote, repost and mention edges the archive derives from posts.
    /// </summary>
    public static EvaluationNetwork FromDemo(int seed)
    {
        var plan = DemoPlan.Create(seed);
        var network = new EvaluationNetwork
        {
            Name = $"demo (seed {seed})",
            Description = "Synthetic demo community: follows inside specialties by attractiveness, posts, replies, quotes, reposts, likes and mentions over 90 days.",
            AccountCount = plan.Accounts.Count,
            ReferenceTime = DemoPlan.WindowEnd,
        };
        var byExternal = plan.Accounts.ToDictionary(a => (a.Platform, a.ExternalId), a => a.Index);
        foreach (var account in plan.Accounts)
        {
            var person = plan.People[account.PersonIndex];
            if (person.Roles.Contains(CommunityRole.Trainee) || person.Profession is Profession.Resident or Profession.MedicalStudent)
            {
                network.Trainees.Add(account.Index);
            }
        }

        int? Find(Platform platform, string? id) => id is not null && byExternal.TryGetValue((platform, id), out var i) ? i : null;
        foreach (var record in plan.Records)
        {
            switch (record)
            {
                case ImportedInteraction { Kind: InteractionKind.Follow } follow when Find(follow.Platform, follow.SourceExternalId) is { } s && Find(follow.Platform, follow.TargetExternalId) is { } t:
                    network.Follows.Add((s, t));
                    break;
                case ImportedInteraction edge when Find(edge.Platform, edge.SourceExternalId) is { } s && Find(edge.Platform, edge.TargetExternalId) is { } t:
                    network.Engagements.Add(new EvaluationEngagement(s, t, edge.Kind, edge.OccurredAt));
                    break;
                case ImportedPost post when Find(post.Platform, post.AuthorExternalId) is { } author:
                    AddPost(network, post, author, Find);
                    break;
            }
        }

        return network;
    }

    private static void AddPost(EvaluationNetwork network, ImportedPost post, int author, Func<Platform, string?, int?> find)
    {
        switch (post.Kind)
        {
            case PostKind.Repost when find(post.Platform, post.RepostOfAuthorExternalId) is { } original:
                network.Engagements.Add(new EvaluationEngagement(author, original, InteractionKind.Repost, post.CreatedAt));
                return;
            case PostKind.Reply when find(post.Platform, post.ReplyToAuthorExternalId) is { } parent:
                network.Engagements.Add(new EvaluationEngagement(author, parent, InteractionKind.Reply, post.CreatedAt));
                break;
            case PostKind.Quote when find(post.Platform, post.QuoteOfAuthorExternalId) is { } quoted:
                network.Engagements.Add(new EvaluationEngagement(author, quoted, InteractionKind.Quote, post.CreatedAt));
                break;
        }

        if (post.Kind == PostKind.Repost)
        {
            return;
        }

        foreach (var mention in post.Mentions)
        {
            if (find(post.Platform, mention.ExternalId) is { } mentioned)
            {
                network.Engagements.Add(new EvaluationEngagement(author, mentioned, InteractionKind.Mention, post.CreatedAt));
            }
        }

        network.Posts.Add(new EvaluationPost(author, post.CreatedAt, post.Text, post.Hashtags, post.Links));
    }

    /// <summary>
    /// An edge list (one "source target" pair per line, '#' comments; gzip when the name ends in .gz). Undirected
    /// networks become mutual follows; there are no posts, so only network proximity can rank.
    /// </summary>
    public static EvaluationNetwork FromEdgeList(string path, bool directed)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var edges = new List<(int, int)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var parts = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                throw new FormatException($"{path}:{lineNumber}: expected \"source target\", got \"{trimmed}\".");
            }

            edges.Add((Id(parts[0]), Id(parts[1])));
        }

        var network = new EvaluationNetwork
        {
            Name = Path.GetFileName(path),
            Description = $"{(directed ? "Directed" : "Undirected")} edge list: {ids.Count.ToString("N0", CultureInfo.InvariantCulture)} nodes, {edges.Count.ToString("N0", CultureInfo.InvariantCulture)} edges; no text.",
            AccountCount = ids.Count,
            ReferenceTime = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        foreach (var (a, b) in edges)
        {
            if (a == b)
            {
                continue;
            }

            network.Follows.Add((a, b));
            if (!directed)
            {
                network.Follows.Add((b, a));
            }
        }

        return network;

        int Id(string token)
        {
            if (!ids.TryGetValue(token, out var id))
            {
                id = ids.Count;
                ids[token] = id;
            }

            return id;
        }
    }

    /// <summary>Everything in a store: accounts, follows, engagement and every account's posts of the last year.</summary>
    public static async Task<EvaluationNetwork> FromStoreAsync(ScholarDb db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var accountIds = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var dense = accountIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var now = clock.GetUtcNow().UtcDateTime;
        var newest = await db.Posts.Where(p => !p.IsDeleted).MaxAsync(p => (DateTime?)p.CreatedAt, cancellationToken);
        var network = new EvaluationNetwork
        {
            Name = "store",
            Description = "The archive of the selected store.",
            AccountCount = accountIds.Count,
            ReferenceTime = newest is { } n && n < now ? n : now,
        };
        var traineePeople = await MentorIndexLoader.TraineePeopleAsync(db, cancellationToken);
        foreach (var account in await db.Accounts.Where(a => a.PersonId != null).Select(a => new { a.Id, a.PersonId }).ToListAsync(cancellationToken))
        {
            if (traineePeople.Contains(account.PersonId!.Value))
            {
                network.Trainees.Add(dense[account.Id]);
            }
        }

        await foreach (var edge in db.Interactions.AsNoTracking().Where(i => !i.IsDeleted && i.TargetAccountId != null)
                           .Select(i => new { i.SourceAccountId, Target = i.TargetAccountId!.Value, i.Kind, i.OccurredAt }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (edge.Kind == InteractionKind.Follow)
            {
                network.Follows.Add((dense[edge.SourceAccountId], dense[edge.Target]));
            }
            else
            {
                network.Engagements.Add(new EvaluationEngagement(dense[edge.SourceAccountId], dense[edge.Target], edge.Kind, edge.OccurredAt));
            }
        }

        var since = network.ReferenceTime.AddDays(-365);
        var tags = (await db.PostHashtags.Where(h => h.CreatedAt >= since).Select(h => new { h.PostId, h.Tag }).ToListAsync(cancellationToken))
            .GroupBy(h => h.PostId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Tag).ToList());
        await foreach (var post in db.Posts.AsNoTracking().Where(p => !p.IsDeleted && p.Kind != PostKind.Repost && p.CreatedAt >= since)
                           .Select(p => new { p.Id, p.AuthorId, p.CreatedAt, p.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            network.Posts.Add(new EvaluationPost(dense[post.AuthorId], post.CreatedAt, post.Text, tags.GetValueOrDefault(post.Id) ?? [], []));
        }

        return network;
    }
}
