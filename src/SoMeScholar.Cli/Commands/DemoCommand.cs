using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Demo;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed always gives the same community.", DefaultValueFactory = _ => DemoCommunity.DefaultSeed };
        var command = new Command("demo", "Build the synthetic demo community (people, accounts, follows, posts) into an empty store.") { seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var demo = scope.ServiceProvider.GetRequiredService<DemoCommunity>();
            if (!await demo.IsStoreEmptyAsync(cancellationToken))
            {
                var installed = await demo.InstalledSeedAsync(cancellationToken);
                await Console.Error.WriteLineAsync(installed is { } s
                    ? $"error: this store already holds the demo community (seed {s}); use an empty --data folder to build another."
                    : "error: this store already holds data; the demo community is only built into an empty store (use an empty --data folder).");
                return 1;
            }

            DemoSummary summary;
            if (parse.GetValue(CliContext.Quiet))
            {
                summary = await demo.BuildAsync(parse.GetValue(seed), null, cancellationToken);
            }
            else
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("Building the demo community", maxValue: 1);
                        var progress = new Progress<DemoProgress>(p =>
                        {
                            task.Description = $"Demo: {p.Stage}";
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                        });
                        var result = await demo.BuildAsync(parse.GetValue(seed), progress, cancellationToken);
                        task.Value = task.MaxValue;
                        return result;
                    });
            }

            Console.WriteLine($"Demo community built: {summary}.");
            return 0;
        });
        return command;
    }
}
