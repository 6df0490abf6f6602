using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core.Resources;

namespace SoMeScholar.Core.Tests.Resources;

/// <summary>Pages served by a Kestrel server on 127.0.0.1 for the snapshot fetcher.</summary>
public sealed class PageServer : IAsyncLifetime
{
    public const string Html = "<html><head><title>Airway pearls</title><style>p{color:red}</style><script>alert(1)</script></head><body><h1>Airway   pearls</h1>\n<p>Pre-oxygenate.</p></body></html>";
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.MapGet("/page", () => Results.Content(Html, "text/html; charset=utf-8"));
        _app.MapGet("/notes.txt", () => Results.Text("plain  notes\n\nhere", "text/plain"));
        _app.MapGet("/big", () => Results.Content("<html><body>" + new string('x', 300_000) + "</body></html>", "text/html"));
        _app.MapGet("/big-unannounced", async context =>
        {
            context.Response.ContentType = "text/html";
            for (var i = 0; i < 40; i++)
            {
                await context.Response.WriteAsync(new string('y', 10_000));
            }
        });
        _app.MapGet("/slow", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>start");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        _app.MapGet("/missing", () => Results.NotFound("no such page"));
        _app.MapGet("/image.png", () => Results.Bytes([0x89, 0x50, 0x4E, 0x47], "image/png"));
        _app.MapGet("/moved", () => Results.Redirect("/page"));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public class SnapshotFetcherTests(PageServer server) : IClassFixture<PageServer>
{
    private static SnapshotFetcher Fetcher(long maxBytes = 100_000, double timeoutSeconds = 10) =>
        new(new SnapshotOptions { AllowPrivateAddresses = true, MaxBytes = maxBytes, Timeout = TimeSpan.FromSeconds(timeoutSeconds) });

    [Fact]
    public async Task Archives_the_visible_text_of_an_HTML_page_and_the_hash_of_its_bytes()
    {
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(server.BaseUrl + "/page");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("text/html", result.ContentType);
        Assert.Equal("Airway pearls Pre-oxygenate.", result.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PageServer.Html))), result.Sha256);
        Assert.Equal(Encoding.UTF8.GetByteCount(PageServer.Html), result.Bytes);
    }

    [Fact]
    public async Task Follows_a_redirect_and_keeps_plain_text_as_it_is_with_whitespace_collapsed()
    {
        using var fetcher = Fetcher();

        var moved = await fetcher.FetchAsync(server.BaseUrl + "/moved");
        var text = await fetcher.FetchAsync(server.BaseUrl + "/notes.txt");

        Assert.Equal("Airway pearls Pre-oxygenate.", moved.Text);
        Assert.Equal("plain notes here", text.Text);
    }

    [Theory]
    [InlineData("/big", "over the limit")]
    [InlineData("/big-unannounced", "over the limit")]
    [InlineData("/missing", "404")]
    [InlineData("/image.png", "image/png, not HTML")]
    public async Task Reports_a_page_it_cannot_archive_with_the_reason(string path, string reason)
    {
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(server.BaseUrl + path);

        Assert.False(result.Succeeded);
        Assert.Null(result.Sha256);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_on_a_slow_page_at_the_timeout()
    {
        using var fetcher = Fetcher(timeoutSeconds: 1);

        var result = await fetcher.FetchAsync(server.BaseUrl + "/slow");

        Assert.False(result.Succeeded);
        Assert.Contains("within 1 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_loopback_addresses_unless_they_are_allowed()
    {
        using var fetcher = new SnapshotFetcher(new SnapshotOptions());

        var result = await fetcher.FetchAsync(server.BaseUrl + "/page");

        Assert.False(result.Succeeded);
        Assert.Contains("private or loopback", result.Error, StringComparison.Ordinal);
        Assert.True(SnapshotFetcher.IsPrivate(IPAddress.Parse("192.168.1.4")));
        Assert.False(SnapshotFetcher.IsPrivate(IPAddress.Parse("93.184.216.34")));
    }
}
