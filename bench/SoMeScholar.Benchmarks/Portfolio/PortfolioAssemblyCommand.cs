using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Demo;
using SoMeScholar.Core.Portfolio;

namespace SoMeScholar.Benchmarks.Portfolio;

/// <summary>
/// How long a portfolio page and a dossier take to assemble from the store: builds the demo community into a fresh
/// SQLite store (or uses <c>--data DIR</c> holding one), then times, for each demo person with a dossier, the full
/// portfolio (every source) and the dossier (items, criteria, charts), <c>--repeat N</c> times, and prints the median
/// and the maximum in milliseconds. <c>./bench.sh portfolio-assembly [--data DIR] [--repeat 5]</c>.
/// </summary>
public sealed class PortfolioAssemblyCommand : IBenchCommand
{
    public string Name => "portfolio-assembly";
    public string Description => "Time portfolio and dossier assembly for the demo people with dossiers (SQLite).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var data = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "somescholar-bench-portfolio-" + Guid.NewGuid().ToString("N"));
        var repeat = int.Parse(Option(args, "--repeat") ?? "5", CultureInfo.InvariantCulture);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSoMeScholar(StoreLocation.SqliteFolder(data));
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
            var demo = scope.ServiceProvider.GetRequiredService<DemoCommunity>();
            if (await demo.IsStoreEmptyAsync(cancellationToken))
            {
                Console.WriteLine($"building the demo community in {data} ...");
                await demo.BuildAsync(DemoCommunity.DefaultSeed, null, cancellationToken);
            }
        }

        List<(long Id, string Slug)> dossiers;
        await using (var scope = provider.CreateAsyncScope())
        {
            dossiers = (await scope.ServiceProvider.GetRequiredService<ScholarDb>().Dossiers.OrderBy(d => d.Id).Select(d => new { d.Id, d.Person!.Slug }).ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.Slug)).ToList();
        }

        Console.WriteLine("person,portfolio_median_ms,portfolio_max_ms,dossier_median_ms,dossier_max_ms,items");
        foreach (var (id, slug) in dossiers)
        {
            var portfolioTimes = new List<double>();
            var dossierTimes = new List<double>();
            var items = 0;
            for (var i = 0; i < repeat; i++)
            {
                await using var scope = provider.CreateAsyncScope();
                var watch = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<PortfolioBuilder>().ForViewerAsync(slug, PortfolioViewer.CommandLine, cancellationToken: cancellationToken);
                portfolioTimes.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                var dossierService = scope.ServiceProvider.GetRequiredService<Dossiers>();
                var document = await dossierService.AssembleAsync(await dossierService.GetAsync(PortfolioViewer.CommandLine, id, cancellationToken), cancellationToken);
                dossierTimes.Add(watch.Elapsed.TotalMilliseconds);
                items = document.Items.Count;
            }

            Console.WriteLine(FormattableString.Invariant($"{slug},{Median(portfolioTimes):0.0},{portfolioTimes.Max():0.0},{Median(dossierTimes):0.0},{dossierTimes.Max():0.0},{items}"));
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
