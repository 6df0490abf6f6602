using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SoMeScholar.Core.Data;

/// <summary>
/// Applies the versioned SQL migrations under <c>Data/Migrations/{sqlite,postgres}/NNNN_name.sql</c> (embedded in
/// this assembly) and records each in <c>schema_migrations</c>. Hand-written scripts rather than EF migrations:
/// the EF design-time package is not available to this project (docs/decisions/0003-sql-migrations.md).
/// Scripts apply in name order, each in its own transaction. A database that lists a migration this build does
/// not know was made by a newer version and is refused rather than risked.
/// </summary>
public sealed class SchemaMigrator(ScholarDb db)
{
    public const string JournalTable = "schema_migrations";

    public sealed record Migration(string Name, string Sql)
    {
        public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    public sealed record AppliedMigration(string Name, string Checksum, DateTime AppliedAt);

    /// <summary>The migrations this build carries for a provider, in the order they apply.</summary>
    public static IReadOnlyList<Migration> Available(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.PostgreSql ? "postgres" : "sqlite";
        var prefix = $"Migrations/{folder}/";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new Migration(Path.GetFileNameWithoutExtension(name[prefix.Length..]), ReadResource(assembly, name)))
            .ToList();
    }

    public async Task<IReadOnlyList<AppliedMigration>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        await EnsureJournalAsync(connection, cancellationToken);
        var applied = new List<AppliedMigration>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, checksum, applied_at FROM {JournalTable} ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var appliedAt = reader.GetValue(2) switch
            {
                DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
                string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                _ => default,
            };
            applied.Add(new AppliedMigration(reader.GetString(0), reader.GetString(1), appliedAt));
        }

        return applied;
    }

    /// <summary>Applies every pending migration and returns the names applied.</summary>
    /// <exception cref="StoreConfigurationException">The store is unreachable, unwritable, or from a newer version.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var available = Available(db.Provider);
        var applied = await AppliedAsync(cancellationToken);
        var known = available.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(a => !known.Contains(a.Name)).Select(a => a.Name).ToList();
        if (unknown.Count > 0)
        {
            throw new StoreConfigurationException(
                $"The database was created by a newer version of SoMeScholar (it has migration {unknown[^1]}, which this version {AppVersion} does not know): upgrade SoMeScholar, or point --data/--database at another store.");
        }

        var done = applied.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var connection = await OpenAsync(cancellationToken);
        var appliedNow = new List<string>();
        foreach (var migration in available.Where(m => !done.Contains(m.Name)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = migration.Sql;
                    command.CommandTimeout = 0;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = $"INSERT INTO {JournalTable} (name, checksum, applied_at, app_version) VALUES (@name, @checksum, @at, @version)";
                    AddParameter(record, "name", migration.Name);
                    AddParameter(record, "checksum", migration.Checksum);
                    AddParameter(record, "at", db.Provider == DatabaseProvider.Sqlite ? DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) : DateTime.UtcNow);
                    AddParameter(record, "version", AppVersion);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                appliedNow.Add(migration.Name);
            }
            catch (DbException e)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new StoreConfigurationException($"Migration {migration.Name} failed on {db.Provider}: {e.Message}", e);
            }
        }

        return appliedNow;
    }

    public static string AppVersion { get; } =
        typeof(SchemaMigrator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State == System.Data.ConnectionState.Open)
        {
            return connection;
        }

        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException || e.InnerException is NpgsqlException)
        {
            var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
            throw new StoreConfigurationException(
                $"Cannot reach PostgreSQL at {builder.Host}:{builder.Port} database '{builder.Database}' ({FirstLine(e)}): start the server or fix SOMESCHOLAR_DATABASE / --database.", e);
        }
        catch (Exception e) when (e is SqliteException || e.InnerException is SqliteException)
        {
            var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
            throw new StoreConfigurationException(
                $"Cannot open the SQLite database {file} ({FirstLine(e)}): check that its folder exists and is writable, or choose another with --data.", e);
        }

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web app read while an import writes; NORMAL sync is durable at each checkpoint in WAL mode.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            try
            {
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
                throw new StoreConfigurationException($"Cannot write the SQLite database {file} ({FirstLine(e)}): make its folder writable, or choose another with --data.", e);
            }
        }

        return connection;
    }

    private async Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var timeType = db.Provider == DatabaseProvider.PostgreSql ? "timestamp with time zone" : "TEXT";
        command.CommandText =
            $"CREATE TABLE IF NOT EXISTS {JournalTable} (name VARCHAR(200) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, applied_at {timeType} NOT NULL, app_version VARCHAR(64) NOT NULL)";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new StoreConfigurationException($"Cannot write to the database ({FirstLine(e)}): check permissions on the data folder or the PostgreSQL role.", e);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string FirstLine(Exception e) => (e.InnerException is DbException inner ? inner : e).Message.Split('\n')[0].Trim();

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
