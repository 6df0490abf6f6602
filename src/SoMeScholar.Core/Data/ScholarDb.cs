using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Core.Data;

/// <summary>
/// The one EF Core model of SoMeScholar, used as it is on SQLite (default) and PostgreSQL. Feature folders add their
/// entity sets in partial files (<c>ScholarDb.&lt;Feature&gt;.cs</c>) and their mapping as
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes next to the entities; both are picked up here.
/// Operations query this context directly: there is no repository layer (docs/decisions/0002).
/// Tables and columns are snake_case on both providers, enums are stored by name, and every DateTime is UTC.
/// </summary>
public partial class ScholarDb(DbContextOptions<ScholarDb> options) : IdentityDbContext<ScholarUser, IdentityRole, string>(options)
{
    public DatabaseProvider Provider => Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSql,
        _ => DatabaseProvider.Sqlite,
    };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back with Kind=Unspecified; every time in the model is UTC, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ScholarDb).Assembly);
        ApplyStorageConventions(builder);
    }

    private static void ApplyStorageConventions(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                entity.SetTableName(SnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.GetColumnName()));
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum && property.GetValueConverter() is null)
                {
                    property.SetProviderClrType(typeof(string));
                    property.SetMaxLength(32);
                }
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    /// <summary>AspNetUserRoles → asp_net_user_roles; IX_Posts_CreatedAt → ix_posts_created_at.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                if (i > 0 && previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || char.IsLower(next)))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

/// <summary>Marks every DateTime read from the store as UTC; refuses to write local times, which would shift data.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
