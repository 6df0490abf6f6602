using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Archive;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Hashtags;

/// <summary>A post as projector pages see it: only posts on the wall carry content.</summary>
public sealed record WallPublicPost(long Id, long Sequence, bool Visible, bool Pinned, string? AuthorName, string? AuthorHandle, string? Text, DateTime? CreatedAt, string? Time, IReadOnlyList<WallMedia> Media);

/// <summary>A post as the moderation console sees it.</summary>
public sealed record WallModeratorPost(
    long Id, long Sequence, WallPostStatus Status, bool Pinned, Platform Platform, string? AuthorName, string? AuthorHandle, string AuthorExternalId,
    string Text, DateTime CreatedAt, string Time, DateTime ReceivedAt, string? Reason, int MediaCount, IReadOnlyList<WallMedia> Media, DateTime? DecidedAt, string? DecidedBy);

/// <summary>What one batch did on a wall.</summary>
public sealed record WallIngestResult(int Archived, int Added, int Published, int Held, int Denied, int Duplicates, int Removed);

/// <summary>A moderator's action on a wall post.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WallAction>))]
public enum WallAction
{
    Approve,
    Hide,
    Pin,
    Unpin,
}

/// <summary>
/// The live wall's operations: taking arriving posts (archived first, then put on the wall or in the queue by
/// <see cref="WallRules"/>), moderators' decisions, the allow and deny lists and the wall's settings. Every decision
/// is logged in wall_decisions with who made it and when (rules log as "rule:&lt;name&gt;"). Moderation state lives in
/// the store, so the wall keeps working with no moderator page open and after a restart.
/// </summary>
public sealed class WallService(ScholarDb db, TimeProvider clock, WallHub hub, HashtagReportCache cache)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// Takes a batch from a source: writes every record to the archive through <paramref name="writer"/> (one
    /// transaction that also stores <paramref name="cursor"/>), then adds the batch's posts that carry one of the
    /// event's hashtags to the wall (each (network, post) once: a source that repeats itself after reconnecting adds
    /// nothing), and takes deleted posts off the wall.
    /// </summary>
    public async Task<WallIngestResult> IngestAsync(long eventId, ArchiveWriter writer, IReadOnlyList<ImportRecord> records, string? cursor, CancellationToken cancellationToken = default)
    {
        await writer.WriteBatchAsync(records, cursor, cancellationToken);
        var tags = await db.EventHashtags.Where(t => t.EventId == eventId).Select(t => t.Tag).ToListAsync(cancellationToken);
        var posts = records.OfType<ImportedPost>()
            .Where(p => p.Kind != PostKind.Repost && p.Hashtags.Any(h => tags.Contains(PostHashtag.Normalize(h))))
            .GroupBy(p => (p.Platform, p.ExternalId)).Select(g => g.Last()).ToList();
        var deletions = records.OfType<ImportedDeletion>().Where(d => d.Target != DeletionTarget.Interaction).ToList();
        var result = await AddAsync(eventId, posts, deletions, cancellationToken);
        if (cursor is not null)
        {
            await db.WallSettings.Where(w => w.EventId == eventId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Cursor, cursor), cancellationToken);
        }

        return result with { Archived = records.Count };
    }

    private async Task<WallIngestResult> AddAsync(long eventId, List<ImportedPost> posts, List<ImportedDeletion> deletions, CancellationToken cancellationToken)
    {
        if (posts.Count == 0 && deletions.Count == 0)
        {
            return new WallIngestResult(0, 0, 0, 0, 0, 0, 0);
        }

        var item = await db.HashtagEvents.AsNoTracking().FirstAsync(e => e.Id == eventId, cancellationToken);
        var zone = HashtagQuery.FindZone(item.TimeZone);
        var settings = await SettingsAsync(eventId, cancellationToken);
        var rules = new WallRules(settings.Mode, settings.CheckProfessionalism, await db.WallListEntries.AsNoTracking().Where(e => e.EventId == eventId).ToListAsync(cancellationToken));
        var now = clock.GetUtcNow().UtcDateTime;
        var messages = new List<WallMessage>();
        int added = 0, published = 0, held = 0, denied = 0, duplicates = 0, removed = 0;

        using (await hub.LockAsync(eventId, cancellationToken))
        {
            var sequence = await LastSequenceAsync(eventId, cancellationToken);
            var externalIds = posts.Select(p => p.ExternalId).ToList();
            var existing = (await db.WallPosts.AsNoTracking().Where(w => w.EventId == eventId && externalIds.Contains(w.ExternalId))
                .Select(w => new { w.Platform, w.ExternalId }).ToListAsync(cancellationToken)).Select(w => (w.Platform, w.ExternalId)).ToHashSet();
            var archived = (await db.Posts.AsNoTracking().Where(p => externalIds.Contains(p.ExternalId))
                .Select(p => new { p.Id, p.Platform, p.ExternalId }).ToListAsync(cancellationToken)).ToDictionary(p => (p.Platform, p.ExternalId), p => p.Id);
            var authorIds = posts.Select(p => p.AuthorExternalId).Distinct().ToList();
            var names = (await db.Accounts.AsNoTracking().Where(a => authorIds.Contains(a.ExternalId))
                .Select(a => new { a.Platform, a.ExternalId, a.DisplayName, a.Handle }).ToListAsync(cancellationToken))
                .GroupBy(a => (a.Platform, a.ExternalId)).ToDictionary(g => g.Key, g => (g.First().DisplayName, g.First().Handle));
            var addedPosts = new List<(WallPost Post, WallVerdict Verdict)>();
            foreach (var post in posts)
            {
                if (existing.Contains((post.Platform, post.ExternalId)))
                {
                    duplicates++;
                    continue;
                }

                var media = post.Media.Select(m => new WallMedia(m.Url, m.MediaType, m.AltText)).ToList();
                var verdict = rules.Decide(new WallCandidate(post.AuthorExternalId, post.AuthorHandle, post.Text, media.Count));
                var wallPost = new WallPost
                {
                    EventId = eventId,
                    PostId = archived.TryGetValue((post.Platform, post.ExternalId), out var postId) ? postId : null,
                    Platform = post.Platform,
                    ExternalId = post.ExternalId,
                    AuthorExternalId = post.AuthorExternalId,
                    // Jetstream names authors by DID only; the handle comes from identity events the archive has seen.
                    AuthorHandle = post.AuthorHandle ?? names.GetValueOrDefault((post.Platform, post.AuthorExternalId)).Handle,
                    AuthorName = names.GetValueOrDefault((post.Platform, post.AuthorExternalId)).DisplayName,
                    Text = post.Text,
                    CreatedAt = post.CreatedAt,
                    ReceivedAt = now,
                    Status = verdict.Status,
                    Reason = Truncate(verdict.Reason, 2048),
                    Media = media.Count > 0 ? JsonSerializer.Serialize(media, Json) : null,
                    MediaCount = media.Count,
                    Sequence = ++sequence,
                };
                db.WallPosts.Add(wallPost);
                addedPosts.Add((wallPost, verdict));
                added++;
                switch (verdict.Status)
                {
                    case WallPostStatus.Published:
                        published++;
                        break;
                    case WallPostStatus.Denied:
                        denied++;
                        break;
                    default:
                        held++;
                        break;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var (wallPost, verdict) in addedPosts)
            {
                db.WallDecisions.Add(new WallDecision
                {
                    EventId = eventId,
                    WallPostId = wallPost.Id,
                    Action = verdict.Status switch { WallPostStatus.Published => "published", WallPostStatus.Denied => "denied", _ => "held" },
                    Actor = "rule:" + verdict.Rule,
                    At = now,
                    Detail = Truncate(verdict.Reason, 2048),
                });
                messages.Add(Message(wallPost, zone, wasVisible: false));
            }

            // Deleted at the source: off the wall, whatever its state.
            var deletedIds = deletions.Select(d => d.ExternalId).ToList();
            if (deletedIds.Count > 0)
            {
                // Mastodon deletes name a status by its instance-local id ("host/id"), not its URI: match the archived post.
                var localIds = deletions.Where(d => d.IsLocalId).Select(d => d.ExternalId).ToList();
                var localPosts = localIds.Count == 0 ? [] : await db.Posts.Where(p => p.LocalId != null && localIds.Contains(p.LocalId)).Select(p => (long?)p.Id).ToListAsync(cancellationToken);
                var gone = await db.WallPosts.Where(w => w.EventId == eventId && (deletedIds.Contains(w.ExternalId) || localPosts.Contains(w.PostId))
                    && w.Status != WallPostStatus.Hidden && w.Status != WallPostStatus.Denied).ToListAsync(cancellationToken);
                foreach (var wallPost in gone)
                {
                    var wasVisible = wallPost.Status == WallPostStatus.Published;
                    wallPost.Status = WallPostStatus.Hidden;
                    wallPost.Reason = "Deleted by its author.";
                    wallPost.Pinned = false;
                    wallPost.DecidedAt = now;
                    wallPost.DecidedBy = "source";
                    wallPost.Sequence = ++sequence;
                    db.WallDecisions.Add(new WallDecision { EventId = eventId, WallPostId = wallPost.Id, Action = "hidden", Actor = "source", At = now, Detail = "Deleted by its author." });
                    messages.Add(Message(wallPost, zone, wasVisible));
                    removed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            hub.SetLastSequence(eventId, sequence);
            hub.Publish(eventId, messages.OrderBy(m => m.Sequence));
        }

        if (added > 0)
        {
            cache.Clear();
        }

        return new WallIngestResult(0, added, published, held, denied, duplicates, removed);
    }

    /// <summary>A moderator approves, hides, pins or unpins a post; logged with the moderator's name and the time.</summary>
    public async Task<WallModeratorPost?> DecideAsync(long eventId, long wallPostId, WallAction action, string actor, CancellationToken cancellationToken = default)
    {
        var item = await db.HashtagEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var zone = HashtagQuery.FindZone(item.TimeZone);
        using (await hub.LockAsync(eventId, cancellationToken))
        {
            var post = await db.WallPosts.FirstOrDefaultAsync(w => w.Id == wallPostId && w.EventId == eventId, cancellationToken);
            if (post is null)
            {
                return null;
            }

            var wasVisible = post.Status == WallPostStatus.Published;
            var now = clock.GetUtcNow().UtcDateTime;
            switch (action)
            {
                case WallAction.Approve:
                    post.Status = WallPostStatus.Published;
                    break;
                case WallAction.Hide:
                    post.Status = WallPostStatus.Hidden;
                    post.Pinned = false;
                    break;
                case WallAction.Pin:
                    // Pinning puts the post on the wall, at the top.
                    post.Status = WallPostStatus.Published;
                    post.Pinned = true;
                    break;
                case WallAction.Unpin:
                    post.Pinned = false;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action.");
            }

            post.DecidedAt = now;
            post.DecidedBy = Truncate(actor, 256);
            post.Sequence = await LastSequenceAsync(eventId, cancellationToken) + 1;
            db.WallDecisions.Add(new WallDecision
            {
                EventId = eventId,
                WallPostId = post.Id,
                Action = action switch { WallAction.Approve => "approved", WallAction.Hide => "hidden", WallAction.Pin => "pinned", _ => "unpinned" },
                Actor = Truncate(actor, 256)!,
                At = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            hub.SetLastSequence(eventId, post.Sequence);
            hub.Publish(eventId, [Message(post, zone, wasVisible)]);
            db.ChangeTracker.Clear();
            return ModeratorView(post, zone);
        }
    }

    public async Task<WallSettings> SettingsAsync(long eventId, CancellationToken cancellationToken = default)
    {
        var settings = await db.WallSettings.AsNoTracking().FirstOrDefaultAsync(w => w.EventId == eventId, cancellationToken);
        return settings ?? new WallSettings { EventId = eventId, UpdatedAt = clock.GetUtcNow().UtcDateTime };
    }

    /// <summary>Changes the wall's mode, checks and source; logged. Returns the settings as stored.</summary>
    public async Task<WallSettings> UpdateSettingsAsync(long eventId, Action<WallSettings> change, string actor, CancellationToken cancellationToken = default)
    {
        var settings = await db.WallSettings.FirstOrDefaultAsync(w => w.EventId == eventId, cancellationToken);
        if (settings is null)
        {
            settings = new WallSettings { EventId = eventId };
            db.WallSettings.Add(settings);
        }

        var before = Describe(settings);
        change(settings);
        if (settings.Source == WallSourceKind.Replay && !(settings.ReplaySpeed > 0))
        {
            throw new ArgumentException("The replay speed must be above 0 (1 plays in real time).");
        }

        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var after = Describe(settings);
        if (before != after)
        {
            db.WallDecisions.Add(new WallDecision { EventId = eventId, Action = "settings", Actor = Truncate(actor, 256)!, At = settings.UpdatedAt, Detail = Truncate(after, 2048) });
        }

        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>Where the source should resume, or errors it met (the runner records them for the console).</summary>
    public Task RecordSourceStateAsync(long eventId, string? cursor, string? error, CancellationToken cancellationToken = default) =>
        db.WallSettings.Where(w => w.EventId == eventId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Cursor, w => cursor ?? w.Cursor)
            .SetProperty(w => w.LastError, Truncate(error, 2048)), cancellationToken);

    public async Task<IReadOnlyList<WallListEntry>> ListEntriesAsync(long eventId, CancellationToken cancellationToken = default) =>
        await db.WallListEntries.AsNoTracking().Where(e => e.EventId == eventId).OrderBy(e => e.Kind).ThenBy(e => e.Value).ToListAsync(cancellationToken);

    /// <summary>Adds an entry to an allow or deny list (affects posts arriving from now on); logged.</summary>
    public async Task<WallListEntry> AddListEntryAsync(long eventId, WallListKind kind, string value, string actor, CancellationToken cancellationToken = default)
    {
        var folded = kind is WallListKind.DenyAccount or WallListKind.AllowAccount ? WallRules.AccountKey(value) : value.Trim();
        if (folded.Length is 0 or > 512)
        {
            throw new ArgumentException("An entry has 1 to 512 characters.", nameof(value));
        }

        var existing = await db.WallListEntries.AsNoTracking().FirstOrDefaultAsync(e => e.EventId == eventId && e.Kind == kind && e.Value == folded, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new WallListEntry { EventId = eventId, Kind = kind, Value = folded, CreatedAt = now, CreatedBy = Truncate(actor, 256)! };
        db.WallListEntries.Add(entry);
        db.WallDecisions.Add(new WallDecision { EventId = eventId, Action = "list-add", Actor = entry.CreatedBy, At = now, Detail = Truncate($"{kind}: {folded}", 2048) });
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task<bool> RemoveListEntryAsync(long eventId, long entryId, string actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.WallListEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.EventId == eventId, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        db.WallListEntries.Remove(entry);
        db.WallDecisions.Add(new WallDecision { EventId = eventId, Action = "list-remove", Actor = Truncate(actor, 256)!, At = clock.GetUtcNow().UtcDateTime, Detail = Truncate($"{entry.Kind}: {entry.Value}", 2048) });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>What the projector shows now: pinned posts first, then the newest, and the sequence to resume from.</summary>
    public async Task<(IReadOnlyList<WallPublicPost> Posts, long Sequence)> WallAsync(long eventId, int take = 40, CancellationToken cancellationToken = default)
    {
        var zone = await ZoneAsync(eventId, cancellationToken);
        var sequence = await db.WallPosts.Where(w => w.EventId == eventId).MaxAsync(w => (long?)w.Sequence, cancellationToken) ?? 0;
        var posts = await db.WallPosts.AsNoTracking().Where(w => w.EventId == eventId && w.Status == WallPostStatus.Published)
            .OrderByDescending(w => w.Pinned).ThenByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Take(take).ToListAsync(cancellationToken);
        return ([.. posts.Select(p => PublicView(p, zone))], sequence);
    }

    /// <summary>Every change on the wall after <paramref name="afterSequence"/>, in order (a reconnecting viewer's catch-up).</summary>
    public async Task<IReadOnlyList<WallMessage>> ChangesAsync(long eventId, long afterSequence, int take = 500, CancellationToken cancellationToken = default)
    {
        var zone = await ZoneAsync(eventId, cancellationToken);
        var posts = await db.WallPosts.AsNoTracking().Where(w => w.EventId == eventId && w.Sequence > afterSequence)
            .OrderBy(w => w.Sequence).Take(take).ToListAsync(cancellationToken);
        // A catch-up cannot know what the viewer saw before, so every change is sent (hidden ones as removals).
        return [.. posts.Select(p => Message(p, zone, wasVisible: true))];
    }

    public async Task<IReadOnlyList<WallModeratorPost>> PostsAsync(long eventId, WallPostStatus status, int take = 100, CancellationToken cancellationToken = default)
    {
        var zone = await ZoneAsync(eventId, cancellationToken);
        var query = db.WallPosts.AsNoTracking().Where(w => w.EventId == eventId && w.Status == status);
        // The queue is worked oldest first; the other lists show the newest first.
        query = status == WallPostStatus.Pending
            ? query.OrderBy(w => w.ReceivedAt).ThenBy(w => w.Id)
            : query.OrderByDescending(w => w.Pinned).ThenByDescending(w => w.Sequence);
        var posts = await query.Take(take).ToListAsync(cancellationToken);
        return [.. posts.Select(p => ModeratorView(p, zone))];
    }

    public async Task<IReadOnlyDictionary<WallPostStatus, int>> CountsAsync(long eventId, CancellationToken cancellationToken = default) =>
        await db.WallPosts.Where(w => w.EventId == eventId).GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<IReadOnlyList<WallDecision>> DecisionsAsync(long eventId, int take = 50, CancellationToken cancellationToken = default) =>
        await db.WallDecisions.AsNoTracking().Where(d => d.EventId == eventId).OrderByDescending(d => d.At).ThenByDescending(d => d.Id).Take(take).ToListAsync(cancellationToken);

    public static WallPublicPost PublicView(WallPost post, TimeZoneInfo zone) => post.Status == WallPostStatus.Published
        ? new WallPublicPost(post.Id, post.Sequence, true, post.Pinned, post.AuthorName, post.AuthorHandle, post.Text, post.CreatedAt, LocalTime(post.CreatedAt, zone), MediaOf(post))
        : new WallPublicPost(post.Id, post.Sequence, false, false, null, null, null, null, null, []);

    public static WallModeratorPost ModeratorView(WallPost post, TimeZoneInfo zone) =>
        new(post.Id, post.Sequence, post.Status, post.Pinned, post.Platform, post.AuthorName, post.AuthorHandle, post.AuthorExternalId, post.Text, post.CreatedAt,
            LocalTime(post.CreatedAt, zone), post.ReceivedAt, post.Reason, post.MediaCount, MediaOf(post), post.DecidedAt, post.DecidedBy);

    private static WallMessage Message(WallPost post, TimeZoneInfo zone, bool wasVisible)
    {
        var visible = post.Status == WallPostStatus.Published;
        return new WallMessage(post.Sequence, post.Id,
            JsonSerializer.Serialize(ModeratorView(post, zone), Json),
            visible || wasVisible ? JsonSerializer.Serialize(PublicView(post, zone), Json) : null);
    }

    private static List<WallMedia> MediaOf(WallPost post) =>
        post.Media is { Length: > 0 } media ? JsonSerializer.Deserialize<List<WallMedia>>(media, Json) ?? [] : [];

    private static string LocalTime(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<TimeZoneInfo> ZoneAsync(long eventId, CancellationToken cancellationToken) =>
        HashtagQuery.FindZone(await db.HashtagEvents.Where(e => e.Id == eventId).Select(e => e.TimeZone).FirstOrDefaultAsync(cancellationToken));

    private async Task<long> LastSequenceAsync(long eventId, CancellationToken cancellationToken)
    {
        if (hub.LastSequence(eventId) is { } known)
        {
            return known;
        }

        var stored = await db.WallPosts.Where(w => w.EventId == eventId).MaxAsync(w => (long?)w.Sequence, cancellationToken) ?? 0;
        hub.SetLastSequence(eventId, stored);
        return stored;
    }

    private static string Describe(WallSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"mode {settings.Mode}, professionalism check {(settings.CheckProfessionalism ? "on" : "off")}, source {settings.Source} {settings.SourceAddress}{(settings.Source == WallSourceKind.Replay ? $" at {settings.ReplaySpeed}x" : "")}, {(settings.IsRunning ? "running" : "stopped")}");

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
