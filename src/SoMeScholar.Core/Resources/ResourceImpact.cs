using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Resources;

/// <summary>Keeps <see cref="PostLinkUrl"/> up to date with <c>post_links</c>: each call indexes the links added since the last one.</summary>
public sealed class LinkIndex(ScholarDb db)
{
    public const int BatchSize = 5_000;

    /// <summary>Indexes every link with an id above the highest indexed one; returns how many were added.</summary>
    public async Task<int> UpdateAsync(CancellationToken cancellationToken = default)
    {
        var added = 0;
        while (true)
        {
            var after = await db.PostLinkUrls.MaxAsync(l => (long?)l.PostLinkId, cancellationToken) ?? 0;
            var batch = await db.PostLinks.AsNoTracking().Where(l => l.Id > after).OrderBy(l => l.Id).Take(BatchSize)
                .Select(l => new { l.Id, l.PostId, l.Url }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return added;
            }

            db.PostLinkUrls.AddRange(batch.Select(l => new PostLinkUrl { PostLinkId = l.Id, PostId = l.PostId, NormalizedUrl = Truncate(UrlNormalizer.NormalizeOrNull(l.Url) ?? "") }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            added += batch.Count;
        }
    }

    private static string Truncate(string url) => url.Length <= 2048 ? url : url[..2048];
}

/// <summary>One source of attention with its Altmetric weight, how many mentions it had and what it adds to the score.</summary>
public sealed record AttentionSource(string Source, double Weight, long Count, long Contribution, bool Collected, string Note);

public sealed record AttentionDay(DateOnly Day, long Posts, long Reposts);

/// <summary>
/// The attention a resource received in the archive. <see cref="Posts"/>: original posts, replies and quotes linking
/// to any version of the resource (links matched after <see cref="UrlNormalizer"/>), deleted posts excluded;
/// <see cref="Reposts"/>: reposts of those posts; <see cref="Accounts"/>: unique accounts that posted or reposted;
/// <see cref="Impressions"/>: Σ over those accounts of (posts + reposts by the account) × the account's followers in
/// its snapshot nearest the end of the attention window (the last post or repost), as capability 3 defines
/// impressions; accounts without a follower snapshot add nothing.
/// </summary>
public sealed record ImpactReport(
    long Posts,
    long Reposts,
    long Accounts,
    long Impressions,
    long AccountsWithoutFollowers,
    DateTime? FirstAt,
    DateTime? LastAt,
    IReadOnlyDictionary<Platform, long> PostsByPlatform,
    IReadOnlyList<AttentionDay> Timeline,
    IReadOnlyList<AttentionSource> Sources,
    long AttentionScore,
    IReadOnlyList<ImpactPost> TopPosts);

public sealed record ImpactPost(long PostId, long AuthorId, string Author, Platform Platform, DateTime CreatedAt, string Text, string? Url, long Reposts);

/// <summary>Impact of resources from the archive, and the Altmetric-style attention score with its weights shown.</summary>
public sealed class ResourceImpact(ScholarDb db, LinkIndex links)
{
    /// <summary>
    /// Altmetric's default weights (anchors-domain.md §8). SoMeScholar's archive holds microblog posts (Bluesky, Mastodon,
    /// X), which take the Twitter/X weight of 1 for posts and reposts alike; the other sources are listed with their
    /// weights but are not collected, so they add 0. Contributions are whole numbers: a source with mentions whose
    /// weighted count is under 1 adds 1, otherwise its weighted count rounded. Altmetric's per-author modifiers
    /// (promiscuity, bias, reach) are not applied.
    /// </summary>
    public static readonly IReadOnlyList<(string Source, double Weight, bool Collected)> Weights =
    [
        ("News", 8, false),
        ("Blogs", 5, false),
        ("Wikipedia", 3, false),
        ("Policy documents (per source)", 3, false),
        ("Patents", 3, false),
        ("Microblog posts (Bluesky, Mastodon, X; the Twitter/X weight)", 1, true),
        ("Microblog reposts (the Twitter/X weight for retweets)", 1, true),
        ("Peer review (Publons, PubPeer)", 1, false),
        ("LinkedIn", 0.5, false),
        ("Facebook, Reddit, YouTube, Q&A", 0.25, false),
        ("Mendeley readers, citations", 0, false),
    ];

    public async Task<ImpactReport> ForResourceAsync(long resourceId, CancellationToken cancellationToken = default)
    {
        await links.UpdateAsync(cancellationToken);
        var urls = await UrlsOfAsync(resourceId, cancellationToken);
        var postIds = await db.PostLinkUrls.Where(l => urls.Contains(l.NormalizedUrl)).Select(l => l.PostId).Distinct().ToListAsync(cancellationToken);
        var posts = new List<(long Id, long AuthorId, Platform Platform, DateTime CreatedAt)>();
        foreach (var chunk in postIds.Chunk(1_000))
        {
            posts.AddRange((await db.Posts.AsNoTracking().Where(p => chunk.Contains(p.Id) && !p.IsDeleted && p.Kind != PostKind.Repost)
                .Select(p => new { p.Id, p.AuthorId, p.Platform, p.CreatedAt }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.AuthorId, p.Platform, p.CreatedAt)));
        }

        var ids = posts.Select(p => p.Id).ToList();
        var reposts = new List<(long Of, long AuthorId, DateTime CreatedAt)>();
        foreach (var chunk in ids.Chunk(1_000))
        {
            reposts.AddRange((await db.Posts.AsNoTracking().Where(p => p.RepostOfPostId != null && chunk.Contains(p.RepostOfPostId.Value) && !p.IsDeleted && p.Kind == PostKind.Repost)
                .Select(p => new { Of = p.RepostOfPostId!.Value, p.AuthorId, p.CreatedAt }).ToListAsync(cancellationToken)).Select(r => (r.Of, r.AuthorId, r.CreatedAt)));
        }

        var activity = posts.Select(p => (p.AuthorId, p.CreatedAt)).Concat(reposts.Select(r => (r.AuthorId, r.CreatedAt))).ToList();
        var perAccount = activity.GroupBy(a => a.AuthorId).ToDictionary(g => g.Key, g => (long)g.Count());
        DateTime? first = activity.Count > 0 ? activity.Min(a => a.CreatedAt) : null;
        DateTime? last = activity.Count > 0 ? activity.Max(a => a.CreatedAt) : null;
        long impressions = 0;
        long withoutFollowers = 0;
        if (last is { } end)
        {
            var accountIds = perAccount.Keys.ToList();
            var snapshots = new List<(long AccountId, DateTime ObservedAt, long? Followers)>();
            foreach (var chunk in accountIds.Chunk(1_000))
            {
                snapshots.AddRange((await db.FollowerSnapshots.AsNoTracking().Where(s => chunk.Contains(s.AccountId) && s.Followers != null)
                    .Select(s => new { s.AccountId, s.ObservedAt, s.Followers }).ToListAsync(cancellationToken)).Select(s => (s.AccountId, s.ObservedAt, s.Followers)));
            }

            var nearest = snapshots.GroupBy(s => s.AccountId).ToDictionary(
                g => g.Key,
                g => g.OrderBy(s => Math.Abs((s.ObservedAt - end).Ticks)).ThenByDescending(s => s.ObservedAt).First().Followers ?? 0);
            foreach (var (account, count) in perAccount)
            {
                if (nearest.TryGetValue(account, out var followers))
                {
                    impressions += count * followers;
                }
                else
                {
                    withoutFollowers++;
                }
            }
        }

        var timeline = activity.Count == 0
            ? []
            : posts.Select(p => (Day: DateOnly.FromDateTime(p.CreatedAt), Post: 1, Repost: 0))
                .Concat(reposts.Select(r => (Day: DateOnly.FromDateTime(r.CreatedAt), Post: 0, Repost: 1)))
                .GroupBy(x => x.Day).OrderBy(g => g.Key)
                .Select(g => new AttentionDay(g.Key, g.Sum(x => x.Post), g.Sum(x => x.Repost))).ToList();
        var sources = Sources(posts.Count, reposts.Count);
        var repostCounts = reposts.GroupBy(r => r.Of).ToDictionary(g => g.Key, g => (long)g.Count());
        var topIds = posts.OrderByDescending(p => repostCounts.GetValueOrDefault(p.Id)).ThenByDescending(p => p.CreatedAt).Take(10).Select(p => p.Id).ToList();
        var top = await db.Posts.AsNoTracking().Where(p => topIds.Contains(p.Id))
            .Select(p => new { p.Id, p.AuthorId, Author = p.Author!.Handle ?? p.Author.DisplayName ?? p.Author.ExternalId, p.Platform, p.CreatedAt, p.Text, p.Url })
            .ToListAsync(cancellationToken);
        return new ImpactReport(
            posts.Count,
            reposts.Count,
            perAccount.Count,
            impressions,
            withoutFollowers,
            first,
            last,
            posts.GroupBy(p => p.Platform).ToDictionary(g => g.Key, g => (long)g.Count()),
            timeline,
            sources,
            sources.Sum(s => s.Contribution),
            top.Select(p => new ImpactPost(p.Id, p.AuthorId, p.Author, p.Platform, p.CreatedAt, p.Text, p.Url, repostCounts.GetValueOrDefault(p.Id)))
                .OrderByDescending(p => p.Reposts).ThenByDescending(p => p.CreatedAt).ToList());
    }

    /// <summary>Posts (not reposts) linking to each resource's current address, for lists and sorting by impact.</summary>
    public async Task<IReadOnlyDictionary<long, long>> PostCountsAsync(CancellationToken cancellationToken = default)
    {
        await links.UpdateAsync(cancellationToken);
        var rows = await (from resource in db.Resources
                          join link in db.PostLinkUrls on resource.NormalizedUrl equals link.NormalizedUrl
                          join post in db.Posts on link.PostId equals post.Id
                          where !post.IsDeleted && post.Kind != PostKind.Repost
                          group post.Id by resource.Id into g
                          select new { ResourceId = g.Key, Posts = g.Distinct().LongCount() }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.ResourceId, r => r.Posts);
    }

    public static IReadOnlyList<AttentionSource> Sources(long posts, long reposts) =>
        Weights.Select(w =>
        {
            var count = w.Source.StartsWith("Microblog posts", StringComparison.Ordinal) ? posts : w.Source.StartsWith("Microblog reposts", StringComparison.Ordinal) ? reposts : 0;
            return new AttentionSource(w.Source, w.Weight, count, Contribution(count, w.Weight), w.Collected, w.Collected ? "from the archive" : "not collected by SoMeScholar");
        }).ToList();

    /// <summary>Whole-number contribution: a source with mentions adds at least 1 (when weighted), else its weighted count rounded.</summary>
    public static long Contribution(long count, double weight)
    {
        if (count == 0 || weight <= 0)
        {
            return 0;
        }

        var weighted = count * weight;
        return weighted < 1 ? 1 : (long)Math.Round(weighted, MidpointRounding.AwayFromZero);
    }

    private async Task<List<string>> UrlsOfAsync(long resourceId, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.AsNoTracking().Where(r => r.Id == resourceId).Select(r => new { r.NormalizedUrl, Versions = r.Versions.Select(v => v.Url).ToList() })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new ResourceNotFoundException($"No resource {resourceId}.");
        return resource.Versions.Select(UrlNormalizer.NormalizeOrNull).OfType<string>().Append(resource.NormalizedUrl).Distinct().ToList();
    }
}
