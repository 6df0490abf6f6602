using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using SoMeScholar.Core.Archive;
using ArchiveAccount = SoMeScholar.Core.Archive.Account;
using SoMeScholar.Core.Users;
using SoMeScholar.Importers;

namespace SoMeScholar.Web.Tests.Network;

/// <summary>Who may read, run, cancel and delete network analyses, through the pages and the JSON API.</summary>
public class NetworkRolesTests
{
    /// <summary>A star: four accounts mention "hub" (twice for a1), and the hub replies to a1.</summary>
    private static async Task SeedAsync(ScholarWebFactory factory)
    {
        await using var db = factory.Store.NewDb();
        var accounts = new[] { "hub", "a1", "a2", "a3", "a4" }.Select(h => new ArchiveAccount { Platform = Platform.Bluesky, ExternalId = "did:" + h, Handle = h, FirstSeenAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync();
        var n = 0;
        void Edge(int source, int target, InteractionKind kind) => db.Interactions.Add(new Interaction
        {
            Platform = Platform.Bluesky, Kind = kind, NaturalKey = $"e{++n}", SourceAccountId = accounts[source].Id, TargetAccountId = accounts[target].Id,
            OccurredAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        });
        Edge(1, 0, InteractionKind.Mention);
        Edge(1, 0, InteractionKind.Mention);
        Edge(2, 0, InteractionKind.Mention);
        Edge(3, 0, InteractionKind.Mention);
        Edge(4, 0, InteractionKind.Mention);
        Edge(0, 1, InteractionKind.Reply);
        await db.SaveChangesAsync();
    }

    private static async Task<long> RunAsync(HttpClient client, string title = "Star")
    {
        var response = await client.PostAsJsonAsync("/api/network/analyses", new { title, kinds = "mention,reply", measures = "indegree,pagerank,betweenness,community" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        // The job runs in the background; follow its progress until it ends (bounded, not timed).
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var progress = await client.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}/progress");
            var status = progress.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "cancelled")
            {
                Assert.Equal("completed", status);
                return id;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Analysis {id} did not finish.");
    }

    [Fact]
    public async Task A_member_runs_an_analysis_in_the_background_and_guests_read_it_but_cannot_run_or_delete()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await SeedAsync(factory);
        var member = await factory.SignedInClientAsync(Roles.Member);
        var guest = factory.Client();

        var id = await RunAsync(member);

        var detail = await guest.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}");
        Assert.Equal(5, detail.GetProperty("nodeCount").GetInt32());
        Assert.Equal(5, detail.GetProperty("edgeCount").GetInt32());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("softwareVersion").GetString()));
        var page = await guest.GetStringAsync($"/Network/Analysis/{id}");
        Assert.Contains("data-graph-url=\"/api/network/analyses/" + id + "/graph\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"overlap-diagram\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Network/Analysis/{id}\">Star</a>", await guest.GetStringAsync("/Network"), StringComparison.Ordinal);

        var view = await guest.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}/graph?sizeBy=indegree");
        Assert.Equal(5, view.GetProperty("nodes").GetArrayLength());
        Assert.Equal("indegree", view.GetProperty("sizeBy").GetString());
        Assert.Equal("forceatlas2", view.GetProperty("layout").GetString());
        var placed = view.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("x").GetDouble(), n.GetProperty("y").GetDouble())).ToList();
        Assert.Equal(5, placed.Distinct().Count());
        var metrics = await guest.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}/metrics?sort=indegree");
        Assert.Equal("hub", metrics.GetProperty("rows")[0].GetProperty("label").GetString());
        var card = await guest.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}/nodes/0");
        Assert.Equal("did:hub", card.GetProperty("nodeId").GetString());
        Assert.Contains(card.GetProperty("measures").EnumerateArray(), m => m.GetProperty("measure").GetString() == "indegree" && m.GetProperty("rank").GetInt32() == 1);
        var influencers = await guest.GetFromJsonAsync<JsonElement>($"/api/network/analyses/{id}/influencers?k=1&measures=indegree,betweenness");
        Assert.Equal(1, influencers.GetProperty("intersectionSize").GetInt32());

        var csv = await guest.GetStringAsync($"/api/network/analyses/{id}/export/csv");
        Assert.StartsWith("node,indegree,pagerank,betweenness,community\n", csv, StringComparison.Ordinal);
        var graphml = XDocument.Parse(await guest.GetStringAsync($"/api/network/analyses/{id}/export/graphml"));
        Assert.Equal(5, graphml.Descendants(XName.Get("node", "http://graphml.graphdrawing.org/xmlns")).Count());
        var gexf = await guest.GetAsync($"/api/network/analyses/{id}/export/gexf");
        Assert.Equal("application/gexf+xml", gexf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Mentions", await gexf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsJsonAsync("/api/network/analyses", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsync($"/api/network/analyses/{id}/recompute", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.PostAsync($"/api/network/analyses/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guest.DeleteAsync($"/api/network/analyses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.GetAsync("/Network/New")).StatusCode);

        var recomputed = await (await member.PostAsync($"/api/network/analyses/{id}/recompute", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(recomputed.GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task Only_the_creator_or_an_administrator_deletes_an_analysis()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await SeedAsync(factory);
        var owner = await factory.SignedInClientAsync(Roles.Member);
        var other = await factory.SignedInClientAsync(Roles.Reviewer);
        var administrator = await factory.SignedInClientAsync(Roles.Administrator);
        var first = await RunAsync(owner, "First");
        var second = await RunAsync(owner, "Second");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/network/analyses/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/network/analyses/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await administrator.DeleteAsync($"/api/network/analyses/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/network/analyses/{second}")).StatusCode);
    }

    [Fact]
    public async Task A_member_queues_an_analysis_from_the_form_and_a_bad_selection_is_explained()
    {
        await using var factory = await ScholarWebFactory.CreateAsync();
        await SeedAsync(factory);
        var member = await factory.SignedInClientAsync(Roles.Member);
        var form = await member.GetStringAsync("/Network/New");
        var token = ScholarWebFactory.AntiforgeryToken(form);

        var bad = await member.PostAsync("/Network/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Kinds"] = "mention,shout", ["Form.MinWeight"] = "1", ["__RequestVerificationToken"] = token,
        }));
        var good = await member.PostAsync("/Network/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Title"] = "From the form", ["Form.Kinds"] = "mention", ["Form.Measures"] = "indegree", ["Form.MinWeight"] = "2", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Unknown edge kind", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.StartsWith("/Network/Analysis/", good.Headers.Location?.ToString(), StringComparison.Ordinal);
        var list = await member.GetFromJsonAsync<JsonElement>("/api/network/analyses");
        Assert.Equal("From the form", list[0].GetProperty("title").GetString());
    }
}
