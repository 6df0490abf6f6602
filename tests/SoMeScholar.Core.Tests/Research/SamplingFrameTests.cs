using System.Text.Json;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Research;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Research;

public class SamplingFrameTests
{
    private static readonly DateTime From = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 10, 8, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Hashtag_participants_are_active_when_they_posted_and_passive_when_they_only_reposted_in_the_window(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        await ArchiveAsync(team);
        var frames = team.Get<SamplingFrames>();

        var any = await frames.BuildHashtagFrameAsync(team.Coder, team.StudyId, "All", new HashtagFrameParameters(["#MedEd"], From, To));
        var active = await frames.BuildHashtagFrameAsync(team.Coder, team.StudyId, "Active, 2+", new HashtagFrameParameters(["meded"], From, To, ParticipationRole.Active, MinPosts: 2));
        var passive = await frames.BuildHashtagFrameAsync(team.Coder, team.StudyId, "Passive", new HashtagFrameParameters(["MEDED"], From, To, ParticipationRole.Passive));

        var all = await frames.GetAsync(team.Auditor, any.Id);
        Assert.Equal(["ann.test", "ben.test", "cat.test"], all.Members.Select(m => m.Label));
        Assert.Equal([1, 2, 3], all.Members.Select(m => m.Position));
        Assert.Equal("passive", JsonDocument.Parse(all.Members[2].DetailsJson!).RootElement.GetProperty("role").GetString());
        Assert.Equal(["ann.test"], (await frames.GetAsync(team.Auditor, active.Id)).Members.Select(m => m.Label));
        Assert.Equal(["cat.test"], (await frames.GetAsync(team.Auditor, passive.Id)).Members.Select(m => m.Label));

        // The method and every parameter are recorded, normalised, with the software version.
        using var parameters = JsonDocument.Parse(all.Frame.ParametersJson);
        Assert.Equal("hashtag-participants", all.Frame.Method);
        Assert.Equal("meded", parameters.RootElement.GetProperty("tags")[0].GetString());
        Assert.Equal("any", parameters.RootElement.GetProperty("role").GetString());
        Assert.Equal(From, parameters.RootElement.GetProperty("from").GetDateTime().ToUniversalTime());
        Assert.Equal(SchemaMigrator.AppVersion, all.Frame.SoftwareVersion);
        Assert.Contains("\"active\":2", all.Frame.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bio_keyword_and_uploaded_list_frames_match_archive_accounts()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await ArchiveAsync(team);
        var frames = team.Get<SamplingFrames>();

        var bios = await frames.BuildBioFrameAsync(team.Lead, team.StudyId, "Podcasters", new BioFrameParameters(["PODCAST", "blog"]));
        var both = await frames.BuildBioFrameAsync(team.Lead, team.StudyId, "Both", new BioFrameParameters(["podcast", "blog"], MatchAll: true));
        var list = await frames.BuildListFrameAsync(team.Lead, team.StudyId, "Directory", "directory.csv", "handle,note\n@Ben.Test,from the directory\nhttps://bsky.test/profile/cat\nnobody.test\n");

        Assert.Equal(["ann.test", "ben.test"], (await frames.GetAsync(team.Lead, bios.Id)).Members.Select(m => m.Label));
        Assert.Equal(["ann.test"], (await frames.GetAsync(team.Lead, both.Id)).Members.Select(m => m.Label));
        var uploaded = await frames.GetAsync(team.Lead, list.Id);
        Assert.Equal(["ben.test", "cat.test", "nobody.test"], uploaded.Members.Select(m => m.Label));
        Assert.NotNull(uploaded.Members[0].AccountId);
        Assert.Null(uploaded.Members[2].AccountId);
        Assert.Contains("\"matched\":2", uploaded.Frame.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_with_a_recorded_seed_is_drawn_again_identically_and_exports_as_csv()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var frames = team.Get<SamplingFrames>();
        var list = await frames.BuildListFrameAsync(team.Lead, team.StudyId, "Directory", "list.txt", string.Join("\n", Enumerable.Range(1, 40).Select(i => $"person{i}.test")));

        var first = await frames.SampleAsync(team.Lead, list.Id, SampleMethod.Random, 10, 2026, null);
        var second = await frames.SampleAsync(team.Lead, list.Id, SampleMethod.Random, 10, 2026, null);
        var other = await frames.SampleAsync(team.Lead, list.Id, SampleMethod.Random, 10, 7, null);
        var unseeded = await frames.SampleAsync(team.Lead, list.Id, SampleMethod.Random, 10, null, null);

        var a = (await frames.GetSampleAsync(team.Lead, first.Id)).Members.Select(m => m.Member.Label).ToList();
        Assert.Equal(a, (await frames.GetSampleAsync(team.Lead, second.Id)).Members.Select(m => m.Member.Label));
        Assert.NotEqual(a, (await frames.GetSampleAsync(team.Lead, other.Id)).Members.Select(m => m.Member.Label));
        Assert.Equal(10, a.Distinct().Count());
        var recorded = (await frames.GetSampleAsync(team.Lead, unseeded.Id)).Sample.Seed;
        var redrawn = await frames.SampleAsync(team.Lead, list.Id, SampleMethod.Random, 10, recorded, null);
        Assert.Equal((await frames.GetSampleAsync(team.Lead, unseeded.Id)).Members.Select(m => m.Member.Label), (await frames.GetSampleAsync(team.Lead, redrawn.Id)).Members.Select(m => m.Member.Label));

        var csv = await frames.CsvAsync(team.Auditor, list.Id, first.Id);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("drawOrder,stratum,position,handle,displayName,platform,profileUrl,specialty,profession,accountId,details", rows[0]);
        Assert.Equal(11, rows.Length);
        Assert.StartsWith("1,,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_stratified_sample_allocates_in_proportion_by_largest_remainder()
    {
        var members = Enumerable.Range(1, 20).Select(i => new FrameMember
        {
            Id = i,
            Position = i,
            Label = $"m{i}",
            Platform = i <= 12 ? Platform.Bluesky : i <= 18 ? Platform.Mastodon : Platform.X,
        }).ToList();

        var drawn = SamplingFrames.Draw(members, SampleMethod.Stratified, 7, 42, "platform");

        // 7 × 12/20 = 4.2, 7 × 6/20 = 2.1, 7 × 2/20 = 0.7: floors 4, 2, 0; the one left goes to X (0.7).
        Assert.Equal(4, drawn.Count(d => d.Stratum == "Bluesky"));
        Assert.Equal(2, drawn.Count(d => d.Stratum == "Mastodon"));
        Assert.Equal(1, drawn.Count(d => d.Stratum == "X"));
        Assert.All(drawn, d => Assert.Equal(d.Stratum, d.Member.Platform.ToString()));
        Assert.Equal(drawn.Select(d => d.Member.Id), SamplingFrames.Draw(members, SampleMethod.Stratified, 7, 42, "platform").Select(d => d.Member.Id));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Influencers_are_the_top_k_of_every_measure_with_the_method_and_parameters_recorded(DatabaseProvider provider)
    {
        await using var team = await ResearchTestTeam.CreateAsync(provider);
        await FollowGraphAsync(team);
        var frames = team.Get<SamplingFrames>();

        var frame = await frames.BuildInfluencerFrameAsync(team.Coder, team.StudyId, "Influencers",
            new InfluencerFrameParameters { K = 2, Measures = ["in-degree", "pagerank"], Preset = "networkx" });
        var union = await frames.BuildInfluencerFrameAsync(team.Coder, team.StudyId, "Any list",
            new InfluencerFrameParameters { K = 2, Measures = ["indegree", "outdegree"], Preset = "networkx", Members = InfluencerMembers.Union });

        var detail = await frames.GetAsync(team.Auditor, frame.Id);
        Assert.Equal(FrameKind.Influencers, detail.Frame.Kind);
        Assert.Equal("riddell-top-k", detail.Frame.Method);
        Assert.Equal(["a.test", "b.test"], detail.Members.Select(m => m.Label));
        using var parameters = JsonDocument.Parse(detail.Frame.ParametersJson);
        Assert.Equal(2, parameters.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(["indegree", "pagerank"], parameters.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("networkx", parameters.RootElement.GetProperty("preset").GetString());
        Assert.Equal("id-order", parameters.RootElement.GetProperty("tieRule").GetString());
        Assert.Equal("follow", parameters.RootElement.GetProperty("edgeKinds")[0].GetString());
        using var summary = JsonDocument.Parse(detail.Frame.SummaryJson!);
        Assert.Equal(6, summary.RootElement.GetProperty("nodes").GetInt32());
        Assert.Equal(9, summary.RootElement.GetProperty("edges").GetInt64());
        Assert.Equal(4, summary.RootElement.GetProperty("slots").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("intersectionSize").GetInt32());
        using var ranks = JsonDocument.Parse(detail.Members[0].DetailsJson!);
        Assert.Equal(1, ranks.RootElement.GetProperty("ranks")[0].GetProperty("rank").GetInt32());
        Assert.Equal(5.0, ranks.RootElement.GetProperty("ranks")[0].GetProperty("score").GetDouble());

        // Top 2 by in-degree {a, b}, by out-degree {c, d} (ties at 2 broken by id): the union has all four.
        Assert.Equal(4, (await frames.GetAsync(team.Auditor, union.Id)).Members.Count);
    }

    [Fact]
    public async Task An_influencer_frame_can_rank_inside_the_population_of_another_frame()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        await FollowGraphAsync(team);
        var frames = team.Get<SamplingFrames>();
        var directory = await frames.BuildListFrameAsync(team.Lead, team.StudyId, "Directory", "directory.txt", "a.test\nc.test\ne.test\nf.test\n");

        var frame = await frames.BuildInfluencerFrameAsync(team.Lead, team.StudyId, "Inside the directory",
            new InfluencerFrameParameters { K = 1, Measures = ["indegree"], AmongFrameId = directory.Id });

        var detail = await frames.GetAsync(team.Lead, frame.Id);
        Assert.Equal(["a.test"], detail.Members.Select(m => m.Label));
        using var summary = JsonDocument.Parse(detail.Frame.SummaryJson!);
        Assert.Equal(4, summary.RootElement.GetProperty("nodes").GetInt32());
        Assert.Equal(4, summary.RootElement.GetProperty("edges").GetInt64());
        await Assert.ThrowsAsync<ResearchException>(() => frames.BuildInfluencerFrameAsync(team.Lead, team.StudyId, "x", new InfluencerFrameParameters { Measures = ["community"] }));
    }

    [Fact]
    public async Task Bad_frame_parameters_are_refused_with_the_reason()
    {
        await using var team = await ResearchTestTeam.CreateAsync();
        var frames = team.Get<SamplingFrames>();

        var noTags = await Assert.ThrowsAsync<ResearchException>(() => frames.BuildHashtagFrameAsync(team.Lead, team.StudyId, "x", new HashtagFrameParameters(["#"], From, To)));
        var window = await Assert.ThrowsAsync<ResearchException>(() => frames.BuildHashtagFrameAsync(team.Lead, team.StudyId, "x", new HashtagFrameParameters(["meded"], To, From)));
        var empty = await Assert.ThrowsAsync<ResearchException>(() => frames.BuildListFrameAsync(team.Lead, team.StudyId, "x", "empty.csv", "handle\n\n"));
        var auditor = await Assert.ThrowsAsync<ResearchException>(() => frames.BuildBioFrameAsync(team.Auditor, team.StudyId, "x", new BioFrameParameters(["blog"])));

        Assert.Contains("hashtag", noTags.Message, StringComparison.Ordinal);
        Assert.Contains("end must come after", window.Message, StringComparison.Ordinal);
        Assert.StartsWith("empty.csv: no entries", empty.Message, StringComparison.Ordinal);
        Assert.Equal(ResearchErrorKind.Forbidden, auditor.Kind);
        Assert.Empty(await frames.ListAsync(team.Lead, team.StudyId));
    }

    /// <summary>Six accounts: everyone follows a; a, c, d follow b; e follows c; c, d, e follow more than they are followed.</summary>
    private static async Task FollowGraphAsync(ResearchTestTeam team)
    {
        var at = new SourcePosition("test");
        var names = new[] { "a", "b", "c", "d", "e", "f" };
        var records = new List<ImportRecord>();
        records.AddRange(names.Select(n => new ImportedAccount { Position = at, Platform = Platform.Bluesky, ExternalId = $"did:plc:{n}", Handle = $"{n}.test" }));
        foreach (var (from, to) in new[] { ("b", "a"), ("c", "a"), ("d", "a"), ("e", "a"), ("f", "a"), ("a", "b"), ("c", "b"), ("d", "b"), ("e", "c") })
        {
            records.Add(new ImportedInteraction
            {
                Position = at, Platform = Platform.Bluesky, Kind = InteractionKind.Follow, NaturalKey = $"follow:{from}:{to}",
                SourceExternalId = $"did:plc:{from}", TargetExternalId = $"did:plc:{to}", OccurredAt = From,
            });
        }

        await using var db = team.Store.NewDb();
        await using var writer = await ArchiveWriter.StartAsync(db, "follows", "test", Platform.Bluesky, null, TimeProvider.System);
        await writer.WriteBatchAsync(records, "1");
        await writer.CompleteAsync();
    }

    /// <summary>
    /// Ann posts twice with #MedEd in the window, Ben once (and reposts), Cat only reposts a tagged post, Dan reposts an
    /// untagged post, Eve posts with the tag before the window.
    /// </summary>
    private static async Task ArchiveAsync(ResearchTestTeam team)
    {
        var at = new SourcePosition("test");
        ImportedAccount Account(string name, string bio) => new()
        {
            Position = at, Platform = Platform.Bluesky, ExternalId = $"did:plc:{name}", Handle = $"{name}.test", DisplayName = name.ToUpperInvariant(), Bio = bio,
            ProfileUrl = $"https://bsky.test/profile/{name}",
        };
        ImportedPost Post(string id, string author, DateTime when, string text, params string[] tags) => new()
        {
            Position = at, Platform = Platform.Bluesky, ExternalId = $"at://{author}/post/{id}", AuthorExternalId = $"did:plc:{author}", Kind = PostKind.Original,
            CreatedAt = when, Text = text, Hashtags = tags,
        };
        ImportedPost Repost(string id, string author, DateTime when, string of, string ofAuthor) => new()
        {
            Position = at, Platform = Platform.Bluesky, ExternalId = $"at://{author}/repost/{id}", AuthorExternalId = $"did:plc:{author}", Kind = PostKind.Repost,
            CreatedAt = when, RepostOfExternalId = $"at://{ofAuthor}/post/{of}", RepostOfAuthorExternalId = $"did:plc:{ofAuthor}",
        };

        var day = From.AddDays(1);
        var records = new List<ImportRecord>
        {
            Account("ann", "Emergency physician. Podcast host and blog writer."),
            Account("ben", "I write a blog about teaching."),
            Account("cat", "Nurse educator."),
            Account("dan", "Surgeon."),
            Account("eve", "Researcher."),
            Post("1", "ann", day, "Teaching tip #MedEd", "MedEd"),
            Post("2", "ann", day.AddHours(1), "Another #meded tip", "meded"),
            Post("3", "ben", day.AddHours(2), "My #MedEd post", "MedEd"),
            Post("4", "dan", day.AddHours(3), "No tag here"),
            Post("5", "eve", From.AddDays(-3), "Old #MedEd post", "MedEd"),
            Repost("1", "cat", day.AddHours(4), "1", "ann"),
            Repost("2", "ben", day.AddHours(5), "2", "ann"),
            Repost("3", "dan", day.AddHours(6), "4", "dan"),
            Repost("4", "cat", To.AddDays(2), "3", "ben"),
        };
        await using var db = team.Store.NewDb();
        await using var writer = await ArchiveWriter.StartAsync(db, "test", "test", Platform.Bluesky, null, TimeProvider.System);
        await writer.WriteBatchAsync(records, "1");
        await writer.CompleteAsync();
    }
}
