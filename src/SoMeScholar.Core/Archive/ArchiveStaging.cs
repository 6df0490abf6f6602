using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Archive;

internal enum StageType
{
    Text,
    Int,
    Time,
    Flag,
}

/// <summary>A column of a staging table; <see cref="Loaded"/> columns are filled from C#, the others by the writer's SQL.</summary>
internal sealed record StageColumn(string Name, StageType Type, bool Loaded = true);

/// <summary>
/// A temporary table a batch is staged into before the set-based statements move it into the archive. Rows are
/// added column by column in declaration order of the loaded columns.
/// </summary>
internal sealed class StageTable(string name, StageColumn[] columns, string[]? indexes = null)
{
    public string Name { get; } = name;
    public StageColumn[] Columns { get; } = columns;
    public StageColumn[] LoadedColumns { get; } = columns.Where(c => c.Loaded).ToArray();
    public string[] Indexes { get; } = indexes ?? [];

    /// <summary>The staged values, row after row (LoadedColumns.Length values per row).</summary>
    public List<object?> Values { get; } = [];

    public int Rows => Values.Count / LoadedColumns.Length;

    public void Clear() => Values.Clear();

    public StageTable Add(object? value)
    {
        Values.Add(value);
        return this;
    }

    public string CreateSql(DatabaseProvider provider)
    {
        var text = new StringBuilder();
        text.Append(provider == DatabaseProvider.PostgreSql ? "CREATE TEMP TABLE IF NOT EXISTS " : "CREATE TEMP TABLE IF NOT EXISTS ");
        text.Append(Name).Append(" (");
        for (var i = 0; i < Columns.Length; i++)
        {
            var column = Columns[i];
            text.Append(i == 0 ? "" : ", ").Append(column.Name).Append(' ').Append(TypeName(provider, column.Type));
            if (i == 0)
            {
                text.Append(" PRIMARY KEY");
            }
        }

        text.Append(provider == DatabaseProvider.PostgreSql ? ") ON COMMIT DELETE ROWS;" : ");");
        foreach (var index in Indexes)
        {
            text.Append(CultureInfo.InvariantCulture, $" CREATE INDEX IF NOT EXISTS {Name}_{index.Replace(", ", "_", StringComparison.Ordinal)} ON {Name} ({index});");
        }

        return text.ToString();
    }

    private static string TypeName(DatabaseProvider provider, StageType type) => (provider, type) switch
    {
        (DatabaseProvider.PostgreSql, StageType.Text) => "text",
        (DatabaseProvider.PostgreSql, StageType.Int) => "bigint",
        (DatabaseProvider.PostgreSql, StageType.Time) => "timestamp with time zone",
        (DatabaseProvider.PostgreSql, StageType.Flag) => "boolean NOT NULL DEFAULT false",
        (_, StageType.Text) => "TEXT",
        (_, StageType.Int) => "INTEGER",
        (_, StageType.Time) => "TEXT",
        _ => "INTEGER NOT NULL DEFAULT 0",
    };
}

/// <summary>Loads staged rows into the temporary tables: SQLite's prepared-statement interface, binary COPY on PostgreSQL.</summary>
internal abstract class Stager : IAsyncDisposable
{
    public static Stager For(DatabaseProvider provider, DbConnection connection) => provider == DatabaseProvider.PostgreSql
        ? new PostgresStager((NpgsqlConnection)connection)
        : new SqliteStager((SqliteConnection)connection);

    /// <summary>Empties the table's temporary copy (PostgreSQL empties it at commit) and loads its staged rows.</summary>
    public abstract Task LoadAsync(StageTable table, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>SQLite's text form of a UTC time, the same EF Core writes, so staged and stored times compare as text.</summary>
    public static string SqliteTime(DateTime time) => Utc(time).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}

/// <summary>
/// Loads a staging table on SQLite through SQLite's own prepared-statement interface (bind by position, step,
/// reset), one row per step. The connection's ADO.NET command path costs several times SQLite's own work per value
/// here (a reader per execution, parameters found by name), and staging binds every value of a batch.
/// </summary>
internal sealed class SqliteStager(SqliteConnection connection) : Stager
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = [];

    public override async Task LoadAsync(StageTable table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = (SqliteTransaction)transaction;
            clear.CommandText = $"DELETE FROM {table.Name}";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var statement = Statement(table);
        var width = table.LoadedColumns.Length;
        var values = table.Values;
        for (var offset = 0; offset < values.Count; offset += width)
        {
            for (var c = 0; c < width; c++)
            {
                var index = c + 1;
                var result = values[offset + c] switch
                {
                    null => raw.sqlite3_bind_null(statement, index),
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    DateTime time => raw.sqlite3_bind_text(statement, index, SqliteTime(time)),
                    bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                    int number => raw.sqlite3_bind_int64(statement, index, number),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    var other => raw.sqlite3_bind_int64(statement, index, System.Convert.ToInt64(other, CultureInfo.InvariantCulture)),
                };
                Check(result);
            }

            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", result);
        }
    }

    private sqlite3_stmt Statement(StageTable table)
    {
        if (!_statements.TryGetValue(table.Name, out var statement))
        {
            var columns = table.LoadedColumns;
            var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))})";
            Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out statement));
            _statements[table.Name] = statement;
        }

        return statement;
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresStager(NpgsqlConnection connection) : Stager
{
    public override async Task LoadAsync(StageTable table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = table.LoadedColumns;
        var width = columns.Length;
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var values = table.Values;
        for (var offset = 0; offset < values.Count; offset += width)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var c = 0; c < width; c++)
            {
                var value = values[offset + c];
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                    continue;
                }

                switch (columns[c].Type)
                {
                    case StageType.Text:
                        await importer.WriteAsync((string)value, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case StageType.Int:
                        await importer.WriteAsync(System.Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case StageType.Time:
                        await importer.WriteAsync(Utc((DateTime)value), NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    default:
                        await importer.WriteAsync((bool)value, NpgsqlDbType.Boolean, cancellationToken);
                        break;
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
