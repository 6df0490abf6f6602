using Microsoft.Playwright;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Browser.Tests.Check;

/// <summary>
/// The live server without the demo community (the check page needs no data), with the check's word lists loaded
/// before the first test, as a running server has them.
/// </summary>
public sealed class CheckServer : LiveServer, IAsyncLifetime
{
    protected override bool WithDemo => false;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        ProfessionalismChecker.Check("warm up the word lists");
    }
}

[Trait("Category", "Browser")]
public class CheckPageTests(CheckServer server) : IClassFixture<CheckServer>
{
    /// <summary>How long to wait for the live check (a pause in typing, then an API call): generous, because the
    /// whole suite shares two cores; a wait limit, not a speed assertion.</summary>
    private const float LiveCheck = 60_000;

    private const string CaseStory =
        "Saw a fascinating case last night: my patient Mrs. Dorothea Pennington, a 93-year-old from Scranton, came into St. Luke's ICU with a perforated viscus. " +
        "Her daughter (570-555-0188) asked me to thank the team.";

    [Fact]
    public async Task A_pasted_case_story_shows_its_identifiers_highlighted_as_you_type_and_after_checking()
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

        await page.GotoAsync("/Check");
        await page.GetByLabel("Draft").FillAsync(CaseStory);

        // check.js re-checks through the API after a pause in typing and highlights in place.
        var live = page.GetByTestId("highlighted-draft");
        await Assertions.Expect(live.Locator("mark.cat-personname")).ToHaveTextAsync("Dorothea Pennington", new() { Timeout = LiveCheck });
        await Assertions.Expect(page.Locator("#check-live-status")).ToContainTextAsync("Checked as you typed", new() { Timeout = LiveCheck });
        await Assertions.Expect(live.Locator("mark.cat-age")).ToHaveTextAsync("93-year-old");
        await Assertions.Expect(page.GetByTestId("deidentified")).ToContainTextAsync("Mrs. [NAME], a [AGE] from [PLACE]");

        // The form works on its own too: the server renders the same highlights.
        await page.GetByTestId("check-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-summary")).ToContainTextAsync("Do not post this yet");
        var marks = page.GetByTestId("highlighted-draft").Locator("mark");
        await Assertions.Expect(marks.Filter(new() { HasText = "Dorothea Pennington" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cat-personname"));
        await Assertions.Expect(marks.Filter(new() { HasText = "Scranton" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cat-place"));
        await Assertions.Expect(marks.Filter(new() { HasText = "570-555-0188" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cat-phone"));
        await Assertions.Expect(page.GetByTestId("findings").Locator("li[data-category=CombinationRisk]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("combination")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("check-case-story"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Markup_typed_into_a_draft_is_shown_as_text_by_the_live_check()
    {
        var page = await server.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/Check");
        await page.GetByLabel("Draft").FillAsync("<img src=x onerror=alert(1)> My patient Mrs. Jones, 93, came in last night.");

        var live = page.GetByTestId("highlighted-draft");
        await Assertions.Expect(live.Locator("mark.cat-personname")).ToHaveTextAsync("Jones", new() { Timeout = LiveCheck });
        await Assertions.Expect(live).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Assertions.Expect(live.Locator("img")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task An_administrator_lowers_the_blocking_severity_and_a_medium_finding_then_blocks()
    {
        const string Draft = "My patient, a 94-year-old, is doing well after her hip repair.";
        var (name, password) = await server.AddUserAsync(Roles.Administrator);
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2FCheck%2FSettings");
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByLabel("Block a draft at").SelectOptionAsync("Medium");
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Blocking severity: High → Medium");
        await Assertions.Expect(page.GetByTestId("settings-changes")).ToContainTextAsync(name);
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("check-settings"), FullPage = true });

        await page.GotoAsync("/Check");
        await page.GetByLabel("Draft").FillAsync(Draft);
        await page.GetByTestId("check-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-summary")).ToContainTextAsync("Do not post this yet");

        await page.GotoAsync("/Check/Settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore the defaults" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("The default settings apply again");
    }
}
