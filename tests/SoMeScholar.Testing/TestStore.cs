using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Testing;

/// <summary>
/// A private, migrated store for one test: a SQLite file in a temporary folder, or a fresh database on the test
/// PostgreSQL server named by SOMESCHOLAR_TEST_POSTGRES (./test.sh starts one on loopback and sets it).
/// Disposing deletes it. Each test owns its store, so tests never depend on each other's data or order.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "SOMESCHOLAR_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _postgresDatabase;

    private TestStore(StoreLocation location, string? folder, string? postgresDatabase)
    {
        Location = location;
        _folder = folder;
        _postgresDatabase = postgresDatabase;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(location);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Both providers, for <c>[Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]</c>.</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    public StoreLocation Location { get; }
    public DatabaseProvider Provider => Location.Provider;
    public ServiceProvider Services { get; }

    public static async Task<TestStore> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var store = provider == DatabaseProvider.PostgreSql ? await CreatePostgresAsync() : CreateSqlite();
        if (migrate)
        {
            await using var scope = store.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync();
        }

        return store;
    }

    public ScholarDb NewDb() => ScholarServiceCollectionExtensions.CreateDb(Location);

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable} (a connection string to a server where the test role may create databases). ./test.sh starts a private server on loopback and sets it.");

    private static TestStore CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "somescholar-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestStore(StoreLocation.SqliteFolder(folder), folder, null);
    }

    private static async Task<TestStore> CreatePostgresAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString);
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin.ToString()) { Database = name };
        return new TestStore(StoreLocation.FromConnectionString(builder.ToString()), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a background reader; the temp folder is cleaned by the OS eventually.
            }
        }
    }
}
