using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Browser.Tests.Portfolio;

[Trait("Category", "Browser")]
public class PortfolioBrowserTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task A_visitor_opens_a_demo_portfolio_with_charts_and_an_administrator_downloads_its_dossier_as_pdf()
    {
        string slug;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            slug = await db.Dossiers.Where(d => d.IsSynthetic).OrderBy(d => d.Id).Select(d => d.Person!.Slug).FirstAsync();
        }

        var visitor = await server.NewPageAsync();
        await visitor.GotoAsync("/Portfolio");
        await visitor.Locator($"a[href='/Portfolio/{slug}']").ClickAsync();
        await Assertions.Expect(visitor.GetByTestId("section-Resources").Locator("details").First).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("chart-attention").Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("dossier-link")).ToHaveCountAsync(0);
        // A full demo portfolio: evidence in every section, with the chosen communities named.
        foreach (var section in new[] { "Resources", "PeerReview", "Conferences", "Discussions", "Mentoring", "Network" })
        {
            await Assertions.Expect(visitor.GetByTestId("section-" + section).Locator("details.evidence").First).ToBeAttachedAsync();
        }

        await Assertions.Expect(visitor.GetByTestId("chosen-community").First).ToContainTextAsync("community");
        await Assertions.Expect(visitor.GetByTestId("chosen-community").First.Locator("a[href^='/Network/Analysis/']")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByTestId("chart-rank").Locator("canvas")).ToBeVisibleAsync();
        await visitor.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("portfolio-demo"), FullPage = true });

        var (name, password) = await server.AddUserAsync(Roles.Administrator);
        var admin = await server.NewPageAsync();
        await admin.GotoAsync("/Account/Login");
        await admin.GetByLabel("User name or e-mail").FillAsync(name);
        await admin.GetByLabel("Password").FillAsync(password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await admin.GotoAsync($"/Portfolio/{slug}");
        await admin.GetByTestId("dossier-link").First.ClickAsync();
        await Assertions.Expect(admin.Locator("article.dossier h1")).ToContainTextAsync("Promotion dossier");
        await Assertions.Expect(admin.Locator("article.dossier")).ToContainTextAsync("be original");
        await Assertions.Expect(admin.Locator("article.dossier .criterion")).ToHaveCountAsync(Core.Portfolio.DossierCriteria.All.Count);
        await Assertions.Expect(admin.Locator("article.dossier .criterion .notmet")).ToHaveCountAsync(0);

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("download-pdf").ClickAsync(), new() { Timeout = 180_000 });
        var path = Path.Combine(Path.GetTempPath(), $"browser-dossier-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
