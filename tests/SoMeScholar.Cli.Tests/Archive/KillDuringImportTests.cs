using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Testing;

namespace SoMeScholar.Cli.Tests.Archive;

/// <summary>
/// The real CLI importing a generated Jetstream file, killed with SIGKILL at several points (before its first commit,
/// then at about a quarter, half and three quarters), and run again: the store ends exactly as after an uninterrupted import.
/// </summary>
public sealed class KillDuringImportTests : IDisposable
{
    private const int Events = 40_000;
    private const int BatchSize = 500;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "somescholar-kill-tests", Guid.NewGuid().ToString("N"));

    public KillDuringImportTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Killing_an_import_at_several_points_and_running_it_again_ends_like_an_uninterrupted_import(DatabaseProvider provider)
    {
        var file = Path.Combine(_folder, "events.jsonl");
        using (var synth = new JetstreamSynth(42, new JetstreamSynthOptions { Accounts = 2_000 }))
        {
            await File.WriteAllLinesAsync(file, synth.Lines(Events));
        }

        await using var whole = await TestStore.CreateAsync(provider);
        await using var killed = await TestStore.CreateAsync(provider);
        var reference = await RunAsync(whole, file);
        Assert.True(reference.ExitCode == 0, reference.Error);

        // Killed before anything is committed, then at growing numbers of records committed.
        await KillAsync(killed, file, afterRecords: 0);
        var kills = 0;
        foreach (var fraction in new[] { 0.25, 0.5, 0.75 })
        {
            if (await KillAsync(killed, file, afterRecords: (long)(Events * fraction)))
            {
                kills++;
            }
        }

        var last = await RunAsync(killed, file);
        Assert.True(last.ExitCode == 0, last.Error);

        Assert.True(kills >= 2, $"only {kills} of the kills landed mid-import");
        Assert.Equal(await StateAsync(whole), await StateAsync(killed));
        await using var db = killed.NewDb();
        var runs = await db.ImportRuns.ToListAsync();
        var run = Assert.Single(runs);
        Assert.Equal(ImportStatus.Completed, run.Status);
        await using var wholeDb = whole.NewDb();
        var expected = await wholeDb.ImportRuns.SingleAsync();
        Assert.Equal((expected.Records, expected.Posts, expected.Replies, expected.Quotes, expected.Reposts, expected.Likes, expected.Follows, expected.Mentions, expected.Accounts, expected.Deleted, expected.Quarantined),
            (run.Records, run.Posts, run.Replies, run.Quotes, run.Reposts, run.Likes, run.Follows, run.Mentions, run.Accounts, run.Deleted, run.Quarantined));
    }

    private static string[] Arguments(TestStore store, string file) =>
        ["--database", store.Location.ConnectionString, "import", file, "--quiet", "--batch-size", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    private static Task<CliResult> RunAsync(TestStore store, string file) => CliRunner.RunAsync(Arguments(store, file), timeout: TimeSpan.FromMinutes(10));

    /// <summary>Starts the import and SIGKILLs it once the store holds more than <paramref name="afterRecords"/> committed records (0: as soon as the run exists). False when it finished first.</summary>
    private static async Task<bool> KillAsync(TestStore store, string file, long afterRecords)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliRunner.Assembly);
        foreach (var argument in Arguments(store, file))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SOMESCHOLAR_DATABASE");
        start.Environment.Remove("SOMESCHOLAR_DATA");
        using var process = Process.Start(start)!;
        var drainOut = process.StandardOutput.ReadToEndAsync();
        var drainError = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        try
        {
            while (!process.HasExited && DateTime.UtcNow < deadline)
            {
                var records = await CommittedRecordsAsync(store);
                if (records is { } committed && committed > afterRecords && committed < Events)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                    return true;
                }

                await Task.Delay(20);
            }

            return false;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainError);
        }
    }

    private static async Task<long?> CommittedRecordsAsync(TestStore store)
    {
        try
        {
            await using var db = store.NewDb();
            return await db.ImportRuns.Select(r => (long?)r.Records).MaxAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The schema may not exist yet while the child is starting.
            return null;
        }
    }

    private static async Task<(int Posts, int Distinct, int Deleted, int Accounts, int Edges, int DistinctEdges, int Tags, int Links)> StateAsync(TestStore store)
    {
        await using var db = store.NewDb();
        return (await db.Posts.CountAsync(), await db.Posts.Select(p => new { p.Platform, p.ExternalId }).Distinct().CountAsync(), await db.Posts.CountAsync(p => p.IsDeleted),
            await db.Accounts.CountAsync(), await db.Interactions.CountAsync(), await db.Interactions.Select(i => i.NaturalKey).Distinct().CountAsync(),
            await db.PostHashtags.CountAsync(), await db.PostLinks.CountAsync());
    }
}
