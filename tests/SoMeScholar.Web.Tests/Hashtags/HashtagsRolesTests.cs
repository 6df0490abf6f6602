using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Web.Tests.Hashtags;

/// <summary>
/// Every page and endpoint of the hashtag section under each role: reports, events and the wall are open; the
/// moderation console, its streams and event editing need a moderator (or an administrator).
/// </summary>
public class HashtagsRolesTests
{
    private static readonly DateTime Start = new(2026, 10, 14, 14, 0, 0, DateTimeKind.Utc);
    private const string Report = "tags=WebWall26&from=2026-10-14&to=2026-10-17&tz=America/Toronto";

    /// <summary>An event held for approval with one denied word, and three posts arriving from its source.</summary>
    private static async Task<(string Slug, long EventId)> EventWithPostsAsync(ScholarWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<EventCatalog>();
        var item = await catalog.CreateAsync(new EventInput("Web Wall Summit", null, new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 16), "America/Toronto", "#WebWall26"), "organiser");
        await catalog.AddSessionAsync(item.Id, new SessionInput("Opening keynote", "Main hall", null, new DateOnly(2026, 10, 14), new TimeOnly(9, 0), new TimeOnly(11, 0), null));
        var wall = scope.ServiceProvider.GetRequiredService<WallService>();
        await wall.UpdateSettingsAsync(item.Id, s => s.Mode = WallMode.HoldForApproval, "organiser");
        await wall.AddListEntryAsync(item.Id, WallListKind.DenyWord, "spoiler", "organiser");
        var records = new[]
        {
            JetstreamLines.Identity("did:plc:alice", "alice.test", Start),
            JetstreamLines.Post("did:plc:alice", "w1", Start.AddMinutes(1), "Great keynote on feedback", ["WebWall26"]),
            JetstreamLines.Post("did:plc:alice", "w2", Start.AddMinutes(2), "A spoiler about the closing talk", ["WebWall26"]),
            JetstreamLines.Post("did:plc:alice", "w3", Start.AddMinutes(3), "Our poster is up", ["WebWall26", "MedEd"]),
        }.SelectMany((line, i) => JetstreamEvents.Parse(line, new SourcePosition("web test", i + 1))).ToList();
        await using var writerDb = factory.Store.NewDb();
        await using var writer = await ArchiveWriter.StartAsync(writerDb, "web test wall", "bluesky-jetstream", Platform.Bluesky, null, TimeProvider.System);
        await wall.IngestAsync(item.Id, writer, records, "cursor-1");
        await writer.CompleteAsync();
        return (item.Slug, item.Id);
    }

    private static async Task<long> QueuedAsync(HttpClient moderator, string slug, string text)
    {
        var queue = await moderator.GetFromJsonAsync<JsonElement>($"/api/hashtags/moderation/events/{slug}/queue");
        return queue.EnumerateArray().Single(p => p.GetProperty("text").GetString()!.StartsWith(text, StringComparison.Ordinal)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Guests_read_reports_events_csv_and_the_wall_but_not_the_moderation()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, _) = await EventWithPostsAsync(factory);
        var guest = factory.Client();

        foreach (var open in new[]
        {
            "/Hashtags", $"/Hashtags?{Report}", $"/Hashtags/Events/{slug}", $"/Hashtags/Wall/{slug}", $"/Hashtags/Print?{Report}", $"/Hashtags/Print?event={slug}",
            $"/api/hashtags/report?{Report}", $"/api/hashtags/report.csv?{Report}&table=top-posters", "/api/hashtags/events",
            $"/api/hashtags/events/{slug}/report", $"/api/hashtags/events/{slug}/report.csv?table=sessions", $"/api/hashtags/events/{slug}/wall",
        })
        {
            Assert.True((await guest.GetAsync(open)).StatusCode == HttpStatusCode.OK, open);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync($"/api/hashtags/moderation/events/{slug}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.GetAsync($"/api/hashtags/moderation/events/{slug}/stream")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync($"/api/hashtags/moderation/events/{slug}/posts/1/decision", new { decision = "Approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync($"/Hashtags/Moderate/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync("/Hashtags/Events/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync($"/Hashtags/Events/Edit/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/api/hashtags/events/no-such-event/report")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guest.GetAsync("/api/hashtags/report?tags=WebWall26")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await guest.GetAsync($"/api/hashtags/report.csv?{Report}&table=nonsense")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Reviewer)]
    public async Task Members_and_reviewers_cannot_moderate_the_wall_or_edit_events(string role)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, _) = await EventWithPostsAsync(factory);
        var client = await factory.SignedInClientAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/hashtags/moderation/events/{slug}/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/hashtags/moderation/events/{slug}/stream")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/hashtags/moderation/events/{slug}/posts/1/decision", new { decision = "Approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Hashtags/Moderate/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Hashtags/Events/Edit")).StatusCode);
        var page = await client.GetStringAsync($"/Hashtags/Events/{slug}");
        Assert.DoesNotContain($"/Hashtags/Moderate/{slug}", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/hashtags/events/{slug}/wall")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Moderator)]
    [InlineData(Roles.Administrator)]
    public async Task Moderators_approve_a_held_post_onto_the_wall_and_the_decision_is_logged_with_their_name(string role)
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, eventId) = await EventWithPostsAsync(factory);
        var moderator = await factory.SignedInClientAsync(role);
        var guest = factory.Client();

        var console = await moderator.GetStringAsync($"/Hashtags/Moderate/{slug}");
        Assert.Contains("Great keynote on feedback", console, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/Hashtags/Events/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync($"/Hashtags/Events/Edit/{slug}")).StatusCode);
        Assert.Empty((await guest.GetFromJsonAsync<JsonElement>($"/api/hashtags/events/{slug}/wall")).GetProperty("posts").EnumerateArray());
        var queued = await QueuedAsync(moderator, slug, "Great keynote");
        // The denied word never reaches the queue.
        Assert.DoesNotContain((await moderator.GetFromJsonAsync<JsonElement>($"/api/hashtags/moderation/events/{slug}/queue")).EnumerateArray(),
            p => p.GetProperty("text").GetString()!.Contains("spoiler", StringComparison.Ordinal));

        var decided = await moderator.PostAsync($"/Hashtags/Moderate/{slug}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["wallPostId"] = queued.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = nameof(WallAction.Approve),
            ["__RequestVerificationToken"] = ScholarWebFactory.AntiforgeryToken(console),
        }));

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var wall = (await guest.GetFromJsonAsync<JsonElement>($"/api/hashtags/events/{slug}/wall")).GetProperty("posts");
        Assert.Equal("Great keynote on feedback #WebWall26", Assert.Single(wall.EnumerateArray()).GetProperty("text").GetString());
        await using var scope = factory.Services.CreateAsyncScope();
        var decisions = await scope.ServiceProvider.GetRequiredService<WallService>().DecisionsAsync(eventId);
        Assert.Contains(decisions, d => d.WallPostId == queued && d.Actor.StartsWith(role, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_without_the_antiforgery_token_is_refused()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, _) = await EventWithPostsAsync(factory);
        var moderator = await factory.SignedInClientAsync(Roles.Moderator);
        var queued = await QueuedAsync(moderator, slug, "Great keynote");

        var decided = await moderator.PostAsync($"/Hashtags/Moderate/{slug}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["wallPostId"] = queued.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = nameof(WallAction.Approve),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, decided.StatusCode);
        Assert.Empty((await moderator.GetFromJsonAsync<JsonElement>($"/api/hashtags/events/{slug}/wall")).GetProperty("posts").EnumerateArray());
    }

    [Fact]
    public async Task Moderators_decide_through_the_json_api_too()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, _) = await EventWithPostsAsync(factory);
        var moderator = await factory.SignedInClientAsync(Roles.Moderator);
        var queued = await QueuedAsync(moderator, slug, "Our poster");

        var approved = await moderator.PostAsJsonAsync($"/api/hashtags/moderation/events/{slug}/posts/{queued}/decision", new { decision = "Approve" });
        var pinned = await moderator.PostAsJsonAsync($"/api/hashtags/moderation/events/{slug}/posts/{queued}/decision", new { decision = "Pin" });
        var missing = await moderator.PostAsJsonAsync($"/api/hashtags/moderation/events/{slug}/posts/999999/decision", new { decision = "Approve" });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Published", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True((await pinned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pinned").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var wall = (await moderator.GetFromJsonAsync<JsonElement>($"/api/hashtags/events/{slug}/wall")).GetProperty("posts");
        Assert.True(Assert.Single(wall.EnumerateArray()).GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task The_wall_stream_sends_published_posts_and_resumes_after_the_last_event_id()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        var (slug, eventId) = await EventWithPostsAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var wall = scope.ServiceProvider.GetRequiredService<WallService>();
            foreach (var post in await wall.PostsAsync(eventId, WallPostStatus.Pending))
            {
                await wall.DecideAsync(eventId, post.Id, WallAction.Approve, "organiser");
            }
        }

        var guest = factory.Client();
        // Posts that are not (or no longer) on the wall travel as bare removals: no author, no text.
        var all = await EventsAsync(guest, $"/api/hashtags/events/{slug}/wall/stream", null, 2);
        var shown = all.Where(e => e.Data.GetProperty("visible").GetBoolean()).ToList();
        Assert.Equal(new[] { "Great keynote on feedback #WebWall26", "Our poster is up #WebWall26 #MedEd" }, shown.Select(e => e.Data.GetProperty("text").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(all.Except(shown), e => Assert.Equal(JsonValueKind.Null, e.Data.GetProperty("text").ValueKind));

        var resumed = await EventsAsync(guest, $"/api/hashtags/events/{slug}/wall/stream", shown[0].Id, 1);
        Assert.Equal(shown[1].Id, resumed.Single(e => e.Data.GetProperty("visible").GetBoolean()).Id);
        Assert.All(resumed, e => Assert.True(long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(shown[0].Id, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads the stream until <paramref name="visible"/> posts on the wall have come.</summary>
    private static async Task<List<(string Id, JsonElement Data)>> EventsAsync(HttpClient client, string url, string? lastEventId, int visible)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(string, JsonElement)>();
        string? id = null;
        while (events.Count(e => e.Item2.GetProperty("visible").GetBoolean()) < visible && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((id!, JsonDocument.Parse(line[6..]).RootElement.Clone()));
            }
        }

        return events;
    }
}
