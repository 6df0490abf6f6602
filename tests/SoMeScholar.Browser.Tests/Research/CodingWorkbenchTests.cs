using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Browser.Tests.Research;

[Trait("Category", "Browser")]
public class CodingWorkbenchTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Phrase = "Having someone who had walked the path made all the difference.";

    [Fact]
    public async Task A_coder_selects_a_span_applies_two_codes_and_sees_the_co_occurrence_matrix_update()
    {
        var (name, password) = await server.AddUserAsync(Roles.Member);
        long studyId;
        long transcriptId;
        long mentorship;
        long community;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var lead = await services.GetRequiredService<Studies>().ActorAsync(ResearchDemo.LeadUserName);
            studyId = (await services.GetRequiredService<Studies>().ListAsync(lead)).Single().Id;
            await services.GetRequiredService<Studies>().SetMemberAsync(lead, studyId, name, StudyRole.Coder);
            transcriptId = (await services.GetRequiredService<Transcripts>().ListAsync(lead, studyId)).First(t => t.Title.StartsWith("Interview 1", StringComparison.Ordinal)).Id;
            var codes = (await services.GetRequiredService<Codebook>().GetAsync(lead, studyId)).Codes;
            mentorship = codes.Single(c => c.Name == "Peer mentorship").Id;
            community = codes.Single(c => c.Name == "Online community of practice").Id;
        }

        var page = await server.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser's own request for /favicon.ico (the site has none) is not the workbench's error.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add(message.Text + " at " + message.Location);
            }
        };
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name or e-mail").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        await page.GotoAsync($"/Research/Code/{transcriptId}");
        await Assertions.Expect(page.GetByTestId("study-role")).ToHaveTextAsync("coder");
        await Assertions.Expect(page.GetByTestId("cooccurrence")).ToContainTextAsync("No codings yet.");
        await Assertions.Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-refreshed", "1");

        // Select the passage as a reader would (a DOM selection over the transcript's text), then tick two codes.
        await page.EvaluateAsync("""
            phrase => {
              const pre = document.getElementById('transcript-text');
              const at = pre.textContent.indexOf(phrase);
              const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
              let node, seen = 0, start = null, end = null;
              while ((node = walker.nextNode())) {
                const length = node.textContent.length;
                if (!start && at < seen + length) { start = [node, at - seen]; }
                if (!end && at + phrase.length <= seen + length) { end = [node, at + phrase.length - seen]; break; }
                seen += length;
              }
              const range = document.createRange();
              range.setStart(start[0], start[1]);
              range.setEnd(end[0], end[1]);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
            }
            """, Phrase);
        await Assertions.Expect(page.GetByTestId("selection-status")).ToContainTextAsync("walked the path");
        await page.GetByTestId("code-picker").GetByLabel("Peer mentorship").CheckAsync();
        await page.GetByTestId("code-picker").GetByLabel("Online community of practice").CheckAsync();
        await page.GetByTestId("apply-codes").ClickAsync();

        await Assertions.Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-refreshed", "2");
        await Assertions.Expect(page.Locator($"#cooccurrence td[data-row='{mentorship}'][data-col='{community}']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($"#cooccurrence td[data-row='{community}'][data-col='{mentorship}']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($"#cooccurrence td[data-row='{mentorship}'][data-col='{mentorship}']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("codings").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#transcript-text mark.coded")).ToHaveTextAsync(Phrase);
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("research-workbench"), FullPage = true });

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            var text = await db.Transcripts.Where(t => t.Id == transcriptId).Select(t => t.Text).SingleAsync();
            var mine = await db.Codings.Where(c => c.TranscriptId == transcriptId && db.StudyCoders.Any(s => s.Id == c.CoderId && db.Users.Any(u => u.Id == s.UserId && u.UserName == name))).ToListAsync();
            Assert.Equal(new[] { community, mentorship }.Order(), mine.Select(c => c.CodeId).Order());
            Assert.All(mine, c => Assert.Equal(Phrase, text[c.Start..c.End]));
        }

        // Removing one of the codes redraws the matrix: the pair no longer co-occurs.
        await page.GetByTestId("codings").GetByRole(AriaRole.Button, new() { Name = "Remove Online community of practice from this passage" }).ClickAsync();
        await Assertions.Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-refreshed", "3");
        await Assertions.Expect(page.Locator($"#cooccurrence td[data-row='{community}'][data-col='{mentorship}']")).ToHaveCountAsync(0);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task The_member_check_link_shows_findings_to_a_participant_without_signing_in_and_takes_a_comment()
    {
        string token;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var lead = await services.GetRequiredService<Studies>().ActorAsync(ResearchDemo.LeadUserName);
            var studyId = (await services.GetRequiredService<Studies>().ListAsync(lead)).Single().Id;
            token = (await services.GetRequiredService<MemberChecks>().ListAsync(lead, studyId)).Single().Token!;
        }

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/Research/Feedback/{token}");

        await Assertions.Expect(page.GetByTestId("feedback-title")).ToContainTextAsync("What we heard");
        await Assertions.Expect(page.GetByTestId("finding")).ToHaveCountAsync(3);
        var first = page.GetByTestId("finding").First;
        await first.GetByLabel("Your comment on this finding").FillAsync("Rings true for me as well.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("feedback-thanks")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("research-member-check"), FullPage = true });

        await page.GotoAsync("/Research/Feedback/not-a-real-link");
        await Assertions.Expect(page.GetByTestId("feedback-unavailable")).ToBeVisibleAsync();
    }
}
