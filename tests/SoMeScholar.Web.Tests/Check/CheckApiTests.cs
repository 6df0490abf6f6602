using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Check;

public class CheckApiTests
{
    private const string CaseStory = "Last night my patient Mrs. Eleanor Whitfield, a 94-year-old from Scranton, came in with urosepsis. MRN 4471902.";

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Administrator)]
    public async Task Guests_and_signed_in_users_get_findings_whose_spans_point_at_the_flagged_text(string? role)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = role is null ? factory.Client() : await factory.SignedInClientAsync(role);

        var response = await client.PostAsJsonAsync("/api/check", new { text = CaseStory });
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("check", report.GetProperty("mode").GetString());
        Assert.True(report.GetProperty("blocking").GetBoolean());
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        foreach (var finding in findings)
        {
            var start = finding.GetProperty("start").GetInt32();
            var length = finding.GetProperty("length").GetInt32();
            Assert.Equal(finding.GetProperty("text").GetString(), CaseStory.Substring(start, length));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("reason").GetString()));
        }

        Assert.Contains(findings, f => f.GetProperty("category").GetString() == "personName" && f.GetProperty("text").GetString() == "Eleanor Whitfield" && f.GetProperty("severity").GetString() == "high");
        Assert.Contains(findings, f => f.GetProperty("category").GetString() == "age" && f.GetProperty("replacement").GetString() == "over 90");
        Assert.Contains(findings, f => f.GetProperty("category").GetString() == "recordNumber");
        Assert.Contains(findings, f => f.GetProperty("category").GetString() == "combinationRisk");
        var highlights = report.GetProperty("highlights").EnumerateArray().ToList();
        Assert.Contains(highlights, h => CaseStory.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()) == "Eleanor Whitfield");
        Assert.Contains("over 90", report.GetProperty("suggestedText").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("deidentified").ValueKind);
    }

    [Fact]
    public async Task De_identification_mode_returns_the_tagged_text_and_each_replacement()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var report = await (await factory.Client().PostAsJsonAsync("/api/check", new { text = CaseStory, mode = "deidentify" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("deidentify", report.GetProperty("mode").GetString());
        var deidentified = report.GetProperty("deidentified");
        Assert.Equal("[DATE] my patient Mrs. [NAME], a [AGE] from [PLACE], came in with urosepsis. [ID].", deidentified.GetProperty("text").GetString());
        var replacements = deidentified.GetProperty("replacements").EnumerateArray().ToList();
        Assert.Equal(["date", "personName", "age", "place", "recordNumber"], replacements.Select(r => r.GetProperty("category").GetString()));
        Assert.All(replacements, r => Assert.Equal(r.GetProperty("originalText").GetString(), CaseStory.Substring(r.GetProperty("originalStart").GetInt32(), r.GetProperty("originalLength").GetInt32())));
    }

    [Fact]
    public async Task Attachments_are_flagged_for_review_and_their_names_checked()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var report = await (await factory.Client().PostAsJsonAsync("/api/check", new
        {
            text = "Classic finding on CT today. #FOAMed",
            attachments = new[] { new { fileName = "whitfield_ct_0312.jpg", altText = "CT of the abdomen" } },
        })).Content.ReadFromJsonAsync<JsonElement>();

        var attachment = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("category").GetString() == "attachment");
        Assert.Equal(0, attachment.GetProperty("attachmentIndex").GetInt32());
        Assert.Equal(0, attachment.GetProperty("length").GetInt32());
        Assert.Contains("whitfield_ct_0312.jpg", attachment.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\": \"hello\", \"mode\": \"summarise\"}", "body", "mode")]
    [InlineData("{\"text\": ", "body", "JSON")]
    [InlineData("{\"text\": \"  \"}", "text", "Give the text")]
    [InlineData("{\"text\": \"ok\", \"attachments\": [{\"fileName\": \"\"}]}", "attachments", "file name")]
    public async Task Bad_requests_get_a_problem_that_names_the_field_and_the_reason(string body, string field, string reason)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().PostAsync("/api/check", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_longer_than_the_limit_is_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var response = await factory.Client().PostAsJsonAsync("/api/check", new { text = new string('a', 200_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 200,000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_are_rate_limited_per_address_with_a_retry_after()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:Multiplier", "1"));
        var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 121; i++)
        {
            last = await client.PostAsJsonAsync("/api/check", new { text = "Short draft " + i });
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(120), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task The_endpoint_is_described_in_the_OpenAPI_document_with_its_request_and_modes()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var document = await factory.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/check").GetProperty("post");
        Assert.Equal("#/components/schemas/CheckRequest", post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/CheckReport", post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["check", "deidentify"], schemas.GetProperty("CheckMode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("personName", schemas.GetProperty("FindingCategory").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("paths").GetProperty("/api/check/settings").TryGetProperty("put", out _));
    }
}
