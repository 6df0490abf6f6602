using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SoMeScholar.Benchmarks.Hashtags;

/// <summary>
/// Generates a large hashtag archive straight into the archive tables (bulk insert on SQLite, binary COPY on
/// PostgreSQL): one big conference hashtag with <see cref="TrackedPosts"/> posts in the report window, a busy
/// preceding window, reposts, likes, mentions, links, other hashtags, untracked noise and follower snapshots.
/// Deterministic for a seed. Bypasses the archive writer on purpose: it is the read side that is measured.
/// </summary>
public sealed class HashtagArchiveGenerator(int trackedPosts, int seed = 20261014)
{
    public const string Tag = "bigconf";
    public static readonly DateTime WindowFrom = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan WindowLength = TimeSpan.FromDays(30);

    public int TrackedPosts { get; } = trackedPosts;
    public int Accounts => Math.Max(1_000, TrackedPosts / 8);
    public int PreviousPosts => TrackedPosts * 3 / 10;
    public int NoisePosts => TrackedPosts / 2;
    public int Reposts => TrackedPosts * 2 / 5;
    public int Likes => TrackedPosts * 3 / 2;

    private static readonly string[] CoTags = [.. Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? "meded" + i : i % 3 == 1 ? "foamed" + i : "cardiology" + i)];
    private static readonly string[] Languages = ["en", "en", "en", "en", "fr", "es", "de", "pt"];

    public sealed record Counts(long Accounts, long Snapshots, long Posts, long Hashtags, long Links, long Interactions);

    private readonly record struct PostRow(long Id, long Author, DateTime At, string Kind, string? Language, long? RepostOf, string[] Tags, string? Link, long? Mention);

    private IEnumerable<PostRow> Posts()
    {
        var random = new Random(seed);
        long id = 0;
        var previousFrom = WindowFrom - WindowLength;
        var span = WindowLength.TotalSeconds;

        // Preceding window, then the window itself (a conference: a busy middle third), then untracked noise.
        foreach (var (count, from, tracked) in new[] { (PreviousPosts, previousFrom, true), (TrackedPosts, WindowFrom, true), (NoisePosts, WindowFrom, false) })
        {
            var times = new double[count];
            for (var i = 0; i < count; i++)
            {
                times[i] = random.NextDouble() < 0.5 ? (span / 3) + (random.NextDouble() * span / 3) : random.NextDouble() * span;
            }

            Array.Sort(times);
            foreach (var seconds in times)
            {
                id++;
                var roll = random.NextDouble();
                var kind = roll < 0.7 ? "Original" : roll < 0.9 ? "Reply" : "Quote";
                var tags = tracked
                    ? random.NextDouble() < 0.3 ? [Tag, CoTags[random.Next(CoTags.Length)]] : new[] { Tag }
                    : [CoTags[random.Next(CoTags.Length)]];
                var link = random.NextDouble() < 0.2 ? $"https://site{random.Next(800)}.example/resource/{random.Next(5_000)}" : null;
                long? mention = random.NextDouble() < 0.15 ? 1 + (long)(Math.Pow(random.NextDouble(), 3) * Accounts) : null;
                yield return new PostRow(id, 1 + Author(random), from.AddSeconds(seconds), kind, Languages[random.Next(Languages.Length)], null, tags, link, mention);
            }
        }

        // Reposts made in the window: of tracked posts of the window (mostly) and of the preceding window.
        var firstTracked = PreviousPosts + 1L;
        var times2 = new double[Reposts];
        for (var i = 0; i < Reposts; i++)
        {
            times2[i] = random.NextDouble() * span;
        }

        Array.Sort(times2);
        foreach (var seconds in times2)
        {
            id++;
            var original = random.NextDouble() < 0.85 ? firstTracked + random.Next(TrackedPosts) : 1 + random.Next(PreviousPosts);
            yield return new PostRow(id, 1 + Author(random), WindowFrom.AddSeconds(seconds), "Repost", null, original, [], null, null);
        }
    }

    private long Author(Random random) => (long)(Math.Pow(random.NextDouble(), 2.5) * (Accounts - 1));

    /// <summary>Followers: heavy-tailed, two snapshots for 95% of accounts (a month before and after the window's end).</summary>
    private IEnumerable<(long Account, DateTime At, long Followers)> Snapshots()
    {
        var random = new Random(seed + 1);
        for (long account = 1; account <= Accounts; account++)
        {
            if (random.NextDouble() < 0.05)
            {
                continue;
            }

            var followers = (long)(50 / Math.Pow(1 - random.NextDouble(), 0.8));
            yield return (account, WindowFrom.AddDays(-5), followers);
            yield return (account, WindowFrom + WindowLength + TimeSpan.FromDays(20), followers + random.Next(100));
        }
    }

    private IEnumerable<(long Source, long Subject, DateTime At)> LikeRows()
    {
        var random = new Random(seed + 2);
        var first = PreviousPosts + 1L;
        for (var i = 0; i < Likes; i++)
        {
            var subject = random.NextDouble() < 0.8 ? first + random.Next(TrackedPosts) : 1 + random.Next(PreviousPosts);
            yield return (1 + Author(random), subject, WindowFrom.AddSeconds(random.NextDouble() * WindowLength.TotalSeconds));
        }
    }

    public async Task<Counts> LoadSqliteAsync(SqliteConnection connection, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var pragma in new[] { "PRAGMA synchronous = OFF", "PRAGMA cache_size = -200000" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var accountInsert = Prepare(connection, transaction, "INSERT INTO accounts (id, platform, external_id, handle, display_name, status, first_seen_at) VALUES (@p0, 'Bluesky', @p1, @p2, @p3, 'Active', @p4)", 5);
        for (long a = 1; a <= Accounts; a++)
        {
            await Run(accountInsert, cancellationToken, a, $"did:plc:bench{a}", $"user{a}.bench.invalid", $"Bench user {a}", WindowFrom.AddYears(-1));
        }

        progress("accounts");
        var snapshotInsert = Prepare(connection, transaction, "INSERT INTO follower_snapshots (account_id, observed_at, followers) VALUES (@p0, @p1, @p2)", 3);
        long snapshots = 0;
        foreach (var (account, at, followers) in Snapshots())
        {
            await Run(snapshotInsert, cancellationToken, account, at, followers);
            snapshots++;
        }

        progress("snapshots");
        var postInsert = Prepare(connection, transaction, "INSERT INTO posts (id, platform, external_id, author_id, kind, text, language, created_at, repost_of_post_id, is_deleted) VALUES (@p0, 'Bluesky', @p1, @p2, @p3, @p4, @p5, @p6, @p7, 0)", 8);
        var tagInsert = Prepare(connection, transaction, "INSERT INTO post_hashtags (post_id, tag, created_at, author_id) VALUES (@p0, @p1, @p2, @p3)", 4);
        var linkInsert = Prepare(connection, transaction, "INSERT INTO post_links (post_id, url, domain) VALUES (@p0, @p1, @p2)", 3);
        var edgeInsert = Prepare(connection, transaction, "INSERT INTO interactions (platform, kind, natural_key, source_account_id, target_account_id, post_id, subject_post_id, occurred_at, is_deleted) VALUES ('Bluesky', @p0, @p1, @p2, @p3, @p4, @p5, @p6, 0)", 7);
        long posts = 0, hashtags = 0, links = 0, edges = 0;
        foreach (var post in Posts())
        {
            await Run(postInsert, cancellationToken, post.Id, $"at://bench/{post.Id}", post.Author, post.Kind, post.Kind == "Repost" ? "" : "A post of the benchmark archive.", post.Language, post.At, post.RepostOf);
            posts++;
            foreach (var tag in post.Tags)
            {
                await Run(tagInsert, cancellationToken, post.Id, tag, post.At, post.Author);
                hashtags++;
            }

            if (post.Link is { } url)
            {
                await Run(linkInsert, cancellationToken, post.Id, url, new Uri(url).Host);
                links++;
            }

            if (post.Mention is { } target)
            {
                await Run(edgeInsert, cancellationToken, "Mention", $"mention:{post.Id}:{target}", post.Author, target, post.Id, null, post.At);
                edges++;
            }

            if (posts % 500_000 == 0)
            {
                progress($"{posts:N0} posts");
            }
        }

        var like = 0;
        foreach (var (source, subject, at) in LikeRows())
        {
            await Run(edgeInsert, cancellationToken, "Like", $"like:{like++}", source, null, null, subject, at);
            edges++;
        }

        progress("likes");
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Counts(Accounts, snapshots, posts, hashtags, links, edges);
    }

    public async Task<Counts> LoadPostgresAsync(NpgsqlConnection connection, Action<string> progress, CancellationToken cancellationToken)
    {
        await using (var accounts = await connection.BeginBinaryImportAsync("COPY accounts (id, platform, external_id, handle, display_name, status, first_seen_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long a = 1; a <= Accounts; a++)
            {
                await accounts.StartRowAsync(cancellationToken);
                await accounts.WriteAsync(a, NpgsqlDbType.Bigint, cancellationToken);
                await accounts.WriteAsync("Bluesky", NpgsqlDbType.Varchar, cancellationToken);
                await accounts.WriteAsync($"did:plc:bench{a}", NpgsqlDbType.Varchar, cancellationToken);
                await accounts.WriteAsync($"user{a}.bench.invalid", NpgsqlDbType.Varchar, cancellationToken);
                await accounts.WriteAsync($"Bench user {a}", NpgsqlDbType.Varchar, cancellationToken);
                await accounts.WriteAsync("Active", NpgsqlDbType.Varchar, cancellationToken);
                await accounts.WriteAsync(WindowFrom.AddYears(-1), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await accounts.CompleteAsync(cancellationToken);
        }

        progress("accounts");
        long snapshots = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY follower_snapshots (account_id, observed_at, followers) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (account, at, followers) in Snapshots())
            {
                await copy.WriteRowAsync(cancellationToken, account, at, followers);
                snapshots++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        progress("snapshots");
        long posts = 0, hashtags = 0, links = 0, edges = 0;
        var mentions = new List<(long Post, long Author, long Target, DateTime At)>();
        var tagRows = new List<(long Post, string Tag, DateTime At, long Author)>();
        var linkRows = new List<(long Post, string Url)>();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY posts (id, platform, external_id, author_id, kind, text, language, created_at, repost_of_post_id, is_deleted) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var post in Posts())
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(post.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync("Bluesky", NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync($"at://bench/{post.Id}", NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(post.Author, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(post.Kind, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(post.Kind == "Repost" ? "" : "A post of the benchmark archive.", NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, post.Language, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(post.At, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullable(copy, post.RepostOf, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                posts++;
                tagRows.AddRange(post.Tags.Select(t => (post.Id, t, post.At, post.Author)));
                if (post.Link is { } url)
                {
                    linkRows.Add((post.Id, url));
                }

                if (post.Mention is { } target)
                {
                    mentions.Add((post.Id, post.Author, target, post.At));
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        progress($"{posts:N0} posts");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY post_hashtags (post_id, tag, created_at, author_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (post, tag, at, author) in tagRows)
            {
                await copy.WriteRowAsync(cancellationToken, post, tag, at, author);
                hashtags++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY post_links (post_id, url, domain) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (post, url) in linkRows)
            {
                await copy.WriteRowAsync(cancellationToken, post, url, new Uri(url).Host);
                links++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY interactions (platform, kind, natural_key, source_account_id, target_account_id, post_id, subject_post_id, occurred_at, is_deleted) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (post, author, target, at) in mentions)
            {
                await copy.WriteRowAsync(cancellationToken, "Bluesky", "Mention", $"mention:{post}:{target}", author, (long?)target, (long?)post, (long?)null, (DateTime?)at, false);
                edges++;
            }

            var like = 0;
            foreach (var (source, subject, at) in LikeRows())
            {
                await copy.WriteRowAsync(cancellationToken, "Bluesky", "Like", $"like:{like++}", source, (long?)null, (long?)null, (long?)subject, (DateTime?)at, false);
                edges++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        progress("edges");
        foreach (var sql in new[]
        {
            "SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts))",
            "SELECT setval(pg_get_serial_sequence('posts', 'id'), (SELECT max(id) FROM posts))",
            "VACUUM ANALYZE",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Counts(Accounts, snapshots, posts, hashtags, links, edges);
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private static async Task Run(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
