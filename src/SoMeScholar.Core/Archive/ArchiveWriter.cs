using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SoMeScholar.Core.Data;
using SoMeScholar.Importers;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// Writes neutral import records into the archive: accounts, follower snapshots, posts (with hashtags, links and
/// media), the edges posts imply (reply, quote, repost, mention), explicit edges (follow, like), deletions, account
/// status events and quarantined records.
/// <para>
/// Set-based: a batch is merged by natural key in C# (<see cref="ArchiveBatch"/>), staged into temporary tables
/// (one prepared statement stepped per row through SQLite's own interface, binary COPY on PostgreSQL), and moved into the archive by a fixed sequence of
/// INSERT … SELECT / UPDATE … FROM statements; what was inserted is counted from the staging tables. Every write is
/// keyed on the record's natural key, so writing the same records again adds nothing (idempotent).
/// </para>
/// <para>
/// Deletions leave a tombstone. A post or edge whose key is tombstoned is stored already deleted, so the archive ends
/// in the same state whichever order a create and its delete arrive in, and a re-import never resurrects anything.
/// Each batch is one transaction that also moves the run's checkpoint, so a crash loses at most the batch in flight
/// and a restart from the checkpoint ends in the same state as an uninterrupted run.
/// </para>
/// </summary>
public sealed class ArchiveWriter : IAsyncDisposable
{
    private const int AccountCacheLimit = 1_000_000;

    private readonly ScholarDb _db;
    private readonly TimeProvider _clock;
    private readonly DbConnection _connection;
    private readonly DatabaseProvider _provider;
    private readonly ArchiveSql _sql;
    private readonly Stager _stager;
    private readonly Dictionary<(Platform, string), CachedAccount> _accounts = [];
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;
    private bool _prepared;

    private readonly record struct CachedAccount(long Id, bool HasHandle, bool Deleted);

    private ArchiveWriter(ScholarDb db, ImportRun run, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
        Run = run;
        _connection = db.Database.GetDbConnection();
        _provider = db.Provider;
        _sql = ArchiveSql.For(_provider);
        _stager = Stager.For(_provider, _connection);
    }

    public ImportRun Run { get; }

    /// <summary>Starts a new import run, or resumes <paramref name="resume"/> (a run that did not complete).</summary>
    public static async Task<ArchiveWriter> StartAsync(ScholarDb db, string source, string format, Platform? platform, string? fingerprint, TimeProvider clock, ImportRun? resume = null, CancellationToken cancellationToken = default)
    {
        var run = resume ?? new ImportRun
        {
            Source = source.Length > 4096 ? source[..4096] : source,
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
            db.ImportRuns.Attach(run);
            run.Status = ImportStatus.Running;
            run.Message = null;
            run.FinishedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var writer = new ArchiveWriter(db, run, clock);
        await writer.PrepareConnectionAsync(cancellationToken);
        return writer;
    }

    /// <summary>Writes a batch in one transaction and records <paramref name="checkpoint"/> as where the next batch starts.</summary>
    public async Task WriteBatchAsync(IReadOnlyList<ImportRecord> records, string? checkpoint, CancellationToken cancellationToken = default)
    {
        var batch = ArchiveBatch.From(records);
        if (_accounts.Count > AccountCacheLimit)
        {
            _accounts.Clear();
        }

        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (_provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync("writer-lock", _sql.WriterLock, cancellationToken);
            }

            await EnsureStagingTablesAsync(cancellationToken);
            var counts = new BatchCounts();
            await WriteAccountsAsync(batch, counts, cancellationToken);
            await WriteSnapshotsAsync(batch, cancellationToken);
            await WritePostsAsync(batch, counts, cancellationToken);
            await WriteEdgesAsync(batch, counts, cancellationToken);
            await WriteDeletionsAsync(batch, counts, cancellationToken);
            await PurgeDeletedAccountsAsync(batch, cancellationToken);
            await QuarantineAsync(batch.Rejected, cancellationToken);

            var run = Run;
            run.Records += batch.Records;
            run.Accounts += counts.Accounts;
            run.Posts += counts.Posts;
            run.Replies += counts.Replies;
            run.Quotes += counts.Quotes;
            run.Reposts += counts.Reposts;
            run.Likes += counts.Likes;
            run.Follows += counts.Follows;
            run.Mentions += counts.Mentions;
            run.Deleted += counts.Deleted;
            run.Updated += counts.Updated;
            run.Quarantined += batch.Rejected.Count;
            run.Unchanged += Math.Max(0, batch.PostRecords - counts.NewPosts - counts.EditedPosts)
                + Math.Max(0, batch.EdgeRecords - counts.NewEdges)
                + Math.Max(0, batch.DeletionRecords - counts.Deleted);
            run.Checkpoint = checkpoint ?? run.Checkpoint;
            await SaveRunAsync(cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            // Ids cached during the failed batch may belong to rows that no longer exist.
            _accounts.Clear();
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
            foreach (var (name, sql) in _sql.Relink)
            {
                await ExecuteAsync(name, sql, cancellationToken);
            }

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
        await _stager.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }

    private sealed class BatchCounts
    {
        public long Accounts;
        public long Posts;
        public long Replies;
        public long Quotes;
        public long Reposts;
        public long Likes;
        public long Follows;
        public long Mentions;
        public long Deleted;
        public long Updated;
        public long NewPosts;
        public long EditedPosts;
        public long NewEdges;
    }

    private async Task PrepareConnectionAsync(CancellationToken cancellationToken)
    {
        if (_provider == DatabaseProvider.Sqlite)
        {
            // Bulk-load settings for this connection only: a large page cache, temporary tables in memory, and
            // NORMAL sync (in WAL mode a crash of the process loses nothing committed; see SchemaMigrator).
            await ExecuteAsync("pragmas", "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON;", cancellationToken);
        }
    }

    private async Task EnsureStagingTablesAsync(CancellationToken cancellationToken)
    {
        if (_prepared && _provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        // PostgreSQL: CREATE … IF NOT EXISTS every batch, because a rolled-back batch takes the tables with it.
        await ExecuteAsync("create-staging", _sql.CreateStaging, cancellationToken);
        _prepared = true;
    }

    private async Task WriteAccountsAsync(ArchiveBatch batch, BatchCounts counts, CancellationToken cancellationToken)
    {
        var table = _sql.Accounts;
        table.Clear();
        var staged = new List<AccountStage>();
        foreach (var account in batch.Accounts)
        {
            var known = _accounts.TryGetValue((account.Platform, account.ExternalId), out var cached);
            if (known && !account.HasInfo && (cached.HasHandle || account.HandleFill is null))
            {
                continue;
            }

            staged.Add(account);
            table.Add(account.Seq).Add(account.Platform.ToString()).Add(account.ExternalId).Add(account.HandleSet).Add(account.HandleFill)
                .Add(account.DisplayName).Add(account.Bio).Add(account.ProfileUrl).Add(account.AvatarUrl).Add(account.CreatedAt)
                .Add(account.Status?.ToString()).Add(account.HasInfo).Add(known);
        }

        if (staged.Count == 0)
        {
            return;
        }

        await _stager.LoadAsync(table, _transaction!, cancellationToken);
        await AnalyzeAsync(table, cancellationToken);
        counts.Updated += await ExecuteAsync("accounts-update", _sql.AccountsUpdate, cancellationToken);
        await ExecuteAsync("accounts-fill-handle", _sql.AccountsFillHandle, cancellationToken);
        counts.Accounts += await ExecuteAsync("accounts-insert", _sql.AccountsInsert, cancellationToken, ("now", _clock.GetUtcNow().UtcDateTime));

        await using var reader = await Command("accounts-ids", _sql.AccountIds, []).ExecuteReaderAsync(cancellationToken);
        var bySeq = staged.ToDictionary(a => a.Seq);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = bySeq[(int)reader.GetInt64(0)];
            _accounts[(account.Platform, account.ExternalId)] = new CachedAccount(reader.GetInt64(1), reader.GetInt64(2) != 0, reader.GetString(3) == nameof(AccountStatus.Deleted));
        }
    }

    private CachedAccount AccountOf(Platform platform, string externalId) => _accounts[(platform, externalId)];

    private long? AccountIdOf(Platform platform, string? externalId) => externalId is null ? null : _accounts[(platform, externalId)].Id;

    private async Task WriteSnapshotsAsync(ArchiveBatch batch, CancellationToken cancellationToken)
    {
        var table = _sql.Snapshots;
        table.Clear();
        var seq = 0;
        foreach (var ((platform, externalId, observedAt), counts) in batch.Snapshots)
        {
            table.Add(++seq).Add(AccountOf(platform, externalId).Id).Add(observedAt).Add(counts.Followers).Add(counts.Following).Add(counts.Posts);
        }

        if (seq == 0)
        {
            return;
        }

        await _stager.LoadAsync(table, _transaction!, cancellationToken);
        await ExecuteAsync("snapshots-insert", _sql.SnapshotsInsert, cancellationToken);
    }

    private async Task WritePostsAsync(ArchiveBatch batch, BatchCounts counts, CancellationToken cancellationToken)
    {
        if (batch.Posts.Count == 0)
        {
            return;
        }

        var posts = _sql.Posts;
        var tags = _sql.Tags;
        var links = _sql.Links;
        var media = _sql.Media;
        var mentions = _sql.Mentions;
        posts.Clear();
        tags.Clear();
        links.Clear();
        media.Clear();
        mentions.Clear();
        var refs = new References();
        int tagSeq = 0, linkSeq = 0, mediaSeq = 0, mentionSeq = 0;
        var seenTags = new HashSet<string>(StringComparer.Ordinal);
        var seenLinks = new HashSet<string>(StringComparer.Ordinal);
        var seenMentions = new HashSet<long>();
        foreach (var stage in batch.Posts)
        {
            var first = stage.First;
            var content = stage.Content;
            var author = AccountOf(first.Platform, first.AuthorExternalId);
            refs.Reply |= first.ReplyToExternalId is not null;
            refs.ReplyLocal |= first.ReplyToLocalId is not null;
            refs.Quote |= first.QuoteOfExternalId is not null;
            refs.QuoteLocal |= first.QuoteOfLocalId is not null;
            refs.Repost |= first.RepostOfExternalId is not null || first.RepostOfAuthorExternalId is not null;
            posts.Add(stage.Seq).Add(first.Platform.ToString()).Add(first.ExternalId).Add(content.Version).Add(first.LocalId).Add(first.Url ?? content.Url)
                .Add(author.Id).Add(first.Kind.ToString()).Add(content.Text).Add(content.Language ?? first.Language).Add(first.CreatedAt).Add(first.IndexedAt)
                .Add(first.ReplyToExternalId).Add(first.ReplyToLocalId).Add(first.ReplyRootExternalId).Add(first.QuoteOfExternalId).Add(first.QuoteOfLocalId)
                .Add(first.RepostOfExternalId).Add(AccountIdOf(first.Platform, first.ReplyToAuthorExternalId)).Add(AccountIdOf(first.Platform, first.QuoteOfAuthorExternalId))
                .Add(AccountIdOf(first.Platform, first.RepostOfAuthorExternalId)).Add(content.Metrics?.Replies).Add(content.Metrics?.Reposts)
                .Add(content.Metrics?.Likes).Add(content.Metrics?.Quotes).Add(author.Deleted);

            seenTags.Clear();
            foreach (var tag in content.Hashtags)
            {
                var normalized = PostHashtag.Normalize(tag);
                if (normalized.Length > 0 && seenTags.Add(normalized))
                {
                    tags.Add(++tagSeq).Add(stage.Seq).Add(normalized);
                }
            }

            seenLinks.Clear();
            foreach (var url in content.Links)
            {
                if (seenLinks.Add(url))
                {
                    links.Add(++linkSeq).Add(stage.Seq).Add(url).Add(DomainOf(url));
                }
            }

            foreach (var item in content.Media)
            {
                media.Add(++mediaSeq).Add(stage.Seq).Add(item.Url).Add(item.MediaType).Add(item.AltText);
            }

            seenMentions.Clear();
            seenTags.Clear();
            foreach (var mention in content.Mentions)
            {
                if (mention.ExternalId is not null)
                {
                    var target = AccountOf(first.Platform, mention.ExternalId).Id;
                    if (seenMentions.Add(target))
                    {
                        mentions.Add(++mentionSeq).Add(stage.Seq).Add(target).Add(null);
                    }
                }
                else if (mention.Handle is { } handle && seenTags.Add(handle.TrimStart('@')))
                {
                    mentions.Add(++mentionSeq).Add(stage.Seq).Add(null).Add(handle.TrimStart('@'));
                }
            }
        }

        await _stager.LoadAsync(posts, _transaction!, cancellationToken);
        await AnalyzeAsync(posts, cancellationToken);
        await ExecuteAsync("posts-existing", _sql.PostsExisting, cancellationToken);
        await AssignPostIdsAsync(cancellationToken);
        foreach (var (name, sql, needed) in _sql.PostReferences)
        {
            if (needed(refs))
            {
                await ExecuteAsync(name, sql, cancellationToken);
            }
        }

        await ExecuteAsync("posts-tombstoned", _sql.PostsTombstoned, cancellationToken, ("now", _clock.GetUtcNow().UtcDateTime));
        await using (var reader = await Command("posts-new-kinds", _sql.PostsNewKinds, []).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetInt64(1);
                counts.NewPosts += number;
                switch (Enum.Parse<PostKind>(reader.GetString(0)))
                {
                    case PostKind.Reply:
                        counts.Replies += number;
                        break;
                    case PostKind.Quote:
                        counts.Quotes += number;
                        break;
                    case PostKind.Repost:
                        counts.Reposts += number;
                        break;
                    default:
                        counts.Posts += number;
                        break;
                }
            }
        }

        await ExecuteAsync("posts-insert", _sql.PostsInsert, cancellationToken, ("run", Run.Id));
        var edited = await ExecuteAsync("posts-edited", _sql.PostsEdited, cancellationToken);
        if (edited > 0)
        {
            counts.EditedPosts += edited;
            counts.Updated += edited;
            foreach (var (name, sql) in _sql.PostsEdit)
            {
                await ExecuteAsync(name, sql, cancellationToken);
            }
        }

        await ExecuteAsync("posts-parts", _sql.PostsWriteParts, cancellationToken);
        if (tags.Rows > 0)
        {
            await _stager.LoadAsync(tags, _transaction!, cancellationToken);
            await ExecuteAsync("tags-insert", _sql.TagsInsert, cancellationToken);
        }

        if (links.Rows > 0)
        {
            await _stager.LoadAsync(links, _transaction!, cancellationToken);
            await ExecuteAsync("links-insert", _sql.LinksInsert, cancellationToken);
        }

        if (media.Rows > 0)
        {
            await _stager.LoadAsync(media, _transaction!, cancellationToken);
            await ExecuteAsync("media-insert", _sql.MediaInsert, cancellationToken);
        }

        foreach (var (name, sql, needed) in _sql.DerivedEdges)
        {
            if (needed(refs))
            {
                await ExecuteAsync(name, sql, cancellationToken, ("run", Run.Id));
            }
        }

        if (mentions.Rows > 0)
        {
            await _stager.LoadAsync(mentions, _transaction!, cancellationToken);
            await ExecuteAsync("mentions-by-handle", _sql.MentionsByHandle, cancellationToken);
            counts.Mentions += await ExecuteAsync("mentions-insert", _sql.MentionsInsert, cancellationToken, ("run", Run.Id));
        }
    }

    private async Task AssignPostIdsAsync(CancellationToken cancellationToken)
    {
        if (_provider == DatabaseProvider.PostgreSql)
        {
            await ExecuteAsync("posts-assign-ids", _sql.PostsAssignIds, cancellationToken);
            return;
        }

        // SQLite: this transaction holds the write lock, so ids above the largest ever used are free; assigning them
        // here lets posts of the same batch refer to each other before they are inserted.
        var top = await QuerySingleAsync("posts-top-id", "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'posts'), 0), COALESCE((SELECT max(id) FROM posts), 0))", cancellationToken, r => r.GetInt64(0));
        await ExecuteAsync("posts-assign-ids", _sql.PostsAssignIds, cancellationToken, ("base", top ?? 0));
    }

    /// <summary>Which reference statements a batch needs (skipping the rest saves scans of the staging table).</summary>
    internal sealed class References
    {
        public bool Reply;
        public bool ReplyLocal;
        public bool Quote;
        public bool QuoteLocal;
        public bool Repost;
    }

    private async Task WriteEdgesAsync(ArchiveBatch batch, BatchCounts counts, CancellationToken cancellationToken)
    {
        if (batch.Edges.Count == 0)
        {
            return;
        }

        var table = _sql.Edges;
        table.Clear();
        var follows = false;
        foreach (var stage in batch.Edges)
        {
            var edge = stage.First;
            var source = AccountOf(edge.Platform, edge.SourceExternalId);
            string? alternative = null;
            if (edge.Kind == InteractionKind.Follow && edge.TargetExternalId is not null)
            {
                follows = true;
                var pair = $"follow:{edge.SourceExternalId}:{edge.TargetExternalId}";
                alternative = string.Equals(pair, edge.NaturalKey, StringComparison.Ordinal) ? null : pair;
            }

            table.Add(stage.Seq).Add(edge.Platform.ToString()).Add(edge.Kind.ToString()).Add(edge.NaturalKey).Add(alternative).Add(source.Id)
                .Add(AccountIdOf(edge.Platform, edge.TargetExternalId)).Add(edge.SubjectPostExternalId).Add(edge.OccurredAt).Add(source.Deleted);
        }

        await _stager.LoadAsync(table, _transaction!, cancellationToken);
        await AnalyzeAsync(table, cancellationToken);
        await ExecuteAsync("edges-subjects", _sql.EdgesSubjects, cancellationToken);
        await ExecuteAsync("edges-existing", _sql.EdgesExisting, cancellationToken);
        if (follows)
        {
            foreach (var (name, sql) in _sql.FollowMatching)
            {
                await ExecuteAsync(name, sql, cancellationToken);
            }
        }

        await ExecuteAsync("edges-tombstoned", _sql.EdgesTombstoned, cancellationToken, ("now", _clock.GetUtcNow().UtcDateTime));
        await using (var reader = await Command("edges-new-kinds", _sql.EdgesNewKinds, []).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetInt64(1);
                counts.NewEdges += number;
                switch (Enum.Parse<InteractionKind>(reader.GetString(0)))
                {
                    case InteractionKind.Follow:
                        counts.Follows += number;
                        break;
                    case InteractionKind.Like:
                        counts.Likes += number;
                        break;
                    case InteractionKind.Mention:
                        counts.Mentions += number;
                        break;
                    case InteractionKind.Repost:
                        counts.Reposts += number;
                        break;
                    default:
                        break;
                }
            }
        }

        await ExecuteAsync("edges-insert", _sql.EdgesInsert, cancellationToken, ("run", Run.Id));
    }

    private async Task WriteDeletionsAsync(ArchiveBatch batch, BatchCounts counts, CancellationToken cancellationToken)
    {
        if (batch.Deletions.Count == 0)
        {
            return;
        }

        var table = _sql.Deletions;
        table.Clear();
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var stage in batch.Deletions)
        {
            var deletion = stage.First;
            table.Add(stage.Seq).Add(deletion.Platform.ToString()).Add(deletion.ExternalId).Add(deletion.IsLocalId).Add(deletion.Target.ToString())
                .Add(Stager.Utc(deletion.OccurredAt ?? now));
        }

        await _stager.LoadAsync(table, _transaction!, cancellationToken);
        await AnalyzeAsync(table, cancellationToken);
        foreach (var (name, sql) in _sql.DeletionsApply)
        {
            await ExecuteAsync(name, sql, cancellationToken);
        }

        counts.Deleted += await ExecuteAsync("deletions-tombstones", _sql.DeletionsTombstones, cancellationToken);
        await ExecuteAsync("deletions-follow-pairs", _sql.DeletionsFollowPairs, cancellationToken);
    }

    private async Task PurgeDeletedAccountsAsync(ArchiveBatch batch, CancellationToken cancellationToken)
    {
        var deleted = batch.Accounts.Where(a => a.Status == AccountStatus.Deleted).Select(a => AccountOf(a.Platform, a.ExternalId).Id).ToList();
        foreach (var id in deleted)
        {
            var at = _clock.GetUtcNow().UtcDateTime;
            await ExecuteAsync("purge-posts", _sql.PurgePosts, cancellationToken, ("id", id), ("now", at));
            await ExecuteAsync("purge-edges", _sql.PurgeEdges, cancellationToken, ("id", id), ("now", at));
        }
    }

    private async Task QuarantineAsync(List<RejectedRecord> rejected, CancellationToken cancellationToken)
    {
        foreach (var record in rejected)
        {
            await ExecuteAsync("insert-quarantine", """
                INSERT INTO quarantined_records (import_run_id, source, line, byte_offset, field, reason, excerpt, created_at)
                VALUES (@import_run_id, @source, @line, @byte_offset, @field, @reason, @excerpt, @created_at)
                """, cancellationToken,
                ("import_run_id", Run.Id), ("source", Clean(record.Position.Source, 4096)), ("line", record.Position.Line),
                ("byte_offset", record.Position.ByteOffset), ("field", Clean(record.Position.Field, 256)), ("reason", Clean(record.Reason, 1024)),
                ("excerpt", Clean(record.Excerpt, 4096)), ("created_at", _clock.GetUtcNow().UtcDateTime));
        }
    }

    /// <summary>Truncates, and replaces what a store cannot hold (NUL, unpaired surrogates) so a quarantine entry always fits.</summary>
    private static string? Clean(string? text, int length)
    {
        if (text is null)
        {
            return null;
        }

        var value = text.Length <= length ? text : text[..length];
        if (ArchiveBatch.Problem(value, int.MaxValue) is null)
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = '\uFFFD';
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private async Task AnalyzeAsync(StageTable table, CancellationToken cancellationToken)
    {
        // PostgreSQL plans the joins with the staging table by its statistics: without them it may scan the archive.
        if (_provider == DatabaseProvider.PostgreSql)
        {
            await ExecuteAsync("analyze-" + table.Name, $"ANALYZE {table.Name}", cancellationToken);
        }
    }

    private async Task SaveRunAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("save-run", """
            UPDATE import_runs SET status = @status, finished_at = @finished_at, checkpoint = @checkpoint, message = @message,
                posts = @posts, replies = @replies, quotes = @quotes, reposts = @reposts, likes = @likes, follows = @follows,
                mentions = @mentions, accounts = @accounts, deleted = @deleted, quarantined = @quarantined, unchanged = @unchanged,
                updated = @updated, records = @records
            WHERE id = @id
            """, cancellationToken,
            ("status", Run.Status.ToString()), ("finished_at", Run.FinishedAt), ("checkpoint", Run.Checkpoint), ("message", Run.Message),
            ("posts", Run.Posts), ("replies", Run.Replies), ("quotes", Run.Quotes), ("reposts", Run.Reposts), ("likes", Run.Likes),
            ("follows", Run.Follows), ("mentions", Run.Mentions), ("accounts", Run.Accounts), ("deleted", Run.Deleted),
            ("quarantined", Run.Quarantined), ("unchanged", Run.Unchanged), ("updated", Run.Updated), ("records", Run.Records), ("id", Run.Id));

    private DbCommand Command(string name, string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
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
            command.Parameters[i].Value = parameters[i].Value switch
            {
                null => DBNull.Value,
                DateTime time => Stager.Utc(time),
                var value => value,
            };
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

    /// <summary>The link's host, lower case, without a leading "www.".</summary>
    public static string DomainOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "";
        }

        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        return host.Length > 256 ? host[..256] : host;
    }
}
