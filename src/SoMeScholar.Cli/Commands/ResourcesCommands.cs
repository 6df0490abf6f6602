using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Resources;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary><c>somescholar resources import|list|export</c>: bulk registry loads and listings.</summary>
public static class ResourcesCommands
{
    public static Command Create()
    {
        var resources = new Command("resources", "The registry of open-access education resources: import, list, export.");
        resources.Subcommands.Add(Import());
        resources.Subcommands.Add(List());
        resources.Subcommands.Add(Export());
        return resources;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv file (header: url,type,title,publisher,specialty,publishedAt,licence,topics,authors,summary) or a .json array with the same fields." };
        var format = Output.FormatOption();
        var command = new Command("import", "Import resources, keyed on the normalised URL: re-importing adds nothing; changed metadata updates the current version. Bad records are reported with line and field and skipped.") { file, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var transfer = scope.ServiceProvider.GetRequiredService<RegistryTransfer>();
            TransferResult result;
            if (parse.GetValue(CliContext.Quiet) || parse.GetValue(format) != OutputFormat.Table)
            {
                result = await transfer.ImportAsync(path.FullName, cancellationToken);
            }
            else
            {
                result = await AnsiConsole.Status().StartAsync($"Importing {path.Name}", _ => transfer.ImportAsync(path.FullName, cancellationToken));
            }

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Output.WriteJson(new { added = result.Added, updated = result.Updated, unchanged = result.Unchanged, errors = result.Errors });
            }
            else
            {
                Console.WriteLine($"{result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged, {result.Errors.Count} rejected.");
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: {error}");
                }
            }

            return result.Errors.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command List()
    {
        var format = Output.FormatOption();
        var topic = new Option<string?>("--topic") { Description = "Only resources with this topic." };
        var type = new Option<string?>("--type") { Description = "Only this type (blog, podcast, video, thread, infographic, slides, paper)." };
        var specialty = new Option<string?>("--specialty") { Description = "Only this specialty." };
        var badge = new Option<string?>("--badge") { Description = "Only resources with this badge key (e.g. air), or 'any'." };
        var sort = new Option<ResourceSort>("--sort") { Description = "newest, impact, quality or title.", DefaultValueFactory = _ => ResourceSort.Newest };
        var limit = new Option<int>("--limit") { Description = "At most this many rows.", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List resources with their badges, reviews, endorsements, posts linking and uptake.") { format, topic, type, specialty, badge, sort, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ResourceType? parsedType = null;
            if (parse.GetValue(type) is { } typeText)
            {
                parsedType = RegistryTransfer.ParseType(typeText);
                if (parsedType is null)
                {
                    await Console.Error.WriteLineAsync($"error: unknown type '{typeText}'");
                    return 2;
                }
            }

            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<ResourceCatalog>().SearchAsync(new ResourceQuery
            {
                Topic = parse.GetValue(topic),
                Type = parsedType,
                Specialty = parse.GetValue(specialty),
                Badge = parse.GetValue(badge),
                Sort = parse.GetValue(sort),
                Take = Math.Clamp(parse.GetValue(limit), 1, 500),
            }, cancellationToken);
            Output.WriteTable(parse.GetValue(format), ["id", "title", "type", "url", "badges", "reviews", "memberEndorsements", "expertEndorsements", "postsLinking", "uptakeReports", "status"],
                page.Items.Select(r => (IReadOnlyList<object?>)[r.Id, r.Title, r.Type.ToString(), r.Url, string.Join(" ", r.Badges.Select(b => b.Key)), r.Reviews, r.MemberEndorsements, r.ExpertEndorsements, r.PostsLinking, r.UptakeReports, r.Status.ToString()]).ToList(),
                page.Items);
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var format = new Option<string>("--format", "-f") { Description = "csv or json.", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export the registry as CSV or JSON, in the format import reads (authors linked to people as @slug).") { format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.OpenAsync(parse, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var records = await scope.ServiceProvider.GetRequiredService<RegistryTransfer>().ExportAsync(cancellationToken);
            var file = parse.GetValue(output);
            await using var writer = file is null ? Console.Out : new StreamWriter(file.FullName);
            if (parse.GetValue(format) == "json")
            {
                await writer.WriteLineAsync(RegistryTransfer.ToJson(records));
            }
            else
            {
                RegistryTransfer.WriteCsv(writer, records);
            }

            if (file is not null && !parse.GetValue(CliContext.Quiet))
            {
                await Console.Error.WriteLineAsync($"Exported {records.Count} resources to {file.FullName}.");
            }

            return 0;
        });
        return command;
    }
}
