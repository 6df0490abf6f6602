using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SoMeScholar.Core.Hashtags;

/// <summary>The current row of a read, column by column (0-based).</summary>
internal interface IRow
{
    long Int64(int column);

    bool IsNull(int column);

    string Text(int column);

    /// <summary>A time column: epoch milliseconds on SQLite (see the SQL), a timestamp on PostgreSQL; as UTC ticks.</summary>
    long Ticks(int column);

    /// <summary>A short text column as an index into <paramref name="values"/>, adding it when new (no allocation when known).</summary>
    int Intern(int column, TextInterner values);
}

/// <summary>Small sets of repeated short strings (languages, tags) read without allocating a string per row.</summary>
internal sealed class TextInterner
{
    private readonly List<(byte[] Utf8, string Text)> _values = [];

    public IReadOnlyList<string> Values => _values.Select(v => v.Text).ToList();

    public int Count => _values.Count;

    public string this[int index] => _values[index].Text;

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            if (utf8.SequenceEqual(_values[i].Utf8))
            {
                return i;
            }
        }

        _values.Add((utf8.ToArray(), Encoding.UTF8.GetString(utf8)));
        return _values.Count - 1;
    }

    public int Intern(string? text) => text is null ? -1 : Intern(Encoding.UTF8.GetBytes(text));
}

/// <summary>
/// Runs a read query and hands each row to a callback. On SQLite it steps the statement through SQLitePCL directly
/// (the ADO.NET reader costs several times the query itself per row on million-row reads); on PostgreSQL it uses the
/// provider's binary reader. Parameters are named (@name) and bound by name.
/// </summary>
internal static class RowReader
{
    public static async Task ForEachAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, Action<IRow> onRow, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var statement = new RawStatement(sqlite, sql);
            statement.Bind(parameters);
            statement.ForEach(onRow, cancellationToken);
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new DbRow(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            onRow(row);
        }
    }

    /// <summary>Runs the same query once per (low, high) range, binding @lo and @hi.</summary>
    public static async Task ForEachInRangesAsync(DbConnection connection, string sql, IReadOnlyList<(long Low, long High)> ranges, IReadOnlyList<(string Name, object Value)> parameters, Action<IRow> onRow, CancellationToken cancellationToken)
    {
        if (ranges.Count == 0)
        {
            return;
        }

        if (connection is SqliteConnection sqlite)
        {
            using var statement = new RawStatement(sqlite, sql);
            foreach (var (low, high) in ranges)
            {
                statement.Bind([.. parameters, ("lo", low), ("hi", high)]);
                statement.ForEach(onRow, cancellationToken);
            }

            return;
        }

        foreach (var (low, high) in ranges)
        {
            await ForEachAsync(connection, sql, [.. parameters, ("lo", low), ("hi", high)], onRow, cancellationToken);
        }
    }

    private sealed class DbRow(DbDataReader reader) : IRow
    {
        public long Int64(int column) => reader.GetInt64(column);

        public bool IsNull(int column) => reader.IsDBNull(column);

        public string Text(int column) => reader.GetString(column);

        public long Ticks(int column) => reader.GetFieldValue<DateTime>(column).Ticks;

        public int Intern(int column, TextInterner values) => reader.IsDBNull(column) ? -1 : values.Intern(reader.GetString(column));
    }

    private sealed class RawStatement : IRow, IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;

        public RawStatement(SqliteConnection connection, string sql)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        }

        public void Bind(IReadOnlyList<(string Name, object Value)> parameters)
        {
            Check(raw.sqlite3_reset(_statement));
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(_statement, "@" + name);
                if (index == 0)
                {
                    continue;
                }

                Check(value switch
                {
                    long number => raw.sqlite3_bind_int64(_statement, index, number),
                    int number => raw.sqlite3_bind_int64(_statement, index, number),
                    // The text form Microsoft.Data.Sqlite (and so EF and the archive writer) stores times in.
                    DateTime time => raw.sqlite3_bind_text(_statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                    string text => raw.sqlite3_bind_text(_statement, index, text),
                    _ => throw new ArgumentException($"Unsupported parameter type {value.GetType().Name}.", nameof(parameters)),
                });
            }
        }

        public void ForEach(Action<IRow> onRow, CancellationToken cancellationToken)
        {
            var count = 0;
            while (true)
            {
                var result = raw.sqlite3_step(_statement);
                if (result == raw.SQLITE_DONE)
                {
                    return;
                }

                if (result != raw.SQLITE_ROW)
                {
                    Check(result);
                }

                if ((++count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                onRow(this);
            }
        }

        public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

        public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

        public string Text(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

        public long Ticks(int column) => DateTime.UnixEpoch.Ticks + (raw.sqlite3_column_int64(_statement, column) * TimeSpan.TicksPerMillisecond);

        public int Intern(int column, TextInterner values) => IsNull(column) ? -1 : values.Intern(raw.sqlite3_column_blob(_statement, column));

        public void Dispose() => _statement.Dispose();

        private void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
            }
        }
    }
}
