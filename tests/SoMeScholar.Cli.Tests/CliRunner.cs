using System.Diagnostics;

namespace SoMeScholar.Cli.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the built `somescholar` as a child process (dotnet somescholar.dll ...), with its own data folder.</summary>
public static class CliRunner
{
    /// <summary>The CLI's own build output (it carries wwwroot), else the copy beside the tests.</summary>
    public static string Assembly { get; } = Locate();

    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, string? stdin = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the child off the developer's own store and settings.
        start.Environment.Remove("SOMESCHOLAR_DATABASE");
        start.Environment.Remove("SOMESCHOLAR_DATA");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"somescholar {string.Join(' ', start.ArgumentList.Skip(1))} did not finish");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "somescholar-cli-tests", Guid.NewGuid().ToString("N"));

    private static string Locate()
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = Path.GetFileName(here);
        var own = Path.GetFullPath(Path.Combine(here, "..", "..", "SoMeScholar.Cli", configuration, "somescholar.dll"));
        return File.Exists(own) ? own : Path.Combine(here, "somescholar.dll");
    }
}
