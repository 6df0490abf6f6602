using Microsoft.Playwright;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Browser.Tests.Resources;

[Trait("Category", "Browser")]
public class ResourceReviewTests(LiveServer server) : IClassFixture<LiveServer>
{
    private async Task<IPage> SignInAsync(string role)
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

    private static async Task ReviewAsync(IPage page, string url, int[] scores)
    {
        await page.GotoAsync(url);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Instrument to review with" }).SelectOptionAsync(new SelectOptionValue { Label = "rMETRIQ (revised METRIQ score) (v1)" });
        await page.GetByTestId("volunteer").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
        for (var i = 0; i < scores.Length; i++)
        {
            await page.GetByTestId($"score-q{i + 1}-{scores[i]}").CheckAsync();
        }

        await page.GetByLabel("Comments (Markdown)").FillAsync("Clear and **well referenced**.");
        await page.GetByTestId("submit-review").ClickAsync();
        await Assertions.Expect(page.GetByTestId("resource-message")).ToContainTextAsync("Review submitted");
    }

    [Fact]
    public async Task A_member_submits_a_resource_two_reviewers_score_it_with_rMETRIQ_and_the_page_shows_the_aggregate()
    {
        var member = await SignInAsync(Roles.Member);
        await member.GotoAsync("/Resources");
        await member.GetByTestId("submit-resource").ClickAsync();
        await member.GetByLabel("Address (URL)").FillAsync("https://foam.invalid/browser-test/airway?utm_source=test");
        await member.GetByLabel("Title").FillAsync("Airway pearls for the browser test");
        await member.GetByLabel("Authors (separated by ;, @slug links a person)").FillAsync("A. Writer");
        await member.GetByLabel("Topics (separated by ;)").FillAsync("airway management");
        await member.GetByRole(AriaRole.Checkbox).UncheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("resource-title")).ToHaveTextAsync("Airway pearls for the browser test");
        var url = member.Url;

        await ReviewAsync(await SignInAsync(Roles.Reviewer), url, [3, 3, 2, 2]);
        var second = await SignInAsync(Roles.Reviewer);
        await ReviewAsync(second, url, [3, 2, 2, 2]);

        // Totals 10 and 9: two reviewers, mean 9.5 of 12, which earns the local rMETRIQ mark (≥ 9 with 2 raters).
        await Assertions.Expect(second.GetByTestId("aggregate-raters")).ToHaveTextAsync("2");
        await Assertions.Expect(second.GetByTestId("aggregate-mean")).ToContainTextAsync("9.5 of 12");
        await Assertions.Expect(second.GetByTestId("badge")).ToContainTextAsync("rMETRIQ quality mark");
        await Assertions.Expect(second.GetByTestId("reviews").Locator("strong", new() { HasText = "well referenced" }).First).ToBeVisibleAsync();
        await second.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("resource-reviewed"), FullPage = true });
    }

    [Fact]
    public async Task The_demo_registry_lists_reviewed_resources_with_badges_and_the_uptake_section_aggregates_reports()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Resources?badge=any");
        await Assertions.Expect(page.GetByTestId("resource-list").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.GotoAsync("/Uptake");
        await Assertions.Expect(page.GetByTestId("uptake-per-author").Locator("tbody tr").First).ToBeVisibleAsync();
    }
}
