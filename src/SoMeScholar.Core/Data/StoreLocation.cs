using Microsoft.Data.Sqlite;
using Npgsql;

namespace SoMeScholar.Core.Data;

/// <summary>
/// Where the store lives: a SQLite file in a data folder (the default) or a PostgreSQL database named by a
/// connection string. Chosen by one setting: <c>--database</c> / <c>SOMESCHOLAR_DATABASE</c> /
/// <c>Database:ConnectionString</c> for PostgreSQL (or an explicit SQLite <c>Data Source=</c>), else
/// <c>--data</c> / <c>SOMESCHOLAR_DATA</c> / <c>Database:DataDirectory</c> for the SQLite folder (default <c>./data</c>).
/// </summary>
public sealed record StoreLocation(DatabaseProvider Provider, string ConnectionString, string? DataDirectory)
{
    public const string DatabaseFileName = "somescholar.db";
    public const string DefaultDataDirectory = "data";

    public static StoreLocation SqliteFolder(string dataDirectory)
    {
        var folder = Path.GetFullPath(dataDirectory);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, DatabaseFileName),
            DefaultTimeout = 60,
            Pooling = true,
        };
        return new StoreLocation(DatabaseProvider.Sqlite, builder.ToString(), folder);
    }

    /// <summary>
    /// Reads a connection string: <c>postgres://user:pass@host:port/db</c>, an Npgsql key-value string
    /// (<c>Host=…;Database=…</c>), or a SQLite one (<c>Data Source=file.db</c>).
    /// </summary>
    public static StoreLocation FromConnectionString(string connectionString)
    {
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreLocation(DatabaseProvider.PostgreSql, FromPostgresUri(new Uri(text)), null);
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new StoreLocation(DatabaseProvider.PostgreSql, WithDefaults(new NpgsqlConnectionStringBuilder(text)), null);
            }
            catch (ArgumentException e)
            {
                throw new StoreConfigurationException($"The PostgreSQL connection string is not valid: {e.Message}");
            }
        }

        if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) || text.Contains("DataSource=", StringComparison.OrdinalIgnoreCase) || text.Contains("Filename=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new SqliteConnectionStringBuilder(text);
            if (builder.DefaultTimeout < 60)
            {
                builder.DefaultTimeout = 60;
            }

            var folder = builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            return new StoreLocation(DatabaseProvider.Sqlite, builder.ToString(), folder);
        }

        throw new StoreConfigurationException(
            "The database setting is neither a PostgreSQL connection string (Host=…;Database=… or postgres://…) nor a SQLite one (Data Source=…).");
    }

    /// <summary>Resolves the store from the usual settings, the explicit connection string winning over the folder.</summary>
    public static StoreLocation Resolve(string? connectionString, string? dataDirectory) =>
        !string.IsNullOrWhiteSpace(connectionString)
            ? FromConnectionString(connectionString)
            : SqliteFolder(string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : dataDirectory);

    /// <summary>A description safe to print: the file path, or host/port/database without the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static string FromPostgresUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2)
            {
                builder[Uri.UnescapeDataString(parts[0])] = Uri.UnescapeDataString(parts[1]);
            }
        }

        return WithDefaults(builder);
    }

    /// <summary>Server-side preparation of repeated statements: the archive writer issues the same few statements per record.</summary>
    private static string WithDefaults(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ToString();
    }
}

/// <summary>
/// The store cannot be used as configured (unreachable server, unwritable folder, a database from a newer version).
/// The message is one line that says what to fix; hosts print it instead of a stack trace.
/// </summary>
public sealed class StoreConfigurationException : Exception
{
    public StoreConfigurationException(string message) : base(message)
    {
    }

    public StoreConfigurationException(string message, Exception inner) : base(message, inner)
    {
    }

    public StoreConfigurationException()
    {
    }
}
