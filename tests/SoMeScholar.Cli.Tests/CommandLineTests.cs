using System.Text.Json;

namespace SoMeScholar.Cli.Tests;

public class CommandLineTests
{
    public static TheoryData<string> Commands => new()
    {
        "", "serve", "demo", "db", "db migrate", "db status", "db verify", "db script", "users", "users add", "users list", "users set-role",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_explains_itself_with_help(string command)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("--data", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_product_version()
    {
        var result = await CliRunner.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output.Trim());
    }

    [Fact]
    public async Task Users_are_added_listed_and_given_roles()
    {
        var data = CliRunner.NewDataFolder();

        var added = await CliRunner.RunAsync(["--data", data, "users", "add", "alice", "--role", "reviewer", "--email", "alice@example.org"]);
        var withPassword = await CliRunner.RunAsync(["--data", data, "users", "add", "bob", "--password-stdin"], stdin: "Correct-Horse-9-Battery\n");
        var setRole = await CliRunner.RunAsync(["--data", data, "users", "set-role", "bob", "moderator"]);
        var list = await CliRunner.RunAsync(["--data", data, "users", "list", "--format", "json"]);

        Assert.Equal(0, added.ExitCode);
        Assert.Matches("One-time password: [A-Za-z0-9]{20}", added.Output);
        Assert.Equal(0, withPassword.ExitCode);
        Assert.DoesNotContain("One-time password", withPassword.Output, StringComparison.Ordinal);
        Assert.Equal(0, setRole.ExitCode);
        var users = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToDictionary(
            u => u.GetProperty("userName").GetString()!,
            u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Equal(["reviewer", "member"], users["alice"]);
        Assert.Equal(["moderator", "member"], users["bob"]);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_by_the_parser()
    {
        var result = await CliRunner.RunAsync(["--data", CliRunner.NewDataFolder(), "users", "add", "carol", "--role", "emperor"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("emperor", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_list_as_CSV_has_a_header_and_one_line_per_user()
    {
        var data = CliRunner.NewDataFolder();
        await CliRunner.RunAsync(["--data", data, "users", "add", "dora"]);

        var result = await CliRunner.RunAsync(["--data", data, "users", "list", "--format", "csv"]);

        var lines = result.Output.Trim().Split('\n');
        Assert.Equal("userName,email,roles,createdAt,lockedOut", lines[0]);
        Assert.StartsWith("dora,,member,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_then_verify_reports_a_schema_matching_the_model()
    {
        var data = CliRunner.NewDataFolder();

        var migrate = await CliRunner.RunAsync(["--data", data, "db", "migrate"]);
        var again = await CliRunner.RunAsync(["--data", data, "db", "migrate"]);
        var verify = await CliRunner.RunAsync(["--data", data, "db", "verify"]);

        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("applied 0001_foundation", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("is up to date", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("schema matches the model", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_stops_with_one_line_and_exit_code_2()
    {
        var result = await CliRunner.RunAsync(["--database", "Host=127.0.0.1;Port=1;Database=none;Username=x;Password=y;Timeout=3", "users", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Cannot reach PostgreSQL at 127.0.0.1:1", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_with_one_line_and_exit_code_2()
    {
        var file = Path.GetTempFileName();
        var result = await CliRunner.RunAsync(["--data", Path.Combine(file, "data"), "db", "migrate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not writable", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task The_DDL_of_the_model_is_printed_for_both_providers()
    {
        var sqlite = await CliRunner.RunAsync(["db", "script", "--provider", "sqlite"]);
        var postgres = await CliRunner.RunAsync(["db", "script", "--provider", "postgres"]);

        Assert.Contains("CREATE TABLE \"posts\"", sqlite.Output, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE posts", postgres.Output, StringComparison.Ordinal);
        Assert.Contains("timestamp with time zone", postgres.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Demo_builds_into_an_empty_store_once_and_refuses_a_second_time()
    {
        var data = CliRunner.NewDataFolder();

        var first = await CliRunner.RunAsync(["--data", data, "--quiet", "demo"]);
        var second = await CliRunner.RunAsync(["--data", data, "demo"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"Demo community built: 1,4\d\d people, 1,\d{3} accounts, 3\d,\d{3} posts", first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds the demo community (seed 20261121)", second.Error, StringComparison.Ordinal);
    }
}
