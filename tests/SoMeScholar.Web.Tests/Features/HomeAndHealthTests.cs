using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;
using SoMeScholar.Web.Shared;

namespace SoMeScholar.Web.Tests.Features;

public class HomeAndHealthTests
{
    [Fact]
    public async Task Health_reports_the_store_reachable()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_store_says_how_to_fill_it()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var html = await factory.Client().GetStringAsync("/");

        Assert.Contains("data-testid=\"empty-archive\"", html, StringComparison.Ordinal);
        Assert.Contains("somescholar import", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_what_the_archive_holds()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await ImportAsync(factory, [
            Post("at://did:plc:a/app.bsky.feed.post/1", "did:plc:a", "First #MedEd post", "MedEd"),
            Post("at://did:plc:a/app.bsky.feed.post/2", "did:plc:a", "Second #MedEd #FOAMed post", "MedEd", "FOAMed"),
            Post("at://did:plc:b/app.bsky.feed.post/3", "did:plc:b", "A #FOAMed post", "FOAMed"),
        ]);

        var html = await factory.Client().GetStringAsync("/");

        Assert.Matches("data-testid=\"total-accounts\">2<", html);
        Assert.Matches("data-testid=\"total-posts\">3<", html);
        Assert.Contains("#meded", html, StringComparison.Ordinal);
        Assert.Contains("A #FOAMed post", html, StringComparison.Ordinal);
        Assert.Contains("data-chart=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_text_from_the_archive_is_encoded_not_executed()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await ImportAsync(factory, [Post("at://did:plc:x/app.bsky.feed.post/9", "did:plc:x", "<script>alert('x')</script> #MedEd", "MedEd")]);

        var html = await factory.Client().GetStringAsync("/");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().GetAsync("/Archive");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/Archive")]
    [InlineData("/People")]
    [InlineData("/Network")]
    [InlineData("/Hashtags")]
    [InlineData("/Resources")]
    [InlineData("/Discussions")]
    [InlineData("/Uptake")]
    [InlineData("/Portfolio")]
    [InlineData("/Mentors")]
    [InlineData("/Check")]
    [InlineData("/Research")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/archive/totals")]
    public async Task Public_sections_open_for_guests(string path)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_page()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().GetAsync("/Archive/Account/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task ImportAsync(ScholarWebFactory factory, IReadOnlyList<ImportRecord> records)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
        await using var writer = await ArchiveWriter.StartAsync(db, "test", "test", Platform.Bluesky, null, TimeProvider.System);
        await writer.WriteBatchAsync(records, "end");
        await writer.CompleteAsync();
    }

    private static ImportedPost Post(string id, string author, string text, params string[] tags) => new()
    {
        Position = new SourcePosition("test"),
        Platform = Platform.Bluesky,
        ExternalId = id,
        AuthorExternalId = author,
        AuthorHandle = author[8..] + ".example",
        Kind = PostKind.Original,
        CreatedAt = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc),
        Text = text,
        Hashtags = tags,
    };
}
