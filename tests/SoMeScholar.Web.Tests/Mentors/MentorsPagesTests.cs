using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Mentors;

public class MentorsPagesTests
{
    [Fact]
    public async Task The_mentors_section_is_no_longer_a_placeholder_and_shows_the_programme_to_guests()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var mentor = await factory.SignedInClientAsync(Roles.Member);
        await mentor.PutAsJsonAsync("/api/mentors/me/profile", MentorsApiTests.MentorProfile);

        var page = await factory.Client().GetStringAsync("/Mentors");

        Assert.DoesNotContain("What this section will hold", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"active-mentors\">1<", page, StringComparison.Ordinal);
        Assert.Contains("Emergency Medicine", page, StringComparison.Ordinal);
        Assert.Contains("Sign in to find a mentor", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_saves_a_request_through_the_form_and_sees_the_recommended_mentor_with_a_reason()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var mentor = await factory.SignedInClientAsync(Roles.Member);
        var profile = await (await mentor.PutAsJsonAsync("/api/mentors/me/profile", MentorsApiTests.MentorProfile)).Content.ReadFromJsonAsync<JsonObject>();
        var trainee = await factory.SignedInClientAsync(Roles.Member);

        var form = await trainee.GetStringAsync("/Mentors/Find");
        var saved = await trainee.PostAsync("/Mentors/Find", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("Topics", "ultrasound teaching"),
            new("Hashtags", "#POCUS"),
            new("Specialty", "Emergency Medicine"),
            new("CareerStage", "Resident"),
            new("TimeZone", "Europe/London"),
            new("Languages", "en"),
            new("Seeking", "Research"),
            new("Seeking", "Career"),
            new("__RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(form)),
        }));
        var results = await trainee.GetStringAsync("/Mentors/Find");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("data-testid=\"recommendation\"", results, StringComparison.Ordinal);
        Assert.Contains($"/Mentors/Mentor/{profile!["id"]}", results, StringComparison.Ordinal);
        Assert.Contains("among their mentoring topics", results, StringComparison.Ordinal);
        Assert.Contains("same time zone as you", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guests_are_sent_to_sign_in_and_members_cannot_open_the_administration_page()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var member = await factory.SignedInClientAsync(Roles.Member);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);

        foreach (var path in new[] { "/Mentors/Find", "/Mentors/Profile", "/Mentors/Introductions" })
        {
            var guest = await factory.Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, guest.StatusCode);
            Assert.StartsWith("/Account/Login", guest.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/Mentors/Admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Mentors/Admin")).StatusCode);
    }

    [Fact]
    public async Task A_member_opts_in_through_the_profile_form_and_can_pause()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var member = await factory.SignedInClientAsync(Roles.Member);

        var form = await member.GetStringAsync("/Mentors/Profile");
        var saved = await member.PostAsync("/Mentors/Profile", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("Topics", "simulation debriefing\n#NursingEd"),
            new("Specialty", "Nursing Education"),
            new("CareerStage", "Senior"),
            new("TimeZone", "America/Toronto"),
            new("Languages", "en, fr"),
            new("Offers", "Education"),
            new("Capacity", "3"),
            new("Approach", "Tell me what you teach."),
            new("__RequestVerificationToken", ScholarWebFactory.AntiforgeryToken(form)),
        }));
        var page = await member.GetStringAsync("/Mentors/Profile");
        var paused = await member.PostAsync("/Mentors/Profile?handler=Pause", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(page) }));
        var after = await member.GetFromJsonAsync<JsonObject>("/api/mentors/me");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("You are now a mentor", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal("Paused", after!["profile"]!["status"]!.GetValue<string>());
        Assert.Equal(["en", "fr"], after["profile"]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task The_guidance_page_gives_the_three_steps_and_links_the_professionalism_check()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();

        var page = await factory.Client().GetStringAsync("/Mentors/Guidance?hashtags=%23MedEd");

        Assert.Contains("data-testid=\"guidance-follow\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"guidance-participate\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"guidance-establish\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Check\"", page, StringComparison.Ordinal);
        Assert.Contains("#meded", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_the_weights_on_the_administration_page()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var admin = await factory.SignedInClientAsync(Roles.Administrator);

        var form = await admin.GetStringAsync("/Mentors/Admin");
        var saved = await admin.PostAsync("/Mentors/Admin?handler=Weights", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Weights.Interest"] = "0.5",
            ["Weights.Network"] = "0.5",
            ["Weights.Activity"] = "0",
            ["Weights.Openness"] = "0",
            ["Weights.NetworkSaturation"] = "3",
            ["Weights.SameCommunityBonus"] = "0.5",
            ["Weights.TimeZoneMinimumFactor"] = "0.5",
            ["Weights.CareerStageFactor"] = "0.6",
            ["Weights.AreaMismatchFactor"] = "0.6",
            ["Weights.RequireSharedLanguage"] = "false",
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(form),
        }));
        var weights = await admin.GetFromJsonAsync<JsonObject>("/api/mentors/weights");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0.5, weights!["interest"]!.GetValue<double>());
        Assert.Equal(0, weights["openness"]!.GetValue<double>());
        Assert.False(weights["requireSharedLanguage"]!.GetValue<bool>());
    }
}
