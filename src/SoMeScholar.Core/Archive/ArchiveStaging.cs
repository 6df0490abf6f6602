using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
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

/// <summary>Loads staged rows into the temporary tables: prepared multi-row inserts on SQLite, binary COPY on PostgreSQL.</summary>
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

internal sealed class SqliteStager(SqliteConnection connection) : Stager
{
    private const int RowsPerStatement = 64;
    private readonly Dictionary<(string, int), SqliteCommand> _commands = [];

    public override async Task LoadAsync(StageTable table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = (SqliteTransaction)transaction;
            clear.CommandText = $"DELETE FROM {table.Name}";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var width = table.LoadedColumns.Length;
        var rows = table.Rows;
        var row = 0;
        while (row < rows)
        {
            var count = rows - row >= RowsPerStatement ? RowsPerStatement : 1;
            var command = Command(table, count, transaction);
            var parameters = command.Parameters;
            var offset = row * width;
            for (var i = 0; i < count * width; i++)
            {
                var column = table.LoadedColumns[i % width];
                parameters[i].Value = Convert(column.Type, table.Values[offset + i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            row += count;
        }
    }

    private static object Convert(StageType type, object? value) => value switch
    {
        null => DBNull.Value,
        DateTime time => SqliteTime(time),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };

    private SqliteCommand Command(StageTable table, int rows, DbTransaction transaction)
    {
        if (!_commands.TryGetValue((table.Name, rows), out var command))
        {
            var columns = table.LoadedColumns;
            var text = new StringBuilder($"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
            var number = 0;
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    text.Append(c == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"$p{number++}");
                }

                text.Append(')');
            }

            command = connection.CreateCommand();
            command.CommandText = text.ToString();
            for (var i = 0; i < number; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
            }

            _commands[(table.Name, rows)] = command;
        }

        command.Transaction = (SqliteTransaction)transaction;
        return command;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
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
