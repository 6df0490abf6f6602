using SoMeScholar.Core.Data;

namespace SoMeScholar.Core.Archive;

/// <summary>
/// The staging tables and set-based statements of <see cref="ArchiveWriter"/>, written once for both providers:
/// <c>{T}</c>/<c>{F}</c> are the flag literals (1/0 on SQLite, true/false on PostgreSQL) and <c>{NE}</c> the
/// null-safe "differs" operator (IS NOT / IS DISTINCT FROM).
/// </summary>
internal sealed class ArchiveSql
{
    private readonly DatabaseProvider _provider;

    private ArchiveSql(DatabaseProvider provider)
    {
        _provider = provider;
    }

    /// <summary>A writer's own set: the staging tables hold that writer's batch.</summary>
    public static ArchiveSql For(DatabaseProvider provider) => new(provider);

    private string R(string sql) => _provider == DatabaseProvider.PostgreSql
        ? sql.Replace("{T}", "true", StringComparison.Ordinal).Replace("{F}", "false", StringComparison.Ordinal).Replace("{NE}", "IS DISTINCT FROM", StringComparison.Ordinal).Replace("{NOIDX}", "", StringComparison.Ordinal)
        : sql.Replace("{T}", "1", StringComparison.Ordinal).Replace("{F}", "0", StringComparison.Ordinal).Replace("{NE}", "IS NOT", StringComparison.Ordinal)
            // SQLite: a unary '+' keeps the planner from driving a local-id join from the archive side (a scan of every
            // post with a local id per batch); the staging side drives and the archive is searched by (platform, local_id).
            .Replace("{NOIDX}", "+", StringComparison.Ordinal);

    private static StageColumn C(string name, StageType type = StageType.Text) => new(name, type);

    private static StageColumn Computed(string name, StageType type) => new(name, type, Loaded: false);

    public StageTable Accounts { get; } = new("as_accounts",
    [
        C("seq", StageType.Int), C("platform"), C("external_id"), C("handle_set"), C("handle_fill"), C("display_name"), C("bio"), C("profile_url"),
        C("avatar_url"), C("created_at", StageType.Time), C("status"), C("has_info", StageType.Flag), C("cached", StageType.Flag),
    ]);

    public StageTable Snapshots { get; } = new("as_snapshots",
    [
        C("seq", StageType.Int), C("account_id", StageType.Int), C("observed_at", StageType.Time), C("followers", StageType.Int), C("following", StageType.Int), C("posts", StageType.Int),
    ]);

    public StageTable Posts { get; } = new("as_posts",
    [
        C("seq", StageType.Int), C("platform"), C("external_id"), C("version"), C("local_id"), C("url"), C("author_id", StageType.Int), C("kind"), C("text"),
        C("language"), C("created_at", StageType.Time), C("indexed_at", StageType.Time), C("reply_to_ext"), C("reply_to_local"), C("reply_root_ext"),
        C("quote_of_ext"), C("quote_of_local"), C("repost_of_ext"), C("reply_target_id", StageType.Int), C("quote_target_id", StageType.Int),
        C("repost_target_id", StageType.Int), C("reply_count", StageType.Int), C("repost_count", StageType.Int), C("like_count", StageType.Int),
        C("quote_count", StageType.Int), C("force_deleted", StageType.Flag),
        Computed("post_id", StageType.Int), Computed("existed", StageType.Flag), Computed("old_version", StageType.Text), Computed("was_deleted", StageType.Flag),
        Computed("is_new", StageType.Flag), Computed("write_parts", StageType.Flag), Computed("reply_to_post_id", StageType.Int),
        Computed("quote_of_post_id", StageType.Int), Computed("repost_of_post_id", StageType.Int), Computed("is_deleted", StageType.Flag),
        Computed("deleted_at", StageType.Time),
    ], ["platform, external_id", "platform, local_id"]);

    public StageTable Tags { get; } = new("as_tags", [C("seq", StageType.Int), C("post_seq", StageType.Int), C("tag")]);

    public StageTable Links { get; } = new("as_links", [C("seq", StageType.Int), C("post_seq", StageType.Int), C("url"), C("domain")]);

    public StageTable Media { get; } = new("as_media", [C("seq", StageType.Int), C("post_seq", StageType.Int), C("url"), C("media_type"), C("alt_text")]);

    public StageTable Mentions { get; } = new("as_mentions", [C("seq", StageType.Int), C("post_seq", StageType.Int), C("target_id", StageType.Int), C("handle")]);

    public StageTable Edges { get; } = new("as_edges",
    [
        C("seq", StageType.Int), C("platform"), C("kind"), C("natural_key"), C("alt_key"), C("source_id", StageType.Int), C("target_id", StageType.Int),
        C("subject_ext"), C("occurred_at", StageType.Time), C("force_deleted", StageType.Flag),
        Computed("subject_post_id", StageType.Int), Computed("existed", StageType.Flag), Computed("is_deleted", StageType.Flag), Computed("deleted_at", StageType.Time),
    ]);

    public StageTable Deletions { get; } = new("as_deletions",
    [
        C("seq", StageType.Int), C("platform"), C("dkey"), C("is_local", StageType.Flag), C("target"), C("occurred_at", StageType.Time),
        Computed("post_id", StageType.Int), Computed("tkey", StageType.Text),
    ]);

    public string CreateStaging => string.Join('\n', new[] { Accounts, Snapshots, Posts, Tags, Links, Media, Mentions, Edges, Deletions }.Select(t => t.CreateSql(_provider)));

    /// <summary>Serialises archive writers on PostgreSQL (one batch at a time), as SQLite's write lock does.</summary>
    public string WriterLock => R("SELECT pg_advisory_xact_lock(7276001)");

    public string AccountsUpdate => R("""
        UPDATE accounts SET
            handle = COALESCE(s.handle_set, accounts.handle, s.handle_fill),
            display_name = COALESCE(s.display_name, accounts.display_name),
            bio = COALESCE(s.bio, accounts.bio),
            profile_url = COALESCE(s.profile_url, accounts.profile_url),
            avatar_url = COALESCE(s.avatar_url, accounts.avatar_url),
            created_at = COALESCE(s.created_at, accounts.created_at),
            status = COALESCE(s.status, accounts.status)
        FROM as_accounts s
        WHERE s.has_info = {T} AND accounts.platform = s.platform AND accounts.external_id = s.external_id
          AND ((s.handle_set IS NOT NULL AND s.handle_set {NE} accounts.handle)
            OR (accounts.handle IS NULL AND s.handle_fill IS NOT NULL)
            OR (s.display_name IS NOT NULL AND s.display_name {NE} accounts.display_name)
            OR (s.bio IS NOT NULL AND s.bio {NE} accounts.bio)
            OR (s.profile_url IS NOT NULL AND s.profile_url {NE} accounts.profile_url)
            OR (s.avatar_url IS NOT NULL AND s.avatar_url {NE} accounts.avatar_url)
            OR (s.created_at IS NOT NULL AND s.created_at {NE} accounts.created_at)
            OR (s.status IS NOT NULL AND s.status {NE} accounts.status))
        """);

    public string AccountsFillHandle => R("""
        UPDATE accounts SET handle = s.handle_fill FROM as_accounts s
        WHERE s.has_info = {F} AND s.handle_fill IS NOT NULL AND accounts.handle IS NULL AND accounts.platform = s.platform AND accounts.external_id = s.external_id
        """);

    public string AccountsInsert => R("""
        INSERT INTO accounts (platform, external_id, handle, display_name, bio, profile_url, avatar_url, created_at, status, first_seen_at)
        SELECT s.platform, s.external_id, COALESCE(s.handle_set, s.handle_fill), s.display_name, s.bio, s.profile_url, s.avatar_url, s.created_at, COALESCE(s.status, 'Active'), @now
        FROM as_accounts s
        WHERE s.cached = {F} AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.platform = s.platform AND a.external_id = s.external_id)
        ORDER BY s.seq
        ON CONFLICT (platform, external_id) DO NOTHING
        """);

    public string AccountIds => R("""
        SELECT s.seq, a.id, CAST(CASE WHEN a.handle IS NULL THEN 0 ELSE 1 END AS bigint), a.status
        FROM as_accounts s JOIN accounts a ON a.platform = s.platform AND a.external_id = s.external_id
        """);

    public string SnapshotsInsert => R("""
        INSERT INTO follower_snapshots (account_id, observed_at, followers, following, posts)
        SELECT account_id, observed_at, followers, following, posts FROM as_snapshots WHERE true ORDER BY seq
        ON CONFLICT (account_id, observed_at) DO NOTHING
        """);

    public string PostsExisting => R("""
        UPDATE as_posts SET post_id = p.id, existed = {T}, old_version = p.version, was_deleted = p.is_deleted
        FROM posts p WHERE p.platform = as_posts.platform AND p.external_id = as_posts.external_id
        """);

    public string PostsAssignIds => _provider == DatabaseProvider.PostgreSql
        ? "UPDATE as_posts SET post_id = nextval(pg_get_serial_sequence('posts', 'id')), is_new = true WHERE post_id IS NULL"
        : """
          UPDATE as_posts SET post_id = @base + r.rn, is_new = 1
          FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS rn FROM as_posts WHERE post_id IS NULL) AS r
          WHERE r.seq = as_posts.seq
          """;

    /// <summary>Resolves replies, quotes and reposts: first against the batch (new posts already have ids), then the archive.</summary>
    public IReadOnlyList<(string Name, string Sql, Func<ArchiveWriter.References, bool> Needed)> PostReferences => field ??=
    [
        .. ReferenceUpdates("reply", "reply_to", r => r.Reply, r => r.ReplyLocal),
        .. ReferenceUpdates("quote", "quote_of", r => r.Quote, r => r.QuoteLocal),
        .. ReferenceUpdates("repost", "repost_of", r => r.Repost, neededLocal: null),
    ];

    /// <summary>
    /// The statements that resolve one kind of reference (columns <c>{column}_post_id</c>, <c>{column}_ext</c>,
    /// <c>{column}_local</c>, <c>{kind}_target_id</c>): by natural key against the batch, then the archive; and, where the
    /// source gives only a local id (Mastodon), by local id against the batch, then the archive.
    /// </summary>
    private IEnumerable<(string Name, string Sql, Func<ArchiveWriter.References, bool> Needed)> ReferenceUpdates(
        string kind, string column, Func<ArchiveWriter.References, bool> needed, Func<ArchiveWriter.References, bool>? neededLocal)
    {
        var target = kind + "_target_id";
        yield return ($"ref-{kind}-batch", R($$"""
            UPDATE as_posts AS s SET {{column}}_post_id = r.post_id, {{target}} = COALESCE(s.{{target}}, r.author_id)
            FROM as_posts AS r WHERE s.is_new = {T} AND s.{{column}}_ext IS NOT NULL AND r.platform = s.platform AND r.external_id = s.{{column}}_ext
            """), needed);
        yield return ($"ref-{kind}-archive", R($$"""
            UPDATE as_posts AS s SET {{column}}_post_id = p.id, {{target}} = COALESCE(s.{{target}}, p.author_id)
            FROM posts AS p WHERE s.is_new = {T} AND s.{{column}}_post_id IS NULL AND s.{{column}}_ext IS NOT NULL AND p.platform = s.platform AND p.external_id = s.{{column}}_ext
            """), needed);
        if (neededLocal is null)
        {
            yield break;
        }

        yield return ($"ref-{kind}-local-batch", R($$"""
            UPDATE as_posts AS s SET {{column}}_post_id = r.post_id, {{column}}_ext = r.external_id, {{target}} = COALESCE(s.{{target}}, r.author_id)
            FROM as_posts AS r WHERE s.is_new = {T} AND s.{{column}}_post_id IS NULL AND s.{{column}}_ext IS NULL AND s.{{column}}_local IS NOT NULL AND r.platform = s.platform AND r.local_id = s.{{column}}_local
            """), neededLocal);
        yield return ($"ref-{kind}-local-archive", R($$"""
            UPDATE as_posts AS s SET {{column}}_post_id = p.id, {{column}}_ext = p.external_id, {{target}} = COALESCE(s.{{target}}, p.author_id)
            FROM posts AS p WHERE s.is_new = {T} AND s.{{column}}_post_id IS NULL AND s.{{column}}_ext IS NULL AND s.{{column}}_local IS NOT NULL AND p.platform = {NOIDX}s.platform AND p.local_id = s.{{column}}_local
            """), neededLocal);
    }

    public string PostsTombstoned => R("""
        UPDATE as_posts SET is_deleted = {T}, deleted_at = COALESCE(
                (SELECT t.deleted_at FROM tombstones t WHERE t.platform = as_posts.platform AND t.key = as_posts.external_id),
                (SELECT t.deleted_at FROM tombstones t WHERE t.platform = as_posts.platform AND t.key = 'local:' || as_posts.local_id),
                @now)
        WHERE is_new = {T} AND (force_deleted = {T}
            OR EXISTS (SELECT 1 FROM tombstones t WHERE t.platform = as_posts.platform AND t.key = as_posts.external_id)
            OR (local_id IS NOT NULL AND EXISTS (SELECT 1 FROM tombstones t WHERE t.platform = as_posts.platform AND t.key = 'local:' || as_posts.local_id)))
        """);

    public string PostsNewKinds => R("SELECT kind, count(*) FROM as_posts WHERE is_new = {T} GROUP BY kind");

    public string PostsInsert => R("""
        INSERT INTO posts (id, platform, external_id, version, local_id, url, author_id, kind, text, language, created_at, indexed_at,
            reply_to_external_id, reply_to_local_id, reply_to_post_id, reply_root_external_id, quote_of_external_id, quote_of_local_id, quote_of_post_id,
            repost_of_external_id, repost_of_post_id, reply_count, repost_count, like_count, quote_count, is_deleted, deleted_at, import_run_id)
        SELECT post_id, platform, external_id, version, local_id, url, author_id, kind, text, language, created_at, indexed_at,
            reply_to_ext, reply_to_local, reply_to_post_id, reply_root_ext, quote_of_ext, quote_of_local, quote_of_post_id,
            repost_of_ext, repost_of_post_id, reply_count, repost_count, like_count, quote_count, is_deleted, deleted_at, @run
        FROM as_posts WHERE is_new = {T} ORDER BY post_id
        """);

    /// <summary>Marks stored posts that arrived with a new version (an edit) and are not deleted; returns how many.</summary>
    public string PostsEdited => R("""
        UPDATE as_posts SET write_parts = {T} WHERE existed = {T} AND was_deleted = {F} AND version IS NOT NULL AND version {NE} old_version
        """);

    public IReadOnlyList<(string Name, string Sql)> PostsEdit => field ??=
    [
        ("edit-posts", R("""
            UPDATE posts SET version = s.version, text = s.text, language = COALESCE(s.language, posts.language),
                reply_count = COALESCE(s.reply_count, posts.reply_count), repost_count = COALESCE(s.repost_count, posts.repost_count),
                like_count = COALESCE(s.like_count, posts.like_count), quote_count = COALESCE(s.quote_count, posts.quote_count)
            FROM as_posts s WHERE s.write_parts = {T} AND posts.id = s.post_id
            """)),
        ("edit-hashtags", R("DELETE FROM post_hashtags WHERE post_id IN (SELECT post_id FROM as_posts WHERE write_parts = {T})")),
        ("edit-links", R("DELETE FROM post_links WHERE post_id IN (SELECT post_id FROM as_posts WHERE write_parts = {T})")),
        ("edit-media", R("DELETE FROM post_media WHERE post_id IN (SELECT post_id FROM as_posts WHERE write_parts = {T})")),
    ];

    public string PostsWriteParts => R("UPDATE as_posts SET write_parts = {T} WHERE is_new = {T}");

    public string TagsInsert => R("""
        INSERT INTO post_hashtags (post_id, tag, created_at, author_id)
        SELECT s.post_id, t.tag, s.created_at, s.author_id FROM as_tags t JOIN as_posts s ON s.seq = t.post_seq
        WHERE s.write_parts = {T} ORDER BY t.seq
        ON CONFLICT (post_id, tag) DO NOTHING
        """);

    public string LinksInsert => R("""
        INSERT INTO post_links (post_id, url, domain)
        SELECT s.post_id, l.url, l.domain FROM as_links l JOIN as_posts s ON s.seq = l.post_seq WHERE s.write_parts = {T} ORDER BY l.seq
        """);

    public string MediaInsert => R("""
        INSERT INTO post_media (post_id, url, media_type, alt_text)
        SELECT s.post_id, m.url, m.media_type, m.alt_text FROM as_media m JOIN as_posts s ON s.seq = m.post_seq WHERE s.write_parts = {T} ORDER BY m.seq
        """);

    private const string EdgeColumns = "platform, kind, natural_key, source_account_id, target_account_id, post_id, subject_external_id, subject_post_id, occurred_at, is_deleted, deleted_at, import_run_id";

    /// <summary>The edges a new post implies: its reply, quote or repost (counted with the post) and its mentions.</summary>
    public IReadOnlyList<(string Name, string Sql, Func<ArchiveWriter.References, bool> Needed)> DerivedEdges => field ??=
    [
        ("edge-replies", R($"""
            INSERT INTO interactions ({EdgeColumns})
            SELECT platform, 'Reply', 'reply:' || external_id, author_id, reply_target_id, post_id, reply_to_ext, reply_to_post_id, created_at, is_deleted, deleted_at, @run
            FROM as_posts WHERE is_new = {"{T}"} AND (reply_to_ext IS NOT NULL OR reply_to_local IS NOT NULL) ORDER BY post_id
            ON CONFLICT (platform, natural_key) DO NOTHING
            """), r => r.Reply || r.ReplyLocal),
        ("edge-quotes", R($"""
            INSERT INTO interactions ({EdgeColumns})
            SELECT platform, 'Quote', 'quote:' || external_id, author_id, quote_target_id, post_id, quote_of_ext, quote_of_post_id, created_at, is_deleted, deleted_at, @run
            FROM as_posts WHERE is_new = {"{T}"} AND (quote_of_ext IS NOT NULL OR quote_of_local IS NOT NULL) ORDER BY post_id
            ON CONFLICT (platform, natural_key) DO NOTHING
            """), r => r.Quote || r.QuoteLocal),
        ("edge-reposts", R($"""
            INSERT INTO interactions ({EdgeColumns})
            SELECT platform, 'Repost', 'repost:' || external_id, author_id, repost_target_id, post_id, repost_of_ext, repost_of_post_id, created_at, is_deleted, deleted_at, @run
            FROM as_posts WHERE is_new = {"{T}"} AND kind = 'Repost' AND (repost_of_ext IS NOT NULL OR repost_target_id IS NOT NULL) ORDER BY post_id
            ON CONFLICT (platform, natural_key) DO NOTHING
            """), r => r.Repost),
    ];

    public string MentionsByHandle => R("""
        UPDATE as_mentions SET target_id = (SELECT min(a.id) FROM accounts a JOIN as_posts s ON s.seq = as_mentions.post_seq WHERE a.platform = s.platform AND a.handle = as_mentions.handle)
        WHERE target_id IS NULL
        """);

    public string MentionsInsert => R($"""
        INSERT INTO interactions ({EdgeColumns})
        SELECT s.platform, 'Mention', 'mention:' || s.external_id || ':' || CAST(m.target_id AS text), s.author_id, m.target_id, s.post_id, NULL, NULL,
            s.created_at, s.is_deleted, s.deleted_at, @run
        FROM as_mentions m JOIN as_posts s ON s.seq = m.post_seq WHERE s.is_new = {"{T}"} AND m.target_id IS NOT NULL ORDER BY m.seq
        ON CONFLICT (platform, natural_key) DO NOTHING
        """);

    public string EdgesSubjects => R("""
        UPDATE as_edges SET subject_post_id = p.id, target_id = COALESCE(as_edges.target_id, p.author_id)
        FROM posts p WHERE as_edges.subject_ext IS NOT NULL AND p.platform = as_edges.platform AND p.external_id = as_edges.subject_ext
        """);

    public string EdgesExisting => R("""
        UPDATE as_edges SET existed = {T} WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.platform = as_edges.platform AND i.natural_key = as_edges.natural_key)
        """);

    /// <summary>
    /// One follow per (source, target) while it lives, whichever way it was seen: a follow record (keyed by its AT-URI)
    /// takes over a follow seen before in a list (keyed <c>follow:{source}:{target}</c>), and a listed follow adds
    /// nothing while a live follow of the same pair is stored.
    /// </summary>
    public IReadOnlyList<(string Name, string Sql)> FollowMatching => field ??=
    [
        ("follow-rekey", R("""
            UPDATE interactions SET natural_key = s.natural_key FROM as_edges s
            WHERE s.existed = {F} AND s.alt_key IS NOT NULL AND interactions.platform = s.platform AND interactions.natural_key = s.alt_key AND interactions.is_deleted = {F}
            """)),
        ("follow-rekeyed", R("""
            UPDATE as_edges SET existed = {T}
            WHERE existed = {F} AND alt_key IS NOT NULL AND EXISTS (SELECT 1 FROM interactions i WHERE i.platform = as_edges.platform AND i.natural_key = as_edges.natural_key)
            """)),
        ("follow-pairs", R("""
            UPDATE as_edges SET existed = {T}
            WHERE existed = {F} AND kind = 'Follow' AND alt_key IS NULL AND target_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM interactions i WHERE i.source_account_id = as_edges.source_id AND i.kind = 'Follow' AND i.target_account_id = as_edges.target_id
                    AND i.platform = as_edges.platform AND i.is_deleted = {F})
            """)),
    ];

    public string EdgesTombstoned => R("""
        UPDATE as_edges SET is_deleted = {T}, deleted_at = COALESCE((SELECT t.deleted_at FROM tombstones t WHERE t.platform = as_edges.platform AND t.key = as_edges.natural_key), @now)
        WHERE existed = {F} AND (force_deleted = {T} OR EXISTS (SELECT 1 FROM tombstones t WHERE t.platform = as_edges.platform AND t.key = as_edges.natural_key))
        """);

    public string EdgesNewKinds => R("SELECT kind, count(*) FROM as_edges WHERE existed = {F} GROUP BY kind");

    public string EdgesInsert => R($"""
        INSERT INTO interactions ({EdgeColumns})
        SELECT platform, kind, natural_key, source_id, target_id, NULL, subject_ext, subject_post_id, occurred_at, is_deleted, deleted_at, @run
        FROM as_edges WHERE existed = {"{F}"} ORDER BY seq
        ON CONFLICT (platform, natural_key) DO NOTHING
        """);

    public IReadOnlyList<(string Name, string Sql)> DeletionsApply => field ??=
    [
        ("del-local", R("""
            UPDATE as_deletions SET post_id = p.id, tkey = p.external_id
            FROM posts p WHERE as_deletions.is_local = {T} AND p.platform = {NOIDX}as_deletions.platform AND p.local_id = as_deletions.dkey
            """)),
        ("del-keys", R("UPDATE as_deletions SET tkey = CASE WHEN is_local = {T} THEN 'local:' || dkey ELSE dkey END WHERE tkey IS NULL")),
        ("del-post-ids", R("""
            UPDATE as_deletions SET post_id = p.id
            FROM posts p WHERE as_deletions.post_id IS NULL AND as_deletions.is_local = {F} AND as_deletions.target <> 'Interaction'
                AND p.platform = as_deletions.platform AND p.external_id = as_deletions.dkey
            """)),
        ("del-posts", R("""
            UPDATE posts SET is_deleted = {T}, deleted_at = s.occurred_at FROM as_deletions s WHERE posts.id = s.post_id AND posts.is_deleted = {F}
            """)),
        ("del-post-edges", R("""
            UPDATE interactions SET is_deleted = {T}, deleted_at = s.occurred_at FROM as_deletions s WHERE interactions.post_id = s.post_id AND interactions.is_deleted = {F}
            """)),
        ("del-edges", R("""
            UPDATE interactions SET is_deleted = {T}, deleted_at = s.occurred_at FROM as_deletions s
            WHERE s.target <> 'Post' AND interactions.platform = s.platform AND interactions.natural_key = s.tkey AND interactions.is_deleted = {F}
            """)),
    ];

    public string DeletionsTombstones => R("""
        INSERT INTO tombstones (platform, key, deleted_at) SELECT platform, tkey, occurred_at FROM as_deletions WHERE true ORDER BY seq
        ON CONFLICT (platform, key) DO NOTHING
        """);

    /// <summary>An undone follow also tombstones its pair key, so re-importing an older follower list does not bring it back.</summary>
    public string DeletionsFollowPairs => R("""
        INSERT INTO tombstones (platform, key, deleted_at)
        SELECT i.platform, 'follow:' || a.external_id || ':' || b.external_id, s.occurred_at
        FROM as_deletions s
        JOIN interactions i ON i.platform = s.platform AND i.natural_key = s.tkey
        JOIN accounts a ON a.id = i.source_account_id
        JOIN accounts b ON b.id = i.target_account_id
        WHERE s.target <> 'Post' AND i.kind = 'Follow'
        ON CONFLICT (platform, key) DO NOTHING
        """);

    public string PurgePosts => R("UPDATE posts SET is_deleted = {T}, deleted_at = @now WHERE author_id = @id AND is_deleted = {F}");

    public string PurgeEdges => R("UPDATE interactions SET is_deleted = {T}, deleted_at = @now WHERE source_account_id = @id AND is_deleted = {F}");

    /// <summary>References that could not be resolved when their post arrived (the referenced post came later).</summary>
    public IReadOnlyList<(string Name, string Sql)> Relink => field ??=
    [
        ("relink-replies", """
            UPDATE posts SET reply_to_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.reply_to_external_id)
            WHERE reply_to_post_id IS NULL AND reply_to_external_id IS NOT NULL
            """),
        ("relink-reply-locals", R("""
            UPDATE posts SET reply_to_post_id = p2.id, reply_to_external_id = p2.external_id FROM posts p2
            WHERE posts.reply_to_post_id IS NULL AND posts.reply_to_external_id IS NULL AND posts.reply_to_local_id IS NOT NULL
                AND p2.platform = {NOIDX}posts.platform AND p2.local_id = posts.reply_to_local_id
            """)),
        ("relink-quotes", """
            UPDATE posts SET quote_of_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.quote_of_external_id)
            WHERE quote_of_post_id IS NULL AND quote_of_external_id IS NOT NULL
            """),
        ("relink-quote-locals", R("""
            UPDATE posts SET quote_of_post_id = p2.id, quote_of_external_id = p2.external_id FROM posts p2
            WHERE posts.quote_of_post_id IS NULL AND posts.quote_of_external_id IS NULL AND posts.quote_of_local_id IS NOT NULL
                AND p2.platform = {NOIDX}posts.platform AND p2.local_id = posts.quote_of_local_id
            """)),
        ("relink-reposts", """
            UPDATE posts SET repost_of_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = posts.platform AND p2.external_id = posts.repost_of_external_id)
            WHERE repost_of_post_id IS NULL AND repost_of_external_id IS NOT NULL
            """),
        ("relink-edge-subjects-local", """
            UPDATE interactions SET subject_external_id = p.reply_to_external_id, subject_post_id = p.reply_to_post_id FROM posts p
            WHERE interactions.kind = 'Reply' AND interactions.subject_external_id IS NULL AND interactions.post_id = p.id AND p.reply_to_post_id IS NOT NULL
            """),
        ("relink-subjects", """
            UPDATE interactions SET subject_post_id = (SELECT p2.id FROM posts p2 WHERE p2.platform = interactions.platform AND p2.external_id = interactions.subject_external_id)
            WHERE subject_post_id IS NULL AND subject_external_id IS NOT NULL
            """),
        ("relink-targets", """
            UPDATE interactions SET target_account_id = (SELECT p2.author_id FROM posts p2 WHERE p2.id = interactions.subject_post_id)
            WHERE target_account_id IS NULL AND subject_post_id IS NOT NULL
            """),
    ];
}
