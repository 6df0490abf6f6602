using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SoMeScholar.Cli.Tests.Research;

public class ResearchCommandTests
{
    private const string Password = "Correct-Horse-9-Battery";

    public static TheoryData<string> Commands => new()
    {
        "research", "research studies", "research create", "research team", "research frame", "research frames", "research sample", "research export-frame",
        "research snowball", "research import-transcript", "research agreement", "research cooccurrence", "research audit", "research segments",
        "research export-qdc", "research import-qdc", "research export-qdpx", "research import-qdpx", "research demo-logins",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_research_command_explains_itself_with_help(string command)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("--as", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_imported_from_QDPX_gives_NVivos_agreement_and_a_non_member_or_uninvited_administrator_sees_none_of_it()
    {
        var data = CliRunner.NewDataFolder();
        foreach (var (name, role) in new[] { ("lead", "member"), ("outsider", "member"), ("root", "administrator") })
        {
            Assert.Equal(0, (await CliRunner.RunAsync(["--data", data, "users", "add", name, "--role", role, "--password-stdin"], stdin: Password + "\n")).ExitCode);
        }

        var qdpx = Path.Combine(data, "comparison.qdpx");
        await File.WriteAllBytesAsync(qdpx, WorkedExampleProject());

        var imported = await CliRunner.RunAsync(["--data", data, "research", "import-qdpx", qdpx, "--as", "lead", "--format", "json"]);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var study = JsonDocument.Parse(imported.Output).RootElement.GetProperty("studyId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // NVivo's worked example: 1,000 characters, 50 coded by both, 150 by one coder only, 800 by neither.
        var agreement = await CliRunner.RunAsync(["--data", data, "research", "agreement", "--study", study, "--as", "lead", "--format", "json"]);
        Assert.True(agreement.ExitCode == 0, agreement.Error);
        var row = JsonDocument.Parse(agreement.Output).RootElement.GetProperty("rows")[0].GetProperty("counts");
        Assert.Equal(1000, row.GetProperty("totalUnits").GetInt64());
        Assert.Equal(85.0, row.GetProperty("percentAgreement").GetDouble(), 10);
        Assert.Equal(70.0 / 220.0, row.GetProperty("kappa").GetDouble(), 10);
        var csv = await CliRunner.RunAsync(["--data", data, "research", "agreement", "--study", study, "--as", "lead", "--format", "csv"]);
        Assert.StartsWith("code,transcript,totalUnits,codedByA,codedByB,both,neither,percentAgreement,kappa", csv.Output, StringComparison.Ordinal);

        foreach (var outsider in new[] { "outsider", "root" })
        {
            var studies = await CliRunner.RunAsync(["--data", data, "research", "studies", "--as", outsider, "--format", "json"]);
            Assert.Equal("[]", studies.Output.Trim());
            foreach (var command in new[] { "agreement", "audit", "snowball", "frames", "segments", "export-qdc" })
            {
                var refused = await CliRunner.RunAsync(["--data", data, "research", command, "--study", study, "--as", outsider]);
                Assert.Equal(1, refused.ExitCode);
                Assert.Contains($"Study {study} not found, or not visible to you", refused.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("Worked example", refused.Output + refused.Error, StringComparison.Ordinal);
            }
        }

        // Once the lead adds the administrator, they see it.
        Assert.Equal(0, (await CliRunner.RunAsync(["--data", data, "research", "team", "--study", study, "--add", "root", "--role", "auditor", "--as", "lead"])).ExitCode);
        Assert.Contains("Worked example", (await CliRunner.RunAsync(["--data", data, "research", "studies", "--as", "root", "--format", "csv"])).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Research_commands_need_to_know_who_is_asking()
    {
        var result = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "research", "studies"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_from_a_list_is_sampled_with_a_recorded_seed_and_exported_for_recruitment()
    {
        var data = CliRunner.NewDataFolder();
        await CliRunner.RunAsync(["--data", data, "users", "add", "lead", "--password-stdin"], stdin: Password + "\n");
        Assert.Equal(0, (await CliRunner.RunAsync(["--data", data, "research", "create", "--title", "Frames", "--as", "lead"])).ExitCode);
        var list = Path.Combine(data, "list.txt");
        await File.WriteAllTextAsync(list, string.Join("\n", Enumerable.Range(1, 30).Select(i => $"person{i}.test")));

        var frame = await CliRunner.RunAsync(["--data", data, "research", "frame", "--study", "1", "--kind", "list", "--list", list, "--as", "lead", "--format", "csv"]);
        var first = await CliRunner.RunAsync(["--data", data, "research", "sample", "--frame", "1", "--size", "5", "--seed", "99", "--as", "lead", "--format", "csv"]);
        var second = await CliRunner.RunAsync(["--data", data, "research", "sample", "--frame", "1", "--size", "5", "--seed", "99", "--as", "lead", "--format", "csv"]);
        var export = await CliRunner.RunAsync(["--data", data, "research", "export-frame", "--frame", "1", "--sample", "1", "--as", "lead"]);

        Assert.True(frame.ExitCode == 0, frame.Error);
        Assert.Equal(31, frame.Output.Trim().Split('\n').Length);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(6, first.Output.Trim().Split('\n').Length);
        Assert.StartsWith("drawOrder,stratum,position,handle", export.Output, StringComparison.Ordinal);
        Assert.Equal(6, export.Output.Trim().Split('\n').Length);
    }

    /// <summary>A REFI-QDA project with one 1,000-character source, one code and two coders: A codes [0,150), B codes [100,200).</summary>
    private static byte[] WorkedExampleProject()
    {
        const string code = "6f7c2a1e-0d3b-4b8a-9a55-1a2b3c4d5e6f";
        const string source = "0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a3b";
        const string coderA = "11111111-2222-4333-8444-555555555555";
        const string coderB = "66666666-7777-4888-8999-aaaaaaaaaaaa";
        var project = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Worked example" origin="test">
              <Users><User guid="{coderA}" name="Coder A"/><User guid="{coderB}" name="Coder B"/></Users>
              <CodeBook><Codes><Code guid="{code}" name="Mentorship" isCodable="true" color="#0F6E8C"/></Codes></CodeBook>
              <Sources>
                <TextSource guid="{source}" name="Source" plainTextPath="internal://{source}.txt">
                  <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000001" startPosition="0" endPosition="150" creatingUser="{coderA}">
                    <Coding guid="aaaaaaaa-0000-4000-8000-000000000002" creatingUser="{coderA}"><CodeRef targetGUID="{code}"/></Coding>
                  </PlainTextSelection>
                  <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000003" startPosition="100" endPosition="200" creatingUser="{coderB}">
                    <Coding guid="aaaaaaaa-0000-4000-8000-000000000004" creatingUser="{coderB}"><CodeRef targetGUID="{code}"/></Coding>
                  </PlainTextSelection>
                </TextSource>
              </Sources>
            </Project>
            """;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("project.qde").Open(), new UTF8Encoding(false)))
            {
                writer.Write(project);
            }

            using (var writer = new StreamWriter(zip.CreateEntry($"sources/{source}.txt").Open(), new UTF8Encoding(false)))
            {
                writer.Write(new string('x', 1000));
            }
        }

        return buffer.ToArray();
    }
}
