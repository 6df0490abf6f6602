using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Cli.Commands;

public static class DbCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Store maintenance: migrations, schema verification, the model's DDL.");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(Status());
        db.Subcommands.Add(Verify());
        db.Subcommands.Add(Script());
        return db;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Apply pending migrations to the store (also done on every start).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.Store(parse);
            StoreInitializer.EnsureDataFolderWritable(store);
            await using var db = ScholarServiceCollectionExtensions.CreateDb(store);
            var applied = await new SchemaMigrator(db).MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"{store.Describe()} is up to date."
                : $"{store.Describe()}: applied {string.Join(", ", applied)}.");
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var format = Output.FormatOption();
        var command = new Command("status", "List the migrations this version carries and which the store has applied.") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.Store(parse);
            await using var db = ScholarServiceCollectionExtensions.CreateDb(store);
            var applied = (await new SchemaMigrator(db).AppliedAsync(cancellationToken)).ToDictionary(a => a.Name);
            var rows = SchemaMigrator.Available(store.Provider)
                .Select(m => (IReadOnlyList<object?>)[m.Name, applied.TryGetValue(m.Name, out var a) ? a.AppliedAt : null, applied.ContainsKey(m.Name) ? "applied" : "pending"])
                .ToList();
            Output.WriteTable(parse.GetValue(format), ["migration", "appliedAt", "state"], rows);
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Compare the store's schema with the model; exit 1 and list differences if they disagree.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.Store(parse);
            await using var db = ScholarServiceCollectionExtensions.CreateDb(store);
            var problems = await new SchemaVerifier(db).VerifyAsync(cancellationToken);
            foreach (var problem in problems)
            {
                Console.WriteLine(problem);
            }

            Console.WriteLine(problems.Count == 0 ? $"{store.Describe()}: schema matches the model." : $"{problems.Count} difference(s).");
            return problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Script()
    {
        var provider = new Option<string>("--provider") { Description = "sqlite or postgres.", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var command = new Command("script", "Print the DDL of the whole EF model for a provider (a starting point when writing a migration).") { provider };
        command.SetAction(parse =>
        {
            var store = parse.GetValue(provider) == "postgres"
                ? StoreLocation.FromConnectionString("Host=localhost;Database=somescholar;Username=somescholar")
                : StoreLocation.FromConnectionString("Data Source=:memory:");
            using var db = ScholarServiceCollectionExtensions.CreateDb(store);
            Console.WriteLine(db.Database.GenerateCreateScript());
            return 0;
        });
        return command;
    }
}
