using Microsoft.AspNetCore.Hosting;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Importers;
using SoMeScholar.Testing;

namespace SoMeScholar.Core.Tests.Hashtags;

public class WallSourceTests
{
    private static readonly DateTime Start = new(2026, 10, 14, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Real_Jetstream_events_map_to_posts_replies_reposts_likes_and_deletes()
    {
        var records = File.ReadLines(SharedFiles.Fixture("bluesky/jetstream/expected_v1.jsonl"))
            .SelectMany((line, i) => JetstreamEvents.Parse(line, new SourcePosition("expected_v1.jsonl", i + 1))).ToList();

        var posts = records.OfType<ImportedPost>().Where(p => p.Kind != PostKind.Repost).ToList();
        Assert.Equal(17, posts.Count);
        Assert.Equal(8, posts.Count(p => p.Kind == PostKind.Reply));
        Assert.Equal(15, records.OfType<ImportedPost>().Count(p => p.Kind == PostKind.Repost));
        Assert.Equal(105, records.OfType<ImportedInteraction>().Count(i => i.Kind == InteractionKind.Like));
        Assert.Single(records.OfType<ImportedDeletion>());
        Assert.Empty(records.OfType<RejectedRecord>());
        Assert.Equal(["HowToTellAiToShutUp", "IndieRebellion", "talesatwonderworld", "balanwonderworldoc"], posts.SelectMany(p => p.Hashtags));
        Assert.All(posts, p => Assert.StartsWith("at://did:plc:", p.ExternalId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_written_post_line_reads_back_with_its_hashtags_images_and_reply()
    {
        var line = JetstreamLines.Post("did:plc:bob", "3abc", Start, "Slides from the talk", ["SoMeDemo26", "MedEd"], "fr", images: 2, replyTo: "at://did:plc:x/app.bsky.feed.post/1");

        var post = Assert.IsType<ImportedPost>(Assert.Single(JetstreamEvents.Parse(line, new SourcePosition("line"))));

        Assert.Equal(["SoMeDemo26", "MedEd"], post.Hashtags);
        Assert.Equal("Slides from the talk #SoMeDemo26 #MedEd", post.Text);
        Assert.Equal(2, post.Media.Count);
        Assert.Equal(PostKind.Reply, post.Kind);
        Assert.Equal("fr", post.Language);
        Assert.Equal(Start, post.CreatedAt);
    }

    [Fact]
    public void A_malformed_line_is_a_rejected_record_with_its_position()
    {
        var rejected = Assert.IsType<RejectedRecord>(Assert.Single(JetstreamEvents.Parse("{\"did\": \"did:plc:x\", \"kind\": \"commit\"", new SourcePosition("file.jsonl", 7))));

        Assert.Equal(7, rejected.Position.Line);
        Assert.Contains("JSON", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_keeps_the_recorded_order_and_resumes_after_the_lines_it_consumed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 6).Select(i => JetstreamLines.Post("did:plc:bob", $"r{i}", Start.AddSeconds(i * 30), $"post {i}", ["WallTest26"])));
        try
        {
            // 3,000x: the recorded 2.5 minutes take 50 ms.
            var source = new ReplaySource(path, 3_000, TimeProvider.System);
            var all = new List<WallBatch>();
            await foreach (var batch in source.ReadAsync(null, CancellationToken.None))
            {
                all.Add(batch);
            }

            Assert.Equal(Enumerable.Range(0, 6).Select(i => $"post {i} #WallTest26"), all.SelectMany(b => b.Records).OfType<ImportedPost>().Select(p => p.Text));
            Assert.Equal("line:6", all[^1].Cursor);

            var resumed = new List<ImportRecord>();
            await foreach (var batch in source.ReadAsync("line:4", CancellationToken.None))
            {
                resumed.AddRange(batch.Records);
            }

            Assert.Equal(["post 4 #WallTest26", "post 5 #WallTest26"], resumed.OfType<ImportedPost>().Select(p => p.Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_runner_plays_a_replay_into_the_wall_and_stops_the_wall_when_the_file_ends()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(Path.GetTempPath(), $"replays-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var lines = new List<string> { JetstreamLines.Identity("did:plc:bob", "bob.test", Start) };
        lines.AddRange(Enumerable.Range(0, 5).Select(i => JetstreamLines.Post("did:plc:bob", $"p{i}", Start.AddSeconds(i), $"post {i}", ["WallTest26"])));
        lines.Add(JetstreamLines.Post("did:plc:bob", "other", Start.AddSeconds(6), "not for the wall", ["Cardiology"]));
        await File.WriteAllLinesAsync(Path.Combine(folder, "rehearsal.jsonl"), lines);
        var eventId = await WallServiceTests.EventAsync(store);
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(eventId, s =>
            {
                s.Source = WallSourceKind.Replay;
                s.SourceAddress = "rehearsal.jsonl";
                s.ReplaySpeed = 100;
                s.IsRunning = true;
            }, "organiser");
        }

        var options = new WallOptions { ReplayFolder = folder, PollInterval = TimeSpan.FromMilliseconds(50) };
        using var runner = new WallRunner(store.Services.GetRequiredService<IServiceScopeFactory>(), options, TimeProvider.System, store.Services.GetRequiredService<IHttpClientFactory>(), NullLogger<WallRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(async () =>
            {
                await using var db = store.NewDb();
                return !(await db.WallSettings.SingleAsync()).IsRunning;
            });
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }

        await using var check = store.NewDb();
        Assert.Equal(5, await check.WallPosts.CountAsync(w => w.Status == WallPostStatus.Published));
        // Only what concerns the event is archived from a source (the whole network may be on it).
        Assert.Equal(5, await check.Posts.CountAsync());
        Assert.Equal("bob.test", (await check.Accounts.SingleAsync()).Handle);
        var settings = await check.WallSettings.SingleAsync();
        Assert.Equal("line:7", settings.Cursor);
        Assert.Contains("replay finished", settings.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ImportStatus.Completed, (await check.ImportRuns.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_dropped_Jetstream_connection_reconnects_with_its_cursor_and_adds_no_duplicates()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var eventId = await WallServiceTests.EventAsync(store);
        var events = Enumerable.Range(0, 6).Select(i => JetstreamLines.Post("did:plc:carol", $"j{i}", Start.AddSeconds(i * 10), $"live {i}", ["WallTest26"])).ToList();
        var cursors = new List<string?>();

        // A Jetstream stand-in: the first connection sends four events and drops; the next ones replay from the cursor
        // they are given (rewound five seconds, so the fourth event comes again) to the end, and stay open.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var jetstream = builder.Build();
        jetstream.UseWebSockets();
        jetstream.Map("/subscribe", async (HttpContext context) =>
        {
            var cursor = context.Request.Query["cursor"].FirstOrDefault();
            lock (cursors)
            {
                cursors.Add(cursor);
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var send = cursor is null ? events.Take(4) : events.Where(e => JetstreamEvents.TimeUs(e) >= long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var line in send)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(line), WebSocketMessageType.Text, true, context.RequestAborted);
            }

            if (cursor is null)
            {
                // Let the client read what was sent, then cut the connection without a close handshake.
                await Task.Delay(300, context.RequestAborted);
                socket.Abort();
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await jetstream.StartAsync();
        var address = jetstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("http://", "ws://", StringComparison.Ordinal);
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(eventId, s =>
            {
                s.Source = WallSourceKind.Jetstream;
                s.SourceAddress = address;
                s.IsRunning = true;
            }, "organiser");
        }

        var options = new WallOptions { PollInterval = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        using var runner = new WallRunner(store.Services.GetRequiredService<IServiceScopeFactory>(), options, TimeProvider.System, store.Services.GetRequiredService<IHttpClientFactory>(), NullLogger<WallRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(async () =>
            {
                await using var db = store.NewDb();
                return await db.WallPosts.CountAsync() == 6;
            });
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
            await jetstream.StopAsync();
        }

        await using var check = store.NewDb();
        Assert.Equal(6, await check.WallPosts.CountAsync());
        Assert.Equal(6, await check.Posts.CountAsync());
        Assert.Null(cursors[0]);
        // Reconnected from the time_us of the last event the wall had archived before the drop, minus Jetstream's
        // five-second rewind. (On a loaded machine the drop can come before the first batch was archived: that
        // reconnection starts again without a cursor, which loses nothing.)
        var resumable = events.Take(4).Select(e => (JetstreamEvents.TimeUs(e)!.Value - 5_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var resumed = cursors.Skip(1).OfType<string>().ToList();
        Assert.NotEmpty(resumed);
        Assert.All(resumed, cursor => Assert.Contains(cursor, resumable));
    }

    [Fact]
    public async Task A_recorded_Mastodon_hashtag_stream_puts_its_update_on_the_wall_and_its_delete_takes_it_down()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var eventId = await EventWithTagAsync(store, "#test");
        // Mastodon's documented hashtag-stream events (../shared/fixtures): an update of status 108914430312582020
        // tagged #test, then its delete; served as the streaming API does, as server-sent events on 127.0.0.1.
        var recorded = File.ReadAllLines(SharedFiles.Fixture("mastodon/streaming-hashtag-events.ndjson"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Select(e => (Event: e.GetProperty("event").GetString()!, Data: e.GetProperty("payload") is { ValueKind: System.Text.Json.JsonValueKind.String } text ? text.GetString()! : e.GetProperty("payload").GetRawText()))
            .ToList();
        var update = recorded.First(e => e.Event == "update");
        var delete = recorded.First(e => e.Event == "delete");
        var deleteNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamed = new List<string>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var mastodon = builder.Build();
        mastodon.MapGet("/api/v1/timelines/tag/{tag}", () => Results.Text("[]", "application/json"));
        mastodon.MapGet("/api/v1/streaming/hashtag", async (HttpContext context) =>
        {
            lock (streamed)
            {
                streamed.Add(context.Request.Query["tag"].ToString());
            }

            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($":)\n\nevent: {update.Event}\ndata: {update.Data}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await deleteNow.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync($"event: {delete.Event}\ndata: {delete.Data}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await mastodon.StartAsync();
        var address = mastodon.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = store.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(eventId, s =>
            {
                s.Source = WallSourceKind.Mastodon;
                s.SourceAddress = address;
                s.IsRunning = true;
            }, "organiser");
        }

        var options = new WallOptions { PollInterval = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        using var runner = new WallRunner(store.Services.GetRequiredService<IServiceScopeFactory>(), options, TimeProvider.System, store.Services.GetRequiredService<IHttpClientFactory>(), NullLogger<WallRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(async () =>
            {
                await using var db = store.NewDb();
                return await db.WallPosts.AnyAsync(w => w.Status == WallPostStatus.Published);
            });
            await using (var db = store.NewDb())
            {
                var shown = await db.WallPosts.SingleAsync();
                Assert.Equal("https://mastodon.social/users/trwnh/statuses/108914430312582020", shown.ExternalId);
                Assert.Equal("trwnh", shown.AuthorHandle);
                Assert.Equal("#test", shown.Text);
                Assert.Equal(new DateTime(2022, 8, 30, 23, 31, 58, 6, DateTimeKind.Utc), shown.CreatedAt);
                var archived = await db.Posts.SingleAsync(p => p.Id == shown.PostId);
                Assert.Equal(Platform.Mastodon, archived.Platform);
                Assert.False(archived.IsDeleted);
            }

            deleteNow.SetResult();
            await Eventually(async () =>
            {
                await using var db = store.NewDb();
                return await db.WallPosts.AnyAsync(w => w.Status == WallPostStatus.Hidden);
            });
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
            await mastodon.StopAsync();
        }

        await using var check = store.NewDb();
        var post = await check.WallPosts.SingleAsync();
        Assert.Equal(WallPostStatus.Hidden, post.Status);
        Assert.Equal("Deleted by its author.", post.Reason);
        Assert.True((await check.Posts.SingleAsync(p => p.Id == post.PostId)).IsDeleted);
        // The wall resumes after the highest status id it has seen.
        Assert.Equal("108914430312582020", (await check.WallSettings.SingleAsync(w => w.EventId == eventId)).Cursor);
        Assert.Contains("test", streamed);
    }

    private static async Task<long> EventWithTagAsync(TestStore store, string tag)
    {
        await using var scope = store.Scope();
        var item = await scope.ServiceProvider.GetRequiredService<EventCatalog>().CreateAsync(
            new EventInput("Mastodon Stream Summit", null, new DateOnly(2022, 8, 30), new DateOnly(2022, 8, 31), "UTC", tag), "organiser");
        await scope.ServiceProvider.GetRequiredService<WallService>().UpdateSettingsAsync(item.Id, s => s.Mode = WallMode.AutoPublish, "organiser");
        return item.Id;
    }

    /// <summary>Polls a condition until it holds (a test of behaviour, not of speed: the limit only stops a hung test).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(100))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not hold within a minute.");
    }
}
