using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

public sealed record ArchiveTotals(
    long Accounts,
    long Posts,
    long Interactions,
    IReadOnlyDictionary<Platform, long> AccountsByPlatform,
    IReadOnlyDictionary<PostKind, long> PostsByKind,
    IReadOnlyDictionary<InteractionKind, long> InteractionsByKind,
    DateTime? FirstPostAt,
    DateTime? LastPostAt,
    long ImportRuns);

public sealed record HashtagCount(string Tag, long Posts, long Accounts);

public sealed record DailyCount(string Tag, DateOnly Day, long Posts);

public sealed record AccountDetail(Account Account, IReadOnlyList<FollowerSnapshot> Snapshots, long Posts, IReadOnlyDictionary<InteractionKind, long> Outgoing, IReadOnlyDictionary<InteractionKind, long> Incoming, string? PersonName, string? PersonSlug);

public sealed record AccountListItem(long Id, Platform Platform, string Label, string? DisplayName, long? Followers, string? PersonSlug);

public sealed record PostSummary(long Id, Platform Platform, string ExternalId, PostKind Kind, string Text, DateTime CreatedAt, long AuthorId, string AuthorLabel, string? Url, bool IsDeleted);

/// <summary>Read-only views of the archive for the home page, the archive section and the API.</summary>
public sealed class ArchiveOverview(ScholarDb db)
{
    public async Task<ArchiveTotals> TotalsAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await db.Accounts.GroupBy(a => a.Platform).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var posts = await db.Posts.Where(p => !p.IsDeleted).GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var edges = await db.Interactions.Where(e => !e.IsDeleted).GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var first = await db.Posts.OrderBy(p => p.CreatedAt).Select(p => (DateTime?)p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var last = await db.Posts.OrderByDescending(p => p.CreatedAt).Select(p => (DateTime?)p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var runs = await db.ImportRuns.LongCountAsync(cancellationToken);
        return new ArchiveTotals(
            accounts.Sum(a => a.Count),
            posts.Sum(p => p.Count),
            edges.Sum(e => e.Count),
            accounts.ToDictionary(a => a.Key, a => a.Count),
            posts.ToDictionary(p => p.Key, p => p.Count),
            edges.ToDictionary(e => e.Key, e => e.Count),
            first,
            last,
            runs);
    }

    /// <summary>The most used hashtags (by posts, not counting deleted ones), with how many accounts used each.</summary>
    public async Task<IReadOnlyList<HashtagCount>> TopHashtagsAsync(int count, CancellationToken cancellationToken = default) =>
        await (from tag in db.PostHashtags
               join post in db.Posts on tag.PostId equals post.Id
               where !post.IsDeleted
               group tag by tag.Tag into g
               orderby g.LongCount() descending, g.Key
               select new HashtagCount(g.Key, g.LongCount(), g.Select(t => t.AuthorId).Distinct().LongCount()))
            .Take(count)
            .ToListAsync(cancellationToken);

    /// <summary>Posts per UTC day for each tag in [from, to), from the (tag, created_at) index.</summary>
    public async Task<IReadOnlyList<DailyCount>> DailyCountsAsync(IReadOnlyCollection<string> tags, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        var normalized = tags.Select(PostHashtag.Normalize).Distinct().ToList();
        if (normalized.Count == 0)
        {
            return [];
        }

        // Grouped in the database so the cost does not grow with the number of posts returned.
        var day = db.Provider == DatabaseProvider.PostgreSql
            ? "to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            : "substr(h.created_at, 1, 10)";
        var parameters = new List<object> { from, to };
        var tagList = string.Join(", ", normalized.Select((tag, i) =>
        {
            parameters.Add(tag);
            return "{" + (i + 2) + "}";
        }));
        var notDeleted = db.Provider == DatabaseProvider.PostgreSql ? "false" : "0";
        var sql = $$"""
            SELECT h.tag AS "Tag", {{day}} AS "Day", count(*) AS "Posts"
            FROM post_hashtags h JOIN posts p ON p.id = h.post_id
            WHERE h.tag IN ({{tagList}}) AND h.created_at >= {0} AND h.created_at < {1} AND p.is_deleted = {{notDeleted}}
            GROUP BY h.tag, {{day}}
            ORDER BY h.tag, {{day}}
            """;
#pragma warning disable EF1002 // Only fixed SQL fragments are interpolated; every value is a parameter.
        var rows = await db.Database.SqlQueryRaw<DailyRow>(sql, [.. parameters]).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return rows.Select(r => new DailyCount(r.Tag, DateOnly.ParseExact(r.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Posts)).ToList();
    }

    private sealed record DailyRow(string Tag, string Day, long Posts);

    public async Task<IReadOnlyList<PostSummary>> RecentPostsAsync(int count, long? authorId = null, CancellationToken cancellationToken = default)
    {
        // Reposts have no text of their own; lists of posts show what people wrote.
        var query = db.Posts.AsNoTracking().Where(p => !p.IsDeleted && p.Kind != PostKind.Repost);
        if (authorId is { } author)
        {
            query = query.Where(p => p.AuthorId == author);
        }

        return await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(count)
            .Select(p => new PostSummary(p.Id, p.Platform, p.ExternalId, p.Kind, p.Text, p.CreatedAt, p.AuthorId, p.Author!.Handle ?? p.Author.DisplayName ?? p.Author.ExternalId, p.Url, p.IsDeleted))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ImportRun>> ImportRunsAsync(int count, CancellationToken cancellationToken = default) =>
        await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>
    /// Posts matching <paramref name="text"/> by full-text search, newest first: every word must occur, as a word or a
    /// word's beginning (SQLite FTS5 over table <c>fts_posts</c>; PostgreSQL <c>to_tsvector('simple', text) @@ …</c>,
    /// served by the index <c>fts_posts_text</c>).
    /// </summary>
    public async Task<IReadOnlyList<PostSummary>> SearchPostsAsync(string text, int count, CancellationToken cancellationToken = default)
    {
        var words = SearchWords(text);
        if (words.Count == 0)
        {
            return [];
        }

        var query = db.Provider == DatabaseProvider.PostgreSql
            ? db.Posts.FromSqlRaw("SELECT * FROM posts WHERE to_tsvector('simple', text) @@ to_tsquery('simple', {0})", string.Join(" & ", words.Select(w => w + ":*")))
            : db.Posts.FromSqlRaw("SELECT * FROM posts WHERE id IN (SELECT rowid FROM fts_posts WHERE fts_posts MATCH {0})", string.Join(" AND ", words.Select(w => "\"" + w + "\"*")));
        return await query.AsNoTracking().Where(p => !p.IsDeleted).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(count)
            .Select(p => new PostSummary(p.Id, p.Platform, p.ExternalId, p.Kind, p.Text, p.CreatedAt, p.AuthorId, p.Author!.Handle ?? p.Author.DisplayName ?? p.Author.ExternalId, p.Url, p.IsDeleted))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The words of a search text: runs of letters and digits (so '#', '@', quotes and operators drop out), at most 16.</summary>
    public static IReadOnlyList<string> SearchWords(string? text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in (text ?? "") + " ")
        {
            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }
        }

        return words.Take(16).ToList();
    }

    /// <summary>Accounts whose handle or display name contains <paramref name="text"/>, most followed first.</summary>
    public async Task<IReadOnlyList<AccountListItem>> SearchAccountsAsync(string? text, int count, CancellationToken cancellationToken = default)
    {
        var accounts = db.Accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = LikePattern(text);
            accounts = db.Provider == DatabaseProvider.PostgreSql
                ? accounts.Where(a => EF.Functions.ILike(a.Handle ?? "", pattern, "\\") || EF.Functions.ILike(a.DisplayName ?? "", pattern, "\\"))
                : accounts.Where(a => EF.Functions.Like(a.Handle ?? "", pattern, "\\") || EF.Functions.Like(a.DisplayName ?? "", pattern, "\\"));
        }

        return await accounts
            .Select(a => new
            {
                a.Id,
                a.Platform,
                Label = a.Handle ?? a.DisplayName ?? a.ExternalId,
                a.DisplayName,
                Followers = a.FollowerSnapshots.OrderByDescending(s => s.ObservedAt).Select(s => s.Followers).FirstOrDefault(),
                PersonSlug = a.Person != null ? a.Person.Slug : null,
            })
            .OrderByDescending(a => a.Followers).ThenBy(a => a.Id)
            .Take(count)
            .Select(a => new AccountListItem(a.Id, a.Platform, a.Label, a.DisplayName, a.Followers, a.PersonSlug))
            .ToListAsync(cancellationToken);
    }

    public async Task<AccountDetail?> AccountAsync(long id, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Person).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var snapshots = await db.FollowerSnapshots.AsNoTracking().Where(s => s.AccountId == id).OrderBy(s => s.ObservedAt).ToListAsync(cancellationToken);
        var posts = await db.Posts.LongCountAsync(p => p.AuthorId == id && !p.IsDeleted, cancellationToken);
        var outgoing = await db.Interactions.Where(e => e.SourceAccountId == id && !e.IsDeleted).GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var incoming = await db.Interactions.Where(e => e.TargetAccountId == id && !e.IsDeleted).GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new AccountDetail(account, snapshots, posts, outgoing.ToDictionary(o => o.Key, o => o.Count), incoming.ToDictionary(i => i.Key, i => i.Count), account.Person?.DisplayName, account.Person?.Slug);
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with the wildcard characters escaped by '\'. SQLite's LIKE is case-insensitive for ASCII.</summary>
    private static string LikePattern(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
