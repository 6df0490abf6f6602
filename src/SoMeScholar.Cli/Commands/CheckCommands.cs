using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;
using SoMeScholar.Professionalism.Evaluation;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

/// <summary>
/// <c>somescholar check FILE|-</c>: the professionalism check for scripts. Exit code 0 when no finding reaches the
/// blocking severity, 3 when one does (PRODUCT.md, scripting interface), 1 for unreadable input. It needs no store
/// unless <c>--settings</c> asks for the administrators' settings.
/// </summary>
public static class CheckCommands
{
    public const int Blocking = 3;
    public const int BadInput = 1;

    public static Command Create()
    {
        var file = new Argument<string?>("file")
        {
            Description = "The draft to check: a text file (UTF-8), or - to read standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = Output.FormatOption();
        var deidentify = new Option<bool>("--deidentify")
        {
            Description = "Print the text with identifiers replaced by [NAME], [DATE], [AGE], [PLACE], [PHONE], [EMAIL], [ID], [URL] (with --format json: also every replacement).",
        };
        var evaluate = new Option<string?>("--evaluate")
        {
            Description = "Run the labelled evaluation set and print precision, recall and F1 per category and overall. Without a path: the set built into this program (tests/SoMeScholar.Professionalism.Tests/Evaluation/evaluation.jsonl).",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "FILE",
        };
        var split = new Option<string?>("--split") { Description = "With --evaluate: only the texts of this split (tune or heldout)." };
        var settings = new Option<bool>("--settings")
        {
            Description = "Use the administrators' settings from the store (--data/--database, SOMESCHOLAR_DATA/SOMESCHOLAR_DATABASE, or ./data when it holds a store); without a store, the defaults.",
        };
        var attachment = new Option<string[]>("--attachment", "-a")
        {
            Description = "A file that will be posted with the draft (repeatable); it is flagged for review and its name is checked.",
        };
        var command = new Command("check", "Check a draft for patient identifiers, unprofessional language, undisclosed conflicts and unsourced claims. Exits 3 when a finding reaches the blocking severity (high by default), else 0.")
        {
            file, format, deidentify, evaluate, split, settings, attachment,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = await SettingsAsync(parse, parse.GetValue(settings), cancellationToken);
            if (parse.GetResult(evaluate) is not null)
            {
                return Evaluate(parse.GetValue(evaluate), parse.GetValue(split), parse.GetValue(format), options);
            }

            var path = parse.GetValue(file);
            if (string.IsNullOrEmpty(path))
            {
                await Console.Error.WriteLineAsync("error: give the FILE to check, or - to read standard input (or --evaluate).");
                return BadInput;
            }

            string text;
            try
            {
                text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot read {path}: {e.Message}");
                return BadInput;
            }

            if (parse.GetValue(deidentify))
            {
                PrintDeidentified(ProfessionalismService.Deidentify(text, options), parse.GetValue(format));
                return 0;
            }

            var attachments = (parse.GetValue(attachment) ?? []).Select(a => new AttachmentInfo(a)).ToList();
            var report = ProfessionalismService.Report(text, CheckMode.Check, options, attachments);
            PrintReport(text, report, attachments, options, parse.GetValue(format));
            return report.Blocking ? Blocking : 0;
        });
        return command;
    }

    /// <summary>The defaults, or with --settings the store's settings when a store is configured or ./data holds one.</summary>
    private static async Task<ProfessionalismSettings> SettingsAsync(ParseResult parse, bool fromStore, CancellationToken cancellationToken)
    {
        if (!fromStore)
        {
            return ProfessionalismSettings.Default;
        }

        var configured = !string.IsNullOrWhiteSpace(parse.GetValue(CliContext.Database) ?? parse.GetValue(CliContext.Data)
                             ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATABASE") ?? Environment.GetEnvironmentVariable("SOMESCHOLAR_DATA"))
                         || File.Exists(Path.Combine(StoreLocation.DefaultDataDirectory, StoreLocation.DatabaseFileName));
        var quiet = parse.GetValue(CliContext.Quiet);
        if (!configured)
        {
            if (!quiet)
            {
                await Console.Error.WriteLineAsync("note: no store is configured (--data, --database or ./data); using the default settings.");
            }

            return ProfessionalismSettings.Default;
        }

        await using var services = await CliContext.OpenAsync(parse, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().StoredSettingsAsync(cancellationToken);
        if (!quiet)
        {
            await Console.Error.WriteLineAsync(stored.Problem ?? (stored.IsDefault
                ? "note: the store holds no professionalism settings; using the defaults."
                : $"note: using the settings saved by {stored.UpdatedBy} on {stored.UpdatedAt:yyyy-MM-dd HH:mm} UTC."));
        }

        return stored.Settings;
    }

    private static void PrintReport(string text, CheckReport report, List<AttachmentInfo> attachments, ProfessionalismSettings settings, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            WriteJson(report);
            return;
        }

        if (format == OutputFormat.Csv)
        {
            Output.WriteTable(format, ["index", "start", "length", "line", "column", "category", "severity", "text", "reason", "suggestion", "replacement", "rule"],
                report.Findings.Select(f => (IReadOnlyList<object?>)[f.Index, f.Start, f.Length, Line(text, f.Start), Column(text, f.Start), SettingsDocument.Name(f.Category), SettingsDocument.Name(f.Severity), f.Text, f.Reason, f.Suggestion, f.Replacement, f.Rule]).ToList());
            return;
        }

        if (report.Findings.Count == 0)
        {
            Console.WriteLine("No findings.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("where").NoWrap());
        table.AddColumn("finding");
        table.AddColumn("excerpt");
        table.AddColumn("reason and suggestion");
        foreach (var finding in report.Findings)
        {
            var where = finding.AttachmentIndex is not null ? "attachment" : $"{Line(text, finding.Start)}:{Column(text, finding.Start)}";
            var excerpt = finding.AttachmentIndex is { } index && index < attachments.Count
                ? Markup.Escape(attachments[index].FileName)
                : Excerpt(text, finding.Start, finding.Length);
            var severity = finding.Severity switch
            {
                Severity.High => "[bold red]high[/]",
                Severity.Medium => "[yellow]medium[/]",
                Severity.Low => "low",
                _ => "info",
            };
            var advice = Markup.Escape(finding.Reason)
                + (finding.Suggestion is null ? "" : "\n[dim]" + Markup.Escape(finding.Suggestion) + "[/]")
                + (finding.Replacement is null ? "" : "\n[green]instead: " + Markup.Escape(finding.Replacement) + "[/]");
            table.AddRow(
                new Markup((finding.Index + 1).ToString(CultureInfo.InvariantCulture)),
                new Markup(where),
                new Markup(Markup.Escape(finding.Label) + "\n" + severity),
                new Markup(excerpt),
                new Markup(advice));
        }

        Terminal().Write(table);
        if (report.Findings.Any(f => f.Category == FindingCategory.CombinationRisk))
        {
            Console.WriteLine(ProfessionalismService.CombinationExplanation(settings));
        }

        var bySeverity = string.Join(", ", report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        Console.WriteLine(report.Blocking
            ? $"{report.Findings.Count} findings ({bySeverity}): at least one is {report.BlockingSeverity.ToString().ToLowerInvariant()} severity or above, so this draft should not be posted as it is (exit {Blocking})."
            : $"{report.Findings.Count} findings ({bySeverity}): none reaches {report.BlockingSeverity.ToString().ToLowerInvariant()} severity; review them before posting.");
    }

    private static void PrintDeidentified(DeidentifiedText deidentified, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(DeidentifiedReport.From(deidentified));
                break;
            case OutputFormat.Csv:
                Output.WriteTable(format, ["originalStart", "originalLength", "originalText", "start", "length", "category", "tag", "rule"],
                    deidentified.Replacements.Select(r => (IReadOnlyList<object?>)[r.OriginalStart, r.OriginalLength, r.OriginalText, r.Start, r.Length, SettingsDocument.Name(r.Category), r.Tag, r.Rule]).ToList());
                break;
            default:
                Console.Out.Write(deidentified.Text);
                if (!deidentified.Text.EndsWith('\n'))
                {
                    Console.Out.WriteLine();
                }

                break;
        }
    }

    private static int Evaluate(string? path, string? split, OutputFormat format, ProfessionalismSettings settings)
    {
        IReadOnlyList<LabelledText> set;
        string source;
        try
        {
            set = string.IsNullOrEmpty(path) ? EvaluationSet.Bundled() : EvaluationSet.ReadFile(path);
            source = string.IsNullOrEmpty(path) ? "the built-in copy of tests/SoMeScholar.Professionalism.Tests/Evaluation/evaluation.jsonl" : path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"error: cannot read the evaluation set {path}: {e.Message}");
            return BadInput;
        }

        var texts = string.IsNullOrEmpty(split) ? set : set.Where(t => string.Equals(t.Split, split, StringComparison.OrdinalIgnoreCase)).ToList();
        if (texts.Count == 0)
        {
            Console.Error.WriteLine($"error: no text of split \"{split}\" in the evaluation set (splits: {string.Join(", ", set.Select(t => t.Split).Distinct())}).");
            return BadInput;
        }

        var report = Evaluator.Run(texts, new CheckOptions { Settings = settings });
        if (format == OutputFormat.Table)
        {
            Console.WriteLine($"Evaluation set: {source}, {report.Texts} texts{(string.IsNullOrEmpty(split) ? "" : $" (split {split})")}.");
            Console.WriteLine("A finding is correct when it overlaps a labelled span of its category; recall counts labelled spans a finding overlaps.");
            Console.WriteLine("CombinationRisk and Attachment are derived findings and are not scored.");
            Console.WriteLine();
            Console.Write(report.ToTable());
            return 0;
        }

        var rows = report.Categories.Append(report.Identifiers).Append(report.Content).Append(report.Overall).ToList();
        Output.WriteTable(format, ["category", "labelled", "found", "precision", "recall", "f1"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.Labelled, r.Found, r.Precision.ToString("0.000", CultureInfo.InvariantCulture), r.Recall.ToString("0.000", CultureInfo.InvariantCulture), r.F1.ToString("0.000", CultureInfo.InvariantCulture)]).ToList(),
            new
            {
                Source = source,
                report.Texts,
                Categories = report.Categories.Select(Score).ToList(),
                Identifiers = Score(report.Identifiers),
                Content = Score(report.Content),
                Overall = Score(report.Overall),
            });
        return 0;

        static object Score(CategoryScore s) => new { s.Name, s.Labelled, s.Found, s.Recalled, s.Correct, s.Precision, s.Recall, s.F1 };
    }

    /// <summary>
    /// JSON as the API writes it, but without escaping quotes and apostrophes as \u0022 (a terminal is not an HTML
    /// page), so the text a script reads is the text that was checked.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(Output.Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// Where the table goes: the terminal as it is, or (output redirected to a file or a pipe) plain text without colour
    /// codes, 160 columns wide.
    /// </summary>
    private static IAnsiConsole Terminal()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Console.Out),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>
    /// About 30 characters either side, the finding in brackets and bold (visible without colours too); a long finding
    /// (a combination over a whole passage) shows its beginning and end.
    /// </summary>
    private static string Excerpt(string text, int start, int length)
    {
        const int Context = 30;
        var from = Math.Max(0, start - Context);
        var to = Math.Min(text.Length, start + length + Context);
        var flagged = Flat(text.Substring(start, length));
        if (flagged.Length > 2 * Context + 10)
        {
            flagged = flagged[..Context] + " … " + flagged[^Context..];
        }

        var builder = new StringBuilder();
        builder.Append(from > 0 ? "…" : "").Append(Markup.Escape(Flat(text[from..start])));
        builder.Append("[[[bold red]").Append(Markup.Escape(flagged)).Append("[/]]]");
        builder.Append(Markup.Escape(Flat(text[(start + length)..to]))).Append(to < text.Length ? "…" : "");
        return builder.ToString();
    }

    private static string Flat(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static int Line(string text, int position) => text.AsSpan(0, Math.Min(position, text.Length)).Count('\n') + 1;

    private static int Column(string text, int position) => position - (position == 0 ? 0 : text.LastIndexOf('\n', Math.Min(position, text.Length) - 1) + 1) + 1;
}
