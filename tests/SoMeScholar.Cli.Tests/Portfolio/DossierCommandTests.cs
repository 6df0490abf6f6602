using System.Text.Json;
using SoMeScholar.Core.Data;
using SoMeScholar.Testing;
using SoMeScholar.Testing.Portfolio;

namespace SoMeScholar.Cli.Tests.Portfolio;

public class DossierCommandTests
{
    [Fact]
    public async Task The_dossier_command_writes_json_and_pdf_and_names_the_package_when_chromium_is_missing()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var fixture = await PortfolioFixture.CreateAsync(store);
        string[] period = ["--from", "2025-09-01", "--to", "2027-08-31"];
        var folder = CliRunner.NewDataFolder();
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, "dossier.pdf");

        var json = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "dossier", fixture.AdaSlug, .. period, "--format", "json"]);
        var unknown = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "dossier", "nobody-at-all", .. period, "--format", "json"]);
        var missing = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "-q", "dossier", fixture.AdaSlug, .. period, "--format", "pdf", "--output", pdf],
            environment: new Dictionary<string, string> { ["SOMESCHOLAR_CHROMIUM"] = "/nonexistent/chromium" });
        var printed = await CliRunner.RunAsync(["--database", store.Location.ConnectionString, "-q", "dossier", fixture.AdaSlug, .. period, "--format", "pdf", "--output", pdf]);

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("somescholar-dossier/1", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal(5, document.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(17, document.RootElement.GetProperty("criteria").GetArrayLength());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no person 'nobody-at-all'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("apt-get install chromium", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, printed.ExitCode);
        Assert.Equal("%PDF-"u8.ToArray(), (await File.ReadAllBytesAsync(pdf))[..5]);
    }
}
