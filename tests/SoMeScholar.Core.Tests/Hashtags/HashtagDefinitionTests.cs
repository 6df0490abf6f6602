using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Importers;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Hashtags.SmallArchive;

namespace SoMeScholar.Core.Tests.Hashtags;

/// <summary>
/// Every figure of capability 3 on a small archive whose answers were worked out by hand (see the comments), on both
/// stores. Tracked: #MedEd and #FOAMed; window 2026-10-14T00:00Z to 2026-10-15T00:00Z; preceding window the day before.
/// </summary>
public class HashtagDefinitionTests
{
    private static SmallArchive Conference() => new SmallArchive()
        // A: nearest snapshot to the window's end (15 Oct 00:00) is 16 Oct (1 day) rather than 10 Oct (5 days): 200.
        .Account("a", ("2026-10-10T00:00:00Z", 100), ("2026-10-16T00:00:00Z", 200))
        .Account("b", ("2026-10-14T12:00:00Z", 50))
        .Account("c")                                                               // no follower snapshot at all
        .Account("d", ("2026-10-15T00:00:00Z", 1000))
        // E: two snapshots a day either side of the window's end: the tie goes to the earlier one (30).
        .Account("e", ("2026-10-14T00:00:00Z", 30), ("2026-10-16T00:00:00Z", 70))
        .Account("f")
        .Account("g", ("2026-10-01T00:00:00Z", 5))
        .Post("p7", "a", "2026-10-13T15:00:00Z", tags: ["meded"])                                   // preceding window
        .Post("p1", "a", "2026-10-14T09:10:00Z", tags: ["MedEd", "FOAMed", "Radiology"], links: ["https://site.example/a"], mentions: ["b"])
        .Post("p2", "a", "2026-10-14T09:40:00Z", PostKind.Reply, tags: ["meded"], replyTo: "p1")
        .Post("p3", "b", "2026-10-14T10:05:00Z", PostKind.Quote, tags: ["#foamed"], language: "fr", quoteOf: "p1",
            links: ["https://bsky.app/profile/x.test/post/abc", "https://www.site.example/b"])
        .Post("p4", "c", "2026-10-14T23:59:59Z", tags: ["MEDED"], language: null, mentions: ["b", "d"])
        .Post("p5", "d", "2026-10-14T12:00:00Z", tags: ["meded"])                                   // deleted below
        .Post("p6", "b", "2026-10-14T11:00:00Z", tags: ["cardiology"])                              // not tracked
        .Post("p8", "d", "2026-10-15T00:00:00Z", tags: ["meded"])                                   // at the window's end: outside
        .Repost("r1", "e", "2026-10-14T12:00:00Z", of: "p1")
        .Repost("r2", "c", "2026-10-14T13:00:00Z", of: "p7")      // a repost in the window of a post from before it: counts
        .Repost("r3", "e", "2026-10-14T13:00:00Z", of: "p6")      // of an untracked post: no
        .Repost("r4", "d", "2026-10-14T13:30:00Z", of: "p5")      // of a deleted post: no
        .Repost("r5", "b", "2026-10-15T01:00:00Z", of: "p2")      // after the window: no
        .Repost("r6", "f", "2026-10-14T14:00:00Z", of: "p1")      // F has no snapshot
        .Like("g", "p1")
        .Like("a", "p3")
        .Like("g", "p4")
        .Like("g", "p6")                                          // an untracked post: no
        .Delete("p5");

    private static HashtagQuery Query(int top = 10) =>
        HashtagQuery.Create(["#MedEd", "foamed"], At("2026-10-14T00:00:00Z"), At("2026-10-15T00:00:00Z"), "America/Toronto", top);

    private static async Task<HashtagReport> ReportAsync(TestStore store, SmallArchive archive, HashtagQuery query, bool complete = true)
    {
        await using (var db = store.NewDb())
        {
            await archive.WriteAsync(db, complete);
        }

        await using var scope = store.Scope();
        return await scope.ServiceProvider.GetRequiredService<HashtagAnalytics>().ReportAsync(query);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Headline_figures_follow_the_definitions_on_a_hand_computed_archive(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var report = await ReportAsync(store, Conference(), Query());

        // Posts p1 (two tracked tags, counted once), p2 (reply), p3 (quote), p4; not p5 (deleted), p6 (untracked), p8 (at the end).
        Assert.Equal(4, report.Posts);
        Assert.Equal(2, report.Originals);
        Assert.Equal(1, report.Replies);
        Assert.Equal(1, report.Quotes);
        // Reposts r1, r2 (of p7, from before the window) and r6.
        Assert.Equal(3, report.Reposts);
        // A, B, C wrote posts; E and F only reposted.
        Assert.Equal(5, report.Participants);
        Assert.Equal(3, report.Active);
        Assert.Equal(2, report.Passive);
        // A 2×200 + B 1×50 + E 1×30; C (1 post + 1 repost) and F have no snapshot: 0, counted apart.
        Assert.Equal(480, report.Impressions);
        Assert.Equal(2, report.NoFollowerData);
        // G liked p1 and p4, A liked p3; G's like of p6 is not on a tracked post.
        Assert.Equal(3, report.Likes);
        Assert.Equal(2, report.Likers);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Top_lists_links_hashtags_and_languages_follow_the_definitions(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var report = await ReportAsync(store, Conference(), Query());

        Assert.Equal(["a.test", "b.test", "c.test"], report.TopByPosts.Select(a => a.Label));
        Assert.Equal([2L, 1, 1], report.TopByPosts.Select(a => a.Posts));
        Assert.Equal([("b.test", 2L), ("d.test", 1L)], report.TopByMentions.Select(a => (a.Label, a.MentionsReceived)));
        Assert.False(report.TopByMentions.Single(a => a.Label == "d.test").Participated);
        Assert.Equal([("a.test", 400L), ("b.test", 50L), ("e.test", 30L)], report.TopByImpressions.Select(a => (a.Label, a.Impressions)));
        Assert.Equal(200, report.TopByImpressions[0].Followers);
        // The Bluesky post link is conversation, not a shared resource; www. is dropped from the site.
        Assert.Equal(["https://site.example/a", "https://www.site.example/b"], report.TopLinks.Select(l => l.Key).Order());
        Assert.Equal([new CountedItem("site.example", 2, 2)], report.TopSites);
        Assert.Equal([new CountedItem("radiology", 1, 1)], report.CoHashtags);
        Assert.Equal([new CountedItem("en", 2, 1), new CountedItem("fr", 1, 1), new CountedItem("unknown", 1, 1)], report.Languages);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Timeline_is_in_the_report_time_zone_with_the_peak_hour(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var report = await ReportAsync(store, Conference(), Query());

        // Toronto is UTC−4 in October: the window is 13 Oct 20:00 to 14 Oct 20:00 local, 24 hours.
        Assert.Equal(24, report.Hours.Count);
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 20, 0, 0, TimeSpan.FromHours(-4)), report.Hours[0].Start);
        Assert.Equal(4, report.Hours.Sum(h => h.Posts));
        Assert.Equal(3, report.Hours.Sum(h => h.Reposts));
        // p1 09:10Z and p2 09:40Z are both in the local hour 05:00.
        Assert.Equal("2026-10-14 05:00", report.PeakHour!.Label);
        Assert.Equal(2, report.PeakHour.Posts);
        Assert.Equal(1, report.Hours.Single(h => h.Label == "2026-10-14 19:00").Posts);     // p4 at 23:59:59Z
        Assert.Equal(1, report.Hours.Single(h => h.Label == "2026-10-14 08:00").Reposts);   // r1 at 12:00Z
        Assert.Equal(["2026-10-13", "2026-10-14"], report.Days.Select(d => d.Label));
        Assert.Equal([0L, 4], report.Days.Select(d => d.Posts));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Every_figure_is_compared_with_the_preceding_window_of_equal_length(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var report = await ReportAsync(store, Conference(), Query());

        Assert.Equal(At("2026-10-13T00:00:00Z"), report.PreviousFrom);
        // The day before: p7 by A only; A's nearest snapshot to 14 Oct 00:00 is 16 Oct (2 days) rather than 10 Oct (4 days).
        Assert.Equal(1, report.Previous.Posts);
        Assert.Equal(0, report.Previous.Reposts);
        Assert.Equal(1, report.Previous.Participants);
        Assert.Equal(200, report.Previous.Impressions);
        var posts = report.Changes.Single(c => c.Figure == "posts");
        Assert.Equal((4L, 1L, 3L, 300.0), (posts.Current, posts.Previous, posts.Difference, posts.Percent!.Value));
        Assert.Null(report.Changes.Single(c => c.Figure == "reposts").Percent);
        Assert.Equal(report.Totals.Named().Count, report.Changes.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_repost_the_archive_has_not_linked_yet_is_matched_by_its_original_s_key(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        // Written without completing the run: reposts keep only the original's external id (a live stream's state).
        var report = await ReportAsync(store, Conference(), Query(), complete: false);

        Assert.Equal(3, report.Reposts);
        Assert.Equal(5, report.Participants);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_repost_whose_original_is_unknown_counts_by_the_hashtags_it_carries_itself(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // An X account archive: the retweet's text "RT @x: … #MedEd" is all there is; the original is not in the archive.
        var archive = new SmallArchive()
            .Account("x", ("2026-10-14T00:00:00Z", 10))
            .Post("rt", "x", "2026-10-14T08:00:00Z", PostKind.Repost, tags: ["MedEd"], text: "RT @someone: great talk #MedEd");

        var report = await ReportAsync(store, archive, Query());

        Assert.Equal(0, report.Posts);
        Assert.Equal(1, report.Reposts);
        Assert.Equal(1, report.Passive);
        Assert.Equal(10, report.Impressions);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Hashtags_match_case_insensitively_without_the_hash_and_one_tag_gives_a_subset(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await Conference().WriteAsync(db);
        }

        await using var scope = store.Scope();
        var analytics = scope.ServiceProvider.GetRequiredService<HashtagAnalytics>();
        var foamed = await analytics.ReportAsync(HashtagQuery.Create(["#FOAMED"], At("2026-10-14T00:00:00Z"), At("2026-10-15T00:00:00Z")));

        // #FOAMed: p1 and p3; reposts of p1 by E and F.
        Assert.Equal(["foamed"], foamed.Tags);
        Assert.Equal((2L, 2L, 4L), (foamed.Posts, foamed.Reposts, foamed.Participants));
        Assert.Equal("UTC", foamed.TimeZone);
    }
}
