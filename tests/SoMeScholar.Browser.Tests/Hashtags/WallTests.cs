using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Browser.Tests.Hashtags;

/// <summary>The live server without the demo community: each test makes its own event and posts.</summary>
public sealed class HashtagsServer : LiveServer
{
    protected override bool WithDemo => false;
}

[Trait("Category", "Browser")]
public class WallTests(HashtagsServer server) : IClassFixture<HashtagsServer>
{
    /// <summary>A wait limit for what arrives through the runner and the event stream on a loaded machine; not a speed assertion.</summary>
    private const float Arrival = 60_000;

    private static readonly DateTime Start = new(2026, 10, 14, 14, 0, 0, DateTimeKind.Utc);

    private async Task<HashtagEvent> EventAsync(string name, string tag, Action<WallSettings> settings)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<EventCatalog>().CreateAsync(
            new EventInput(name, null, new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 16), "America/Toronto", "#" + tag), "organiser");
        await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(item.Id, settings, "organiser");
        return item;
    }

    private async Task<IPage> SignedInPageAsync(string role)
    {
        var (name, password) = await server.AddUserAsync(role);
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_replayed_stream_reaches_the_wall_only_through_moderation_and_denied_words_never_do()
    {
        const string tag = "BrowserWall26";
        var recording = $"browser-wall-{Guid.NewGuid():N}.jsonl";
        string Post(string rkey, int minute, string text) => JetstreamLines.Post("did:plc:speaker", rkey, Start.AddMinutes(minute), text, [tag]);
        var options = server.Services.GetRequiredService<WallOptions>();
        Directory.CreateDirectory(options.ReplayFolder);
        await File.WriteAllLinesAsync(options.ReplayPath(recording),
        [
            JetstreamLines.Identity("did:plc:speaker", "speaker.test", Start),
            Post("b1", 1, "Approve me: a great keynote on feedback"),
            Post("b2", 2, "A spoiler about the closing talk"),
            Post("b3", 3, "Hold me: our poster is up in the hall"),
            Post("b4", 4, "Just saw Mrs Eleanor Whitfield, 94, in bed 12 at St Mary's after her fall: great teaching case"),
        ]);
        var item = await EventAsync("Browser Wall Summit", tag, s =>
        {
            s.Mode = WallMode.HoldForApproval;
            s.CheckProfessionalism = true;
            s.Source = WallSourceKind.Replay;
            s.SourceAddress = recording;
            s.ReplaySpeed = 600;
        });
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WallService>().AddListEntryAsync(item.Id, WallListKind.DenyWord, "spoiler", "organiser");
        }

        var wall = await server.NewPageAsync();
        await wall.GotoAsync($"/Hashtags/Wall/{item.Slug}");
        await Assertions.Expect(wall.GetByTestId("wall-status")).ToHaveTextAsync("live", new() { Timeout = Arrival });
        var moderator = await SignedInPageAsync(Roles.Moderator);
        await moderator.GotoAsync($"/Hashtags/Moderate/{item.Slug}");
        await moderator.GetByTestId("start-source").ClickAsync();

        // The replay arrives in the console by itself: two posts held for a moderator, one flagged with its reason.
        var queue = moderator.GetByTestId("queue");
        await Assertions.Expect(queue.GetByTestId("moderated-post")).ToHaveCountAsync(3, new() { Timeout = Arrival });
        await Assertions.Expect(queue.GetByTestId("moderated-post").Filter(new() { HasText = "Whitfield" }).GetByTestId("hold-reason")).Not.ToBeEmptyAsync();
        await Assertions.Expect(moderator.GetByTestId("removed")).ToContainTextAsync("spoiler", new() { Timeout = Arrival });
        await Assertions.Expect(wall.GetByTestId("wall-post")).ToHaveCountAsync(0);

        await queue.GetByTestId("moderated-post").Filter(new() { HasText = "Approve me" }).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(wall.GetByTestId("wall-post").Filter(new() { HasText = "Approve me" })).ToBeVisibleAsync(new() { Timeout = Arrival });
        await Assertions.Expect(wall.GetByTestId("wall-post")).ToHaveCountAsync(1);
        await Assertions.Expect(moderator.GetByTestId("published")).ToContainTextAsync("Approve me", new() { Timeout = Arrival });

        await queue.GetByTestId("moderated-post").Filter(new() { HasText = "Hold me" }).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(wall.GetByTestId("wall-post").Filter(new() { HasText = "Hold me" })).ToBeVisibleAsync(new() { Timeout = Arrival });
        await Assertions.Expect(wall.GetByTestId("wall-post")).ToHaveCountAsync(2);
        await Assertions.Expect(wall.GetByTestId("wall")).Not.ToContainTextAsync("spoiler");
        await Assertions.Expect(wall.GetByTestId("wall")).Not.ToContainTextAsync("Whitfield");
        await wall.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("hashtags-wall") });
        await moderator.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("hashtags-moderate"), FullPage = true });
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_and_the_pdf_report_is_printed_by_headless_chromium()
    {
        const string tag = "BrowserDash26";
        var item = await EventAsync("Browser Dashboard Summit", tag, s => s.Mode = WallMode.AutoPublish);
        var lines = new List<string> { JetstreamLines.Identity("did:plc:dash", "dash.test", Start) };
        for (var i = 0; i < 12; i++)
        {
            lines.Add(JetstreamLines.Post("did:plc:dash", $"d{i}", Start.AddMinutes(37 * i), $"Session note {i}", [tag, "MedEd"]));
        }

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var records = lines.SelectMany((line, i) => JetstreamEvents.Parse(line, new Importers.SourcePosition("browser test", i + 1))).ToList();
            await using var writerDb = Core.ScholarServiceCollectionExtensions.CreateDb(scope.ServiceProvider.GetRequiredService<Core.Data.StoreLocation>());
            await using var writer = await ArchiveWriter.StartAsync(writerDb, "browser dashboard", "bluesky-jetstream", Platform.Bluesky, null, TimeProvider.System);
            await scope.ServiceProvider.GetRequiredService<WallService>().IngestAsync(item.Id, writer, records, null);
            await writer.CompleteAsync();
        }

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/Hashtags?tags={tag}&from=2026-10-14&to=2026-10-17&tz=America/Toronto");

        await Assertions.Expect(page.GetByTestId("figure-posts")).ToHaveTextAsync("12");
        await Assertions.Expect(page.GetByTestId("hashtags")).ToContainTextAsync("#meded", new() { IgnoreCase = true });
        var widths = await page.Locator("canvas[data-chart]").EvaluateAllAsync<int[]>("cs => cs.map(c => window.Chart && window.Chart.getChart(c) ? c.width : 0)");
        Assert.True(widths.Length >= 3 && widths.All(w => w > 100), "chart widths " + string.Join(", ", widths));
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("hashtags-dashboard"), FullPage = true });

        var pdf = await page.APIRequest.GetAsync($"/api/hashtags/events/{item.Slug}/report.pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), StringComparison.Ordinal);
        var csv = await page.APIRequest.GetAsync($"/api/hashtags/report.csv?tags={tag}&from=2026-10-14&to=2026-10-17&table=top-posters");
        Assert.Contains("dash.test", await csv.TextAsync(), StringComparison.Ordinal);
    }
}
