using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Browser.Tests.Discussions;

/// <summary>The web host without the demo community: these tests make their own members and threads.</summary>
public sealed class DiscussionServer : LiveServer
{
    protected override bool WithDemo => false;

    /// <summary>Seven people sign in from 127.0.0.1 within a minute; the sign-in limit is per address (tested in the web tests).</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:Multiplier", "10")];
}

[Trait("Category", "Browser")]
public class ModerationWalkthroughTests(DiscussionServer server) : IClassFixture<DiscussionServer>
{
    [Fact]
    public async Task A_new_members_comment_is_approved_flagged_hidden_restored_and_every_step_is_in_the_audit_log()
    {
        var (moderatorName, moderatorPassword) = await server.AddUserAsync(Roles.Moderator);
        var (adminName, adminPassword) = await server.AddUserAsync(Roles.Administrator);
        var (newcomerName, newcomerPassword) = await server.AddUserAsync(Roles.Member);
        var flaggers = new List<(string Name, string Password)>();
        for (var i = 0; i < 3; i++)
        {
            flaggers.Add(await server.AddUserAsync(Roles.Member));
        }

        var threadId = await SetUpAsync(moderatorName, flaggers.Select(f => f.Name));
        const string text = "Residents' infographics should count too; see https://doi.org/10.1111/medu.13079 for the criteria.";

        // 1. A new member posts a comment: it waits for approval.
        var newcomer = await SignedInPageAsync(newcomerName, newcomerPassword);
        await newcomer.GotoAsync($"/Discussions/Thread/{threadId}");
        await Assertions.Expect(newcomer.GetByTestId("rules-at-writing")).ToContainTextAsync("verify");
        await newcomer.GetByTestId("comment-input").FillAsync(text);
        await newcomer.GetByTestId("post-comment").ClickAsync();
        await Assertions.Expect(newcomer.GetByTestId("comment-queued")).ToContainTextAsync("moderation queue");
        var guest = await server.NewPageAsync();
        await guest.GotoAsync($"/Discussions/Thread/{threadId}");
        await Assertions.Expect(guest.GetByText("Residents' infographics")).ToHaveCountAsync(0);

        // 2. A moderator approves it, with a reason.
        var moderator = await SignedInPageAsync(moderatorName, moderatorPassword);
        await moderator.GotoAsync("/Discussions/Moderation");
        var item = moderator.GetByTestId("queue-item").Filter(new() { HasText = "Residents' infographics" });
        var commentId = await item.GetAttributeAsync("data-comment-id");
        await item.GetByTestId("moderation-reason").FillAsync("Sourced and within the rules");
        await moderator.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("discussions-queue-pending"), FullPage = true });
        await item.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(moderator.GetByTestId("moderation-message")).ToContainTextAsync("approve");
        await guest.ReloadAsync();
        await Assertions.Expect(guest.Locator($"#comment-{commentId} [data-testid=comment-body]")).ToContainTextAsync("Residents' infographics");

        // 3. Three members flag it, with a reason; the third flag hides it.
        foreach (var (name, password) in flaggers)
        {
            var flagger = await SignedInPageAsync(name, password);
            await flagger.GotoAsync($"/Discussions/Thread/{threadId}");
            await flagger.Locator($"#comment-{commentId}").GetByTestId("flag-link").ClickAsync();
            await flagger.GetByLabel("Which rule does it break?").SelectOptionAsync(new SelectOptionValue { Label = "UnverifiableClaim" });
            await flagger.GetByLabel("Why (required)").FillAsync("The claim about infographics needs a direct source");
            await flagger.GetByTestId("submit-flag").ClickAsync();
            await Assertions.Expect(flagger.GetByTestId("flagged")).ToBeVisibleAsync();
            await flagger.Context.CloseAsync();
        }

        await guest.ReloadAsync();
        await Assertions.Expect(guest.Locator($"#comment-{commentId} [data-testid=comment-hidden]")).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByText("Residents' infographics")).ToHaveCountAsync(0);

        // 4. The moderator restores it, with a reason.
        await moderator.GotoAsync("/Discussions/Moderation");
        var hidden = moderator.GetByTestId("queue-item").Filter(new() { HasText = "Residents' infographics" });
        await Assertions.Expect(hidden).ToHaveAttributeAsync("data-status", "Hidden");
        await Assertions.Expect(hidden).ToContainTextAsync("needs a direct source");
        await hidden.GetByTestId("moderation-reason").FillAsync("The DOI supports the claim; flags not upheld");
        await hidden.GetByTestId("restore").ClickAsync();
        await Assertions.Expect(moderator.GetByTestId("moderation-message")).ToContainTextAsync("restore");
        await guest.ReloadAsync();
        await Assertions.Expect(guest.Locator($"#comment-{commentId} [data-testid=comment-body]")).ToContainTextAsync("Residents' infographics");

        // 5. The administrator reads every step in the audit log.
        var admin = await SignedInPageAsync(adminName, adminPassword);
        await admin.GotoAsync($"/Admin/AuditLog?TargetKind=Comment&TargetId={commentId}");
        var entries = admin.GetByTestId("audit-entry");
        Assert.Equal(
            ["CommentQueued", "CommentApproved", "CommentFlagged", "CommentFlagged", "CommentFlagged", "CommentAutoHidden", "CommentRestored"],
            (await entries.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)")).Reverse());
        await Assertions.Expect(admin.GetByTestId("audit-log")).ToContainTextAsync("Sourced and within the rules");
        await Assertions.Expect(admin.GetByTestId("audit-log")).ToContainTextAsync("The DOI supports the claim; flags not upheld");
        await admin.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("discussions-audit-log"), FullPage = true });
    }

    [Fact]
    public async Task An_XSS_payload_in_a_comment_renders_as_text_and_runs_nothing()
    {
        var (name, password) = await server.AddUserAsync(Roles.Member);
        var threadId = await SetUpAsync(name, [name]);
        const string payload = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> [click](javascript:window.__xss=3)";
        var page = await SignedInPageAsync(name, password);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync($"/Discussions/Thread/{threadId}");
        await page.GetByTestId("comment-input").FillAsync(payload);
        await page.GetByTestId("post-comment").ClickAsync();
        if (await page.GetByTestId("acknowledge").CountAsync() > 0)
        {
            await page.GetByTestId("acknowledge").CheckAsync();
            await page.GetByTestId("post-comment").ClickAsync();
        }

        var body = page.GetByTestId("comment-body").Last;
        await Assertions.Expect(body).ToContainTextAsync("<script>window.__xss = 1</script>");
        await Assertions.Expect(body.Locator("script, img, a[href^='javascript']")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("discussions-xss-as-text"), FullPage = true });
        Assert.Empty(violations);
    }

    /// <summary>Opens a topic as the first user and gives the others Basic trust (so they may flag), as a moderator would.</summary>
    private async Task<long> SetUpAsync(string openerName, IEnumerable<string> basicMembers)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
        var trust = scope.ServiceProvider.GetRequiredService<TrustLevels>();
        var (rootName, _) = await server.AddUserAsync(Roles.Moderator);
        var root = (await users.FindByNameAsync(rootName))!;
        foreach (var name in basicMembers)
        {
            var user = (await users.FindByNameAsync(name))!;
            if (!await users.IsInRoleAsync(user, Roles.Moderator))
            {
                await trust.GrantAsync(new Actor(root.Id, "Test moderator"), user.Id, TrustLevel.Basic, "Browser test set-up");
            }
        }

        var opener = (await users.FindByNameAsync(openerName))!;
        var thread = await scope.ServiceProvider.GetRequiredService<DiscussionBoard>().CreateThreadAsync(
            opener.Id, new NewThread(SubjectKind.Topic, null, "Consensus statement: digital scholarship in promotion", "1. Peer-reviewed blog posts count as scholarship."));
        return thread.Id;
    }

    private async Task<IPage> SignedInPageAsync(string name, string password)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.True(response.Status is 302 or 200, $"sign-in answered {response.Status} at {page.Url}");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }
}
