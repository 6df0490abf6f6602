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
