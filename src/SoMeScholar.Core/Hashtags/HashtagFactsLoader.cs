using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Reads the <see cref="HashtagFacts"/> of a tag set and window from the archive. The tracked posts come from one
/// covering range scan of post_hashtags (tag, created_at) joined to posts; everything attached to them (mentions,
/// likes, links, other hashtags) is read by scanning the attached tables over the ranges of post ids the tracked posts
/// occupy, and matched in memory, instead of probing an index once per post. Independent reads run in parallel on
/// their own connections. The SQL is plain apart from three provider fragments (time, boolean, kind code).
/// </summary>
public sealed class HashtagFactsLoader(ScholarDb db)
{
    /// <summary>At most this many id ranges per attached table: gaps between tracked ids are merged to stay under it.</summary>
    private const int MaxRanges = 256;

    private const int InListChunk = 2000;

    /// <summary>Times per read phase, for the benchmark (milliseconds of wall time; of process CPU time when <see cref="Sequential"/>).</summary>
    public IReadOnlyDictionary<string, double> Timings => _timings;

    /// <summary>Read one phase after the other (the benchmark uses it to attribute CPU time to each read).</summary>
    public bool Sequential { get; init; }

    private readonly Dictionary<string, double> _timings = new(StringComparer.Ordinal);

    private IReadOnlyList<string> _tags = [];

    // Read from the context once: the context is not thread-safe and the reads run side by side.
    private readonly bool _isPostgres = db.Provider == DatabaseProvider.PostgreSql;
    private readonly string _connectionString = db.Database.GetConnectionString()!;

    private bool IsPostgres => _isPostgres;

    private string False => IsPostgres ? "false" : "0";

    public async Task<HashtagFacts> LoadAsync(IReadOnlyList<string> tags, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        var builder = new HashtagFactsBuilder(tags, from, to);
        _tags = tags;
        var tagList = string.Join(", ", tags.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)));
        var window = new (string, object)[] { ("from", from), ("to", to) };

        // Phase 1: tracked posts, and the reposts made in the window (their originals are matched below).
        var reposts = new List<(long Id, long Author, long Ticks, long Original)>();
        var postsTask = Timed("posts", () => ReadPostsAsync(builder, tagList, window, cancellationToken));
        var repostsTask = Timed("reposts", () => ReadAsync(RepostsSql, window, row => reposts.Add((row.Int64(0), row.Int64(1), row.Ticks(2), row.Int64(3))), cancellationToken));
        await Task.WhenAll(postsTask, repostsTask);

        var unresolved = new List<(long Id, long Author, long Ticks, long Original)>();
        foreach (var (id, author, ticks, original) in reposts)
        {
            if (builder.TryGetTags(original, out var mask))
            {
                builder.AddRepost(id, author, ticks, mask);
            }
            else
            {
                unresolved.Add((id, author, ticks, original));
            }
        }

        // Phase 2: originals outside the window, and everything attached to the tracked posts, read over id ranges.
        var ranges = Ranges(builder.PostIds);
        var originals = new Dictionary<long, ulong>();
        var mentions = new List<(long, long)>();
        var likes = new List<(long, long)>();
        var links = new List<(long, string, string)>();
        var coTags = new List<(long, string)>();
        await Task.WhenAll(
            Timed("repost originals", () => ReadOriginalTagsAsync(builder, tagList, [.. unresolved.Select(u => u.Original).Distinct()], originals, cancellationToken)),
            Timed("mentions", () => ReadRangesAsync($"SELECT i.post_id, i.target_account_id FROM interactions i WHERE i.kind = 'Mention' AND i.is_deleted = {False} AND i.target_account_id IS NOT NULL AND i.post_id >= @lo AND i.post_id <= @hi", ranges, row => mentions.Add((row.Int64(0), row.Int64(1))), cancellationToken)),
            Timed("likes", () => ReadRangesAsync($"SELECT i.subject_post_id, i.source_account_id FROM interactions i WHERE i.kind = 'Like' AND i.is_deleted = {False} AND i.subject_post_id >= @lo AND i.subject_post_id <= @hi", ranges, row => likes.Add((row.Int64(0), row.Int64(1))), cancellationToken)),
            Timed("links", () => ReadRangesAsync("SELECT l.post_id, l.url, l.domain FROM post_links l WHERE l.post_id >= @lo AND l.post_id <= @hi", ranges, row => links.Add((row.Int64(0), row.Text(1), row.Text(2))), cancellationToken)),
            Timed("other hashtags", () => ReadRangesAsync($"SELECT h.post_id, h.tag FROM post_hashtags h WHERE h.post_id >= @lo AND h.post_id <= @hi AND h.tag NOT IN ({tagList})", ranges, row => coTags.Add((row.Int64(0), row.Text(1))), cancellationToken)));

        foreach (var (id, author, ticks, original) in unresolved)
        {
            if (originals.TryGetValue(original, out var mask))
            {
                builder.AddRepost(id, author, ticks, mask);
            }
        }

        foreach (var (post, account) in mentions)
        {
            builder.AddMention(post, account);
        }

        foreach (var (post, account) in likes)
        {
            builder.AddLike(post, account);
        }

        foreach (var (post, url, domain) in links)
        {
            builder.AddLink(post, url, domain);
        }

        foreach (var (post, tag) in coTags)
        {
            builder.AddCoTag(post, tag);
        }

        // Phase 3: follower snapshots of every participant (impressions), over the ranges of their account ids.
        var snapshots = await Timed("follower snapshots", () => ReadSnapshotsAsync([.. builder.ParticipantAccountIds], cancellationToken));
        foreach (var (account, ticks, followers) in snapshots)
        {
            builder.AddSnapshot(account, ticks, followers);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var facts = builder.Build();
        _timings["build"] = clock.Elapsed.TotalMilliseconds;
        return facts;
    }

    /// <summary>The follower snapshots (with a known count) of the given accounts, read over ranges of their ids.</summary>
    public async Task<List<(long Account, long Ticks, long Followers)>> ReadSnapshotsAsync(IReadOnlyCollection<long> accountIds, CancellationToken cancellationToken = default)
    {
        var snapshots = new List<(long, long, long)>();
        await ReadRangesAsync(
            $"SELECT s.account_id, {Time("s.observed_at")}, s.followers FROM follower_snapshots s WHERE s.account_id >= @lo AND s.account_id <= @hi AND s.followers IS NOT NULL",
            Ranges(accountIds), row => snapshots.Add((row.Int64(0), row.Ticks(1), row.Int64(2))), cancellationToken);
        return snapshots;
    }

    private async Task<bool> ReadPostsAsync(HashtagFactsBuilder builder, string tagList, (string, object)[] window, CancellationToken cancellationToken)
    {
        // A repost row here carries tracked tags of its own (an X "RT @…" text); it counts as a repost by its tags only
        // when the archive cannot name its original, otherwise it is counted through the original like every repost.
        var sql = $"""
            SELECT h.post_id, h.tag, p.author_id, {Time("h.created_at")}, {KindCode("p.kind")}, p.language
            FROM post_hashtags h JOIN posts p ON p.id = h.post_id
            WHERE h.tag IN ({tagList}) AND h.created_at >= @from AND h.created_at < @to AND p.is_deleted = {False}
              AND NOT (p.kind = 'Repost' AND (p.repost_of_post_id IS NOT NULL
                   OR EXISTS (SELECT 1 FROM posts o WHERE o.platform = p.platform AND o.external_id = p.repost_of_external_id)))
            """;
        var tagNames = new TextInterner();
        var tagIndex = new List<int>();
        var languages = builder.LanguageValues;
        var single = _tags.Count == 1;
        await ReadAsync(sql, window, row =>
        {
            // One tracked tag: every row carries it, so the tag column need not be read.
            var tag = single ? 0 : row.Intern(1, tagNames);
            while (tagIndex.Count <= tag)
            {
                tagIndex.Add(single ? 0 : builder.IndexOfTag(tagNames[tagIndex.Count]));
            }

            builder.AddPostTag(row.Int64(0), tagIndex[tag], row.Int64(2), row.Ticks(3), (byte)row.Int64(4), row.Intern(5, languages));
        }, cancellationToken);
        return true;
    }

    private string RepostsSql => $"""
        SELECT r.id, r.author_id, {Time("r.created_at")}, r.repost_of_post_id
        FROM posts r
        WHERE r.kind = 'Repost' AND r.created_at >= @from AND r.created_at < @to AND r.is_deleted = {False} AND r.repost_of_post_id IS NOT NULL
        UNION ALL
        SELECT r.id, r.author_id, {Time("r.created_at")}, o.id
        FROM posts r JOIN posts o ON o.platform = r.platform AND o.external_id = r.repost_of_external_id
        WHERE r.kind = 'Repost' AND r.created_at >= @from AND r.created_at < @to AND r.is_deleted = {False} AND r.repost_of_post_id IS NULL
        """;

    /// <summary>The tracked-tag masks of posts (not deleted, not reposts) among <paramref name="ids"/>.</summary>
    private async Task<bool> ReadOriginalTagsAsync(HashtagFactsBuilder builder, string tagList, List<long> ids, Dictionary<long, ulong> masks, CancellationToken cancellationToken)
    {
        ids.Sort();
        for (var start = 0; start < ids.Count; start += InListChunk)
        {
            // Ids are numbers read from the store, written as literals so no parameter limit applies.
            var idList = string.Join(",", ids.Skip(start).Take(InListChunk).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await ReadAsync($"""
                SELECT h.post_id, h.tag FROM post_hashtags h JOIN posts p ON p.id = h.post_id
                WHERE h.post_id IN ({idList}) AND h.tag IN ({tagList}) AND p.is_deleted = {False} AND p.kind <> 'Repost'
                """, [], row =>
                {
                    var id = row.Int64(0);
                    masks[id] = masks.GetValueOrDefault(id) | (1UL << builder.IndexOfTag(row.Text(1)));
                }, cancellationToken);
        }

        return true;
    }

    /// <summary>One read on a connection of its own (pooled), so reads can run side by side.</summary>
    private async Task<bool> ReadAsync(string sql, IReadOnlyList<(string, object)> parameters, Action<IRow> onRow, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await RowReader.ForEachAsync(connection, sql, [.. parameters, .. TagParameters(sql)], onRow, cancellationToken);
        return true;
    }

    private async Task<bool> ReadRangesAsync(string sql, IReadOnlyList<(long Low, long High)> ranges, Action<IRow> onRow, CancellationToken cancellationToken)
    {
        if (ranges.Count == 0)
        {
            return true;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await RowReader.ForEachInRangesAsync(connection, sql, ranges, TagParameters(sql), onRow, cancellationToken);
        return true;
    }

    private List<(string, object)> TagParameters(string sql) =>
        sql.Contains("@t0", StringComparison.Ordinal) ? [.. _tags.Select((tag, i) => ("t" + i.ToString(CultureInfo.InvariantCulture), (object)tag))] : [];

    /// <summary>
    /// Covers the ids with at most <see cref="MaxRanges"/> ranges: consecutive ids closer than a gap share a range,
    /// and the gap doubles until few enough ranges remain. Rows in a range that belong to untracked posts are read
    /// and ignored; one sequential scan of a range costs far less than one index probe per tracked post.
    /// </summary>
    public static IReadOnlyList<(long Low, long High)> Ranges(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var sorted = ids.ToArray();
        Array.Sort(sorted);
        for (long gap = 64; ; gap *= 2)
        {
            var ranges = new List<(long, long)>();
            var low = sorted[0];
            var high = sorted[0];
            foreach (var id in sorted)
            {
                if (id - high > gap)
                {
                    ranges.Add((low, high));
                    low = id;
                }

                high = id;
            }

            ranges.Add((low, high));
            if (ranges.Count <= MaxRanges)
            {
                return ranges;
            }
        }
    }

    private Task _previousPhase = Task.CompletedTask;

    private Task<T> Timed<T>(string name, Func<Task<T>> action)
    {
        if (!Sequential)
        {
            return MeasureAsync(name, action);
        }

        var task = AfterAsync(_previousPhase, name, action);
        _previousPhase = task;
        return task;
    }

    private async Task<T> AfterAsync<T>(Task previous, string name, Func<Task<T>> action)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await MeasureAsync(name, action);
    }

    private async Task<T> MeasureAsync<T>(string name, Func<Task<T>> action)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // On a thread-pool thread: SQLite reads run synchronously, and side by side they use every core.
        var result = await Task.Run(action);
        lock (_timings)
        {
            _timings[name] = Sequential
                ? (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds
                : clock.Elapsed.TotalMilliseconds;
        }

        return result;
    }

    /// <summary>A connection of its own (pooled), so reads can run side by side.</summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A time column as something cheap to read: epoch milliseconds on SQLite (stored as text), the value on PostgreSQL.</summary>
    private string Time(string column) => IsPostgres ? column : $"CAST(unixepoch({column}, 'subsec') * 1000 AS INTEGER)";

    private static string KindCode(string column) =>
        $"CASE {column} WHEN '{nameof(PostKind.Reply)}' THEN {HashtagFactsBuilder.Reply} WHEN '{nameof(PostKind.Quote)}' THEN {HashtagFactsBuilder.Quote} WHEN '{nameof(PostKind.Repost)}' THEN {HashtagFactsBuilder.RepostWithOwnTags} ELSE {HashtagFactsBuilder.Original} END";
}
