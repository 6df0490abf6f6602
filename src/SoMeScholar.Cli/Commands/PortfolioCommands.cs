using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Portfolio;
using SoMeScholar.Web.Features.Portfolio;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary><c>somescholar dossier PERSON --from --to --format pdf|json [--output FILE]</c>: a dossier of every portfolio item in a period.</summary>
public static class PortfolioCommands
{
    public static Command Dossier()
    {
        var person = new Argument<string>("person") { Description = "The person's slug (as in /People/{slug}) or id." };
        var from = new Option<string>("--from") { Description = "Start of the period (ISO date, inclusive).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (ISO date, inclusive).", Required = true };
        var format = new Option<string>("--format") { Description = "pdf or json.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("pdf", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file (default: standard output for json, dossier-<slug>-<from>-<to>.pdf for pdf)." };
        var narrative = new Option<FileInfo?>("--narrative") { Description = "A Markdown file with the narrative section." };
        var command = new Command("dossier", "A promotion dossier of every portfolio item of a person in a period, mapped to Sherbino et al. 2015 and Husain et al. 2020, as PDF (printed by headless Chromium) or JSON.")
        {
            person, from, to, format, output, narrative,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryDate(parse.GetValue(from)!, out var start) || !TryDate(parse.GetValue(to)!, out var end))
            {
                await Console.Error.WriteLineAsync("error: --from and --to take ISO dates, e.g. 2026-01-31");
                return 2;
            }

            string? text = null;
            if (parse.GetValue(narrative) is { } narrativeFile)
            {
                if (!narrativeFile.Exists)
                {
                    await Console.Error.WriteLineAsync($"error: {narrativeFile.FullName} does not exist");
                    return 2;
                }

                text = await File.ReadAllTextAsync(narrativeFile.FullName, cancellationToken);
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var dossiers = scope.ServiceProvider.GetRequiredService<Dossiers>();
            DossierDocument? document;
            try
            {
                var assemble = () => dossiers.AssembleForPeriodAsync(parse.GetValue(person)!, start, end.AddDays(1), text, cancellationToken);
                document = parse.GetValue(CliContext.Quiet) || Console.IsOutputRedirected
                    ? await assemble()
                    : await AnsiConsole.Status().StartAsync("Gathering the portfolio", _ => assemble());
            }
            catch (PortfolioRuleException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            if (document is null)
            {
                await Console.Error.WriteLineAsync($"error: there is no person '{parse.GetValue(person)}' (give a slug or an id)");
                return 2;
            }

            var file = parse.GetValue(output);
            if (parse.GetValue(format) == "json")
            {
                var json = DossierJson.Serialize(document);
                if (file is null)
                {
                    Console.WriteLine(json);
                }
                else
                {
                    await File.WriteAllTextAsync(file.FullName, json, cancellationToken);
                }

                return 0;
            }

            byte[] pdf;
            try
            {
                pdf = await scope.ServiceProvider.GetRequiredService<ChromiumPdf>().RenderAsync(DossierHtml.Document(document, null), cancellationToken);
            }
            catch (ChromiumMissingException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 3;
            }

            var path = file?.FullName ?? Path.GetFullPath(PortfolioWeb.FileName(document, "pdf"));
            await File.WriteAllBytesAsync(path, pdf, cancellationToken);
            if (!parse.GetValue(CliContext.Quiet))
            {
                await Console.Error.WriteLineAsync($"wrote {path} ({pdf.Length} bytes)");
            }

            return 0;
        });
        return command;
    }

    private static bool TryDate(string text, out DateTime date)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        date = ok ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : default;
        return ok;
    }
}
