using System.Text.Json;

namespace SoMeScholar.Cli.Tests.Hashtags;

public class ReportCommandTests
{
    /// <summary>Builds the demo community first (tens of seconds on a loaded machine), hence Slow.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Report_hashtag_and_event_print_the_scripting_interface_fields_as_json_and_tables_as_csv()
    {
        var data = CliRunner.NewDataFolder();
        var demo = await CliRunner.RunAsync(["--data", data, "demo", "--quiet"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(demo.ExitCode == 0, demo.Error);

        var json = await CliRunner.RunAsync(["--data", data, "report", "hashtag", "--tag", "#SoMeDemo26", "--from", "2026-10-14T04:00:00Z", "--to", "2026-10-17T04:00:00Z", "--time-zone", "America/Toronto", "--format", "json"]);
        var csv = await CliRunner.RunAsync(["--data", data, "report", "hashtag", "--tag", "somedemo26", "--from", "2026-10-14", "--to", "2026-10-17", "--table", "top-posters", "--format", "csv"]);
        var byEvent = await CliRunner.RunAsync(["--data", data, "report", "event", "some-demo-summit-2026", "--format", "json"]);
        var sessions = await CliRunner.RunAsync(["--data", data, "report", "event", "some-demo-summit-2026", "--table", "sessions", "--format", "csv"]);
        var unknown = await CliRunner.RunAsync(["--data", data, "report", "event", "no-such-event"]);
        var badWindow = await CliRunner.RunAsync(["--data", data, "report", "hashtag", "--tag", "x", "--from", "2026-10-17", "--to", "2026-10-14"]);

        Assert.True(json.ExitCode == 0, json.Error);
        using var report = JsonDocument.Parse(json.Output);
        var root = report.RootElement;
        foreach (var field in new[] { "posts", "replies", "quotes", "reposts", "participants", "active", "passive", "impressions" })
        {
            Assert.True(root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number, field);
        }

        Assert.True(root.GetProperty("posts").GetInt64() > 0);
        Assert.Equal(root.GetProperty("participants").GetInt64(), root.GetProperty("active").GetInt64() + root.GetProperty("passive").GetInt64());
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.Trim().Split('\n');
        Assert.True(lines.Length > 1);
        Assert.Contains("posts", lines[0], StringComparison.OrdinalIgnoreCase);

        Assert.True(byEvent.ExitCode == 0, byEvent.Error);
        using var eventReport = JsonDocument.Parse(byEvent.Output);
        var split = eventReport.RootElement.GetProperty("split");
        Assert.Equal(root.GetProperty("posts").GetInt64(), split.GetProperty("during").GetProperty("posts").GetInt64());
        Assert.Equal(18, eventReport.RootElement.GetProperty("sessions").GetArrayLength());
        Assert.Equal(19, sessions.Output.Trim().Split('\n').Length);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Equal(2, badWindow.ExitCode);
    }
}
