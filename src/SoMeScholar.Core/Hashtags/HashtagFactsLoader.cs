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

    /// <summary>Times per read phase, for the benchmark (milliseconds).</summary>
    public IReadOnlyDictionary<string, double> Timings => _timings;

    private readonly Dictionary<string, double> _timings = new(StringComparer.Ordinal);

    private IReadOnlyList<string> _tags = [];

    private bool IsPostgres => db.Provider == DatabaseProvider.PostgreSql;

    private string False => IsPostgres ? "false" : "0";

    public async Task<HashtagFacts> LoadAsync(IReadOnlyList<string> tags, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        var builder = new HashtagFactsBuilder(tags, from, to);
        _tags = tags;
        var tagList = string.Join(", ", tags.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)));

        // Phase 1: tracked posts, and the reposts made in the window (their originals are matched below).
        var postsTask = Timed("posts", () => ReadPostsAsync(tagList, from, to, cancellationToken));
        var repostsTask = Timed("reposts", () => ReadRepostsAsync(from, to, cancellationToken));
        await Task.WhenAll(postsTask, repostsTask);
        foreach (var row in await postsTask)
        {
            builder.AddPostTag(row.PostId, builder.IndexOfTag(row.Tag), row.AuthorId, row.Ticks, row.Kind, row.Language);
        }

        var unresolved = new List<(long Author, long Ticks, long Original)>();
        foreach (var (author, ticks, original) in await repostsTask)
        {
            if (builder.TryGetTags(original, out var mask))
            {
                builder.AddRepost(author, ticks, mask);
            }
            else
            {
                unresolved.Add((author, ticks, original));
            }
        }

        // Phase 2: originals outside the window, and everything attached to the tracked posts.
        var ranges = Ranges(builder.PostIds);
        var originalsTask = Timed("repost originals", () => ReadOriginalTagsAsync(tagList, unresolved.Select(u => u.Original).Distinct().ToList(), cancellationToken));
        var mentionsTask = Timed("mentions", () => ReadPairsAsync($"SELECT i.post_id, i.target_account_id FROM interactions i WHERE i.kind = 'Mention' AND i.is_deleted = {False} AND i.target_account_id IS NOT NULL AND i.post_id >= @lo AND i.post_id <= @hi", ranges, cancellationToken));
        var likesTask = Timed("likes", () => ReadPairsAsync($"SELECT i.subject_post_id, i.source_account_id FROM interactions i WHERE i.kind = 'Like' AND i.is_deleted = {False} AND i.subject_post_id >= @lo AND i.subject_post_id <= @hi", ranges, cancellationToken));
        var linksTask = Timed("links", () => ReadTextPairsAsync("SELECT l.post_id, l.url, l.domain FROM post_links l WHERE l.post_id >= @lo AND l.post_id <= @hi", ranges, cancellationToken));
        var coTagsTask = Timed("other hashtags", () => ReadTextPairsAsync($"SELECT h.post_id, h.tag, '' FROM post_hashtags h WHERE h.post_id >= @lo AND h.post_id <= @hi AND h.tag NOT IN ({tagList})", ranges, cancellationToken));
        await Task.WhenAll(originalsTask, mentionsTask, likesTask, linksTask, coTagsTask);

        var originals = await originalsTask;
        foreach (var (author, ticks, original) in unresolved)
        {
            if (originals.TryGetValue(original, out var originalTags))
            {
                ulong mask = 0;
                foreach (var tag in originalTags)
                {
                    mask |= 1UL << builder.IndexOfTag(tag);
                }

                builder.AddRepost(author, ticks, mask);
            }
        }

        foreach (var (post, account) in await mentionsTask)
        {
            builder.AddMention(post, account);
        }

        foreach (var (post, account) in await likesTask)
        {
            builder.AddLike(post, account);
        }

        foreach (var (post, url, domain) in await linksTask)
        {
            builder.AddLink(post, url, domain);
        }

        foreach (var (post, tag, _) in await coTagsTask)
        {
            builder.AddCoTag(post, tag);
        }

        // Phase 3: follower snapshots of every participant (impressions), over the ranges of their account ids.
        var snapshots = await Timed("follower snapshots", () => ReadSnapshotsAsync(Ranges(builder.ParticipantAccountIds.ToList()), cancellationToken));
        foreach (var (account, ticks, followers) in snapshots)
        {
            builder.AddSnapshot(account, ticks, followers);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var facts = builder.Build();
        _timings["build"] = clock.Elapsed.TotalMilliseconds;
        return facts;
    }

    private sealed record PostRow(long PostId, string Tag, long AuthorId, long Ticks, byte Kind, string? Language);

    private async Task<List<PostRow>> ReadPostsAsync(string tagList, DateTime from, DateTime to, CancellationToken cancellationToken)
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
        var rows = new List<PostRow>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, ("from", from), ("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PostRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), Ticks(reader, 3), (byte)reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    private async Task<List<(long Author, long Ticks, long Original)>> ReadRepostsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        // Reposts the archive has linked to their original, and those it has not linked yet (a live stream before the
        // import's final relinking) matched by the original's natural key.
        var sql = $"""
            SELECT r.author_id, {Time("r.created_at")}, r.repost_of_post_id
            FROM posts r
            WHERE r.kind = 'Repost' AND r.created_at >= @from AND r.created_at < @to AND r.is_deleted = {False} AND r.repost_of_post_id IS NOT NULL
            UNION ALL
            SELECT r.author_id, {Time("r.created_at")}, o.id
            FROM posts r JOIN posts o ON o.platform = r.platform AND o.external_id = r.repost_of_external_id
            WHERE r.kind = 'Repost' AND r.created_at >= @from AND r.created_at < @to AND r.is_deleted = {False} AND r.repost_of_post_id IS NULL
            """;
        var rows = new List<(long, long, long)>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, ("from", from), ("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), Ticks(reader, 1), reader.GetInt64(2)));
        }

        return rows;
    }

    /// <summary>The tracked tags of posts (not deleted, not reposts) among <paramref name="ids"/>.</summary>
    private async Task<Dictionary<long, List<string>>> ReadOriginalTagsAsync(string tagList, List<long> ids, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<long, List<string>>();
        if (ids.Count == 0)
        {
            return tags;
        }

        ids.Sort();
        await using var connection = await OpenAsync(cancellationToken);
        for (var start = 0; start < ids.Count; start += InListChunk)
        {
            // Ids are numbers read from the store, written as literals so no parameter limit applies.
            var idList = string.Join(",", ids.Skip(start).Take(InListChunk).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await using var command = Command(connection, $"""
                SELECT h.post_id, h.tag FROM post_hashtags h JOIN posts p ON p.id = h.post_id
                WHERE h.post_id IN ({idList}) AND h.tag IN ({tagList}) AND p.is_deleted = {False} AND p.kind <> 'Repost'
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                if (!tags.TryGetValue(id, out var list))
                {
                    tags[id] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        return tags;
    }

    private async Task<List<(long, long)>> ReadPairsAsync(string sql, IReadOnlyList<(long Low, long High)> ranges, CancellationToken cancellationToken)
    {
        var rows = new List<(long, long)>();
        if (ranges.Count == 0)
        {
            return rows;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, ("lo", 0L), ("hi", 0L));
        foreach (var (low, high) in ranges)
        {
            command.Parameters[0].Value = low;
            command.Parameters[1].Value = high;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        return rows;
    }

    private async Task<List<(long, string, string)>> ReadTextPairsAsync(string sql, IReadOnlyList<(long Low, long High)> ranges, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string, string)>();
        if (ranges.Count == 0)
        {
            return rows;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, ("lo", 0L), ("hi", 0L));
        foreach (var (low, high) in ranges)
        {
            command.Parameters[0].Value = low;
            command.Parameters[1].Value = high;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return rows;
    }

    private async Task<List<(long, long, long)>> ReadSnapshotsAsync(IReadOnlyList<(long Low, long High)> ranges, CancellationToken cancellationToken)
    {
        var rows = new List<(long, long, long)>();
        if (ranges.Count == 0)
        {
            return rows;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT s.account_id, {Time("s.observed_at")}, s.followers FROM follower_snapshots s WHERE s.account_id >= @lo AND s.account_id <= @hi AND s.followers IS NOT NULL", ("lo", 0L), ("hi", 0L));
        foreach (var (low, high) in ranges)
        {
            command.Parameters[0].Value = low;
            command.Parameters[1].Value = high;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), Ticks(reader, 1), reader.GetInt64(2)));
            }
        }

        return rows;
    }

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

    private async Task<T> Timed<T>(string name, Func<Task<T>> action)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await action();
        lock (_timings)
        {
            _timings[name] = clock.Elapsed.TotalMilliseconds;
        }

        return result;
    }

    /// <summary>A connection of its own (pooled), so reads can run side by side.</summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString()!;
        DbConnection connection = IsPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A command with the given parameters first, then the tracked tags as @t0, @t1… when the SQL names them.</summary>
    private DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        if (sql.Contains("@t0", StringComparison.Ordinal))
        {
            for (var i = 0; i < _tags.Count; i++)
            {
                Add(command, "t" + i.ToString(CultureInfo.InvariantCulture), _tags[i]);
            }
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A time column as something cheap to read: epoch milliseconds on SQLite (stored as text), the value on PostgreSQL.</summary>
    private string Time(string column) => IsPostgres ? column : $"CAST(unixepoch({column}, 'subsec') * 1000 AS INTEGER)";

    private long Ticks(DbDataReader reader, int ordinal) => IsPostgres
        ? reader.GetFieldValue<DateTime>(ordinal).Ticks
        : DateTime.UnixEpoch.Ticks + (reader.GetInt64(ordinal) * TimeSpan.TicksPerMillisecond);

    private static string KindCode(string column) =>
        $"CASE {column} WHEN '{nameof(PostKind.Reply)}' THEN {HashtagFactsBuilder.Reply} WHEN '{nameof(PostKind.Quote)}' THEN {HashtagFactsBuilder.Quote} WHEN '{nameof(PostKind.Repost)}' THEN {HashtagFactsBuilder.RepostWithOwnTags} ELSE {HashtagFactsBuilder.Original} END";
}
