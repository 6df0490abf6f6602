using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace SoMeScholar.Cli.Commands;

public enum OutputFormat
{
    Table,
    Csv,
    Json,
}

/// <summary>Tabular results as a terminal table, CSV (RFC 4180) or JSON, chosen with --format.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Option<OutputFormat> FormatOption(OutputFormat defaultFormat = OutputFormat.Table) => new("--format", "-f")
    {
        Description = "Output format: table, csv or json.",
        DefaultValueFactory = _ => defaultFormat,
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Writes rows in the chosen format; <paramref name="json"/> is what JSON output serialises (usually the rows themselves).</summary>
    public static void WriteTable(OutputFormat format, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, object? json = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(json ?? rows.Select(r => columns.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList());
                break;
            case OutputFormat.Csv:
                Console.Out.WriteLine(string.Join(',', columns.Select(CsvField)));
                foreach (var row in rows)
                {
                    Console.Out.WriteLine(string.Join(',', row.Select(v => CsvField(Text(v)))));
                }

                break;
            default:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in columns)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(column)));
                }

                foreach (var row in rows)
                {
                    table.AddRow(row.Select(v => Markup.Escape(Text(v))).ToArray());
                }

                AnsiConsole.Write(table);
                break;
        }
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string CsvField(string value)
    {
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
