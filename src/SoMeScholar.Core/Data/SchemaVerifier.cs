using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SoMeScholar.Core.Data;

/// <summary>
/// Compares the EF Core model with the schema the migrations actually built: every mapped table, column (store type
/// and nullability), primary key, foreign key (columns, principal, delete rule) and index (columns, uniqueness).
/// The migration tests fail on either provider when a hand-written script and the model disagree;
/// <c>somescholar db verify</c> prints the same report.
/// </summary>
public sealed class SchemaVerifier(ScholarDb db)
{
    private sealed record Column(string Name, string StoreType, bool Nullable);
    private sealed record Index(string Name, string Columns, bool Unique);
    private sealed record ForeignKey(string Columns, string PrincipalTable, string PrincipalColumns, string OnDelete);
    private sealed record Table(string Name, Dictionary<string, Column> Columns, string PrimaryKey, List<Index> Indexes, List<ForeignKey> ForeignKeys);

    /// <summary>Tables the migrations create that the model does not map (the journal, full-text shadow tables).</summary>
    private static readonly string[] UnmappedTablePrefixes = [SchemaMigrator.JournalTable, "sqlite_", "fts_"];

    /// <summary>Returns one line per disagreement; an empty list means model and schema agree.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expected = ModelTables();
        var actual = db.Provider == DatabaseProvider.Sqlite ? await SqliteTablesAsync(cancellationToken) : await PostgresTablesAsync(cancellationToken);
        var problems = new List<string>();

        foreach (var table in expected.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(table.Name, out var found))
            {
                problems.Add($"table {table.Name}: in the model but not in the database");
                continue;
            }

            foreach (var column in table.Columns.Values)
            {
                if (!found.Columns.TryGetValue(column.Name, out var foundColumn))
                {
                    problems.Add($"column {table.Name}.{column.Name}: in the model but not in the database");
                    continue;
                }

                if (!SameType(column.StoreType, foundColumn.StoreType))
                {
                    problems.Add($"column {table.Name}.{column.Name}: model type {column.StoreType}, database type {foundColumn.StoreType}");
                }

                if (column.Nullable != foundColumn.Nullable)
                {
                    problems.Add($"column {table.Name}.{column.Name}: model {(column.Nullable ? "NULL" : "NOT NULL")}, database {(foundColumn.Nullable ? "NULL" : "NOT NULL")}");
                }
            }

            foreach (var extra in found.Columns.Keys.Except(table.Columns.Keys))
            {
                problems.Add($"column {table.Name}.{extra}: in the database but not in the model");
            }

            if (table.PrimaryKey != found.PrimaryKey)
            {
                problems.Add($"table {table.Name}: model primary key ({table.PrimaryKey}), database ({found.PrimaryKey})");
            }

            foreach (var index in table.Indexes)
            {
                var match = found.Indexes.FirstOrDefault(i => i.Columns == index.Columns && i.Unique == index.Unique);
                if (match is null)
                {
                    problems.Add($"index {index.Name} on {table.Name}({index.Columns}){(index.Unique ? " unique" : "")}: in the model but not in the database");
                }
            }

            foreach (var foreignKey in table.ForeignKeys)
            {
                if (!found.ForeignKeys.Contains(foreignKey))
                {
                    problems.Add($"foreign key {table.Name}({foreignKey.Columns}) → {foreignKey.PrincipalTable}({foreignKey.PrincipalColumns}) on delete {foreignKey.OnDelete}: in the model but not in the database");
                }
            }
        }

        foreach (var extra in actual.Keys.Except(expected.Keys).Where(t => !UnmappedTablePrefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal))))
        {
            problems.Add($"table {extra}: in the database but not in the model");
        }

        return problems;
    }

    private Dictionary<string, Table> ModelTables()
    {
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
        {
            var name = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var columns = entity.GetProperties().ToDictionary(
                p => p.GetColumnName(store)!,
                p => new Column(p.GetColumnName(store)!, p.GetColumnType(store), p.IsColumnNullable(store)),
                StringComparer.Ordinal);
            var primaryKey = string.Join(",", entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)));
            var indexes = entity.GetIndexes()
                .Select(i => new Index(i.GetDatabaseName(store)!, string.Join(",", i.Properties.Select(p => p.GetColumnName(store))), i.IsUnique))
                .ToList();
            var foreignKeys = entity.GetForeignKeys()
                .Select(f => new ForeignKey(
                    string.Join(",", f.Properties.Select(p => p.GetColumnName(store))),
                    f.PrincipalEntityType.GetTableName()!,
                    string.Join(",", f.PrincipalKey.Properties.Select(p => p.GetColumnName(StoreObjectIdentifier.Table(f.PrincipalEntityType.GetTableName()!, f.PrincipalEntityType.GetSchema())))),
                    DeleteRule(f.DeleteBehavior)))
                .Distinct()
                .ToList();
            tables[name] = new Table(name, columns, primaryKey, indexes, foreignKeys);
        }

        return tables;
    }

    private static string DeleteRule(DeleteBehavior behavior) => behavior switch
    {
        DeleteBehavior.Cascade or DeleteBehavior.ClientCascade => "CASCADE",
        DeleteBehavior.SetNull => "SET NULL",
        DeleteBehavior.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    private static bool SameType(string model, string database) =>
        string.Equals(Normalize(model), Normalize(database), StringComparison.Ordinal);

    private static string Normalize(string type) => type.Trim().ToUpperInvariant() switch
    {
        "INT" or "INT4" => "INTEGER",
        "INT8" => "BIGINT",
        "BOOL" => "BOOLEAN",
        "TIMESTAMPTZ" => "TIMESTAMP WITH TIME ZONE",
        "VARCHAR" => "CHARACTER VARYING",
        var t when t.StartsWith("VARCHAR(", StringComparison.Ordinal) => "CHARACTER VARYING" + t[7..],
        var t => t,
    };

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db.Database.GetDbConnection();
    }

    private async Task<Dictionary<string, Table>> SqliteTablesAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var names = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0), cancellationToken);
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var quoted = name.Replace("\"", "\"\"", StringComparison.Ordinal);
            var columnRows = await QueryAsync(connection, $"PRAGMA table_info(\"{quoted}\")",
                r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) != 0, Pk: r.GetInt64(5)), cancellationToken);
            var columns = columnRows.ToDictionary(c => c.Name, c => new Column(c.Name, c.Type, !c.NotNull && c.Pk == 0), StringComparer.Ordinal);
            var primaryKey = string.Join(",", columnRows.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
            var indexes = new List<Index>();
            var indexRows = await QueryAsync(connection, $"PRAGMA index_list(\"{quoted}\")",
                r => (Name: r.GetString(1), Unique: r.GetInt64(2) != 0, Origin: r.GetString(3)), cancellationToken);
            foreach (var (indexName, unique, origin) in indexRows.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(connection, $"PRAGMA index_info(\"{indexName.Replace("\"", "\"\"", StringComparison.Ordinal)}\")",
                    r => (Seq: r.GetInt64(0), Name: r.IsDBNull(2) ? "" : r.GetString(2)), cancellationToken);
                indexes.Add(new Index(indexName, string.Join(",", indexColumns.OrderBy(c => c.Seq).Select(c => c.Name)), unique));
            }

            var foreignKeyRows = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{quoted}\")",
                r => (Id: r.GetInt64(0), Seq: r.GetInt64(1), Table: r.GetString(2), From: r.GetString(3), To: r.IsDBNull(4) ? "" : r.GetString(4), OnDelete: r.GetString(6)), cancellationToken);
            var foreignKeys = foreignKeyRows.GroupBy(f => f.Id)
                .Select(g => new ForeignKey(
                    string.Join(",", g.OrderBy(f => f.Seq).Select(f => f.From)),
                    g.First().Table,
                    string.Join(",", g.OrderBy(f => f.Seq).Select(f => f.To)),
                    g.First().OnDelete.ToUpperInvariant()))
                .ToList();
            tables[name] = new Table(name, columns, primaryKey, indexes, foreignKeys);
        }

        return tables;
    }

    private async Task<Dictionary<string, Table>> PostgresTablesAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var columnRows = await QueryAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Nullable: r.GetBoolean(3)), cancellationToken);
        var keyRows = await QueryAsync(connection, """
            SELECT c.relname, con.contype::text,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord), ','),
                   coalesce(pc.relname, ''),
                   coalesce(array_to_string(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord), ','), ''),
                   con.confdeltype::text
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class pc ON pc.oid = con.confrelid
            WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')
            """, r => (Table: r.GetString(0), Type: r.GetString(1), Columns: r.GetString(2), Principal: r.GetString(3), PrincipalColumns: r.GetString(4), OnDelete: r.GetString(5)), cancellationToken);
        var indexRows = await QueryAsync(connection, """
            SELECT t.relname, i.relname, ix.indisunique,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT ix.indisprimary
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetBoolean(2), Columns: r.GetString(3)), cancellationToken);

        return columnRows.GroupBy(c => c.Table).ToDictionary(
            g => g.Key,
            g => new Table(
                g.Key,
                g.ToDictionary(c => c.Name, c => new Column(c.Name, c.Type, c.Nullable), StringComparer.Ordinal),
                keyRows.FirstOrDefault(k => k.Table == g.Key && k.Type == "p").Columns ?? "",
                indexRows.Where(i => i.Table == g.Key).Select(i => new Index(i.Name, i.Columns, i.Unique)).ToList(),
                keyRows.Where(k => k.Table == g.Key && k.Type == "f")
                    .Select(k => new ForeignKey(k.Columns, k.Principal, k.PrincipalColumns, k.OnDelete switch
                    {
                        "c" => "CASCADE",
                        "n" => "SET NULL",
                        "r" => "RESTRICT",
                        "d" => "SET DEFAULT",
                        _ => "NO ACTION",
                    }))
                    .ToList()),
            StringComparer.Ordinal);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
