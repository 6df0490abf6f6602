using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Professionalism;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Check;

public sealed class CheckCommandTests : IDisposable
{
    private const string CaseStory = "Last night my patient Mrs. Eleanor Whitfield, a 94-year-old from Scranton, came in with urosepsis.\nMRN 4471902.\n";
    private const string MediumOnlyDraft = "My patient, a 94-year-old, is doing well after her hip repair.\n";
    private const string CleanDraft = "Great #MedEd talk by Dr. Patel on Parkinson disease at the 2024 conference.\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("somescholar-check-").FullName;

    [Fact]
    public async Task Check_explains_itself_with_help()
    {
        var result = await CliRunner.RunAsync(["check", "--help"], workingDirectory: _folder);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "Usage:", "--format", "--deidentify", "--evaluate", "--settings", "--attachment", "--data" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_draft_without_a_blocking_finding_exits_0()
    {
        var result = await CliRunner.RunAsync(["check", Write("clean.txt", CleanDraft)], workingDirectory: _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No findings.", result.Output.Trim());
    }

    [Fact]
    public async Task A_medium_finding_is_listed_but_does_not_block_by_default()
    {
        var result = await CliRunner.RunAsync(["check", Write("medium.txt", MediumOnlyDraft)], workingDirectory: _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[94-year-old]", result.Output, StringComparison.Ordinal);
        Assert.Contains("none reaches high severity", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_story_with_identifiers_exits_3_and_the_table_highlights_each_excerpt()
    {
        var result = await CliRunner.RunAsync(["check", Write("story.txt", CaseStory)], workingDirectory: _folder);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[Eleanor Whitfield]", result.Output, StringComparison.Ordinal);
        Assert.Contains("[MRN 4471902]", result.Output, StringComparison.Ordinal);
        Assert.Contains("instead: over 90", result.Output, StringComparison.Ordinal);
        Assert.Contains("2:1", result.Output, StringComparison.Ordinal); // MRN on line 2, column 1
        Assert.Contains("should not be posted as it is (exit 3)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Output); // no colour codes when the output is not a terminal
    }

    [Fact]
    public async Task Json_output_lists_each_finding_with_its_span_category_severity_and_reason()
    {
        var result = await CliRunner.RunAsync(["check", Write("story.txt", CaseStory), "--format", "json"], workingDirectory: _folder);

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(3, result.ExitCode);
        Assert.True(root.GetProperty("blocking").GetBoolean());
        Assert.Equal("high", root.GetProperty("blockingSeverity").GetString());
        Assert.Equal("high", root.GetProperty("highestSeverity").GetString());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["date", "combinationRisk", "personName", "age", "place", "recordNumber"], findings.Select(f => f.GetProperty("category").GetString()));
        Assert.All(findings, f =>
        {
            Assert.Equal(f.GetProperty("text").GetString(), CaseStory.Substring(f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("reason").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("rule").GetString()));
        });
        Assert.Contains("the patient", root.GetProperty("suggestedText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dash_reads_the_draft_from_standard_input()
    {
        var blocked = await CliRunner.RunAsync(["check", "-", "--format", "json"], CaseStory, workingDirectory: _folder);
        var clean = await CliRunner.RunAsync(["check", "-"], CleanDraft, workingDirectory: _folder);

        Assert.Equal(3, blocked.ExitCode);
        Assert.Contains("Eleanor Whitfield", blocked.Output, StringComparison.Ordinal);
        Assert.Equal(0, clean.ExitCode);
    }

    [Fact]
    public async Task Deidentify_prints_the_text_with_tags_and_with_json_every_replacement()
    {
        var text = await CliRunner.RunAsync(["check", "--deidentify", "-"], CaseStory, workingDirectory: _folder);
        var json = await CliRunner.RunAsync(["check", "--deidentify", "-", "--format", "json"], CaseStory, workingDirectory: _folder);

        Assert.Equal(0, text.ExitCode);
        Assert.Equal("[DATE] my patient Mrs. [NAME], a [AGE] from [PLACE], came in with urosepsis.\n[ID].\n", text.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(text.Output, document.RootElement.GetProperty("text").GetString());
        var replacements = document.RootElement.GetProperty("replacements").EnumerateArray().ToList();
        Assert.Equal(["[DATE]", "[NAME]", "[AGE]", "[PLACE]", "[ID]"], replacements.Select(r => r.GetProperty("tag").GetString()));
        Assert.Equal("Eleanor Whitfield", replacements[1].GetProperty("originalText").GetString());
    }

    [Fact]
    public async Task Evaluate_prints_precision_recall_and_f1_per_category_and_overall_for_the_built_in_set()
    {
        var result = await CliRunner.RunAsync(["check", "--evaluate"], workingDirectory: _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("315 texts", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"category\s+labelled\s+found\s+precision\s+recall\s+F1", result.Output);
        foreach (var row in new[] { "PersonName", "Date", "Age", "Place", "Phone", "Email", "RecordNumber", "UrlOrIp", "UnsourcedClaim", "identifiers (all)", "content (all)", "overall" })
        {
            Assert.Matches(@"(?m)^" + System.Text.RegularExpressions.Regex.Escape(row) + @"\s+\d+\s+\d+\s+[01]\.\d{3}\s+[01]\.\d{3}\s+[01]\.\d{3}$", result.Output);
        }
    }

    [Fact]
    public async Task Evaluate_reads_a_given_set_and_prints_json_scores()
    {
        var set = Write("set.jsonl",
            """
            {"id": "a", "text": "My patient Mrs. Okafor, 96, came in.", "spans": [{"start": 16, "end": 22, "category": "PersonName"}, {"start": 24, "end": 26, "category": "Age"}]}
            {"id": "b", "text": "Parkinson disease grand rounds today.", "spans": []}
            """);

        var result = await CliRunner.RunAsync(["check", "--evaluate", set, "--format", "json"], workingDirectory: _folder);

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, json.RootElement.GetProperty("texts").GetInt32());
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(2, overall.GetProperty("labelled").GetInt32());
        Assert.Equal(1.0, overall.GetProperty("recall").GetDouble());
    }

    [Fact]
    public async Task An_unreadable_file_or_a_broken_set_is_one_clear_error_and_exit_1()
    {
        var missing = await CliRunner.RunAsync(["check", Path.Combine(_folder, "no-such-draft.txt")], workingDirectory: _folder);
        var broken = await CliRunner.RunAsync(["check", "--evaluate", Write("broken.jsonl", "{\"id\": \"x\", \"text\": \"abc\", \"spans\": [{\"start\": 2, \"end\": 9, \"category\": \"Age\"}]}\n")], workingDirectory: _folder);
        var nothing = await CliRunner.RunAsync(["check"], workingDirectory: _folder);

        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error: cannot read", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("line 1", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("give the FILE", nothing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_settings_the_administrators_thresholds_from_the_store_apply()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().SaveSettingsAsync(new ProfessionalismSettings { BlockingSeverity = Severity.Medium }, "alice");
        }

        var draft = Write("medium.txt", MediumOnlyDraft);
        var withSettings = await CliRunner.RunAsync(["--data", store.Location.DataDirectory!, "check", draft, "--settings"], workingDirectory: _folder);
        var fromEnvironment = await CliRunner.RunAsync(["check", draft, "--settings", "--format", "json"], workingDirectory: _folder,
            environment: new Dictionary<string, string> { ["SOMESCHOLAR_DATA"] = store.Location.DataDirectory! });
        var withoutSettings = await CliRunner.RunAsync(["--data", store.Location.DataDirectory!, "check", draft], workingDirectory: _folder);

        Assert.Equal(3, withSettings.ExitCode);
        Assert.Contains("settings saved by alice", withSettings.Error, StringComparison.Ordinal);
        Assert.Equal(3, fromEnvironment.ExitCode);
        Assert.Contains("\"blockingSeverity\": \"medium\"", fromEnvironment.Output, StringComparison.Ordinal);
        Assert.Equal(0, withoutSettings.ExitCode);
    }

    [Fact]
    public async Task With_settings_but_no_store_the_defaults_apply_and_no_store_is_created()
    {
        var result = await CliRunner.RunAsync(["check", Write("medium.txt", MediumOnlyDraft), "--settings"], workingDirectory: _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no store is configured", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
