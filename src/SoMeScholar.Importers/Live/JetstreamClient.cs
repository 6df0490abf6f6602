using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using SoMeScholar.Importers.Bluesky;
using SoMeScholar.Importers.Reading;

namespace SoMeScholar.Importers.Live;

/// <summary>What one live event produced, and the cursor to resume from after it (store it with the records).</summary>
public sealed record LiveBatch(IReadOnlyList<ImportRecord> Records, string Cursor);

/// <summary>How a streaming client reconnects.</summary>
public sealed record ReconnectOptions
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    public double Jitter { get; init; } = 0.3;

    public int Seed { get; init; } = 1;

    /// <summary>Give up after this many reconnects in a row without a message (null: never).</summary>
    public int? MaxConsecutiveFailures { get; init; }

    /// <summary>How waiting is done; tests replace it.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

public sealed record JetstreamClientOptions
{
    /// <summary>The subscribe endpoint, e.g. <c>wss://jetstream2.us-east.bsky.network/subscribe</c>.</summary>
    public Uri Endpoint { get; init; } = new("wss://jetstream2.us-east.bsky.network/subscribe");

    public IReadOnlyList<string> WantedCollections { get; init; } = BlueskyNames.ArchiveCollections;

    public IReadOnlyList<string> WantedDids { get; init; } = [];

    /// <summary>Where to start: a <c>time_us</c> cursor (a stored <see cref="LiveBatch.Cursor"/>); null for live.</summary>
    public long? Cursor { get; init; }

    /// <summary>How far before the last event a reconnect asks to replay (delivery is at-least-once; replays are dropped).</summary>
    public TimeSpan Rewind { get; init; } = TimeSpan.FromSeconds(3);

    public ReconnectOptions Reconnect { get; init; } = new();

    /// <summary>How many recent events are remembered to drop the replayed ones.</summary>
    public int DuplicateWindow { get; init; } = 65_536;
}

/// <summary>
/// A Jetstream v1 subscriber for the live wall: <c>/subscribe?wantedCollections=…&amp;cursor=</c> over a WebSocket, each
/// message parsed exactly as <see cref="JetstreamReader"/> parses a line. After a drop it reconnects with backoff and
/// jitter, asking for events from a few seconds before the last one it delivered (<see cref="JetstreamClientOptions.Rewind"/>),
/// and drops the events it already delivered, so nothing is lost and nothing is repeated within the window.
/// </summary>
public sealed class JetstreamClient(JetstreamClientOptions? options = null)
{
    private readonly JetstreamClientOptions _options = options ?? new JetstreamClientOptions();

    /// <summary>Connections opened after the first.</summary>
    public int Reconnects { get; private set; }

    /// <summary>The cursor each connection asked for (null: live), in order.</summary>
    public List<long?> ConnectCursors { get; } = [];

    /// <summary>The <c>time_us</c> of the last event delivered.</summary>
    public long? LastCursor { get; private set; }

    public long DuplicatesDropped { get; private set; }

    public Uri SubscribeUrl(long? cursor)
    {
        var parameters = _options.WantedCollections.Select(c => "wantedCollections=" + Uri.EscapeDataString(c))
            .Concat(_options.WantedDids.Select(d => "wantedDids=" + Uri.EscapeDataString(d)));
        if (cursor is { } value)
        {
            parameters = parameters.Append("cursor=" + value.ToString(CultureInfo.InvariantCulture));
        }

        var builder = new UriBuilder(_options.Endpoint) { Query = string.Join('&', parameters) };
        return builder.Uri;
    }

    public async IAsyncEnumerable<LiveBatch> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = new ParseContext(_options.Endpoint.ToString(), new ReadOptions());
        var seen = new HashSet<(long, ulong)>();
        var order = new Queue<(long, ulong)>();
        var backoff = new Backoff(_options.Reconnect);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        long messages = 0;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            long? cursor = LastCursor is { } last ? Math.Max(0, last - (long)(_options.Rewind.Ticks / 10)) : _options.Cursor;
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
            ConnectCursors.Add(cursor);
            using var socket = new ClientWebSocket();
            if (!await TryConnect(socket, SubscribeUrl(cursor), cancellationToken))
            {
                continue;
            }

            while (true)
            {
                buffer.ResetWrittenCount();
                var received = await TryReceive(socket, buffer, cancellationToken);
                if (!received)
                {
                    break;
                }

                backoff.Reset();
                messages++;
                var message = buffer.WrittenSpan;
                var timeUs = JetstreamParser.PeekTimeUs(message);
                var key = (timeUs, Fnv(message));
                if (!seen.Add(key))
                {
                    DuplicatesDropped++;
                    continue;
                }

                order.Enqueue(key);
                if (order.Count > _options.DuplicateWindow)
                {
                    seen.Remove(order.Dequeue());
                }

                context.BeginUnit(messages, null);
                Parse(message, context);
                context.FillExcerpts(message);
                if (timeUs > 0)
                {
                    LastCursor = LastCursor is { } previous ? Math.Max(previous, timeUs) : timeUs;
                }

                if (context.Output.Count > 0)
                {
                    yield return new LiveBatch([.. context.Output], (LastCursor ?? 0).ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static void Parse(ReadOnlySpan<byte> message, ParseContext context)
    {
        if (!Utf8.IsValid(message))
        {
            context.Reject(null, "invalid UTF-8 in the message", message);
            return;
        }

        try
        {
            JetstreamParser.ParseEvent(message, context);
        }
        catch (Exception exception) when (Excerpts.IsInputError(exception))
        {
            context.RejectUnit(context.FullField, Excerpts.Reason(exception), message);
        }
    }

    private static async Task<bool> TryConnect(ClientWebSocket socket, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            return true;
        }
        catch (WebSocketException)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Receives one whole text message; false when the connection closed or dropped.</summary>
    private static async Task<bool> TryReceive(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var result = await socket.ReceiveAsync(memory, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return false;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}

/// <summary>Exponential backoff with jitter between reconnects; reset after a message arrives.</summary>
internal sealed class Backoff(ReconnectOptions options)
{
    private readonly Random _random = new(options.Seed);
    private int _failures;

    public bool GaveUp => options.MaxConsecutiveFailures is { } max && _failures >= max;

    public List<TimeSpan> Waits { get; } = [];

    public void Reset() => _failures = 0;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var factor = Math.Pow(2, Math.Min(_failures, 16));
        _failures++;
        var wait = TimeSpan.FromTicks(Math.Min((long)(options.BaseDelay.Ticks * factor), options.MaxDelay.Ticks));
        wait += TimeSpan.FromTicks((long)(wait.Ticks * options.Jitter * _random.NextDouble()));
        Waits.Add(wait);
        if (options.Delay is { } delay)
        {
            await delay(wait, cancellationToken);
        }
        else
        {
            await Task.Delay(wait, options.Time, cancellationToken);
        }
    }
}
