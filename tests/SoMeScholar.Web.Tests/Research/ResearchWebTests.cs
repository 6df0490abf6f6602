using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Research;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Research;

public class ResearchWebTests
{
    private const string Title = "Confidential enablers study";

    [Fact]
    public async Task A_non_member_and_an_uninvited_administrator_get_nothing_of_the_study_from_pages_or_the_api()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (leadName, leadPassword) = await factory.AddUserAsync(Roles.Member);
        var study = await SeedStudyAsync(factory, leadName);
        var lead = factory.Client();
        await ScholarWebFactory.SignInAsync(lead, leadName, leadPassword);

        var paths = new[]
        {
            $"/Research/Study/{study.Id}", $"/Research/Frames/{study.Id}", $"/Research/Frame/{study.FrameId}", $"/Research/Snowball/{study.Id}",
            $"/Research/Transcripts/{study.Id}", $"/Research/Code/{study.TranscriptId}", $"/Research/Codebook/{study.Id}", $"/Research/Split/{study.CodeId}",
            $"/Research/Analysis/{study.Id}", $"/Research/Agreement/{study.Id}", $"/Research/MemberChecks/{study.Id}", $"/Research/Audit/{study.Id}",
            $"/Research/Exchange/{study.Id}",
            $"/api/research/studies/{study.Id}", $"/api/research/studies/{study.Id}/frames", $"/api/research/frames/{study.FrameId}", $"/api/research/frames/{study.FrameId}/csv",
            $"/api/research/studies/{study.Id}/snowball", $"/api/research/studies/{study.Id}/snowball.svg", $"/api/research/studies/{study.Id}/transcripts",
            $"/api/research/transcripts/{study.TranscriptId}", $"/api/research/transcripts/{study.TranscriptId}/codings?all=true", $"/api/research/studies/{study.Id}/codebook",
            $"/api/research/studies/{study.Id}/coders", $"/api/research/studies/{study.Id}/memos", $"/api/research/studies/{study.Id}/frequencies",
            $"/api/research/studies/{study.Id}/cooccurrence", $"/api/research/studies/{study.Id}/themes", $"/api/research/studies/{study.Id}/audit",
            $"/api/research/studies/{study.Id}/audit.csv", $"/api/research/studies/{study.Id}/member-checks", $"/api/research/studies/{study.Id}/export/qdc",
            $"/api/research/studies/{study.Id}/export/qdpx", $"/api/research/studies/{study.Id}/export/segments.csv",
        };
        foreach (var path in paths)
        {
            var response = await lead.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"lead: {path} gave {response.StatusCode}");
        }

        Assert.Contains(Title, await lead.GetStringAsync("/Research"), StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Member, Roles.Administrator })
        {
            var outsider = await factory.SignedInClientAsync(role);
            foreach (var path in paths)
            {
                var response = await outsider.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role}: {path} gave {response.StatusCode}");
                Assert.DoesNotContain(Title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Title, await outsider.GetStringAsync("/Research"), StringComparison.Ordinal);
            Assert.Equal("[]", await outsider.GetStringAsync("/api/research/studies"));
            var token = ScholarWebFactory.AntiforgeryToken(await outsider.GetStringAsync("/Research"));
            var coding = new HttpRequestMessage(HttpMethod.Post, $"/api/research/transcripts/{study.TranscriptId}/codings") { Content = JsonContent.Create(new { start = 0, end = 5, codeIds = new[] { study.CodeId } }) };
            coding.Headers.Add("RequestVerificationToken", token);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.SendAsync(coding)).StatusCode);
            var rename = await outsider.PostAsync($"/Research/Codebook/{study.Id}?handler=Edit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CodeId"] = study.CodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Name"] = "Taken over", ["Reason"] = "x", ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        }

        // Guests are sent to sign in; the section's front page stays public and shows no study.
        var guest = factory.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync($"/Research/Study/{study.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync($"/api/research/studies/{study.Id}")).StatusCode);
        Assert.DoesNotContain(Title, await guest.GetStringAsync("/Research"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbench_codes_through_the_api_with_the_pages_antiforgery_token_and_refuses_without_it()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (leadName, leadPassword) = await factory.AddUserAsync(Roles.Member);
        var study = await SeedStudyAsync(factory, leadName);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, leadName, leadPassword);
        var page = await client.GetStringAsync($"/Research/Code/{study.TranscriptId}");
        Assert.Contains("data-testid=\"transcript-text\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("/js/research.js", page, StringComparison.Ordinal);

        var without = await client.PostAsJsonAsync($"/api/research/transcripts/{study.TranscriptId}/codings", new { start = 0, end = 11, codeIds = new[] { study.CodeId } });
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/research/transcripts/{study.TranscriptId}/codings") { Content = JsonContent.Create(new { start = 0, end = 11, codeIds = new[] { study.CodeId } }) };
        request.Headers.Add("RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(page));
        var with = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
        using var created = JsonDocument.Parse(await with.Content.ReadAsStringAsync());
        Assert.Equal("Mentorship", created.RootElement[0].GetProperty("codeName").GetString());
        var matrix = JsonDocument.Parse(await client.GetStringAsync($"/api/research/studies/{study.Id}/cooccurrence?coder=mine"));
        Assert.Equal(2, matrix.RootElement.GetProperty("counts")[0][0].GetInt32());

        var bad = new HttpRequestMessage(HttpMethod.Post, $"/api/research/transcripts/{study.TranscriptId}/codings") { Content = JsonContent.Create(new { start = 50, end = 10, codeIds = new[] { study.CodeId } }) };
        bad.Headers.Add("RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(page));
        var refused = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("span", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_codebook_form_without_a_reason_is_refused_with_the_reason_shown_and_nothing_changes()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (leadName, leadPassword) = await factory.AddUserAsync(Roles.Member);
        var study = await SeedStudyAsync(factory, leadName);
        var client = factory.Client();
        await ScholarWebFactory.SignInAsync(client, leadName, leadPassword);
        var form = await client.GetStringAsync($"/Research/Codebook/{study.Id}");

        var response = await client.PostAsync($"/Research/Codebook/{study.Id}?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "New code", ["Reason"] = " ", ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetStringAsync(response.Headers.Location!.ToString());

        Assert.Contains("Every codebook change needs a reason", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>New code</strong>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditors_read_the_study_but_are_refused_the_de_identification_review_and_see_no_identities()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (leadName, _) = await factory.AddUserAsync(Roles.Member);
        var (auditorName, auditorPassword) = await factory.AddUserAsync(Roles.Member);
        var study = await SeedStudyAsync(factory, leadName);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var studies = scope.ServiceProvider.GetRequiredService<Studies>();
            await studies.SetMemberAsync(await studies.ActorAsync(leadName), study.Id, auditorName, StudyRole.Auditor);
        }

        var auditor = factory.Client();
        await ScholarWebFactory.SignInAsync(auditor, auditorName, auditorPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/Research/Review/{study.TranscriptId}")).StatusCode);
        var snowball = await auditor.GetStringAsync($"/Research/Snowball/{study.Id}");
        Assert.Contains(">P1<", snowball, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Hidden Seed", snowball, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Hidden Seed", await auditor.GetStringAsync($"/api/research/studies/{study.Id}/snowball"), StringComparison.Ordinal);
        Assert.Contains("sequence,at,user,action", await auditor.GetStringAsync($"/api/research/studies/{study.Id}/audit.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_member_check_page_opens_without_signing_in_only_with_its_link_and_returns_comments_as_memos()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (leadName, leadPassword) = await factory.AddUserAsync(Roles.Member);
        var study = await SeedStudyAsync(factory, leadName);
        var guest = factory.Client();

        var page = await guest.GetAsync($"/Research/Feedback/{study.Token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Mentors help", html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl!.NoStore);
        var findingId = Regex.Match(html, "name=\"findingId\" value=\"(\\d+)\"").Groups[1].Value;
        var post = await guest.PostAsync($"/Research/Feedback/{study.Token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["findingId"] = findingId, ["text"] = "This is how it felt to me.", ["code"] = "P1", ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/Research/Feedback/" + new string('A', 43))).StatusCode);

        var lead = factory.Client();
        await ScholarWebFactory.SignInAsync(lead, leadName, leadPassword);
        var memos = await lead.GetStringAsync($"/api/research/studies/{study.Id}/memos");
        Assert.Contains("This is how it felt to me.", memos, StringComparison.Ordinal);
        Assert.Contains("Participant P1 (member check)", memos, StringComparison.Ordinal);
    }

    private sealed record SeededStudy(long Id, long FrameId, long TranscriptId, long CodeId, string Token);

    /// <summary>A study led by <paramref name="leadName"/> with a frame, a seed, a ready transcript coded once, a theme and a member check.</summary>
    private static async Task<SeededStudy> SeedStudyAsync(ScholarWebFactory factory, string leadName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var lead = await services.GetRequiredService<Studies>().ActorAsync(leadName);
        var study = await services.GetRequiredService<Studies>().CreateAsync(lead, Title, "REB #1", null);
        var frame = await services.GetRequiredService<SamplingFrames>().BuildListFrameAsync(lead, study.Id, "List", "list.txt", "a.test\nb.test\n");
        await services.GetRequiredService<Snowball>().AddSeedAsync(lead, study.Id, "Dr Hidden Seed", null);
        var codebook = services.GetRequiredService<Codebook>();
        var code = await codebook.CreateAsync(lead, study.Id, new CodeInput("Mentorship"), "Initial codebook.");
        var theme = await codebook.CreateThemeAsync(lead, study.Id, "Enablers", null, null, "Axial coding.");
        await codebook.SetThemeCodesAsync(lead, theme.Id, [code.Id], "Axial coding.");
        var transcripts = services.GetRequiredService<Transcripts>();
        var transcript = await transcripts.ImportTextAsync(lead, study.Id, "Interview 1", "Participant: A mentor showed me how to plan episodes.\n", "P1");
        foreach (var replacement in (await transcripts.ReviewAsync(lead, transcript.Id)).Replacements)
        {
            await transcripts.DecideAsync(lead, replacement.Id, ReplacementDecision.Accepted, null);
        }

        await transcripts.ApproveAsync(lead, transcript.Id);
        await services.GetRequiredService<CodingWorkbench>().ApplyAsync(lead, transcript.Id, 13, 53, [code.Id]);
        await services.GetRequiredService<CodingWorkbench>().AddMemoAsync(lead, study.Id, new MemoInput(MemoTarget.Study, "Study memo."));
        var (_, token) = await services.GetRequiredService<MemberChecks>().PublishAsync(lead, study.Id, "What we heard", null, DateTime.UtcNow.AddDays(30),
            [new FindingInput("Mentors help", null, theme.Id, [new QuoteInput(transcript.Id, 13, 53)])]);
        return new SeededStudy(study.Id, frame.Id, transcript.Id, code.Id, token);
    }
}
