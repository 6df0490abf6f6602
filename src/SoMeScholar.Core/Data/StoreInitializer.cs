using Microsoft.Data.Sqlite;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Data;

/// <summary>Brings a store up to date on start: checks the data folder, applies migrations, creates the roles.</summary>
public sealed class StoreInitializer(ScholarDb db, StoreLocation store, SchemaMigrator migrator, UserAdministration users)
{
    public async Task<IReadOnlyList<string>> InitializeAsync(CancellationToken cancellationToken = default)
    {
        EnsureDataFolderWritable(store);
        var applied = await migrator.MigrateAsync(cancellationToken);
        await users.EnsureRolesAsync();
        return applied;
    }

    public ScholarDb Db => db;

    /// <summary>Creates the SQLite data folder if needed and proves it writable, so a bad --data fails with one clear line.</summary>
    public static void EnsureDataFolderWritable(StoreLocation store)
    {
        if (store.Provider != DatabaseProvider.Sqlite || store.DataDirectory is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(store.DataDirectory);
            var probe = Path.Combine(store.DataDirectory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreConfigurationException($"The data folder {store.DataDirectory} is not writable ({e.Message}): fix its permissions or choose another with --data.", e);
        }

        var file = new SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
        if (File.Exists(file) && new FileInfo(file).IsReadOnly)
        {
            throw new StoreConfigurationException($"The database file {file} is read-only: fix its permissions or choose another folder with --data.");
        }
    }
}
