using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Web.Tests.Features.Archive;

public class ArchivePagesTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Post_search_is_full_text_every_word_as_a_word_or_its_beginning(DatabaseProvider provider)
    {
        await using var factory = await ScholarWebFactory.CreateAsync(provider);
        await ImportAsync(factory, [
            Post("1", "Simulation training for residents #MedEd"),
            Post("2", "Ultrasound at the bedside"),
            Post("3", "Residents and ultrasound simulation"),
            Post("4", "Presimulation is not a word we use"),
        ]);

        var html = await factory.Client().GetStringAsync("/Archive?q=simul%20RESIDENT");
        var api = await factory.Client().GetStringAsync("/api/archive/posts?q=ultrasound");

        Assert.Contains("Simulation training for residents", html, StringComparison.Ordinal);
        Assert.Contains("Residents and ultrasound simulation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Presimulation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ultrasound at the bedside", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(api);
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_import_page_shows_counts_and_the_quarantined_records_with_their_offending_text()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var run = await ImportAsync(factory, [
            Post("1", "Fine post"),
            new RejectedRecord { Position = new SourcePosition("/data/feed.jsonl", Line: 7, ByteOffset: 812, Field: "commit.record.text"), Reason = "invalid JSON", Excerpt = "{\"text\": <script>broken" },
        ]);

        var index = await factory.Client().GetStringAsync("/Archive");
        var page = await factory.Client().GetStringAsync($"/Archive/Import/{run.Id}");
        var api = await factory.Client().GetStringAsync($"/api/archive/imports/{run.Id}");
        var missing = await factory.Client().GetAsync("/Archive/Import/999999");

        Assert.Contains($"href=\"/Archive/Import/{run.Id}\"", index, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quarantine\"", page, StringComparison.Ordinal);
        Assert.Contains("feed.jsonl line 7 (byte 812)", page, StringComparison.Ordinal);
        Assert.Contains("commit.record.text", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;broken", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>broken", page, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(api);
        Assert.Equal("invalid JSON", json.RootElement.GetProperty("quarantine")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_account_page_shows_its_posts_follower_snapshots_and_interactions_made_and_received(DatabaseProvider provider)
    {
        await using var factory = await ScholarWebFactory.CreateAsync(provider);
        var observed = new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);
        await ImportAsync(factory, [
            new ImportedAccount { Position = new SourcePosition("test"), Platform = Platform.Bluesky, ExternalId = "did:plc:a", Handle = "a.example", Counts = new AccountCounts(4321, 87, 12, observed) },
            new ImportedAccount { Position = new SourcePosition("test"), Platform = Platform.Bluesky, ExternalId = "did:plc:a", Handle = "a.example", Counts = new AccountCounts(5678, 88, 13, observed.AddDays(30)) },
            Post("1", "Bedside teaching rounds"),
            Follow("did:plc:b", "did:plc:a"),
            Follow("did:plc:c", "did:plc:a"),
            Follow("did:plc:a", "did:plc:b"),
        ]);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        var id = db.Accounts.Single(a => a.ExternalId == "did:plc:a").Id;

        var page = await factory.Client().GetStringAsync($"/Archive/Account/{id}");
        var missing = await factory.Client().GetAsync("/Archive/Account/999999");

        Assert.Contains("a.example", page, StringComparison.Ordinal);
        Assert.Contains("Bedside teaching rounds", page, StringComparison.Ordinal);
        Assert.Contains("4 Mar 2026", page, StringComparison.Ordinal);
        Assert.Contains("4,321", page, StringComparison.Ordinal);
        Assert.Contains("5,678", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        Assert.Matches(@"<td>Follow</td><td class=""num"">1</td><td class=""num"">2</td>", page);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static ImportedInteraction Follow(string source, string target) => new()
    {
        Position = new SourcePosition("test"),
        Platform = Platform.Bluesky,
        Kind = InteractionKind.Follow,
        NaturalKey = $"follow:{source}:{target}",
        SourceExternalId = source,
        TargetExternalId = target,
    };

    private static async Task<ImportRun> ImportAsync(ScholarWebFactory factory, IReadOnlyList<ImportRecord> records)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        await using var writer = await ArchiveWriter.StartAsync(db, "/data/feed.jsonl", "bluesky-jetstream", Platform.Bluesky, null, TimeProvider.System);
        await writer.WriteBatchAsync(records, "end");
        await writer.CompleteAsync();
        return writer.Run;
    }

    private static ImportedPost Post(string rkey, string text) => new()
    {
        Position = new SourcePosition("test"),
        Platform = Platform.Bluesky,
        ExternalId = "at://did:plc:a/app.bsky.feed.post/" + rkey,
        AuthorExternalId = "did:plc:a",
        AuthorHandle = "a.example",
        Kind = PostKind.Original,
        CreatedAt = new DateTime(2026, 5, 1, 12, 0, int.Parse(rkey, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
        Text = text,
    };
}
