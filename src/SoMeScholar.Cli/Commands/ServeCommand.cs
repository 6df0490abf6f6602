using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core.Demo;
using SoMeScholar.Web;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Cli.Commands;

public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on, separated by ';'.", DefaultValueFactory = _ => DefaultUrl };
        var noDemo = new Option<bool>("--no-demo") { Description = "Start with an empty store instead of building the demo community on first start." };
        var seed = new Option<int>("--demo-seed") { Description = "Seed of the demo community.", DefaultValueFactory = _ => DemoCommunity.DefaultSeed };
        var command = new Command("serve", "Start the web application (builds the demo community on an empty store unless --no-demo).") { urls, noDemo, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = CliContext.Store(parse);
            var settings = new Dictionary<string, string?>
            {
                [ScholarConfiguration.ConnectionStringKey] = store.ConnectionString,
                [ScholarConfiguration.DataDirectoryKey] = store.DataDirectory,
                [ScholarConfiguration.DemoEnabledKey] = parse.GetValue(noDemo) ? "false" : "true",
                [ScholarConfiguration.DemoSeedKey] = parse.GetValue(seed).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            Console.WriteLine($"SoMeScholar {Core.Data.SchemaMigrator.AppVersion}: {store.Describe()}");
            Console.WriteLine($"Serving on {parse.GetValue(urls)} (Ctrl+C to stop)");
            return await ScholarWebApp.RunAsync(["--urls", parse.GetValue(urls)!], builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
            });
        });
        return command;
    }
}
