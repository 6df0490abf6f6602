using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Core.Hashtags.Sources;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>Where the live wall looks for things on this server.</summary>
public sealed class WallOptions
{
    /// <summary>
    /// The options of a host: <c>Hashtags:ReplayFolder</c> when configured, else <c>replays</c> in the SQLite data
    /// folder, else a folder in the system's temporary directory (PostgreSQL stores have no data folder).
    /// </summary>
    public static WallOptions From(Microsoft.Extensions.Configuration.IConfiguration? configuration, StoreLocation store)
    {
        var options = new WallOptions();
        if (configuration?["Hashtags:ReplayFolder"] is { Length: > 0 } folder)
        {
            options.ReplayFolder = Path.GetFullPath(folder);
        }
        else if (store.DataDirectory is { } data)
        {
            options.ReplayFolder = Path.Combine(data, "replays");
        }

        if (configuration?["Hashtags:Jetstream"] is { Length: > 0 } jetstream && Uri.TryCreate(jetstream, UriKind.Absolute, out var uri))
        {
            options.DefaultJetstream = uri;
        }

        return options;
    }

    /// <summary>Recorded streams a moderator may replay live; replay files are read from here only.</summary>
    public string ReplayFolder { get; set; } = Path.Combine(Path.GetTempPath(), "somescholar-replays");

    /// <summary>The Jetstream server used when a wall's source address is empty.</summary>
    public Uri DefaultJetstream { get; set; } = new("wss://jetstream2.us-east.bsky.network");

    /// <summary>How often the runner looks for walls to start or stop.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts after a source drops.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The replay file's full path, refusing anything outside <see cref="ReplayFolder"/>.</summary>
    public string ReplayPath(string name)
    {
        var folder = Path.GetFullPath(ReplayFolder);
        var path = Path.GetFullPath(Path.Combine(folder, Path.GetFileName(name)));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Replay files are read from {folder} only.", nameof(name));
    }
}

/// <summary>
/// Runs the sources of every wall whose settings say it is running, in the background of the web host: each batch
/// is archived and put on the wall through <see cref="WallService"/>; when a live source drops, it reconnects with its
/// cursor after a growing pause (1 s, 2 s, 4 s… up to <see cref="WallOptions.MaxBackoff"/>), and duplicates the source
/// resends are dropped by natural keys. Moderation is server-side, so nothing depends on a moderator's page being open.
/// A replayed file stops the wall when it ends.
/// </summary>
public sealed class WallRunner(IServiceScopeFactory scopes, WallOptions options, TimeProvider clock, IHttpClientFactory httpClients, ILogger<WallRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, (Task Task, CancellationTokenSource Stop, DateTime Version)> _sessions = new();

    /// <summary>Walls being read now.</summary>
    public IReadOnlyCollection<long> Running => [.. _sessions.Keys];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live wall runner: could not read the walls' settings.");
            }

            try
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        foreach (var (_, session) in _sessions)
        {
            await session.Stop.CancelAsync();
        }

        await Task.WhenAll(_sessions.Values.Select(s => s.Task));
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        List<WallSettings> running;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            running = await db.WallSettings.AsNoTracking().Where(w => w.IsRunning).ToListAsync(stoppingToken);
        }

        foreach (var (eventId, session) in _sessions)
        {
            var wanted = running.FirstOrDefault(w => w.EventId == eventId);
            // Stopped, or its source changed: end the session (a changed source starts again below).
            if (wanted is null || wanted.UpdatedAt != session.Version || session.Task.IsCompleted)
            {
                await session.Stop.CancelAsync();
                await session.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                session.Stop.Dispose();
                _sessions.TryRemove(eventId, out _);
            }
        }

        foreach (var settings in running.Where(w => !_sessions.ContainsKey(w.EventId)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _sessions[settings.EventId] = (RunAsync(settings, stop.Token), stop, settings.UpdatedAt);
        }
    }

    private async Task RunAsync(WallSettings settings, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var eventId = settings.EventId;
        var backoff = TimeSpan.FromSeconds(1);
        var cursor = settings.Cursor;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var wall = scope.ServiceProvider.GetRequiredService<WallService>();
            var db = scope.ServiceProvider.GetRequiredService<ScholarDb>();
            var tags = await db.EventHashtags.Where(t => t.EventId == eventId).Select(t => t.Tag).ToListAsync(cancellationToken);
            var item = await db.HashtagEvents.AsNoTracking().FirstAsync(e => e.Id == eventId, cancellationToken);
            var source = CreateSource(settings, tags);
            var relevance = new WallRelevance(tags, await db.WallPosts.Where(w => w.EventId == eventId).Select(w => w.ExternalId).ToListAsync(cancellationToken));
            await using var writerDb = ScholarServiceCollectionExtensions.CreateDb(scope.ServiceProvider.GetRequiredService<StoreLocation>());
            await using var writer = await ArchiveWriter.StartAsync(writerDb, $"live wall of {item.Name}: {source.Description}", FormatOf(settings.Source), PlatformOf(settings.Source), null, clock, cancellationToken: cancellationToken);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await foreach (var batch in source.ReadAsync(cursor, cancellationToken))
                        {
                            var records = relevance.Filter(batch.Records);
                            await wall.IngestAsync(eventId, writer, records, batch.Cursor, cancellationToken);
                            cursor = batch.Cursor ?? cursor;
                            backoff = TimeSpan.FromSeconds(1);
                        }

                        if (source.Finishes)
                        {
                            await wall.UpdateSettingsAsync(eventId, s => s.IsRunning = false, "source", CancellationToken.None);
                            await wall.RecordSourceStateAsync(eventId, cursor, $"The replay finished ({cursor}).", CancellationToken.None);
                            return;
                        }

                        await wall.RecordSourceStateAsync(eventId, cursor, "The stream ended; reconnecting.", cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        logger.LogWarning("Live wall {Event}: {Source} dropped ({Message}); reconnecting in {Seconds} s from cursor {Cursor}.", eventId, source.Description, e.Message, backoff.TotalSeconds, cursor);
                        await wall.RecordSourceStateAsync(eventId, cursor, $"{source.Description}: {e.Message} (reconnecting)", CancellationToken.None);
                        if (source.Finishes && e is FileNotFoundException or ArgumentException)
                        {
                            await wall.UpdateSettingsAsync(eventId, s => s.IsRunning = false, "source", CancellationToken.None);
                            return;
                        }
                    }

                    await Task.Delay(backoff, clock, cancellationToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                }
            }
            finally
            {
                // Links reposts, replies and likes that arrived before what they refer to, and closes the import run.
                await writer.CompleteAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by a moderator or by the host shutting down.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Live wall {Event} stopped.", eventId);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WallService>().RecordSourceStateAsync(eventId, cursor, "Stopped: " + e.Message, CancellationToken.None);
        }
    }

    private IWallSource CreateSource(WallSettings settings, IReadOnlyList<string> tags) => settings.Source switch
    {
        WallSourceKind.Replay => new ReplaySource(options.ReplayPath(settings.SourceAddress ?? throw new ArgumentException("Choose a replay file.")), settings.ReplaySpeed, clock),
        WallSourceKind.Jetstream => new JetstreamSource(string.IsNullOrWhiteSpace(settings.SourceAddress) ? options.DefaultJetstream : new Uri(settings.SourceAddress)),
        WallSourceKind.Mastodon => new MastodonSource(new Uri(settings.SourceAddress ?? throw new ArgumentException("Give the Mastodon instance's address.")), tags,
            httpClients.CreateClient("wall"), clock),
        _ => throw new ArgumentException("The wall has no source."),
    };

    private static string FormatOf(WallSourceKind kind) => kind switch
    {
        WallSourceKind.Mastodon => "mastodon-streaming",
        WallSourceKind.Replay => "bluesky-jetstream-replay",
        _ => "bluesky-jetstream",
    };

    private static Platform PlatformOf(WallSourceKind kind) => kind == WallSourceKind.Mastodon ? Platform.Mastodon : Platform.Bluesky;
}

/// <summary>
/// Keeps what a wall's source sends that concerns the event: posts with one of its hashtags (and their authors'
/// profiles), and reposts, likes and deletions of those posts. A Jetstream connection carries the whole network;
/// the rest is not archived.
/// </summary>
public sealed class WallRelevance(IReadOnlyList<string> tags, IEnumerable<string> knownPosts)
{
    private const int HandleCacheLimit = 200_000;
    private readonly HashSet<string> _tags = new(tags, StringComparer.Ordinal);
    private readonly HashSet<string> _posts = new(knownPosts, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _handles = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportRecord> Filter(IReadOnlyList<ImportRecord> records)
    {
        var kept = new List<ImportRecord>();
        var authors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record is ImportedPost { Kind: not PostKind.Repost } post && post.Hashtags.Any(h => _tags.Contains(PostHashtag.Normalize(h))))
            {
                _posts.Add(post.ExternalId);
                authors.Add(post.AuthorExternalId);
            }
        }

        foreach (var record in records)
        {
            switch (record)
            {
                case ImportedAccountStatus { Handle: { } handle } status:
                    if (_handles.Count >= HandleCacheLimit)
                    {
                        _handles.Clear();
                    }

                    _handles[status.ExternalId] = handle;
                    if (authors.Contains(status.ExternalId))
                    {
                        kept.Add(record);
                    }

                    break;
                case ImportedAccount account when authors.Contains(account.ExternalId):
                    kept.Add(record);
                    break;
                case ImportedPost { Kind: PostKind.Repost } repost when repost.RepostOfExternalId is { } original && _posts.Contains(original):
                    kept.Add(record);
                    break;
                case ImportedPost post when _posts.Contains(post.ExternalId):
                    kept.Add(post.AuthorHandle is null && _handles.TryGetValue(post.AuthorExternalId, out var known) ? post with { AuthorHandle = known } : post);
                    break;
                case ImportedInteraction { SubjectPostExternalId: { } subject } when _posts.Contains(subject):
                    kept.Add(record);
                    break;
                case ImportedDeletion deletion when _posts.Contains(deletion.ExternalId) || deletion.IsLocalId:
                    kept.Add(record);
                    break;
                default:
                    break;
            }
        }

        return kept;
    }
}
