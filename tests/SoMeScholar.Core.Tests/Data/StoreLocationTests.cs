using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Tests.Data;

public class StoreLocationTests
{
    [Fact]
    public void A_folder_means_a_SQLite_file_inside_it()
    {
        var store = StoreLocation.Resolve(null, "/tmp/somescholar-x");

        Assert.Equal(DatabaseProvider.Sqlite, store.Provider);
        Assert.Contains("/tmp/somescholar-x/somescholar.db", store.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Database=scholar;Username=app;Password=secret")]
    [InlineData("postgres://app:secret@db.example:5433/scholar")]
    public void A_PostgreSQL_connection_string_selects_PostgreSQL_and_is_described_without_its_password(string setting)
    {
        var store = StoreLocation.Resolve(setting, "ignored");

        Assert.Equal(DatabaseProvider.PostgreSql, store.Provider);
        Assert.StartsWith("PostgreSQL app@db.example:", store.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", store.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nonsense_is_refused_with_an_explanation()
    {
        var error = Assert.Throws<StoreConfigurationException>(() => StoreLocation.FromConnectionString("mysql:whatever"));

        Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_stops_with_one_line_naming_host_and_port()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var store = StoreLocation.FromConnectionString("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=3");
        await using var db = SoMeScholar.Core.ScholarServiceCollectionExtensions.CreateDb(store);

        var error = await Assert.ThrowsAsync<StoreConfigurationException>(() => new SchemaMigrator(db).MigrateAsync());

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unwritable_data_folder_stops_with_one_line()
    {
        // A regular file where the folder should be: no user, root included, can create a folder inside it.
        var file = Path.GetTempFileName();
        try
        {
            var store = StoreLocation.SqliteFolder(Path.Combine(file, "data"));

            var error = Assert.Throws<StoreConfigurationException>(() => StoreInitializer.EnsureDataFolderWritable(store));

            Assert.Contains("not writable", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
