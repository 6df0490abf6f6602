using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;

namespace SoMeScholar.Cli.Commands;

/// <summary>The options every command shares (which store, how quiet), and the services a command runs with.</summary>
public static class CliContext
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Folder of the SQLite store (default ./data, or SOMESCHOLAR_DATA).",
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "Connection string of the store: PostgreSQL (Host=...;Database=... or postgres://...) or SQLite (Data Source=...). Default SOMESCHOLAR_DATABASE.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only results and errors: no progress bars.",
        Recursive = true,
    };

    public static StoreLocation Store(ParseResult parse) =>
        StoreLocation.Resolve(
            parse.GetValue(Database) ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATABASE"),
            parse.GetValue(Data) ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATA"));

    /// <summary>Services over the chosen store, brought up to date (migrations applied, roles created).</summary>
    public static async Task<ServiceProvider> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var store = Store(parse);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(store);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        return provider;
    }
}
