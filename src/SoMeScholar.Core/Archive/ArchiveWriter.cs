using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// Writes neutral import records into the archive: accounts, follower snapshots, posts (with hashtags, links and
/// media), the edges posts imply (reply, quote, repost, mention), explicit edges (follow, like), deletions and
/// quarantined records. Every write is keyed on the record's natural key, so writing the same records again adds
/// nothing (idempotent), and a tombstone keeps a deleted post or edge from ever coming back.
/// Each batch is one transaction that also moves the run's checkpoint, so a crash loses at most the batch in flight
/// and a restart from the checkpoint ends in the same state as an uninterrupted run.
/// </summary>
public sealed class ArchiveWriter : IAsyncDisposable
{
    private const int AccountCacheLimit = 500_000;

    private readonly ScholarDb _db;
    private readonly TimeProvider _clock;
    private readonly DbConnection _connection;
    private readonly Dictionary<(Platform, string), long> _accountIds = [];
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;

    private ArchiveWriter(ScholarDb db, ImportRun run, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
        Run = run;
        _connection = db.Database.GetDbConnection();
    }

    public ImportRun Run { get; }

    /// <summary>Starts a new import run, or resumes <paramref name="resume"/> (a run that did not complete).</summary>
    public static async Task<ArchiveWriter> StartAsync(ScholarDb db, string source, string format, Platform? platform, string? fingerprint, TimeProvider clock, ImportRun? resume = null, CancellationToken cancellationToken = default)
    {
        var run = resume ?? new ImportRun
        {
            Source = source,
            Format = format,
            Platform = platform,
            Fingerprint = fingerprint,
            Status = ImportStatus.Running,
            StartedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (resume is null)
        {
            db.ImportRuns.Add(run);
        }
        else
        {
            run.Status = ImportStatus.Running;
            run.Message = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new ArchiveWriter(db, run, clock);
    }

    /// <summary>Writes a batch in one transaction and records <paramref name="checkpoint"/> as where the next batch starts.</summary>
    public async Task WriteBatchAsync(IReadOnlyList<ImportRecord> records, string? checkpoint, CancellationToken cancellationToken = default)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (record)
                {
                    case ImportedAccount account:
                        await WriteAccountAsync(account, cancellationToken);
                        break;
                    case ImportedPost post:
                        await WritePostAsync(post, cancellationToken);
                        break;
                    case ImportedInteraction interaction:
                        await WriteInteractionAsync(interaction, cancellationToken);
                        break;
                    case ImportedDeletion deletion:
                        await WriteDeletionAsync(deletion, cancellationToken);
                        break;
                    case ImportedAccountStatus status:
                        await WriteAccountStatusAsync(status, cancellationToken);
                        break;
                    case RejectedRecord rejected:
                        await QuarantineAsync(rejected, cancellationToken);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown record type {record.GetType().Name}.");
                }
            }

            Run.Checkpoint = checkpoint ?? Run.Checkpoint;
            await SaveRunAsync(cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            _accountIds.Clear();
            throw;
        }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>Resolves references between posts that arrived in any order, and marks the run completed.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync("relink-replies", """
                UPDATE posts SET reply_to_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.reply_to_external_id)
                WHERE reply_to_post_id IS NULL AND reply_to_external_id IS NOT NULL
                """, cancellationToken);
            await ExecuteAsync("relink-quotes", """
                UPDATE posts SET quote_of_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.quote_of_external_id)
                WHERE quote_of_post_id IS NULL AND quote_of_external_id IS NOT NULL
                """, cancellationToken);
            await ExecuteAsync("relink-reposts", """
                UPDATE posts SET repost_of_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.repost_of_external_id)
                WHERE repost_of_post_id IS NULL AND repost_of_external_id IS NOT NULL
                """, cancellationToken);
            await ExecuteAsync("relink-subjects", """
                UPDATE interactions SET subject_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = interactions.platform AND p2.external_id = interactions.subject_external_id)
                WHERE subject_post_id IS NULL AND subject_external_id IS NOT NULL
                """, cancellationToken);
            await ExecuteAsync("relink-targets", """
                UPDATE interactions SET target_account_id = (SELECT p2.author_id FROM posts p2 WHERE p2.id = interactions.subject_post_id)
                WHERE target_account_id IS NULL AND subject_post_id IS NOT NULL
                """, cancellationToken);
            Run.Status = ImportStatus.Completed;
            Run.FinishedAt = _clock.GetUtcNow().UtcDateTime;
            await SaveRunAsync(cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>Records that the run stopped with an error; the checkpoint stays so it can resume.</summary>
    public async Task FailAsync(string message, CancellationToken cancellationToken = default)
    {
        Run.Status = ImportStatus.Failed;
        Run.Message = message.Length > 2000 ? message[..2000] : message;
        Run.FinishedAt = _clock.GetUtcNow().UtcDateTime;
        await SaveRunAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await _db.Database.CloseConnectionAsync();
    }

    private async Task WriteAccountAsync(ImportedAccount account, CancellationToken cancellationToken)
    {
        var (id, created) = await EnsureAccountAsync(account.Platform, account.ExternalId, account.Handle, cancellationToken);
        if (!created)
        {
            await ExecuteAsync("update-account", """
                UPDATE accounts SET handle = COALESCE(@handle, handle), display_name = COALESCE(@display_name, display_name),
                    bio = COALESCE(@bio, bio), profile_url = COALESCE(@profile_url, profile_url), avatar_url = COALESCE(@avatar_url, avatar_url),
                    created_at = COALESCE(@created_at, created_at)
                WHERE id = @id
                """, cancellationToken,
                ("handle", account.Handle), ("display_name", account.DisplayName), ("bio", account.Bio), ("profile_url", account.ProfileUrl),
                ("avatar_url", account.AvatarUrl), ("created_at", account.CreatedAt), ("id", id));
        }
        else
        {
            await ExecuteAsync("fill-account", """
                UPDATE accounts SET display_name = @display_name, bio = @bio, profile_url = @profile_url, avatar_url = @avatar_url, created_at = @created_at
                WHERE id = @id
                """, cancellationToken,
                ("display_name", account.DisplayName), ("bio", account.Bio), ("profile_url", account.ProfileUrl),
                ("avatar_url", account.AvatarUrl), ("created_at", account.CreatedAt), ("id", id));
        }

        if (account.Counts is { } counts)
        {
            await ExecuteAsync("insert-snapshot", """
                INSERT INTO follower_snapshots (account_id, observed_at, followers, following, posts)
                VALUES (@account_id, @observed_at, @followers, @following, @posts)
                ON CONFLICT (account_id, observed_at) DO NOTHING
                """, cancellationToken,
                ("account_id", id), ("observed_at", Utc(counts.ObservedAt)), ("followers", counts.Followers), ("following", counts.Following), ("posts", counts.Posts));
        }
    }

    private async Task WritePostAsync(ImportedPost post, CancellationToken cancellationToken)
    {
        if (await IsTombstonedAsync(post.Platform, post.ExternalId, cancellationToken)
            || (post.LocalId is not null && await IsTombstonedAsync(post.Platform, "local:" + post.LocalId, cancellationToken)))
        {
            Run.Unchanged++;
            return;
        }

        var (authorId, _) = await EnsureAccountAsync(post.Platform, post.AuthorExternalId, post.AuthorHandle, cancellationToken);
        var existing = await QuerySingleAsync("find-post", "SELECT id, version FROM posts WHERE platform = @platform AND external_id = @external_id", cancellationToken,
            r => (Id: r.GetInt64(0), Version: r.IsDBNull(1) ? null : r.GetString(1)), ("platform", post.Platform.ToString()), ("external_id", post.ExternalId));
        if (existing is { } found)
        {
            if (post.Version is not null && !string.Equals(post.Version, found.Version, StringComparison.Ordinal))
            {
                // An edit: the new version replaces text, tags, links and media; the post keeps its identity and edges.
                await ExecuteAsync("update-post", """
                    UPDATE posts SET version = @version, text = @text, language = COALESCE(@language, language),
                        reply_count = COALESCE(@reply_count, reply_count), repost_count = COALESCE(@repost_count, repost_count),
                        like_count = COALESCE(@like_count, like_count), quote_count = COALESCE(@quote_count, quote_count)
                    WHERE id = @id
                    """, cancellationToken,
                    ("version", post.Version), ("text", post.Text), ("language", post.Language), ("reply_count", post.Metrics?.Replies),
                    ("repost_count", post.Metrics?.Reposts), ("like_count", post.Metrics?.Likes), ("quote_count", post.Metrics?.Quotes), ("id", found.Id));
                await ExecuteAsync("clear-hashtags", "DELETE FROM post_hashtags WHERE post_id = @id", cancellationToken, ("id", found.Id));
                await ExecuteAsync("clear-links", "DELETE FROM post_links WHERE post_id = @id", cancellationToken, ("id", found.Id));
                await ExecuteAsync("clear-media", "DELETE FROM post_media WHERE post_id = @id", cancellationToken, ("id", found.Id));
                await WritePostPartsAsync(found.Id, authorId, post, cancellationToken);
            }
            else
            {
                Run.Unchanged++;
            }

            return;
        }

        var postId = await QuerySingleAsync("insert-post", """
            INSERT INTO posts (platform, external_id, version, local_id, url, author_id, kind, text, language, created_at, indexed_at,
                reply_to_external_id, reply_root_external_id, quote_of_external_id, repost_of_external_id,
                reply_count, repost_count, like_count, quote_count, is_deleted, import_run_id)
            VALUES (@platform, @external_id, @version, @local_id, @url, @author_id, @kind, @text, @language, @created_at, @indexed_at,
                @reply_to_external_id, @reply_root_external_id, @quote_of_external_id, @repost_of_external_id,
                @reply_count, @repost_count, @like_count, @quote_count, @is_deleted, @import_run_id)
            RETURNING id
            """, cancellationToken, r => r.GetInt64(0),
            ("platform", post.Platform.ToString()), ("external_id", post.ExternalId), ("version", post.Version), ("local_id", post.LocalId),
            ("url", post.Url), ("author_id", authorId), ("kind", post.Kind.ToString()), ("text", post.Text), ("language", post.Language),
            ("created_at", Utc(post.CreatedAt)), ("indexed_at", post.IndexedAt is { } indexed ? Utc(indexed) : null),
            ("reply_to_external_id", post.ReplyToExternalId), ("reply_root_external_id", post.ReplyRootExternalId),
            ("quote_of_external_id", post.QuoteOfExternalId), ("repost_of_external_id", post.RepostOfExternalId),
            ("reply_count", post.Metrics?.Replies), ("repost_count", post.Metrics?.Reposts), ("like_count", post.Metrics?.Likes),
            ("quote_count", post.Metrics?.Quotes), ("is_deleted", false), ("import_run_id", Run.Id));

        switch (post.Kind)
        {
            case PostKind.Repost:
                Run.Reposts++;
                break;
            case PostKind.Reply:
                Run.Posts++;
                Run.Replies++;
                break;
            case PostKind.Quote:
                Run.Posts++;
                Run.Quotes++;
                break;
            default:
                Run.Posts++;
                break;
        }

        await WritePostPartsAsync(postId, authorId, post, cancellationToken);
        await WriteDerivedEdgesAsync(postId!.Value, authorId, post, cancellationToken);
    }

    private async Task WritePostPartsAsync(long? postId, long authorId, ImportedPost post, CancellationToken cancellationToken)
    {
        foreach (var tag in post.Hashtags.Select(PostHashtag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync("insert-hashtag", """
                INSERT INTO post_hashtags (post_id, tag, created_at, author_id) VALUES (@post_id, @tag, @created_at, @author_id)
                ON CONFLICT (post_id, tag) DO NOTHING
                """, cancellationToken, ("post_id", postId), ("tag", tag), ("created_at", Utc(post.CreatedAt)), ("author_id", authorId));
        }

        foreach (var url in post.Links.Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync("insert-link", "INSERT INTO post_links (post_id, url, domain) VALUES (@post_id, @url, @domain)", cancellationToken,
                ("post_id", postId), ("url", url), ("domain", DomainOf(url)));
        }

        foreach (var media in post.Media)
        {
            await ExecuteAsync("insert-media", "INSERT INTO post_media (post_id, url, media_type, alt_text) VALUES (@post_id, @url, @media_type, @alt_text)", cancellationToken,
                ("post_id", postId), ("url", media.Url), ("media_type", media.MediaType), ("alt_text", media.AltText));
        }
    }

    private async Task WriteDerivedEdgesAsync(long postId, long authorId, ImportedPost post, CancellationToken cancellationToken)
    {
        if (post.ReplyToExternalId is not null)
        {
            var target = await TargetOfAsync(post.Platform, post.ReplyToExternalId, post.ReplyToAuthorExternalId, cancellationToken);
            // Counted with the post itself (Run.Replies); the edge is its graph form.
            await InsertEdgeAsync(post.Platform, InteractionKind.Reply, "reply:" + post.ExternalId, authorId, target, postId, post.ReplyToExternalId, post.CreatedAt, cancellationToken);
        }

        if (post.QuoteOfExternalId is not null)
        {
            var target = await TargetOfAsync(post.Platform, post.QuoteOfExternalId, post.QuoteOfAuthorExternalId, cancellationToken);
            await InsertEdgeAsync(post.Platform, InteractionKind.Quote, "quote:" + post.ExternalId, authorId, target, postId, post.QuoteOfExternalId, post.CreatedAt, cancellationToken);
        }

        if (post.RepostOfExternalId is not null)
        {
            var target = await TargetOfAsync(post.Platform, post.RepostOfExternalId, post.RepostOfAuthorExternalId, cancellationToken);
            await InsertEdgeAsync(post.Platform, InteractionKind.Repost, "repost:" + post.ExternalId, authorId, target, postId, post.RepostOfExternalId, post.CreatedAt, cancellationToken);
        }

        foreach (var mention in post.Mentions)
        {
            long? target = mention.ExternalId is not null
                ? (await EnsureAccountAsync(post.Platform, mention.ExternalId, mention.Handle, cancellationToken)).Id
                : mention.Handle is not null ? await AccountByHandleAsync(post.Platform, mention.Handle, cancellationToken) : null;
            if (target is null)
            {
                continue;
            }

            if (await InsertEdgeAsync(post.Platform, InteractionKind.Mention, $"mention:{post.ExternalId}:{target}", authorId, target, postId, null, post.CreatedAt, cancellationToken))
            {
                Run.Mentions++;
            }
        }
    }

    private async Task WriteInteractionAsync(ImportedInteraction interaction, CancellationToken cancellationToken)
    {
        if (await IsTombstonedAsync(interaction.Platform, interaction.NaturalKey, cancellationToken))
        {
            Run.Unchanged++;
            return;
        }

        var (source, _) = await EnsureAccountAsync(interaction.Platform, interaction.SourceExternalId, null, cancellationToken);
        long? target = interaction.TargetExternalId is not null
            ? (await EnsureAccountAsync(interaction.Platform, interaction.TargetExternalId, null, cancellationToken)).Id
            : interaction.SubjectPostExternalId is not null ? await AuthorOfPostAsync(interaction.Platform, interaction.SubjectPostExternalId, cancellationToken) : null;
        var inserted = await InsertEdgeAsync(interaction.Platform, interaction.Kind, interaction.NaturalKey, source, target, null, interaction.SubjectPostExternalId, interaction.OccurredAt, cancellationToken);
        if (!inserted)
        {
            Run.Unchanged++;
            return;
        }

        switch (interaction.Kind)
        {
            case InteractionKind.Follow:
                Run.Follows++;
                break;
            case InteractionKind.Like:
                Run.Likes++;
                break;
            case InteractionKind.Mention:
                Run.Mentions++;
                break;
            case InteractionKind.Repost:
                Run.Reposts++;
                break;
            default:
                break;
        }
    }

    private async Task WriteDeletionAsync(ImportedDeletion deletion, CancellationToken cancellationToken)
    {
        var at = Utc(deletion.OccurredAt ?? _clock.GetUtcNow().UtcDateTime);
        var key = deletion.ExternalId;
        long? postId;
        if (deletion.IsLocalId)
        {
            var found = await QuerySingleAsync("find-post-local", "SELECT id, external_id FROM posts WHERE platform = @platform AND local_id = @local_id", cancellationToken,
                r => (Id: r.GetInt64(0), ExternalId: r.GetString(1)), ("platform", deletion.Platform.ToString()), ("local_id", deletion.ExternalId));
            postId = found?.Id;
            key = found?.ExternalId ?? "local:" + deletion.ExternalId;
        }
        else
        {
            postId = deletion.Target == DeletionTarget.Interaction ? null : await QuerySingleAsync("find-post-id",
                "SELECT id FROM posts WHERE platform = @platform AND external_id = @external_id", cancellationToken, r => r.GetInt64(0),
                ("platform", deletion.Platform.ToString()), ("external_id", key));
        }

        var changed = 0;
        if (postId is { } id)
        {
            changed += await ExecuteAsync("delete-post", "UPDATE posts SET is_deleted = @yes, deleted_at = @at WHERE id = @id AND is_deleted = @no", cancellationToken,
                ("yes", true), ("no", false), ("at", at), ("id", id));
            await ExecuteAsync("delete-post-edges", "UPDATE interactions SET is_deleted = @yes, deleted_at = @at WHERE post_id = @id AND is_deleted = @no", cancellationToken,
                ("yes", true), ("no", false), ("at", at), ("id", id));
        }

        if (deletion.Target != DeletionTarget.Post)
        {
            changed += await ExecuteAsync("delete-edge", "UPDATE interactions SET is_deleted = @yes, deleted_at = @at WHERE platform = @platform AND natural_key = @key AND is_deleted = @no", cancellationToken,
                ("yes", true), ("no", false), ("at", at), ("platform", deletion.Platform.ToString()), ("key", key));
        }

        var tombstoned = await ExecuteAsync("insert-tombstone", "INSERT INTO tombstones (platform, key, deleted_at) VALUES (@platform, @key, @at) ON CONFLICT (platform, key) DO NOTHING", cancellationToken,
            ("platform", deletion.Platform.ToString()), ("key", key), ("at", at));
        if (changed > 0 || tombstoned > 0)
        {
            Run.Deleted++;
        }
        else
        {
            Run.Unchanged++;
        }
    }

    private async Task WriteAccountStatusAsync(ImportedAccountStatus status, CancellationToken cancellationToken)
    {
        var (id, _) = await EnsureAccountAsync(status.Platform, status.ExternalId, status.Handle, cancellationToken);
        await ExecuteAsync("update-account-status", "UPDATE accounts SET status = COALESCE(@status, status), handle = COALESCE(@handle, handle) WHERE id = @id", cancellationToken,
            ("status", status.Status?.ToString()), ("handle", status.Handle), ("id", id));
    }

    private async Task QuarantineAsync(RejectedRecord rejected, CancellationToken cancellationToken)
    {
        await ExecuteAsync("insert-quarantine", """
            INSERT INTO quarantined_records (import_run_id, source, line, byte_offset, field, reason, excerpt, created_at)
            VALUES (@import_run_id, @source, @line, @byte_offset, @field, @reason, @excerpt, @created_at)
            """, cancellationToken,
            ("import_run_id", Run.Id), ("source", Truncate(rejected.Position.Source, 4096)), ("line", rejected.Position.Line),
            ("byte_offset", rejected.Position.ByteOffset), ("field", Truncate(rejected.Position.Field, 256)), ("reason", Truncate(rejected.Reason, 1024)),
            ("excerpt", Truncate(rejected.Excerpt, 4096)), ("created_at", _clock.GetUtcNow().UtcDateTime));
        Run.Quarantined++;
    }

    private async Task<(long Id, bool Created)> EnsureAccountAsync(Platform platform, string externalId, string? handle, CancellationToken cancellationToken)
    {
        if (_accountIds.TryGetValue((platform, externalId), out var cached))
        {
            return (cached, false);
        }

        var existing = await QuerySingleAsync("find-account", "SELECT id FROM accounts WHERE platform = @platform AND external_id = @external_id", cancellationToken,
            r => r.GetInt64(0), ("platform", platform.ToString()), ("external_id", externalId));
        var created = existing is null;
        var id = existing ?? (await QuerySingleAsync("insert-account", """
            INSERT INTO accounts (platform, external_id, handle, status, first_seen_at) VALUES (@platform, @external_id, @handle, @status, @first_seen_at)
            RETURNING id
            """, cancellationToken, r => r.GetInt64(0),
            ("platform", platform.ToString()), ("external_id", externalId), ("handle", handle), ("status", nameof(AccountStatus.Active)),
            ("first_seen_at", _clock.GetUtcNow().UtcDateTime)))!.Value;
        if (created)
        {
            Run.Accounts++;
        }
        else if (handle is not null)
        {
            await ExecuteAsync("fill-handle", "UPDATE accounts SET handle = @handle WHERE id = @id AND handle IS NULL", cancellationToken, ("handle", handle), ("id", id));
        }

        if (_accountIds.Count >= AccountCacheLimit)
        {
            _accountIds.Clear();
        }

        _accountIds[(platform, externalId)] = id;
        return (id, created);
    }

    private async Task<long?> AccountByHandleAsync(Platform platform, string handle, CancellationToken cancellationToken) =>
        await QuerySingleAsync("find-account-handle", "SELECT id FROM accounts WHERE platform = @platform AND handle = @handle ORDER BY id LIMIT 1", cancellationToken,
            r => r.GetInt64(0), ("platform", platform.ToString()), ("handle", handle.TrimStart('@')));

    private async Task<long?> AuthorOfPostAsync(Platform platform, string externalId, CancellationToken cancellationToken) =>
        await QuerySingleAsync("find-post-author", "SELECT author_id FROM posts WHERE platform = @platform AND external_id = @external_id", cancellationToken,
            r => r.GetInt64(0), ("platform", platform.ToString()), ("external_id", externalId));

    private async Task<long?> TargetOfAsync(Platform platform, string postExternalId, string? authorExternalId, CancellationToken cancellationToken) =>
        authorExternalId is not null
            ? (await EnsureAccountAsync(platform, authorExternalId, null, cancellationToken)).Id
            : await AuthorOfPostAsync(platform, postExternalId, cancellationToken);

    private async Task<bool> InsertEdgeAsync(Platform platform, InteractionKind kind, string naturalKey, long source, long? target, long? postId, string? subjectExternalId, DateTime? occurredAt, CancellationToken cancellationToken) =>
        await ExecuteAsync("insert-edge", """
            INSERT INTO interactions (platform, kind, natural_key, source_account_id, target_account_id, post_id, subject_external_id, occurred_at, is_deleted, import_run_id)
            VALUES (@platform, @kind, @natural_key, @source, @target, @post_id, @subject_external_id, @occurred_at, @is_deleted, @import_run_id)
            ON CONFLICT (platform, natural_key) DO NOTHING
            """, cancellationToken,
            ("platform", platform.ToString()), ("kind", kind.ToString()), ("natural_key", naturalKey), ("source", source), ("target", target),
            ("post_id", postId), ("subject_external_id", subjectExternalId), ("occurred_at", occurredAt is { } time ? Utc(time) : null),
            ("is_deleted", false), ("import_run_id", Run.Id)) > 0;

    private async Task<bool> IsTombstonedAsync(Platform platform, string key, CancellationToken cancellationToken) =>
        await QuerySingleAsync("find-tombstone", "SELECT 1 FROM tombstones WHERE platform = @platform AND key = @key", cancellationToken,
            r => r.GetInt32(0), ("platform", platform.ToString()), ("key", key)) is not null;

    private async Task SaveRunAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("save-run", """
            UPDATE import_runs SET status = @status, finished_at = @finished_at, checkpoint = @checkpoint, message = @message,
                posts = @posts, replies = @replies, quotes = @quotes, reposts = @reposts, likes = @likes, follows = @follows,
                mentions = @mentions, accounts = @accounts, deleted = @deleted, quarantined = @quarantined, unchanged = @unchanged
            WHERE id = @id
            """, cancellationToken,
            ("status", Run.Status.ToString()), ("finished_at", Run.FinishedAt), ("checkpoint", Run.Checkpoint), ("message", Run.Message),
            ("posts", Run.Posts), ("replies", Run.Replies), ("quotes", Run.Quotes), ("reposts", Run.Reposts), ("likes", Run.Likes),
            ("follows", Run.Follows), ("mentions", Run.Mentions), ("accounts", Run.Accounts), ("deleted", Run.Deleted),
            ("quarantined", Run.Quarantined), ("unchanged", Run.Unchanged), ("id", Run.Id));

    private DbCommand Command(string name, string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (parameterName, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterName;
                command.Parameters.Add(parameter);
            }

            _commands[name] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private async Task<int> ExecuteAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await Command(name, sql, parameters).ExecuteNonQueryAsync(cancellationToken);

#pragma warning disable CA1068 // The params array must come last, so the token sits before the row mapper in these private helpers.
    private async Task<T?> QuerySingleAsync<T>(string name, string sql, CancellationToken cancellationToken, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : struct
    {
        await using var reader = await Command(name, sql, parameters).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : null;
    }
#pragma warning restore CA1068

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    /// <summary>The link's host, lower case, without a leading "www.".</summary>
    public static string DomainOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "";
        }

        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
