using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Data;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrated_schema_matches_the_EF_model(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewDb();

        var problems = await new SchemaVerifier(db).VerifyAsync();

        Assert.True(problems.Count == 0, "Model and migrated schema disagree:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrating_twice_applies_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await using var db = store.NewDb();
        var migrator = new SchemaMigrator(db);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(SchemaMigrator.Available(provider).Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Equal(first, (await migrator.AppliedAsync()).Select(a => a.Name));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_database_from_a_newer_version_is_refused_with_one_line(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.NewDb();
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
            ? "INSERT INTO schema_migrations (name, checksum, applied_at, app_version) VALUES ('9999_from_the_future', 'x', '2030-01-01T00:00:00Z', '99.0.0')"
            : "INSERT INTO schema_migrations (name, checksum, applied_at, app_version) VALUES ('9999_from_the_future', 'x', now(), '99.0.0')");

        var error = await Assert.ThrowsAsync<StoreConfigurationException>(() => new SchemaMigrator(db).MigrateAsync());

        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Contains("9999_from_the_future", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Both_providers_carry_the_same_migrations()
    {
        var sqlite = SchemaMigrator.Available(DatabaseProvider.Sqlite).Select(m => m.Name);
        var postgres = SchemaMigrator.Available(DatabaseProvider.PostgreSql).Select(m => m.Name);

        Assert.Equal(sqlite, postgres);
    }
}
