using System.Text.Json;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Importers;
using SoMeScholar.Testing;
using static SoMeScholar.Core.Tests.Hashtags.SmallArchive;

namespace SoMeScholar.Core.Tests.Hashtags;

/// <summary>
/// The stored day segments give exactly the figures of a direct read of the archive, for several tag sets, windows
/// and time zones, before and after later writes through the archive writer (a deletion arriving later, an edit that
/// changes a post's hashtags, a late repost of a post from before the window, a late like, new posts).
/// </summary>
public class HashtagSegmentTests
{
    private static SmallArchive First() => new SmallArchive()
        .Account("a", ("2026-10-10T00:00:00Z", 100), ("2026-10-16T00:00:00Z", 200))
        .Account("b", ("2026-10-14T12:00:00Z", 50))
        .Account("c")
        .Account("d", ("2026-10-15T00:00:00Z", 1000))
        .Account("e", ("2026-10-14T00:00:00Z", 30), ("2026-10-16T00:00:00Z", 70))
        .Post("p7", "a", "2026-10-12T15:00:00Z", tags: ["meded"], links: ["https://journal.example/x"])
        .Post("p1", "a", "2026-10-14T09:10:00Z", tags: ["MedEd", "FOAMed", "Radiology"], links: ["https://site.example/a"], mentions: ["b"], version: "1")
        .Post("p2", "a", "2026-10-14T09:40:00Z", PostKind.Reply, tags: ["meded"], replyTo: "p1", version: "1")
        .Post("p3", "b", "2026-10-14T10:05:00Z", PostKind.Quote, tags: ["#foamed"], language: "fr", quoteOf: "p1",
            links: ["https://bsky.app/profile/x.test/post/abc", "https://www.site.example/b"])
        .Post("p4", "c", "2026-10-14T23:59:59Z", tags: ["MEDED", "cardiology"], language: "EN", mentions: ["b", "d"])
        .Post("p5", "d", "2026-10-15T03:00:00Z", tags: ["meded"])
        .Post("p6", "b", "2026-10-13T11:00:00Z", tags: ["cardiology"])
        .Post("p8", "d", "2026-10-16T00:00:00Z", tags: ["foamed"], language: "es")
        .Repost("r1", "e", "2026-10-14T12:00:00Z", of: "p1")
        .Repost("r2", "c", "2026-10-14T13:00:00Z", of: "p7")
        .Repost("r3", "e", "2026-10-15T13:00:00Z", of: "p6")
        .Repost("r4", "d", "2026-10-16T13:30:00Z", of: "p1")
        .Like("e", "p1")
        .Like("a", "p3")
        .Like("e", "p4");

    /// <summary>A later import run: p1 deleted, p2 edited (meded → foamed, cardiology), a late repost of p7, a like, a new post.</summary>
    private static SmallArchive Later() => new SmallArchive()
        .Known("p1", "a").Known("p3", "b").Known("p7", "a")
        .Post("p2", "a", "2026-10-14T09:40:00Z", PostKind.Reply, tags: ["foamed", "cardiology"], text: "edited #foamed #cardiology", version: "2")
        .Repost("r7", "b", "2026-10-15T08:00:00Z", of: "p7")
        .Like("c", "p3")
        .Post("p9", "e", "2026-10-15T01:00:00Z", tags: ["meded"], mentions: ["a"])
        .Delete("p1");

    private static readonly (string[] Tags, string From, string To, string Zone)[] Queries =
    [
        (["meded", "foamed"], "2026-10-14T00:00:00Z", "2026-10-15T00:00:00Z", "America/Toronto"),
        (["meded"], "2026-10-13T06:30:00Z", "2026-10-15T03:15:00Z", "Asia/Kolkata"),
        (["foamed", "radiology", "cardiology"], "2026-10-10T00:00:00Z", "2026-10-20T00:00:00Z", "UTC"),
    ];

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Stored_segments_give_the_figures_of_a_direct_read_before_and_after_later_writes(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await First().WriteAsync(db);
        }

        foreach (var query in Queries)
        {
            var (direct, built) = await CompareAsync(store, query);
            Assert.True(built > 0, "the first report builds the segments");
            var (again, builtAgain) = await CompareAsync(store, query);
            Assert.Equal(0, builtAgain);
            Assert.Equal(direct, again);
        }

        await using (var db = store.NewDb())
        {
            await Later().WriteAsync(db);
        }

        var rebuilt = 0;
        foreach (var query in Queries)
        {
            var (_, built) = await CompareAsync(store, query);
            rebuilt += built;
            var (_, builtAgain) = await CompareAsync(store, query);
            Assert.Equal(0, builtAgain);
        }

        Assert.True(rebuilt > 0, "the later writes made some days dirty");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_deletion_arriving_later_removes_the_post_and_the_reposts_of_it_on_other_days(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.NewDb())
        {
            await First().WriteAsync(db);
        }

        var query = HashtagQuery.Create(["radiology"], At("2026-10-14T00:00:00Z"), At("2026-10-17T00:00:00Z"));
        var before = await FiguresAsync(store, query, segments: true);
        // p1 (the only #radiology post) with its reposts r1 (14 Oct) and r4 (16 Oct, a day the deletion does not touch).
        Assert.Equal(1, before.Figures.Totals.Posts);
        Assert.Equal(2, before.Figures.Totals.Reposts);

        await using (var db = store.NewDb())
        {
            await new SmallArchive().Known("p1", "a").Delete("p1").WriteAsync(db);
        }

        var after = await FiguresAsync(store, query, segments: true);
        Assert.Equal(0, after.Figures.Totals.Posts);
        Assert.Equal(0, after.Figures.Totals.Reposts);
        Assert.Equal(Json(await FiguresAsync(store, query, segments: false)), Json(after));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_repost_linked_to_its_original_only_when_the_run_completes_is_counted_once_linked(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var archive = new SmallArchive()
            .Account("a", ("2026-10-10T00:00:00Z", 100))
            .Account("b", ("2026-10-10T00:00:00Z", 10))
            .Post("p1", "a", "2026-10-12T10:00:00Z", tags: ["meded"])
            .Repost("r1", "b", "2026-10-14T10:00:00Z", of: "p1");
        var query = HashtagQuery.Create(["meded"], At("2026-10-14T00:00:00Z"), At("2026-10-15T00:00:00Z"));

        await using (var db = store.NewDb())
        {
            await archive.WriteAsync(db, complete: false);
        }

        var unlinked = await FiguresAsync(store, query, segments: true);
        Assert.Equal(Json(await FiguresAsync(store, query, segments: false)), Json(unlinked));

        await using (var db = store.NewDb())
        {
            await new SmallArchive().Known("p1", "a").Post("p10", "a", "2026-10-20T10:00:00Z", tags: ["other"]).WriteAsync(db);
        }

        var linked = await FiguresAsync(store, query, segments: true);
        Assert.Equal(1, linked.Figures.Totals.Reposts);
        Assert.Equal(Json(await FiguresAsync(store, query, segments: false)), Json(linked));
    }

    private static async Task<(string Figures, int Built)> CompareAsync(TestStore store, (string[] Tags, string From, string To, string Zone) spec)
    {
        var query = HashtagQuery.Create(spec.Tags, At(spec.From), At(spec.To), spec.Zone);
        var direct = Json(await FiguresAsync(store, query, segments: false));
        await using var db = store.NewDb();
        var segments = new HashtagSegmentStore(db);
        var facts = await segments.LoadAsync(query.Tags, query.PreviousFrom, query.To);
        Assert.Equal(direct, Json(Figures(facts, query)));
        return (direct, segments.SegmentsBuilt);
    }

    private static async Task<(WindowFigures Figures, HashtagTotals Previous)> FiguresAsync(TestStore store, HashtagQuery query, bool segments)
    {
        await using var db = store.NewDb();
        var facts = segments
            ? await new HashtagSegmentStore(db).LoadAsync(query.Tags, query.PreviousFrom, query.To)
            : await new HashtagFactsLoader(db).LoadAsync(query.Tags, query.PreviousFrom, query.To);
        return Figures(facts, query);
    }

    private static (WindowFigures Figures, HashtagTotals Previous) Figures(HashtagFacts facts, HashtagQuery query) =>
        (HashtagCalculator.Compute(facts, query.From, query.To, facts.AllTags, query.Zone, query.Top),
         HashtagCalculator.Totals(facts, query.PreviousFrom, query.From, facts.AllTags));

    private static string Json((WindowFigures Figures, HashtagTotals Previous) figures) =>
        JsonSerializer.Serialize(new { figures.Figures, figures.Previous });
}
