using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Discussions;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Tests.Discussions;

namespace SoMeScholar.Web.Tests.Shared;

/// <summary>
/// Feeds every payload of the XSS corpus (Shared/xss-payloads.json, 130+ entries: script tags, event handlers,
/// javascript:/data:/vbscript: URLs, SVG and MathML, CSS expressions, malformed markup, entity and encoding tricks,
/// Markdown link tricks) through every place user text is shown: comments, thread titles and bodies, member
/// profiles (name, affiliation, about), flag reasons and audit-log reasons, resource fields (title, publisher,
/// specialty, licence, summary, author names) and review text; then parses the rendered pages and asserts nothing
/// active survived.
/// </summary>
public class XssCorpusTests
{
    public static IReadOnlyList<string> Payloads { get; } = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(CorpusPath()))!;

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_payloads_of_every_kind()
    {
        Assert.True(Payloads.Count >= 100, $"{Payloads.Count} payloads");
        Assert.Contains(Payloads, p => p.Contains("<script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("onerror", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("data:text/html", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("<svg", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("expression(", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Payloads, p => p.Contains("&#106;", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task No_payload_survives_in_comments_threads_profiles_flags_or_the_audit_log()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (writer, writerName) = await factory.MemberClientAsync(TrustLevel.Basic);
        var (flagger, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var shared = await factory.TopicAsync("Shared thread", "Every payload is a comment here.");
        var problems = new List<string>();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ScholarUser>>();
            var board = scope.ServiceProvider.GetRequiredService<DiscussionBoard>();
            var writerId = (await users.FindByNameAsync(writerName))!.Id;
            var adminId = (await users.FindByNameAsync("admin"))!.Id;
            foreach (var payload in Payloads)
            {
                await board.PostCommentAsync(writerId, new NewComment(shared, payload), acknowledgeWarnings: true);
                var title = payload.Length > 290 ? payload[..290] : payload;
                var thread = await board.CreateThreadAsync(adminId, new NewThread(SubjectKind.Topic, null, "T " + title, payload));
                problems.AddRange(Check($"thread {thread.Id}", await admin.GetStringAsync($"/Discussions/Thread/{thread.Id}")));
            }
        }

        problems.AddRange(Check("shared thread (guest)", await factory.Client().GetStringAsync($"/Discussions/Thread/{shared}")));
        problems.AddRange(Check("shared thread (writer)", await writer.GetStringAsync($"/Discussions/Thread/{shared}")));
        problems.AddRange(Check("thread list", await factory.Client().GetStringAsync("/Discussions")));

        foreach (var payload in Payloads)
        {
            var saved = await writer.PostFormAsync("/Account/Profile", new Dictionary<string, string>
            {
                ["DisplayName"] = payload.Length > 100 ? payload[..100] : payload,
                ["Affiliation"] = payload.Length > 256 ? payload[..256] : payload,
                ["About"] = payload,
            });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            problems.AddRange(Check("member page: " + payload, await factory.Client().GetStringAsync($"/Discussions/Members/{writerName}")));
            problems.AddRange(Check("profile form: " + payload, await saved.Content.ReadAsStringAsync()));
        }

        problems.AddRange(Check("thread with hostile author names", await writer.GetStringAsync($"/Discussions/Thread/{shared}")));

        var commentIds = await CommentIdsAsync(factory, shared);
        foreach (var (payload, commentId) in Payloads.Zip(commentIds).Take(40))
        {
            var flagged = await flagger.PostFormAsync($"/Discussions/Flag/{commentId}", new Dictionary<string, string> { ["Reason"] = "6", ["Detail"] = "flag: " + payload });
            problems.AddRange(Check("flag page: " + payload, await flagged.Content.ReadAsStringAsync()));
        }

        problems.AddRange(Check("moderation queue", await admin.GetStringAsync("/Discussions/Moderation")));
        problems.AddRange(Check("audit log", await admin.GetStringAsync("/Admin/AuditLog")));

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task No_payload_survives_in_resource_fields_or_review_text()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (reviewerName, _) = await factory.AddUserAsync(Roles.Reviewer);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var problems = new List<string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<UserManager<ScholarUser>>();
            var reviewerUser = (await users.FindByNameAsync(reviewerName))!;
            var submitter = new Core.Resources.ResourceActor((await users.FindByNameAsync("admin"))!.Id, "admin", new HashSet<string> { Roles.Administrator, Roles.Member }, null, false);
            var reviewer = new Core.Resources.ResourceActor(reviewerUser.Id, reviewerName, new HashSet<string> { Roles.Reviewer, Roles.Member }, null, false);
            var registry = services.GetRequiredService<Core.Resources.ResourceRegistry>();
            var workflow = services.GetRequiredService<Core.Reviews.ReviewWorkflow>();
            var rmetriq = await services.GetRequiredService<Core.Reviews.InstrumentCatalog>().GetLatestAsync("rmetriq");
            var index = 0;
            foreach (var payload in Payloads)
            {
                index++;
                var clipped = payload.Length > 200 ? payload[..200] : payload;
                var resource = await registry.SubmitAsync(submitter, new Core.Resources.ResourceInput
                {
                    Url = $"https://foam.example/xss/{index}",
                    Title = "R " + clipped,
                    Publisher = clipped,
                    Specialty = clipped.Length > 100 ? clipped[..100] : clipped,
                    Licence = clipped.Length > 64 ? clipped[..64] : clipped,
                    Summary = payload,
                    Authors = [new Core.Resources.AuthorInput(clipped)],
                });
                var assignment = await workflow.VolunteerAsync(reviewer, resource.Id, rmetriq.Id);
                await workflow.DeclareAsync(reviewer, assignment.Id, false, null);
                var scores = new Dictionary<string, int> { ["q1"] = 2, ["q2"] = 2, ["q3"] = 1, ["q4"] = 3 };
                await workflow.SubmitAsync(reviewer, assignment.Id, new Core.Reviews.ReviewInput(scores, payload, Core.Reviews.Recommendation.Recommend));
                problems.AddRange(Check($"resource {resource.Id}", await admin.GetStringAsync($"/Resources/{resource.Id}")));
            }

            problems.AddRange(Check("resource list", await admin.GetStringAsync("/Resources")));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task A_payload_posted_through_the_comment_form_renders_as_text()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (client, _) = await factory.MemberClientAsync(TrustLevel.Basic);
        var thread = await factory.TopicAsync();
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))";

        var posted = await client.PostFormAsync($"/Discussions/Comment?threadId={thread}", new Dictionary<string, string> { ["ThreadId"] = thread.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Body"] = payload, ["AcknowledgeWarnings"] = "true" });
        var page = await client.GetStringAsync($"/Discussions/Thread/{thread}");
        var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("[data-testid=comment-body]")!;

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Empty(HtmlSafety.Violations(page));
        Assert.Contains("<script>alert(1)</script>", body.TextContent, StringComparison.Ordinal);
        Assert.Null(body.QuerySelector("a[href]"));
    }

    private static IEnumerable<string> Check(string where, string html) => HtmlSafety.Violations(html).Select(v => $"{where}: {v}");

    private static async Task<IReadOnlyList<long>> CommentIdsAsync(ScholarWebFactory factory, long threadId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<DiscussionBoard>().GetThreadAsync(threadId, null);
        return view!.Comments.Select(c => c.Id).ToList();
    }

    private static string CorpusPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "SoMeScholar.Web.Tests", "Shared", "xss-payloads.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/SoMeScholar.Web.Tests/Shared/xss-payloads.json not found above " + AppContext.BaseDirectory);
    }
}

public class HtmlSafetyTests
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<p onclick=\"x()\">a</p>")]
    [InlineData("<a href=\" java\tscript:alert(1)\">a</a>")]
    [InlineData("<a href=\"data:text/html,x\">a</a>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<svg></svg>")]
    [InlineData("<div style=\"width:expression(alert(1))\"></div>")]
    [InlineData("<div data-testid=\"comment-body\"><form><input></form></div>")]
    public void The_judge_catches_active_markup(string html) => Assert.NotEmpty(HtmlSafety.Violations(html));

    [Fact]
    public void The_judge_accepts_the_sanitisers_output_and_the_layout_scripts() =>
        Assert.Empty(HtmlSafety.Violations("<script src=\"/js/site.js\"></script><div data-testid=\"comment-body\"><p><a href=\"https://example.org\" rel=\"nofollow\">x</a> <code class=\"language-cs\">y</code></p></div>"));
}
