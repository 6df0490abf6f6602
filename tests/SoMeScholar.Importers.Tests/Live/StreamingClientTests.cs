using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SoMeScholar.Importers.Live;

namespace SoMeScholar.Importers.Tests.Live;

public class StreamingClientTests
{
    private const long Start = 1_780_000_000_000_000;

    private static string FollowEvent(int i) =>
        $$$"""{"did":"did:plc:streamer","time_us":{{{Start + (i * 1_000_000L)}}},"kind":"commit","commit":{"rev":"3krev{{{i}}}","operation":"create","collection":"app.bsky.graph.follow","rkey":"3kfollow{{{i}}}","record":{"$type":"app.bsky.graph.follow","createdAt":"2026-05-25T14:23:27.319Z","subject":"did:plc:target{{{i}}}"},"cid":"bafyf{{{i}}}"}}""";

    [Fact]
    public async Task Jetstream_reconnects_after_a_drop_with_a_rewound_cursor_and_loses_or_repeats_nothing()
    {
        var connections = 0;
        var cursors = new List<string>();
        await using var server = await LocalServer.StartAsync((app, _) => app.Map("/subscribe", async (HttpContext context) =>
        {
            var connection = Interlocked.Increment(ref connections);
            lock (cursors)
            {
                cursors.Add(context.Request.QueryString.Value ?? "");
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var from = long.TryParse(context.Request.Query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
            var events = Enumerable.Range(1, 10).Where(i => Start + (i * 1_000_000L) >= from).ToList();
            foreach (var i in connection == 1 ? events.Take(5) : events)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(FollowEvent(i)), WebSocketMessageType.Text, true, context.RequestAborted);
            }

            if (connection == 1)
            {
                return; // the connection ends without a close handshake: a drop
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));
        var endpoint = new UriBuilder(server.Address) { Scheme = "ws", Path = "subscribe" }.Uri;
        var client = new JetstreamClient(new JetstreamClientOptions
        {
            Endpoint = endpoint,
            Rewind = TimeSpan.FromSeconds(3),
            Reconnect = new ReconnectOptions { Delay = (_, _) => Task.CompletedTask },
        });

        var follows = new List<ImportedInteraction>();
        var batches = new List<LiveBatch>();
        await foreach (var batch in client.StreamAsync())
        {
            batches.Add(batch);
            follows.AddRange(batch.Records.OfType<ImportedInteraction>());
            if (follows.Count == 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"did:plc:target{i}"), follows.Select(f => f.TargetExternalId));
        Assert.Equal(10, follows.Select(f => f.NaturalKey).Distinct().Count());
        Assert.Equal(1, client.Reconnects);
        Assert.Equal([null, Start + 2_000_000], client.ConnectCursors);
        Assert.Contains("wantedCollections=app.bsky.feed.post", cursors[0], StringComparison.Ordinal);
        Assert.Contains("wantedCollections=app.bsky.graph.follow", cursors[0], StringComparison.Ordinal);
        Assert.Contains($"cursor={Start + 2_000_000}", cursors[1], StringComparison.Ordinal);
        Assert.Equal(4, client.DuplicatesDropped); // events 2–5 replayed from the rewound cursor
        Assert.Equal((Start + 10_000_000).ToString(CultureInfo.InvariantCulture), batches[^1].Cursor);
    }

    [Fact]
    public async Task Jetstream_replays_the_recorded_firehose_across_a_drop_and_delivers_every_record_once()
    {
        var path = SoMeScholar.Testing.SharedFiles.Fixture("bluesky/jetstream/expected_v1.jsonl");
        var recorded = File.ReadAllLines(path).Where(l => l.Length > 0)
            .Select(l => (Line: l, TimeUs: JsonDocument.Parse(l).RootElement.GetProperty("time_us").GetInt64()))
            .OrderBy(e => e.TimeUs).ToList();
        var expected = Read.Fixture(new SoMeScholar.Importers.Bluesky.JetstreamReader(), "bluesky/jetstream/expected_v1.jsonl").Select(Describe).Order(StringComparer.Ordinal).ToList();
        var connections = 0;
        await using var server = await LocalServer.StartAsync((app, _) => app.Map("/subscribe", async (HttpContext context) =>
        {
            var connection = Interlocked.Increment(ref connections);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var from = long.TryParse(context.Request.Query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
            var events = recorded.Where(e => e.TimeUs >= from).ToList();
            foreach (var (line, _) in connection == 1 ? events.Take(60) : events)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(line), WebSocketMessageType.Text, true, context.RequestAborted);
            }

            if (connection == 1)
            {
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));
        var client = new JetstreamClient(new JetstreamClientOptions
        {
            Endpoint = new UriBuilder(server.Address) { Scheme = "ws", Path = "subscribe" }.Uri,
            Reconnect = new ReconnectOptions { Delay = (_, _) => Task.CompletedTask },
        });

        var delivered = new List<ImportRecord>();
        await foreach (var batch in client.StreamAsync())
        {
            delivered.AddRange(batch.Records);
            if (delivered.Count >= expected.Count)
            {
                break;
            }
        }

        Assert.Equal(expected, delivered.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(1, client.Reconnects);
        Assert.Equal(recorded[59].TimeUs - 3_000_000, client.ConnectCursors[1]);
        Assert.Equal(60, client.DuplicatesDropped); // the whole recording spans less than the 3 s rewind
    }

    private static string Describe(ImportRecord record) => record switch
    {
        ImportedPost p => "post " + p.ExternalId,
        ImportedInteraction i => "edge " + i.NaturalKey,
        ImportedDeletion d => "deletion " + d.ExternalId,
        ImportedAccountStatus a => $"status {a.ExternalId} {a.Status}",
        _ => record.GetType().Name,
    };

    [Fact]
    public async Task Mastodon_SSE_fills_the_gap_after_a_drop_from_the_timeline_and_delivers_each_status_once()
    {
        var connections = 0;
        await using var server = await LocalServer.StartAsync((app, _) =>
        {
            app.MapGet("/api/v1/streaming/hashtag", async (HttpContext context) =>
            {
                var connection = Interlocked.Increment(ref connections);
                context.Response.ContentType = "text/event-stream";
                async Task Send(string text)
                {
                    await context.Response.WriteAsync(text, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                await Send(":)\n\n");
                if (connection == 1)
                {
                    await Send($"event: update\ndata: {Payloads.MastodonStatus("1")}\n\n");
                    await Send(":thump\n\n");
                    await Send($"event: update\ndata: {Payloads.MastodonStatus("2")}\n\n");
                    return; // the stream ends: a drop

                }

                await Send($"event: update\ndata: {Payloads.MastodonStatus("3")}\n\n");
                await Send($"event: update\ndata: {Payloads.MastodonStatus("4")}\n\n");
                await Send("event: delete\ndata: 4\n\n");
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            });
            app.MapGet("/api/v1/timelines/tag/MedEd", (HttpContext context) =>
            {
                var minId = context.Request.Query["min_id"].ToString();
                if (minId == "2")
                {
                    context.Response.Headers.Append("Link", $"<{context.Request.Scheme}://{context.Request.Host}/api/v1/timelines/tag/MedEd?min_id=3>; rel=\"prev\"");
                    return Results.Text("[" + Payloads.MastodonStatus("3") + "]", "application/json");
                }

                return Results.Text("[]", "application/json");
            });
        });
        using var http = new RateLimitedHttp(new HttpClient(), new HttpFetchOptions { Delay = (_, _) => Task.CompletedTask });
        using var client = new MastodonStreamingClient(http, new MastodonStreamingOptions
        {
            Instance = server.Address,
            Tag = "MedEd",
            Reconnect = new ReconnectOptions { Delay = (_, _) => Task.CompletedTask },
        });

        var batches = new List<LiveBatch>();
        await foreach (var batch in client.StreamAsync())
        {
            batches.Add(batch);
            if (batch.Records.OfType<ImportedDeletion>().Count > 0)
            {
                break;
            }
        }

        var host = server.Address.Authority;
        var statuses = batches.SelectMany(b => b.Records).OfType<ImportedPost>().Select(p => p.LocalId).ToList();
        Assert.Equal([$"{host}/1", $"{host}/2", $"{host}/3", $"{host}/4"], statuses);
        Assert.Equal(["2"], client.GapFills);
        Assert.Equal(1, client.Reconnects);
        Assert.Equal(1, client.DuplicatesDropped);
        var deletion = Assert.Single(batches[^1].Records.OfType<ImportedDeletion>());
        Assert.Equal($"{host}/4", deletion.ExternalId);
        Assert.True(deletion.IsLocalId);
        Assert.Equal("4", batches[^1].Cursor);
        Assert.All(batches.Take(4), b => Assert.Contains(b.Records, r => r is ImportedAccount));
    }

    [Fact]
    public async Task Mastodon_WebSocket_streaming_reads_string_payloads()
    {
        await using var server = await LocalServer.StartAsync((app, _) => app.Map("/api/v1/streaming", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            foreach (var id in new[] { "7", "8" })
            {
                var message = JsonSerializer.Serialize(new { stream = new[] { "hashtag", "MedEd" }, @event = "update", payload = Payloads.MastodonStatus(id) });
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, context.RequestAborted);
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));
        using var http = new RateLimitedHttp(new HttpClient());
        using var client = new MastodonStreamingClient(http, new MastodonStreamingOptions { Instance = server.Address, Tag = "MedEd", Transport = MastodonStreamTransport.WebSocket });

        var posts = new List<ImportedPost>();
        await foreach (var batch in client.StreamAsync())
        {
            posts.AddRange(batch.Records.OfType<ImportedPost>());
            if (posts.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["https://med.example/users/alice/statuses/7", "https://med.example/users/alice/statuses/8"], posts.Select(p => p.ExternalId));
        Assert.All(posts, p => Assert.Equal(["MedEd"], p.Hashtags));
        Assert.Contains(server.Requests, r => r.Contains("stream=hashtag", StringComparison.Ordinal) && r.Contains("tag=MedEd", StringComparison.Ordinal));
    }
}
