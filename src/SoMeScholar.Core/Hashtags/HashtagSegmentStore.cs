using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Hashtags;

/// <summary>
/// Loads <see cref="HashtagFacts"/> from stored day segments (<see cref="HashtagSegment"/>), building the missing
/// ones from the archive with <see cref="HashtagFactsLoader"/> and storing them for the next report. The figures are
/// computed from the same facts either way, so they are identical to a direct load.
/// <para>
/// Keeping segments current: triggers (migration 0301) add the UTC day of every changed post, like, mention, link
/// or hashtag row (and the days of the reposts of a changed post) to <c>hashtag_dirty_days</c>. Each load first
/// clears: it deletes the segments of the dirty days and the dirty rows, and raises the generation, in one
/// transaction that excludes writers (SQLite's write lock; on PostgreSQL an advisory lock the triggers take shared).
/// Segments built afterwards are stored only if the generation is unchanged, so a segment read before a concurrent
/// clear is never stored after it. When PostgreSQL writers hold the lock, the load builds every dirty day afresh and
/// stores nothing.
/// </para>
/// </summary>
public sealed class HashtagSegmentStore(ScholarDb db)
{
    /// <summary>The advisory lock key shared with the triggers of migration 0301 (PostgreSQL).</summary>
    private const long LockKey = 30100301;

    private readonly bool _isPostgres = db.Provider == DatabaseProvider.PostgreSql;
    private readonly string _connectionString = db.Database.GetConnectionString()!;
    private readonly Dictionary<string, double> _timings = new(StringComparer.Ordinal);

    /// <summary>Wall-clock milliseconds of each step of the last load, for the benchmark.</summary>
    public IReadOnlyDictionary<string, double> Timings => _timings;

    /// <summary>Segments built from the archive in the last load (0 when every day was stored).</summary>
    public int SegmentsBuilt { get; private set; }

    public async Task<HashtagFacts> LoadAsync(IReadOnlyList<string> tags, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        if (tags.Count > 64)
        {
            throw new ArgumentException("At most 64 tracked tags.", nameof(tags));
        }

        var clock = Stopwatch.StartNew();
        var firstDay = DateOnly.FromDateTime(from);
        var lastDay = DateOnly.FromDateTime(to.AddTicks(-1));
        await using var connection = await OpenAsync(cancellationToken);

        // 1. Clear the segments of dirty days (or, when writers hold the lock, treat the dirty days as missing).
        var (generation, stale) = await ClearDirtyAsync(connection, cancellationToken);
        Step("clear dirty days", clock);

        // 2. Read the stored segments of the span.
        var stored = new Dictionary<(string Tag, DateOnly Day), SegmentData>();
        await ReadSegmentsAsync(connection, tags, firstDay, lastDay, stale, stored, cancellationToken);
        Step("read segments", clock);

        // 3. Build the missing ones: one archive read per tag over the span of its missing days.
        var built = new List<(string Tag, DateOnly Day, SegmentData Segment)>();
        foreach (var tag in tags)
        {
            var missing = Days(firstDay, lastDay).Where(d => !stored.ContainsKey((tag, d))).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var spanFrom = missing[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var spanTo = missing[^1].AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var facts = await new HashtagFactsLoader(db).LoadAsync([tag], spanFrom, spanTo, cancellationToken);
            foreach (var day in missing)
            {
                var dayFrom = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
                var segment = SegmentData.Slice(facts, dayFrom, dayFrom + TimeSpan.TicksPerDay);
                stored[(tag, day)] = segment;
                built.Add((tag, day, segment));
            }
        }

        SegmentsBuilt = built.Count;
        Step("build missing segments", clock);
        if (built.Count > 0 && generation is { } current)
        {
            await StoreAsync(connection, current, built, cancellationToken);
            Step("store segments", clock);
        }

        // 4. Join the days, while the follower snapshots of every account in the segments are read (a superset of
        // the participants, whose snapshots impressions need).
        var accountIds = new HashSet<long>();
        foreach (var segment in stored.Values)
        {
            accountIds.UnionWith(segment.AccountIds);
        }

        var snapshotLoader = new HashtagFactsLoader(db);
        var snapshotsTask = Task.Run(() => snapshotLoader.ReadSnapshotsAsync(accountIds, cancellationToken), cancellationToken);
        var merger = new HashtagSegmentMerger(tags);
        merger.Reserve(stored.Values);
        foreach (var day in Days(firstDay, lastDay))
        {
            var segments = new List<(int, SegmentData)>();
            for (var t = 0; t < tags.Count; t++)
            {
                if (stored.TryGetValue((tags[t], day), out var segment) && (segment.PostIds.Length > 0 || segment.RepostIds.Length > 0))
                {
                    segments.Add((t, segment));
                }
            }

            if (segments.Count > 0)
            {
                merger.AddDay(segments);
            }
        }

        Step("join days", clock);
        var snapshots = await snapshotsTask;
        Step("follower snapshots (rest)", clock);
        var result = merger.Build(from, to, snapshots);
        Step("build facts", clock);
        return result;
    }

    private void Step(string name, Stopwatch clock)
    {
        _timings[name] = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>Returns the generation to store new segments under (null: do not store) and the days to rebuild regardless.</summary>
    private async Task<(long? Generation, HashSet<DateOnly> Stale)> ClearDirtyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = !_isPostgres || await ScalarAsync<bool>(connection, transaction, $"SELECT pg_try_advisory_xact_lock({LockKey})", cancellationToken);
        var days = new HashSet<DateOnly>();
        long maxId = 0;
        await using (var command = Command(connection, transaction, "SELECT id, day FROM hashtag_dirty_days"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                maxId = Math.Max(maxId, reader.GetInt64(0));
                days.Add(ReadDay(reader, 1));
            }
        }

        if (!locked)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (null, days);
        }

        if (days.Count > 0)
        {
            foreach (var chunk in days.Chunk(500))
            {
                await ExecuteAsync(connection, transaction, $"DELETE FROM hashtag_segments WHERE day IN ({DayList(chunk)})", cancellationToken);
            }

            await ExecuteAsync(connection, transaction, $"DELETE FROM hashtag_dirty_days WHERE id <= {maxId.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            await ExecuteAsync(connection, transaction, "UPDATE hashtag_segment_states SET generation = generation + 1 WHERE id = 1", cancellationToken);
        }

        var generation = await ScalarAsync<long>(connection, transaction, "SELECT generation FROM hashtag_segment_states WHERE id = 1", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (generation, []);
    }

    private async Task ReadSegmentsAsync(DbConnection connection, IReadOnlyList<string> tags, DateOnly first, DateOnly last, HashSet<DateOnly> stale,
        Dictionary<(string, DateOnly), SegmentData> stored, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"SELECT tag, day, data FROM hashtag_segments WHERE tag IN ({string.Join(", ", tags.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)))}) AND day >= @first AND day <= @last");
        for (var i = 0; i < tags.Count; i++)
        {
            Parameter(command, "t" + i.ToString(CultureInfo.InvariantCulture), tags[i]);
        }

        Parameter(command, "first", DayValue(first));
        Parameter(command, "last", DayValue(last));
        var blobs = new List<(string Tag, DateOnly Day, byte[] Data)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = ReadDay(reader, 1);
                if (!stale.Contains(day))
                {
                    blobs.Add((reader.GetString(0), day, reader.GetFieldValue<byte[]>(2)));
                }
            }
        }

        // Decoded side by side: each segment on its own.
        var decoded = new SegmentData[blobs.Count];
        Parallel.For(0, blobs.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => decoded[i] = HashtagSegmentCodec.Decode(blobs[i].Data));
        for (var i = 0; i < blobs.Count; i++)
        {
            stored[(blobs[i].Tag, blobs[i].Day)] = decoded[i];
        }
    }

    private async Task StoreAsync(DbConnection connection, long generation, List<(string Tag, DateOnly Day, SegmentData Segment)> built, CancellationToken cancellationToken)
    {
        var encoded = built.Select(b => (b.Tag, b.Day, Data: HashtagSegmentCodec.Encode(b.Segment))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_isPostgres && !await ScalarAsync<bool>(connection, transaction, $"SELECT pg_try_advisory_xact_lock({LockKey})", cancellationToken))
        {
            return;
        }

        if (await ScalarAsync<long>(connection, transaction, "SELECT generation FROM hashtag_segment_states WHERE id = 1", cancellationToken) != generation)
        {
            return;
        }

        await using var command = Command(connection, transaction,
            "INSERT INTO hashtag_segments (tag, day, generation, data) VALUES (@tag, @day, @generation, @data) ON CONFLICT (tag, day) DO NOTHING");
        var tag = Parameter(command, "tag", "");
        var day = Parameter(command, "day", DayValue(default));
        Parameter(command, "generation", generation);
        var data = Parameter(command, "data", Array.Empty<byte>());
        foreach (var segment in encoded)
        {
            tag.Value = segment.Tag;
            day.Value = DayValue(segment.Day);
            data.Value = segment.Data;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private object DayValue(DateOnly day) => _isPostgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string DayList(IEnumerable<DateOnly> days) =>
        string.Join(", ", days.Select(d => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'" + (_isPostgres ? "::date" : "")));

    private static DateOnly ReadDay(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        DateOnly day => day,
        DateTime time => DateOnly.FromDateTime(time),
        string text => DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => throw new InvalidDataException($"Unexpected day value {other}."),
    };

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 300;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _isPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
