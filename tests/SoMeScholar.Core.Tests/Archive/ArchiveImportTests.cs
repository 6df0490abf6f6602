using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Detection;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Archive;

public sealed class ArchiveImportTests : IDisposable
{
    private const string Did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "somescholar-archive-tests", Guid.NewGuid().ToString("N"));

    public ArchiveImportTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Importing_the_same_jetstream_file_twice_adds_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var file = Generated("events.jsonl", 3_000, seed: 7);

        var first = await ImportAsync(store, file, batchSize: 500);
        var afterFirst = await CountsAsync(store);
        var second = await ImportAsync(store, file, batchSize: 500);
        var afterSecond = await CountsAsync(store);

        var run = Assert.Single(first.Runs);
        Assert.Equal(ImportStatus.Completed, run.Status);
        Assert.Equal("bluesky-jetstream", run.Format);
        Assert.True(run.Posts > 0 && run.Follows > 0 && run.Reposts > 0);
        Assert.Equal(afterFirst.Posts, run.Posts + run.Replies + run.Quotes + run.Reposts);
        Assert.Equal(afterFirst, afterSecond);
        var again = Assert.Single(second.Runs);
        Assert.Equal(0, again.Posts + again.Replies + again.Quotes + again.Reposts + again.Follows + again.Likes);
        Assert.True(again.Unchanged > 0);
        Assert.Equal(2, await Db(store).ImportRuns.CountAsync());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_deleted_post_is_not_resurrected_by_importing_its_create_again(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var create = Line(Create("3lkeep") + "\n" + Create("3lgone"));
        var delete = Line("""{"did":"DID","time_us":1735689700000000,"kind":"commit","commit":{"rev":"3l2","operation":"delete","collection":"app.bsky.feed.post","rkey":"3lgone"}}""");
        var createFile = Write("create.jsonl", create);
        var deleteFile = Write("delete.jsonl", delete);

        await ImportAsync(store, createFile);
        var deletion = Assert.Single((await ImportAsync(store, deleteFile)).Runs);
        await ImportAsync(store, createFile);

        await using var db = Db(store);
        var posts = await db.Posts.OrderBy(p => p.ExternalId).Select(p => new { p.ExternalId, p.IsDeleted }).ToListAsync();
        Assert.Equal(2, posts.Count);
        Assert.True(posts.Single(p => p.ExternalId.EndsWith("3lgone", StringComparison.Ordinal)).IsDeleted);
        Assert.False(posts.Single(p => p.ExternalId.EndsWith("3lkeep", StringComparison.Ordinal)).IsDeleted);
        Assert.Equal(1, deletion.Deleted);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Malformed_lines_are_quarantined_with_line_and_reason_and_the_rest_imports(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var file = Write("mixed.jsonl", Line(Create("3lone")) + "\n{\"did\": broken json\n" + Line(Create("3ltwo")) + "\n");

        var run = Assert.Single((await ImportAsync(store, file)).Runs);

        Assert.Equal(2, run.Posts);
        Assert.Equal(1, run.Quarantined);
        await using var scope = store.Scope();
        var record = Assert.Single(await scope.ServiceProvider.GetRequiredService<ImportHistory>().QuarantineAsync(run.Id, 0, 10));
        Assert.Equal(2, record.Line);
        Assert.Equal(Path.GetFullPath(file), record.Source);
        Assert.False(string.IsNullOrWhiteSpace(record.Reason));
        Assert.Contains("broken json", record.Excerpt, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_interrupted_import_run_again_resumes_its_run_and_ends_like_an_uninterrupted_one(DatabaseProvider provider)
    {
        await using var whole = await TestStore.CreateAsync(provider);
        await using var interrupted = await TestStore.CreateAsync(provider);
        var file = Generated("events.jsonl", 4_000, seed: 11);

        var reference = Assert.Single((await ImportAsync(whole, file, batchSize: 300)).Runs);
        using var stop = new CancellationTokenSource();
        var batches = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(interrupted, file, batchSize: 300, new Progress(p =>
        {
            if (p.Records > 0 && ++batches == 4)
            {
                stop.Cancel();
            }
        }), stop.Token));
        await using (var db = Db(interrupted))
        {
            var stopped = await db.ImportRuns.SingleAsync();
            Assert.NotEqual(ImportStatus.Completed, stopped.Status);
            Assert.NotNull(stopped.Checkpoint);
        }

        var resumed = Assert.Single((await ImportAsync(interrupted, file, batchSize: 300)).Runs);

        Assert.Equal(await CountsAsync(whole), await CountsAsync(interrupted));
        Assert.Equal(1, await Db(interrupted).ImportRuns.CountAsync());
        Assert.Equal((reference.Posts, reference.Replies, reference.Reposts, reference.Follows, reference.Likes, reference.Records),
            (resumed.Posts, resumed.Replies, resumed.Reposts, resumed.Follows, resumed.Likes, resumed.Records));
    }

    private static string Create(string rkey) =>
        $$$"""{"did":"DID","time_us":1735689600000000,"kind":"commit","commit":{"rev":"3l1","operation":"create","collection":"app.bsky.feed.post","rkey":"{{{rkey}}}","record":{"$type":"app.bsky.feed.post","text":"Teaching rounds #MedEd {{{rkey}}}","createdAt":"2025-01-01T00:00:00.000Z","langs":["en"],"facets":[{"index":{"byteStart":16,"byteEnd":22},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"MedEd"}]}]},"cid":"bafyreib2rxk3rh6kzwq3s2ycdbc6vb3rgarzvkw4z4w3bdl6ufznl2h3ju"}}""";

    private static string Line(string text) => text.Replace("DID", Did, StringComparison.Ordinal);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content.EndsWith('\n') ? content : content + "\n");
        return path;
    }

    private string Generated(string name, int events, int seed)
    {
        var path = Path.Combine(_folder, name);
        using var synth = new JetstreamSynth(seed, new JetstreamSynthOptions { Accounts = 200 });
        File.WriteAllLines(path, synth.Lines(events));
        return path;
    }

    private static async Task<ImportOutcome> ImportAsync(TestStore store, string path, int batchSize = ArchiveImport.DefaultBatchSize, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var db = store.NewDb();
        var import = new ArchiveImport(db, TimeProvider.System) { BatchSize = batchSize };
        return await import.ImportAsync(FormatDetector.Plan(path), progress, cancellationToken);
    }

    private static ScholarDb Db(TestStore store) => store.NewDb();

    private static async Task<(int Posts, int Deleted, int Accounts, int Edges, int Tags)> CountsAsync(TestStore store)
    {
        await using var db = store.NewDb();
        return (await db.Posts.CountAsync(), await db.Posts.CountAsync(p => p.IsDeleted), await db.Accounts.CountAsync(), await db.Interactions.CountAsync(), await db.PostHashtags.CountAsync());
    }

    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
