using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Reviews;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Resources;

/// <summary>Every role is refused what it may not do, through the JSON API the pages share their rules with.</summary>
public class ResourceRolesTests
{
    private static object Resource(string url) => new { url, type = "BlogPost", title = "Airway pearls", topics = new[] { "airway" }, authors = new[] { new { name = "A. Writer" } } };

    private static async Task<long> SubmitAsync(HttpClient client, string url)
    {
        var response = await client.PostAsJsonAsync("/api/resources", Resource(url));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> RmetriqAsync(ScholarWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().GetLatestAsync("rmetriq")).Id;
    }

    [Fact]
    public async Task Guests_read_but_cannot_submit_endorse_review_or_report_use()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var id = await SubmitAsync(await factory.SignedInClientAsync(Roles.Member), "https://foam.example/guest");
        var guest = factory.Client();

        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync("/api/resources")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/api/resources/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/Resources/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync("/Uptake")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync("/api/resources", Resource("https://foam.example/g2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync($"/api/resources/{id}/endorsements", new { asExpert = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync($"/api/resources/{id}/volunteer", new { instrumentId = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync($"/api/resources/{id}/uptake", new { useType = "TeachingTool", setting = "x", description = "y", phase = "Implement" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync("/Resources/Submit")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Moderator)]
    public async Task Members_and_moderators_cannot_review_assign_edit_others_endorse_as_experts_or_administer(string role)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var owner = await factory.SignedInClientAsync(Roles.Member);
        var id = await SubmitAsync(owner, "https://foam.example/" + role);
        var (reviewerName, _) = await factory.AddUserAsync(Roles.Reviewer);
        var client = await factory.SignedInClientAsync(role);
        var rmetriq = await RmetriqAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/resources/{id}/volunteer", new { instrumentId = rmetriq })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/resources/{id}/assignments", new { reviewerUserName = reviewerName, instrumentId = rmetriq })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/resources/{id}", Resource("https://foam.example/" + role))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/resources/{id}/retraction", new { notice = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/resources/{id}/endorsements", new { asExpert = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/resources/{id}/editor", new { userName = reviewerName })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/resources/experts", new { userName = reviewerName })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/resources/instruments", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Resources/Review/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/resources/{id}/endorsements", new { asExpert = false })).StatusCode);
    }

    [Fact]
    public async Task Reviewers_review_but_cannot_assign_edit_others_or_score_before_declaring_or_after_a_conflict()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var id = await SubmitAsync(await factory.SignedInClientAsync(Roles.Member), "https://foam.example/reviewer");
        var (otherReviewer, _) = await factory.AddUserAsync(Roles.Reviewer);
        var reviewer = await factory.SignedInClientAsync(Roles.Reviewer);
        var rmetriq = await RmetriqAsync(factory);
        var scores = new { scores = new Dictionary<string, int> { ["q1"] = 3, ["q2"] = 2, ["q3"] = 2, ["q4"] = 1 }, comments = "Fine", recommendation = "Recommend" };

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"/api/resources/{id}/assignments", new { reviewerUserName = otherReviewer, instrumentId = rmetriq })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync($"/api/resources/{id}", Resource("https://foam.example/reviewer"))).StatusCode);
        var assignment = (await (await reviewer.PostAsJsonAsync($"/api/resources/{id}/volunteer", new { instrumentId = rmetriq })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/review", scores)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/declaration", new { hasConflict = true, statement = "I co-authored it." })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/review", scores)).StatusCode);
    }

    [Fact]
    public async Task Administrators_assign_and_grant_but_cannot_score_someone_elses_assignment_or_change_a_submitted_review()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var id = await SubmitAsync(await factory.SignedInClientAsync(Roles.Member), "https://foam.example/admin");
        var (reviewerName, reviewerPassword) = await factory.AddUserAsync(Roles.Reviewer);
        var reviewer = factory.Client();
        await ScholarWebFactory.SignInAsync(reviewer, reviewerName, reviewerPassword);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var rmetriq = await RmetriqAsync(factory);
        var scores = new { scores = new Dictionary<string, int> { ["q1"] = 3, ["q2"] = 2, ["q3"] = 2, ["q4"] = 1 }, comments = "Fine", recommendation = "Recommend" };

        var assigned = await admin.PostAsJsonAsync($"/api/resources/{id}/assignments", new { reviewerUserName = reviewerName, instrumentId = rmetriq });
        var assignment = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/resources/assignments/{assignment}/declaration", new { hasConflict = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/declaration", new { hasConflict = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/review", scores)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/review", scores)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/resources/experts", new { userName = reviewerName, field = "airway" })).StatusCode);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/resources/{id}");
        Assert.Equal(8, detail.GetProperty("aggregates")[0].GetProperty("mean").GetDouble());
    }

    [Fact]
    public async Task An_administrator_adds_a_local_instrument_and_an_invalid_one_is_refused_with_its_problems()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        const string valid = """{"key":"local-rubric","version":1,"name":"Local rubric","items":[{"key":"a","stem":"Clear?","min":1,"max":5}],"total":{"rule":"sum","min":1,"max":5},"minimumRaters":{"count":1}}""";

        var added = await admin.PostAsync("/api/resources/instruments", new StringContent(valid));
        var again = await admin.PostAsync("/api/resources/instruments", new StringContent(valid));
        var invalid = await admin.PostAsync("/api/resources/instruments", new StringContent(valid.Replace("\"max\":5}]", "\"max\":1}]", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("must be below max", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_comments_are_rendered_sanitised_on_the_resource_page()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var id = await SubmitAsync(await factory.SignedInClientAsync(Roles.Member), "https://foam.example/xss");
        var reviewer = await factory.SignedInClientAsync(Roles.Reviewer);
        var rmetriq = await RmetriqAsync(factory);
        var assignment = (await (await reviewer.PostAsJsonAsync($"/api/resources/{id}/volunteer", new { instrumentId = rmetriq })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/declaration", new { hasConflict = false });
        await reviewer.PostAsJsonAsync($"/api/resources/assignments/{assignment}/review", new
        {
            scores = new Dictionary<string, int> { ["q1"] = 1, ["q2"] = 1, ["q3"] = 1, ["q4"] = 1 },
            comments = "**Bold** <script>alert('x')</script> [link](javascript:alert(1))",
            recommendation = "RecommendWithRevisions",
        });

        var page = await factory.Client().GetStringAsync($"/Resources/{id}");

        Assert.Contains("<strong>Bold</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert", page, StringComparison.Ordinal);
    }
}
