using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using SoMeScholar.Core.Users;
using SoMeScholar.Web.Features.Check;

namespace SoMeScholar.Web.Tests.Check;

public class CheckPageTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Reviewer)]
    public async Task Guests_and_members_get_the_check_form(string? role)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = role is null ? factory.Client() : await factory.SignedInClientAsync(role);

        var response = await client.GetAsync("/Check");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"Draft\"", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("What this section will hold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"settings-link\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pasted_draft_comes_back_with_its_findings_highlighted_in_place()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var page = await PostDraftAsync(factory.Client(), IndexModel.ExampleDraft.Replace("\n", "\r\n", StringComparison.Ordinal), "whitfield_ct.jpg | CT of the abdomen");

        var marks = page.QuerySelectorAll("[data-testid=highlighted-draft] mark").ToList();
        Assert.Contains(marks, m => m.TextContent == "Eleanor Whitfield" && m.ClassList.Contains("cat-personname") && m.ClassList.Contains("cat-combinationrisk") && m.ClassList.Contains("sev-high"));
        Assert.Contains(marks, m => m.TextContent == "94-year-old" && m.ClassList.Contains("cat-age") && m.ClassList.Contains("sev-medium"));
        Assert.Contains(marks, m => m.TextContent == "570-555-0143" && m.ClassList.Contains("cat-phone"));
        Assert.Contains(marks, m => m.ClassList.Contains("cat-unsourcedclaim"));
        // The highlighted text is the draft itself, with LF line endings, nothing added or lost.
        Assert.Equal(IndexModel.ExampleDraft, page.QuerySelector("[data-testid=highlighted-draft]")!.TextContent);
        var findings = page.QuerySelectorAll("[data-testid=findings] > li").ToList();
        var categories = findings.Select(f => f.GetAttribute("data-category")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "PersonName", "Age", "Place", "Date", "Phone", "RecordNumber", "CombinationRisk", "UnsourcedClaim", "UndisclosedConflict", "Attachment" }, categories);
        Assert.All(findings, f => Assert.NotEmpty(f.QuerySelector(".reason")!.TextContent));
        Assert.Contains(findings, f => f.TextContent.Contains("Suggestion:", StringComparison.Ordinal) && f.TextContent.Contains("over 90", StringComparison.Ordinal));
        Assert.Contains("whitfield_ct.jpg", findings.Single(f => f.GetAttribute("data-category") == "Attachment").TextContent, StringComparison.Ordinal);
        // Each highlight names the findings (by their number in the list) that cover it.
        var name = marks.First(m => m.TextContent == "Eleanor Whitfield");
        Assert.All(name.GetAttribute("data-findings")!.Split(' '), n => Assert.NotNull(page.GetElementById("finding-" + n)));
        Assert.Contains("Do not post this yet", page.QuerySelector("[data-testid=check-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("narrow a story down", page.QuerySelector("[data-testid=combination]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("over 90", page.QuerySelector("[data-testid=suggested-rewrite]")!.TextContent, StringComparison.Ordinal);
        var deidentified = page.QuerySelector("[data-testid=deidentified]")!;
        Assert.Contains("Mrs. [NAME], a [AGE] from [PLACE]", deidentified.TextContent, StringComparison.Ordinal);
        Assert.Contains(deidentified.QuerySelectorAll("mark.tag"), m => m.TextContent == "[PHONE]");
    }

    [Fact]
    public async Task A_draft_containing_markup_is_shown_as_text_and_never_run()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        const string Draft = "<script>alert('x')</script><img src=x onerror=alert(1)> My patient Mrs. Jones, 93, came in last night.";
        var client = factory.Client();
        var form = await client.GetStringAsync("/Check");

        var response = await client.PostAsync("/Check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Draft"] = Draft,
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        }));
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main script, main img"));
        Assert.Equal(Draft, page.QuerySelector("[data-testid=highlighted-draft]")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("[data-testid=highlighted-draft] mark"), m => m.TextContent == "Jones");
        Assert.Equal(Draft, ((IHtmlTextAreaElement)page.QuerySelector("textarea[name=Draft]")!).Value);
    }

    [Fact]
    public async Task A_draft_with_nothing_to_flag_says_so()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var page = await PostDraftAsync(factory.Client(), "Great #MedEd talk by Dr. Patel on Parkinson disease at the 2024 conference.");

        Assert.Contains("Nothing found", page.QuerySelector("[data-testid=check-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid=highlighted-draft] mark"));
        Assert.Null(page.QuerySelector("[data-testid=findings]"));
    }

    [Fact]
    public async Task An_empty_draft_asks_for_one()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var page = await PostDraftAsync(factory.Client(), "   ");

        Assert.Contains("Paste a draft", page.QuerySelector("[data-testid=check-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=check-summary]"));
    }

    [Fact]
    public async Task The_example_is_a_synthetic_case_story_checked_on_arrival()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var page = new HtmlParser().ParseDocument(await factory.Client().GetStringAsync("/Check?example=true"));

        Assert.StartsWith("Synthetic example.", page.QuerySelector("[data-testid=highlighted-draft]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=findings] > li"));
    }

    [Fact]
    public async Task Posting_a_draft_without_the_antiforgery_token_is_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().PostAsync("/Check", new FormUrlEncodedContent(new Dictionary<string, string> { ["Draft"] = "My patient Mrs. Jones" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Administrators_see_a_link_to_the_settings()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var html = await (await factory.SignedInClientAsync(Roles.Administrator)).GetStringAsync("/Check");

        Assert.Contains("data-testid=\"settings-link\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_pasted_into_the_page_or_the_API_is_written_to_the_store()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        const string Marker = "Zebediah Quillfeather";
        var client = factory.Client();
        await PostDraftAsync(client, $"My patient Mr. {Marker}, 97, came in last night.");
        await client.PostAsync("/api/check", new StringContent($"{{\"text\":\"Mr. {Marker} again\",\"mode\":\"deidentify\"}}", System.Text.Encoding.UTF8, "application/json"));

        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(factory.Store.Location.ConnectionString).DataSource)!;
        foreach (var file in Directory.GetFiles(folder))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(Marker, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(Marker, System.Text.Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
        }
    }

    private static async Task<IHtmlDocument> PostDraftAsync(HttpClient client, string draft, string? attachments = null)
    {
        var form = await client.GetStringAsync("/Check");
        var fields = new Dictionary<string, string>
        {
            ["Draft"] = draft,
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        };
        if (attachments is not null)
        {
            fields["Attachments"] = attachments;
        }

        var response = await client.PostAsync("/Check", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
