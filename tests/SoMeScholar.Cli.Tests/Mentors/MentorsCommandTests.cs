using System.Text.Json;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Mentors;

public class MentorsCommandTests
{
    [Theory]
    [InlineData("mentors")]
    [InlineData("mentors suggest")]
    [InlineData("mentors evaluate")]
    [InlineData("mentors weights")]
    [InlineData("mentors link-user")]
    public async Task Every_mentors_command_explains_itself_with_help(string command)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_reads_a_request_file_and_prints_json_with_no_mentor_when_nobody_has_opted_in()
    {
        var data = CliRunner.NewDataFolder();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "request.json");
        await File.WriteAllTextAsync(file, """{ "topics": ["airway management"], "hashtags": ["#FOAMed"], "careerStage": "resident", "seeking": "career, research", "languages": ["en"] }""");

        var result = await CliRunner.RunAsync(["--data", data, "mentors", "suggest", "--request", file, "--time-zone", "Europe/London", "--format", "json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("mentors").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("indexedMentors").GetInt32());
        Assert.Equal(0.45, json.RootElement.GetProperty("weights").GetProperty("interest").GetDouble());
    }

    [Fact]
    public async Task A_bad_request_fails_with_one_line_that_says_why()
    {
        var data = CliRunner.NewDataFolder();

        var zone = await CliRunner.RunAsync(["--data", data, "mentors", "suggest", "--topic", "sepsis", "--time-zone", "Mars/Base"]);
        var area = await CliRunner.RunAsync(["--data", data, "mentors", "suggest", "--topic", "sepsis", "--seeking", "money"]);
        var empty = await CliRunner.RunAsync(["--data", data, "mentors", "suggest"]);

        Assert.Equal(1, zone.ExitCode);
        Assert.Equal("error: Unknown time zone 'Mars/Base': use an IANA name such as Europe/London.", zone.Error.Trim());
        Assert.Contains("Unknown mentoring area 'money'", area.Error, StringComparison.Ordinal);
        Assert.Contains("Say what interests you", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weights_are_changed_and_reset_from_the_command_line()
    {
        var data = CliRunner.NewDataFolder();

        var set = await CliRunner.RunAsync(["--data", data, "mentors", "weights", "--set", "Interest=0.7", "--set", "requireSharedLanguage=false"]);
        var bad = await CliRunner.RunAsync(["--data", data, "mentors", "weights", "--set", "Openness=-1"]);
        var reset = await CliRunner.RunAsync(["--data", data, "mentors", "weights", "--reset"]);

        Assert.Equal(0, set.ExitCode);
        using var changed = JsonDocument.Parse(set.Output);
        Assert.Equal(0.7, changed.RootElement.GetProperty("interest").GetDouble());
        Assert.False(changed.RootElement.GetProperty("requireSharedLanguage").GetBoolean());
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Openness must be", bad.Error, StringComparison.Ordinal);
        using var defaults = JsonDocument.Parse(reset.Output);
        Assert.Equal(0.45, defaults.RootElement.GetProperty("interest").GetDouble());
    }

    [Fact]
    public async Task Evaluate_reports_recall_and_mrr_for_the_recommender_and_the_baselines_on_an_edge_list()
    {
        var result = await CliRunner.RunAsync(["mentors", "evaluate", "--network", SharedFiles.Graph("gt-lesmis.edges.gz"), "--format", "json", "--quiet"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var report = json.RootElement[0];
        Assert.Equal(10, report.GetProperty("k").GetInt32());
        var methods = report.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()).ToList();
        Assert.Equal(["recommender", "most-followed", "same-community random", "random"], methods);
        Assert.True(report.GetProperty("methods")[0].GetProperty("recallAtK").GetDouble() > report.GetProperty("methods")[1].GetProperty("recallAtK").GetDouble());
    }
}
