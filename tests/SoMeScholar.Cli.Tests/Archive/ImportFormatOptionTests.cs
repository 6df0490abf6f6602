using System.Text.Json;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>
/// <c>somescholar import</c>: <c>--format</c> is the summary output (table, csv, json) as everywhere else;
/// <c>--input-format</c> overrides detection; the older input use of <c>--format</c> still works where it is unambiguous.
/// </summary>
public sealed class ImportFormatOptionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "somescholar-import-format-tests", Guid.NewGuid().ToString("N"));

    public ImportFormatOptionTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Format_csv_prints_one_row_per_import_run_and_input_format_names_the_reader()
    {
        var jetstream = SharedFiles.Fixture("bluesky/jetstream/expected_v1.jsonl");
        var data = CliRunner.NewDataFolder();

        var csv = await CliRunner.RunAsync(["--data", data, "import", jetstream, "--format", "csv"]);
        var forced = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", jetstream, "--input-format", "bluesky-jetstream", "--format", "json"]);

        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id,startedAt,status,format,source,posts,replies,quotes,reposts,likes,follows,deleted,quarantined,seconds", lines[0]);
        var row = Assert.Single(lines.Skip(1)).Split(',');
        Assert.Equal(["Completed", "bluesky-jetstream", jetstream], row[2..5]);
        Assert.Equal(["9", "8", "0", "15", "105", "6"], row[5..11]);
        Assert.DoesNotContain("warning", csv.Error, StringComparison.Ordinal);

        Assert.True(forced.ExitCode == 0, forced.Error);
        using var json = JsonDocument.Parse(forced.Output);
        Assert.Equal(105, json.RootElement.GetProperty("likes").GetInt64());
        Assert.Equal("bluesky-jetstream", json.RootElement.GetProperty("runs")[0].GetProperty("format").GetString());
    }

    [Fact]
    public async Task An_input_format_given_with_format_still_works_with_a_warning_and_an_unknown_value_is_refused()
    {
        var edges = Path.Combine(_folder, "edges.csv");
        await File.WriteAllTextAsync(edges, "Source,Target,Kind\nalice,bob,follows\nbob,carol,follows\n");
        var jetstream = SharedFiles.Fixture("bluesky/jetstream/golden_v1.jsonl");

        var named = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", jetstream, "--format", "bluesky-jetstream", "--format", "json"]);
        var csvAndJson = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", edges, "--format", "csv", "--format", "json"]);
        var unknown = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", edges, "--format", "xml"]);
        var unknownInput = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", edges, "--input-format", "xml"]);
        var twoInputs = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "import", edges, "--input-format", "csv", "--format", "mastodon-api"]);

        Assert.True(named.ExitCode == 0, named.Error);
        Assert.Contains("use --input-format bluesky-jetstream", named.Error, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(named.Output))
        {
            Assert.Equal("bluesky-jetstream", json.RootElement.GetProperty("runs")[0].GetProperty("format").GetString());
        }

        Assert.True(csvAndJson.ExitCode == 0, csvAndJson.Error);
        Assert.Contains("use --input-format csv", csvAndJson.Error, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(csvAndJson.Output))
        {
            Assert.Equal(2, json.RootElement.GetProperty("follows").GetInt64());
            Assert.Equal("csv", json.RootElement.GetProperty("runs")[0].GetProperty("format").GetString());
        }

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown format 'xml'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("--input-format", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownInput.ExitCode);
        Assert.Contains("unknown input format 'xml'", unknownInput.Error, StringComparison.Ordinal);
        Assert.Equal(2, twoInputs.ExitCode);
        Assert.Contains("two input formats", twoInputs.Error, StringComparison.Ordinal);
    }
}
