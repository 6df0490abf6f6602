using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SoMeScholar.Importers.Mastodon;
using SoMeScholar.Importers.Reading;

namespace SoMeScholar.Importers.Live;

/// <summary>How the Mastodon streaming client talks to the server.</summary>
public enum MastodonStreamTransport
{
    /// <summary>Server-Sent Events: <c>GET /api/v1/streaming/hashtag?tag=</c>.</summary>
    ServerSentEvents,

    /// <summary>WebSocket: <c>/api/v1/streaming?stream=hashtag&amp;tag=</c>.</summary>
    WebSocket,
}

public sealed record MastodonStreamingOptions
{
    public required Uri Instance { get; init; }

    public required string Tag { get; init; }

    /// <summary>Only statuses of this instance (<c>hashtag:local</c>).</summary>
    public bool LocalOnly { get; init; }

    public string? AccessToken { get; init; }

    public MastodonStreamTransport Transport { get; init; } = MastodonStreamTransport.ServerSentEvents;

    /// <summary>
    /// The newest status id already stored (a stored <see cref="LiveBatch.Cursor"/>). Mastodon streams have no replay,
    /// so before streaming, and after every reconnect, the client fetches the tag timeline from this id on.
    /// </summary>
    public string? Since { get; init; }

    /// <summary>Fill the gap after a (re)connect from the REST tag timeline.</summary>
    public bool FillGaps { get; init; } = true;

    public ReconnectOptions Reconnect { get; init; } = new();
}

/// <summary>
/// A hashtag stream for the live wall (SSE or WebSocket), events mapped exactly as
/// <see cref="MastodonStreamingReader"/> maps saved ones: <c>update</c>/<c>status.update</c> give the status,
/// <c>delete</c> a deletion by local id. After a drop it reconnects with backoff and, because the server keeps no
/// backlog, first fetches the statuses posted meanwhile from the tag timeline (<c>min_id</c> = the newest id seen),
/// dropping any it already delivered. The batch cursor is the newest status id seen.
/// </summary>
public sealed class MastodonStreamingClient(RateLimitedHttp http, MastodonStreamingOptions options) : IDisposable
{
    private MastodonStreamingOptions Options => options;

    private string Host => options.Instance.Authority;

    public int Reconnects { get; private set; }

    /// <summary>The <c>min_id</c> of each gap-filling request, in order.</summary>
    public List<string> GapFills { get; } = [];

    public string? LastCursor { get; private set; } = options.Since;

    public long DuplicatesDropped { get; private set; }

    public async IAsyncEnumerable<LiveBatch> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = new ParseContext(options.Instance.ToString(), new ReadOptions { Instance = Host });
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        var order = new Queue<string>();
        var backoff = new Backoff(options.Reconnect);
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!first)
            {
                if (backoff.GaveUp)
                {
                    yield break;
                }

                Reconnects++;
                await backoff.WaitAsync(cancellationToken);
            }

            first = false;
            if (options.FillGaps && LastCursor is not null)
            {
                GapFills.Add(LastCursor);
                var client = new MastodonClient(http, new MastodonClientOptions { Instance = options.Instance, AccessToken = options.AccessToken, Restart = true });
                await foreach (var page in client.HashtagTimelineAsync(options.Tag, TimelineDirection.Incremental, options.LocalOnly, LastCursor, cancellationToken))
                {
                    // Oldest first, so the cursor only moves forward.
                    foreach (var status in page.Records.Reverse().OfType<ImportedPost>().Where(p => p.Kind != PostKind.Repost || p.LocalId is not null))
                    {
                        if (Deliver(status, page.Records, delivered, order) is { } batch)
                        {
                            yield return batch;
                        }
                    }
                }
            }

            await using var events = Open(cancellationToken);
            while (true)
            {
                var next = await events.NextAsync();
                if (next is null)
                {
                    break;
                }

                backoff.Reset();
                var (name, payload) = next.Value;
                context.BeginUnit(null, null);
                Map(name, payload, context);
                if (context.Output.Count == 0)
                {
                    continue;
                }

                var records = context.Output.ToList();
                var post = records.OfType<ImportedPost>().LastOrDefault();
                if (post is not null && name == "update")
                {
                    if (Deliver(post, records, delivered, order) is { } batch)
                    {
                        yield return batch;
                    }

                    continue;
                }

                yield return new LiveBatch(records, LastCursor ?? "");
            }
        }
    }

    /// <summary>Delivers a status (with the records it came with) once; advances the cursor to its id.</summary>
    private LiveBatch? Deliver(ImportedPost post, IReadOnlyList<ImportRecord> records, HashSet<string> delivered, Queue<string> order)
    {
        var key = post.ExternalId;
        if (!delivered.Add(key))
        {
            DuplicatesDropped++;
            return null;
        }

        order.Enqueue(key);
        if (order.Count > 65_536)
        {
            delivered.Remove(order.Dequeue());
        }

        if (post.LocalId is { } local && local.StartsWith(Host + "/", StringComparison.Ordinal))
        {
            LastCursor = MastodonClient.NewerId(LastCursor, local[(Host.Length + 1)..]);
        }

        // A page's records hold other statuses too: deliver only this status and what belongs to it.
        var own = records.Where(r => ReferenceEquals(r, post) || (r is ImportedAccount a && a.ExternalId == post.AuthorExternalId)
            || (r is ImportedPost p && (p.ExternalId == post.RepostOfExternalId || p.ExternalId == post.QuoteOfExternalId))).ToList();
        return new LiveBatch(own, LastCursor ?? "");
    }

    private static void Map(string name, string? payload, ParseContext context)
    {
        try
        {
            if (payload is null)
            {
                MastodonStreamingReader.Event(name, null, context);
                return;
            }

            // The payload of update events is a Status as JSON; of delete events, the bare id.
            var trimmed = payload.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                using var document = JsonDocument.Parse(payload);
                MastodonStreamingReader.Event(name, document.RootElement, context);
            }
            else
            {
                using var document = JsonDocument.Parse(JsonSerializer.Serialize(payload.Trim('"')));
                MastodonStreamingReader.Event(name, document.RootElement, context);
            }
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.RejectUnit(context.FullField ?? "payload", Excerpts.Reason(exception), payload);
        }
    }

    private IEventSource Open(CancellationToken cancellationToken) => options.Transport == MastodonStreamTransport.WebSocket
        ? new WebSocketEvents(this, cancellationToken)
        : new ServerSentEvents(this, cancellationToken);

    private Uri StreamUrl()
    {
        var stream = options.LocalOnly ? "hashtag/local" : "hashtag";
        if (options.Transport == MastodonStreamTransport.ServerSentEvents)
        {
            return new Uri(options.Instance, $"api/v1/streaming/{stream}?tag={Uri.EscapeDataString(options.Tag.TrimStart('#'))}");
        }

        var builder = new UriBuilder(new Uri(options.Instance, "api/v1/streaming"))
        {
            Scheme = options.Instance.Scheme == "https" ? "wss" : "ws",
            Query = $"stream={(options.LocalOnly ? "hashtag:local" : "hashtag")}&tag={Uri.EscapeDataString(options.Tag.TrimStart('#'))}"
                + (options.AccessToken is null ? "" : "&access_token=" + Uri.EscapeDataString(options.AccessToken)),
        };
        return builder.Uri;
    }

    private interface IEventSource : IAsyncDisposable
    {
        /// <summary>The next event (name, payload), or null when the connection ended.</summary>
        Task<(string Name, string? Payload)?> NextAsync();
    }

    /// <summary>Reads <c>event:</c>/<c>data:</c> blocks separated by blank lines; <c>:</c> lines are heartbeats.</summary>
    private sealed class ServerSentEvents(MastodonStreamingClient owner, CancellationToken cancellationToken) : IEventSource
    {
        private HttpResponseMessage? _response;
        private StreamReader? _reader;
        private bool _failed;

        public async Task<(string Name, string? Payload)?> NextAsync()
        {
            if (_failed)
            {
                return null;
            }

            try
            {
                if (_reader is null)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, owner.StreamUrl());
                    request.Headers.Accept.ParseAdd("text/event-stream");
                    RateLimitedHttp.Bearer(owner.Options.AccessToken)?.Invoke(request);
                    _response = await owner.StreamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    if (!_response.IsSuccessStatusCode)
                    {
                        _failed = true;
                        return null;
                    }

                    _reader = new StreamReader(await _response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
                }

                string? name = null;
                var data = new StringBuilder();
                while (true)
                {
                    var line = await _reader.ReadLineAsync(cancellationToken);
                    if (line is null)
                    {
                        _failed = true;
                        return null;
                    }

                    if (line.Length == 0)
                    {
                        if (name is not null || data.Length > 0)
                        {
                            return (name ?? "message", data.Length > 0 ? data.ToString() : null);
                        }

                        continue;
                    }

                    if (line[0] == ':')
                    {
                        continue;
                    }

                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    var field = colon < 0 ? line : line[..colon];
                    var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                    if (field == "event")
                    {
                        name = value;
                    }
                    else if (field == "data")
                    {
                        if (data.Length > 0)
                        {
                            data.Append('\n');
                        }

                        data.Append(value);
                    }
                }
            }
            catch (HttpRequestException)
            {
                _failed = true;
                return null;
            }
            catch (IOException)
            {
                _failed = true;
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader?.Dispose();
            _response?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Reads WebSocket messages <c>{"stream": […], "event": …, "payload": "…"}</c>.</summary>
    private sealed class WebSocketEvents(MastodonStreamingClient owner, CancellationToken cancellationToken) : IEventSource
    {
        private readonly ClientWebSocket _socket = new();
        private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
        private bool _connected;
        private bool _failed;

        public async Task<(string Name, string? Payload)?> NextAsync()
        {
            if (_failed)
            {
                return null;
            }

            try
            {
                if (!_connected)
                {
                    if (owner.Options.AccessToken is { } token)
                    {
                        _socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
                    }

                    await _socket.ConnectAsync(owner.StreamUrl(), cancellationToken);
                    _connected = true;
                }

                _buffer.ResetWrittenCount();
                while (true)
                {
                    var result = await _socket.ReceiveAsync(_buffer.GetMemory(8192), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _failed = true;
                        return null;
                    }

                    _buffer.Advance(result.Count);
                    if (result.EndOfMessage)
                    {
                        break;
                    }
                }

                using var document = JsonDocument.Parse(_buffer.WrittenMemory);
                var root = document.RootElement;
                var name = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                var payload = root.TryGetProperty("payload", out var p) ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText() : null;
                return (name ?? "message", payload);
            }
            catch (WebSocketException)
            {
                _failed = true;
                return null;
            }
            catch (JsonException)
            {
                return ("unparsable", null);
            }
            catch (IOException)
            {
                _failed = true;
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            _socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The HttpClient for the long-lived SSE response (no timeout); the REST calls go through <see cref="RateLimitedHttp"/>.</summary>
    private HttpClient StreamClient => _streamClient ??= new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

    private HttpClient? _streamClient;

    public void Dispose() => _streamClient?.Dispose();
}
