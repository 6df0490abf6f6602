using System.Text.Json;

namespace SoMeScholar.Cli.Tests.Resources;

public class ResourcesCommandTests
{
    [Fact]
    public async Task Importing_a_registry_twice_adds_nothing_and_a_bad_row_is_named_by_line_and_field()
    {
        var data = CliRunner.NewDataFolder();
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "registry.csv");
        await File.WriteAllTextAsync(file, "url,type,title,topics,authors\nhttps://foam.example/a?utm_source=x,blog,Airway pearls,airway,A. Writer\nhttps://foam.example/b,lecture,Bad type,,\n");

        var first = await CliRunner.RunAsync(["--data", data, "resources", "import", file, "--format", "json"]);
        var second = await CliRunner.RunAsync(["--data", data, "resources", "import", file, "--format", "json"]);
        var list = await CliRunner.RunAsync(["--data", data, "resources", "list", "--format", "csv"]);
        var export = await CliRunner.RunAsync(["--data", data, "resources", "export", "--format", "json"]);

        Assert.Equal(1, first.ExitCode);
        using var firstJson = JsonDocument.Parse(first.Output);
        Assert.Equal(1, firstJson.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(3, firstJson.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal("type", firstJson.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
        using var secondJson = JsonDocument.Parse(second.Output);
        Assert.Equal(0, secondJson.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(1, secondJson.RootElement.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, list.Output.Trim().Split('\n').Length);
        Assert.Contains("Airway pearls", export.Output, StringComparison.Ordinal);
    }
}
