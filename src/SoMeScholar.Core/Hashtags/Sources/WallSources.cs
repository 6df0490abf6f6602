using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags.Sources;

/// <summary>Records read from a source, and the cursor to resume after them.</summary>
public sealed record WallBatch(IReadOnlyList<ImportRecord> Records, string? Cursor);

/// <summary>
/// Where a live wall's posts come from. <see cref="ReadAsync"/> starts at a cursor (a position the
/// source gave in an earlier <see cref="WallBatch"/>) and yields batches until the source ends or the connection drops
/// (an exception or the end of the sequence); the runner then reconnects with the last cursor, and natural keys make
/// whatever the source repeats after a reconnect a no-op.
/// </summary>
public interface IWallSource
{
    /// <summary>True when the end of the sequence means the source is finished (a replayed file), not dropped.</summary>
    bool Finishes { get; }

    string Description { get; }

    IAsyncEnumerable<WallBatch> ReadAsync(string? cursor, CancellationToken cancellationToken);
}

/// <summary>
/// Plays a recorded Jetstream file (JSON lines, as Jetstream sends them) at real time (<c>speed</c> 1) or faster,
/// keeping the recorded gaps between events (by <c>time_us</c>) divided by the speed. The cursor is the number of
/// lines consumed, so a restarted replay continues where it stopped.
/// </summary>
public sealed class ReplaySource(string path, double speed, TimeProvider clock) : IWallSource
{
    private const int MaxBatch = 200;
    private static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(250);

    public bool Finishes => true;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"replay of {Path.GetFileName(path)} at {speed}x");

    public async IAsyncEnumerable<WallBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The replay file {path} does not exist.", path);
        }

        if (!(speed > 0))
        {
            throw new ArgumentException("The replay speed must be above 0.");
        }

        var skip = cursor is not null && long.TryParse(cursor.Replace("line:", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var consumed) ? consumed : 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        long line = 0;
        long? firstTime = null;
        long lastTime = 0;
        var started = clock.GetUtcNow();
        var batch = new List<ImportRecord>();
        var batchStarted = clock.GetUtcNow();
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (line <= skip || text.Length == 0)
            {
                continue;
            }

            if (JetstreamEvents.TimeUs(text) is { } time)
            {
                firstTime ??= time;
                lastTime = Math.Max(lastTime, time);
                var due = started + TimeSpan.FromMicroseconds((lastTime - firstTime.Value) / speed);
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    if (batch.Count > 0)
                    {
                        yield return new WallBatch(batch, "line:" + (line - 1).ToString(CultureInfo.InvariantCulture));
                        batch = [];
                    }

                    await Task.Delay(wait, clock, cancellationToken);
                    batchStarted = clock.GetUtcNow();
                }
            }

            batch.AddRange(JetstreamEvents.Parse(text, new SourcePosition(path, line)));
            if (batch.Count >= MaxBatch || clock.GetUtcNow() - batchStarted > MaxGap)
            {
                yield return new WallBatch(batch, "line:" + line.ToString(CultureInfo.InvariantCulture));
                batch = [];
                batchStarted = clock.GetUtcNow();
            }
        }

        yield return new WallBatch(batch, "line:" + line.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A live Bluesky Jetstream connection (WebSocket), asking for posts, reposts and likes. The cursor is the last event's
/// <c>time_us</c>; a reconnect asks Jetstream to replay from five seconds before it (its documented way to resume
/// without a gap), and the archive's natural keys drop what was already seen.
/// </summary>
public sealed class JetstreamSource(Uri endpoint) : IWallSource
{
    private const int MaxBatch = 200;
    private static readonly TimeSpan MaxGap = TimeSpan.FromMilliseconds(250);

    public bool Finishes => false;

    public string Description => "Jetstream " + endpoint.Host;

    public static Uri SubscribeUri(Uri endpoint, string? cursor)
    {
        var builder = new UriBuilder(endpoint);
        if (!builder.Path.EndsWith("/subscribe", StringComparison.Ordinal))
        {
            builder.Path = builder.Path.TrimEnd('/') + "/subscribe";
        }

        var query = "wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&wantedCollections=app.bsky.feed.like";
        if (cursor is not null && long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var timeUs))
        {
            query += "&cursor=" + Math.Max(0, timeUs - 5_000_000).ToString(CultureInfo.InvariantCulture);
        }

        builder.Query = query;
        return builder.Uri;
    }

    public async IAsyncEnumerable<WallBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        var uri = SubscribeUri(endpoint, cursor);
        await socket.ConnectAsync(uri, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var receiving = ReceiveAsync(socket, messages.Writer, stop.Token);
        var last = cursor;
        long count = 0;
        try
        {
            await foreach (var batch in Batches(messages.Reader, MaxBatch, MaxGap, cancellationToken))
            {
                var records = new List<ImportRecord>();
                foreach (var text in batch)
                {
                    count++;
                    records.AddRange(JetstreamEvents.Parse(text, new SourcePosition(uri.GetLeftPart(UriPartial.Path), count)));
                    if (JetstreamEvents.TimeUs(text) is { } time)
                    {
                        last = time.ToString(CultureInfo.InvariantCulture);
                    }
                }

                yield return new WallBatch(records, last);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task ReceiveAsync(ClientWebSocket socket, ChannelWriter<string> writer, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    writer.TryWrite(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                }
            }

            writer.TryComplete();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            writer.TryComplete(e);
        }
    }

    /// <summary>Groups items into batches: up to <paramref name="size"/>, waiting at most <paramref name="gap"/> for more once one has arrived.</summary>
    public static async IAsyncEnumerable<List<T>> Batches<T>(ChannelReader<T> reader, int size, TimeSpan gap, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<T>();
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(gap);
            while (batch.Count < size)
            {
                while (batch.Count < size && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count >= size)
                {
                    break;
                }

                try
                {
                    if (!await reader.WaitToReadAsync(window.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            yield return batch;
        }
    }
}
