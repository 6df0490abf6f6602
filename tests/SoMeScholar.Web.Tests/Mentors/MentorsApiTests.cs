using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SoMeScholar.Core.Users;

namespace SoMeScholar.Web.Tests.Mentors;

public class MentorsApiTests
{
    internal static readonly object MentorProfile = new
    {
        topics = new[] { "point-of-care ultrasound", "#POCUS" },
        specialty = "Emergency Medicine",
        careerStage = "MidCareer",
        timeZone = "Europe/London",
        languages = new[] { "en" },
        offers = "Career, Research",
        capacity = 2,
        approach = "Reply to one of my threads first.",
    };

    internal static readonly object TraineeRequest = new
    {
        topics = new[] { "ultrasound teaching" },
        hashtags = new[] { "POCUS" },
        specialty = "Emergency Medicine",
        careerStage = "Resident",
        timeZone = "Europe/Berlin",
        languages = new[] { "en" },
        seeking = "Research",
    };

    [Fact]
    public async Task Guests_are_refused_every_mentors_endpoint()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var guest = factory.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync("/api/mentors/profiles")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync("/api/mentors/recommendations", TraineeRequest)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync("/api/mentors/weights")).StatusCode);
    }

    [Fact]
    public async Task A_member_opts_in_a_trainee_states_a_request_and_gets_the_mentor_with_a_reason()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var mentor = await factory.SignedInClientAsync(Roles.Member);
        var trainee = await factory.SignedInClientAsync(Roles.Member);

        var profile = await mentor.PutAsJsonAsync("/api/mentors/me/profile", MentorProfile);
        var request = await trainee.PutAsJsonAsync("/api/mentors/me/request", TraineeRequest);
        var recommendations = await trainee.GetFromJsonAsync<JsonObject>("/api/mentors/recommendations");
        var own = await mentor.PostAsJsonAsync("/api/mentors/recommendations", TraineeRequest);

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("Active", (await profile.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        var first = recommendations!["mentors"]!.AsArray().Single()!;
        Assert.Contains("lists \u201cpoint-of-care ultrasound\u201d and \u201c#POCUS\u201d among their mentoring topics", first["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1 h from your time zone", first["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, first["openPlaces"]!.GetValue<int>());
        Assert.True(first["parts"]!["interest"]!.GetValue<double>() > 0);
        // A mentor is never recommended to themself.
        Assert.Empty((await own.Content.ReadFromJsonAsync<JsonObject>())!["mentors"]!.AsArray());
    }

    [Fact]
    public async Task A_trainee_asks_for_an_introduction_and_the_mentor_accepts_it_through_the_api()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var mentor = await factory.SignedInClientAsync(Roles.Member);
        var trainee = await factory.SignedInClientAsync(Roles.Member);
        var profileId = (await (await mentor.PutAsJsonAsync("/api/mentors/me/profile", MentorProfile)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        var sent = await trainee.PostAsJsonAsync("/api/mentors/introductions", new { mentorProfileId = profileId, message = "I am a resident starting an ultrasound teaching project." });
        var id = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var received = await mentor.GetFromJsonAsync<JsonObject>("/api/mentors/introductions");
        var accepted = await mentor.PostAsJsonAsync($"/api/mentors/introductions/{id}/accept", new { response = "Gladly." });
        var notifications = await trainee.GetFromJsonAsync<JsonArray>("/api/mentors/notifications");
        var traineeAccepts = await trainee.PostAsJsonAsync($"/api/mentors/introductions/{id}/accept", new { response = "Me too." });

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("Pending", received!["received"]!.AsArray().Single()!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal("IntroductionAccepted", notifications!.Single()!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, traineeAccepts.StatusCode);
    }

    [Fact]
    public async Task Only_administrators_read_and_change_the_weights_and_invalid_weights_are_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var member = await factory.SignedInClientAsync(Roles.Member);
        var admin = await factory.SignedInClientAsync(Roles.Administrator);

        var forMember = await member.GetAsync("/api/mentors/weights");
        var invalid = await admin.PutAsJsonAsync("/api/mentors/weights", new { interest = -1, network = 0.3, activity = 0.1, openness = 0.1 });
        var valid = await admin.PutAsJsonAsync("/api/mentors/weights", new { interest = 0.6, network = 0.2, activity = 0.1, openness = 0.1 });
        var read = await admin.GetFromJsonAsync<JsonObject>("/api/mentors/weights");
        var reset = await admin.DeleteAsync("/api/mentors/weights");

        Assert.Equal(HttpStatusCode.Forbidden, forMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Interest must be", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(0.6, read!["interest"]!.GetValue<double>());
        Assert.Equal(0.45, (await reset.Content.ReadFromJsonAsync<JsonObject>())!["interest"]!.GetValue<double>());
    }

    [Fact]
    public async Task Introduction_requests_are_rate_limited_per_user()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var trainee = await factory.SignedInClientAsync(Roles.Member);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await trainee.PostAsJsonAsync("/api/mentors/introductions", new { mentorProfileId = 999, message = "A request to no one at all, again." })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, statuses[0]);
        Assert.Equal((HttpStatusCode)429, statuses[^1]);
    }

    [Fact]
    public async Task A_request_with_an_unknown_time_zone_is_refused_with_the_reason()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var trainee = await factory.SignedInClientAsync(Roles.Member);

        var response = await trainee.PutAsJsonAsync("/api/mentors/me/request", new { topics = new[] { "sepsis" }, timeZone = "Mars/Olympus_Mons" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown time zone 'Mars/Olympus_Mons'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
