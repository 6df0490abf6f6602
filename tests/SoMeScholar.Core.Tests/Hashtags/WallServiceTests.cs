using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Hashtags;

public class WallServiceTests
{
    private static readonly DateTime Start = new(2026, 10, 14, 14, 0, 0, DateTimeKind.Utc);

    internal static async Task<long> EventAsync(TestStore store, WallMode mode = WallMode.AutoPublish, params (WallListKind Kind, string Value)[] entries)
    {
        await using var scope = store.Scope();
        var catalog = scope.ServiceProvider.GetRequiredService<EventCatalog>();
        var item = await catalog.CreateAsync(new EventInput("Wall Test Summit", null, new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 16), "America/Toronto", "#WallTest26"), "organiser");
        var wall = scope.ServiceProvider.GetRequiredService<WallService>();
        await wall.UpdateSettingsAsync(item.Id, s => s.Mode = mode, "organiser");
        foreach (var (kind, value) in entries)
        {
            await wall.AddListEntryAsync(item.Id, kind, value, "organiser");
        }

        return item.Id;
    }

    internal static List<ImportRecord> Records(params string[] lines) =>
        [.. lines.SelectMany((line, i) => JetstreamEvents.Parse(line, new SourcePosition("test", i + 1)))];

    private static string Line(string rkey, string text, string[] tags, int minutes, int images = 0) =>
        JetstreamLines.Post("did:plc:alice", rkey, Start.AddMinutes(minutes), text, tags, images: images);

    private static async Task<WallIngestResult> IngestAsync(TestStore store, long eventId, IReadOnlyList<ImportRecord> records)
    {
        await using var scope = store.Scope();
        await using var writerDb = store.NewDb();
        await using var writer = await ArchiveWriter.StartAsync(writerDb, "wall test", "bluesky-jetstream", Platform.Bluesky, null, TimeProvider.System);
        return await scope.ServiceProvider.GetRequiredService<WallService>().IngestAsync(eventId, writer, records, "cursor-1");
    }

    private static List<ImportRecord> Batch() => Records(
        JetstreamLines.Identity("did:plc:alice", "alice.test", Start),
        Line("a1", "Great keynote on feedback", ["WallTest26"], 1),
        Line("a2", "Huge spoiler about the closing talk", ["walltest26"], 2),
        Line("a3", "Unrelated lunch photo", ["food"], 3),
        Line("a4", "Our poster, come and see", ["WallTest26"], 4, images: 1));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Arriving_posts_are_archived_and_put_on_the_wall_by_the_rules(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var eventId = await EventAsync(store, WallMode.AutoPublish, (WallListKind.DenyWord, "spoiler"));

        var result = await IngestAsync(store, eventId, Batch());

        Assert.Equal((3, 1, 1, 1), (result.Added, result.Published, result.Held, result.Denied));
        await using var db = store.NewDb();
        Assert.Equal(4, await db.Posts.CountAsync());
        var wall = await db.WallPosts.OrderBy(w => w.Sequence).ToListAsync();
        Assert.Equal([WallPostStatus.Published, WallPostStatus.Denied, WallPostStatus.Pending], wall.Select(w => w.Status));
        Assert.Equal([1L, 2, 3], wall.Select(w => w.Sequence));
        Assert.All(wall, w => Assert.NotNull(w.PostId));
        Assert.All(wall, w => Assert.Equal("alice.test", w.AuthorHandle));
        Assert.Contains("image", wall[2].Reason, StringComparison.Ordinal);
        var decisions = await db.WallDecisions.Where(d => d.WallPostId != null).OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(["rule:auto-publish", "rule:deny-word", "rule:media-review"], decisions.Select(d => d.Actor));
        Assert.Equal("cursor-1", (await db.WallSettings.SingleAsync()).Cursor);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_source_that_repeats_itself_after_reconnecting_adds_nothing(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var eventId = await EventAsync(store);
        await IngestAsync(store, eventId, Batch());

        var again = await IngestAsync(store, eventId, Batch());

        Assert.Equal((0, 3), (again.Added, again.Duplicates));
        await using var db = store.NewDb();
        Assert.Equal(3, await db.WallPosts.CountAsync());
        Assert.Equal(4, await db.Posts.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Moderators_approve_pin_and_hide_and_each_decision_is_logged_with_who_and_when(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var eventId = await EventAsync(store, WallMode.HoldForApproval);
        await IngestAsync(store, eventId, Batch());
        await using var scope = store.Scope();
        var wall = scope.ServiceProvider.GetRequiredService<WallService>();
        var queue = await wall.PostsAsync(eventId, WallPostStatus.Pending);
        Assert.Equal(3, queue.Count);
        var keynote = queue.Single(p => p.Text.Contains("keynote", StringComparison.Ordinal));
        var poster = queue.Single(p => p.Text.Contains("poster", StringComparison.Ordinal));
        var (before, _) = await wall.WallAsync(eventId);
        Assert.Empty(before);

        await wall.DecideAsync(eventId, keynote.Id, WallAction.Approve, "mod-ana");
        await wall.DecideAsync(eventId, poster.Id, WallAction.Pin, "mod-ben");
        await wall.DecideAsync(eventId, keynote.Id, WallAction.Hide, "mod-ana");

        var (posts, sequence) = await wall.WallAsync(eventId);
        Assert.Equal([poster.Id], posts.Select(p => p.Id));
        Assert.True(posts[0].Pinned);
        Assert.Equal(6, sequence);
        var log = (await wall.DecisionsAsync(eventId)).Where(d => d.Actor.StartsWith("mod-", StringComparison.Ordinal)).Reverse().ToList();
        Assert.Equal([("approved", "mod-ana"), ("pinned", "mod-ben"), ("hidden", "mod-ana")], log.Select(d => (d.Action, d.Actor)));
        Assert.All(log, d => Assert.True(d.At > DateTime.UtcNow.AddMinutes(-5)));
        var changes = await wall.ChangesAsync(eventId, afterSequence: 3);
        Assert.Equal([5L, 6], changes.Select(c => c.Sequence));
        Assert.Contains("\"visible\":false", changes[^1].PublicJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_post_deleted_at_the_source_leaves_the_wall(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var eventId = await EventAsync(store);
        await IngestAsync(store, eventId, Batch());

        var result = await IngestAsync(store, eventId, Records(JetstreamLines.Delete("did:plc:alice", "a1", Start.AddMinutes(9))));

        Assert.Equal(1, result.Removed);
        await using var db = store.NewDb();
        var post = await db.WallPosts.SingleAsync(w => w.ExternalId == JetstreamLines.PostUri("did:plc:alice", "a1"));
        Assert.Equal(WallPostStatus.Hidden, post.Status);
        Assert.True((await db.Posts.SingleAsync(p => p.Id == post.PostId)).IsDeleted);
    }

    [Fact]
    public async Task Viewers_hear_only_about_posts_on_the_wall_and_moderators_about_every_post()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var eventId = await EventAsync(store, WallMode.AutoPublish, (WallListKind.DenyWord, "spoiler"));
        var hub = store.Services.GetRequiredService<WallHub>();
        using var viewer = hub.Subscribe(eventId, moderator: false);
        using var moderator = hub.Subscribe(eventId, moderator: true);

        await IngestAsync(store, eventId, Batch());

        Assert.Equal(3, moderator.Reader.Count);
        Assert.Equal(1, viewer.Reader.Count);
        Assert.True(viewer.Reader.TryRead(out var message));
        Assert.Contains("Great keynote", message.PublicJson, StringComparison.Ordinal);
    }
}
