using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Professionalism;
using SoMeScholar.Core.Users;
using SoMeScholar.Professionalism;

namespace SoMeScholar.Web.Tests.Check;

public class CheckSettingsTests
{
    private const string MediumOnlyDraft = "My patient, a 94-year-old, is doing well after her hip repair.";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Member, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Reviewer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Moderator, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Administrator, HttpStatusCode.OK)]
    public async Task Only_administrators_read_the_settings_through_the_API(string? role, HttpStatusCode expected)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = role is null ? factory.Client() : await factory.SignedInClientAsync(role);

        var response = await client.GetAsync("/api/check/settings");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData(Roles.Member, "/Account/AccessDenied")]
    [InlineData(Roles.Moderator, "/Account/AccessDenied")]
    [InlineData(Roles.Administrator, null)]
    public async Task Only_administrators_open_the_settings_page(string? role, string? redirectedTo)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = role is null ? factory.Client() : await factory.SignedInClientAsync(role);

        var response = await client.GetAsync("/Check/Settings");

        if (redirectedTo is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("The default settings apply", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(redirectedTo, response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Settings_saved_on_the_page_change_what_the_check_finds_and_record_who_changed_what()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (admin, password) = await factory.AddUserAsync(Roles.Administrator);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, admin, password);
        var guest = factory.Client();
        var before = await CheckAsync(guest, MediumOnlyDraft + " What an idiot.");

        var form = await client.GetStringAsync("/Check/Settings");
        var fields = FormFields(form);
        fields.RemoveAll(f => f.Key is "BlockingSeverity" or "DeniedTerms" || (f.Key == "Enabled" && f.Value == nameof(FindingCategory.Derogatory)));
        fields.Add(new("BlockingSeverity", "Medium"));
        fields.Add(new("DeniedTerms", "kerfuffle"));
        var saved = await client.PostAsync("/Check/Settings", new FormUrlEncodedContent(fields));
        var page = await saved.Content.ReadAsStringAsync();
        var after = await CheckAsync(guest, MediumOnlyDraft + " What an idiot. Such a kerfuffle.");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved.", page, StringComparison.Ordinal);
        Assert.False(before.GetProperty("blocking").GetBoolean());
        Assert.Contains(Categories(before), c => c == "derogatory");
        Assert.True(after.GetProperty("blocking").GetBoolean());
        Assert.Equal("medium", after.GetProperty("blockingSeverity").GetString());
        Assert.DoesNotContain(Categories(after), c => c == "derogatory");
        Assert.Contains(after.GetProperty("findings").EnumerateArray(), f => f.GetProperty("text").GetString() == "kerfuffle" && f.GetProperty("category").GetString() == "profanity");
        var changes = new HtmlParser().ParseDocument(page).QuerySelector("[data-testid=settings-changes] tbody tr")!;
        Assert.Contains(admin, changes.TextContent, StringComparison.Ordinal);
        Assert.Contains("Blocking severity: High → Medium", changes.TextContent, StringComparison.Ordinal);
        Assert.Contains("Derogatory: disabled", changes.TextContent, StringComparison.Ordinal);
        Assert.Contains("Denied terms added: kerfuffle", changes.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Last saved by {admin}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_posted_on_the_page_are_refused_with_the_reason_and_not_saved()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = await factory.SignedInClientAsync(Roles.Administrator);
        var fields = FormFields(await client.GetStringAsync("/Check/Settings"));
        fields.RemoveAll(f => f.Key == "CombinationThreshold");
        fields.Add(new("CombinationThreshold", "1"));

        var response = await client.PostAsync("/Check/Settings", new FormUrlEncodedContent(fields));
        var errors = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=settings-errors]");

        Assert.NotNull(errors);
        Assert.Contains("at least 2 kinds", errors.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<ProfessionalismService>().StoredSettingsAsync()).IsDefault);
    }

    [Fact]
    public async Task Restoring_the_defaults_is_recorded_like_any_other_change()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var client = await factory.SignedInClientAsync(Roles.Administrator);
        await client.PutAsJsonAsync("/api/check/settings", new { blockingSeverity = "low", minimumSeverity = "info", combinationThreshold = 2, combinationSeverity = "high" });
        var form = await client.GetStringAsync("/Check/Settings");

        var response = await client.PostAsync("/Check/Settings?handler=Reset", new FormUrlEncodedContent([new("__RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(form))]));
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/check/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("high", settings.GetProperty("settings").GetProperty("blockingSeverity").GetString());
        Assert.Equal(2, settings.GetProperty("changes").GetArrayLength());
        Assert.Equal("Blocking severity: Low → High", settings.GetProperty("changes")[0].GetProperty("changes")[0].GetString());
    }

    [Fact]
    public async Task An_administrator_replaces_the_settings_through_the_API_and_bad_names_are_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var admin = await factory.SignedInClientAsync(Roles.Administrator);
        var member = await factory.SignedInClientAsync(Roles.Member);
        var settings = new { blockingSeverity = "medium", disabledCategories = new[] { "unsourcedClaim" }, combinationThreshold = 3, combinationSeverity = "high", minimumSeverity = "info" };

        var refused = await member.PutAsJsonAsync("/api/check/settings", settings);
        var bad = await admin.PutAsJsonAsync("/api/check/settings", new { blockingSeverity = "dire" });
        var saved = await admin.PutAsJsonAsync("/api/check/settings", settings);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"dire\" is not a severity", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("blockingSeverity")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(3, body.GetProperty("settings").GetProperty("combinationThreshold").GetInt32());
        Assert.Equal(["unsourcedClaim"], body.GetProperty("settings").GetProperty("disabledCategories").EnumerateArray().Select(e => e.GetString()));
        Assert.False(body.GetProperty("isDefault").GetBoolean());
        Assert.Contains("Combination threshold: 2 → 3", body.GetProperty("saved").EnumerateArray().Select(e => e.GetString()));
        Assert.True((await CheckAsync(factory.Client(), MediumOnlyDraft)).GetProperty("blocking").GetBoolean());
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, string text) =>
        await (await client.PostAsJsonAsync("/api/check", new { text })).Content.ReadFromJsonAsync<JsonElement>();

    private static List<string?> Categories(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("category").GetString()).ToList();

    /// <summary>The settings form's fields as a browser would submit them (ticked boxes, selected options, texts, token).</summary>
    private static List<KeyValuePair<string, string>> FormFields(string html)
    {
        var form = new HtmlParser().ParseDocument(html).QuerySelector("form.settings-form")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input"))
        {
            var type = input.GetAttribute("type");
            if (type == "checkbox" && !input.HasAttribute("checked"))
            {
                continue;
            }

            fields.Add(new(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""));
        }

        foreach (var select in form.QuerySelectorAll("select"))
        {
            var selected = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
            fields.Add(new(select.GetAttribute("name")!, selected?.GetAttribute("value") ?? ""));
        }

        foreach (var textarea in form.QuerySelectorAll("textarea"))
        {
            fields.Add(new(textarea.GetAttribute("name")!, textarea.TextContent));
        }

        return fields;
    }
}
