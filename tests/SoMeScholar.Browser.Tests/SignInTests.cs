using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Browser.Tests;

[Trait("Category", "Browser")]
public class SignInTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task A_member_signs_in_on_the_login_page_and_the_home_page_shows_the_demo_community()
    {
        var (name, password) = await server.AddUserAsync(Roles.Member);
        long accounts;
        long posts;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            accounts = await db.Accounts.LongCountAsync();
            posts = await db.Posts.LongCountAsync(p => p.Kind != PostKind.Repost && !p.IsDeleted);
        }

        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Test member");
        await Assertions.Expect(page.GetByTestId("total-accounts")).ToHaveTextAsync(accounts.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("total-posts")).ToHaveTextAsync(posts.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByText("Demo community: every person")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("top-hashtags")).ToContainTextAsync("#meded");
        // Chart.js came from npm through the build and drew the timeline (a drawn chart gives its canvas a size).
        var chartWidth = await page.Locator("canvas[data-chart]").First.EvaluateAsync<int>("c => window.Chart ? c.width : 0");
        Assert.True(chartWidth > 100, $"chart canvas width {chartWidth}");
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("home-signed-in"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_login_page_with_an_explanation()
    {
        var (name, _) = await server.AddUserAsync(Roles.Member);
        var page = await server.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("do not match");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Pages_run_no_inline_script_so_the_content_security_policy_reports_no_violation()
    {
        var page = await server.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        foreach (var path in new[] { "/", "/Archive", "/People", "/Network" })
        {
            await page.GotoAsync(path);
        }

        Assert.Empty(violations);
    }
}
