-- 0300 hashtags: conference events (hashtags, sessions), the live wall (settings, allow/deny lists, posts with their
-- moderation state, the decision log), and indexes over the archive for hashtag analytics (docs/hashtags.md).
-- Hand-written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "hashtag_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hashtag_events" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "days_before" INTEGER NOT NULL,
    "days_after" INTEGER NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL
);

CREATE TABLE "event_hashtags" (
    "event_id" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "pk_event_hashtags" PRIMARY KEY ("event_id", "tag"),
    CONSTRAINT "fk_event_hashtags_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "event_sessions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_event_sessions" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "room" TEXT NULL,
    "speakers" TEXT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "hashtag" TEXT NULL,
    CONSTRAINT "fk_event_sessions_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "wall_list_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_wall_list_entries" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    CONSTRAINT "fk_wall_list_entries_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "wall_settings" (
    "event_id" INTEGER NOT NULL CONSTRAINT "pk_wall_settings" PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "check_professionalism" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "source_address" TEXT NULL,
    "replay_speed" REAL NOT NULL,
    "is_running" INTEGER NOT NULL,
    "cursor" TEXT NULL,
    "last_error" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_wall_settings_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "wall_posts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_wall_posts" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "post_id" INTEGER NULL,
    "platform" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "author_external_id" TEXT NOT NULL,
    "author_handle" TEXT NULL,
    "author_name" TEXT NULL,
    "text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pinned" INTEGER NOT NULL,
    "reason" TEXT NULL,
    "media" TEXT NULL,
    "media_count" INTEGER NOT NULL,
    "decided_at" TEXT NULL,
    "decided_by" TEXT NULL,
    "sequence" INTEGER NOT NULL,
    CONSTRAINT "fk_wall_posts_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_wall_posts_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE SET NULL
);

CREATE TABLE "wall_decisions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_wall_decisions" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "wall_post_id" INTEGER NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "detail" TEXT NULL,
    CONSTRAINT "fk_wall_decisions_hashtag_events_event_id" FOREIGN KEY ("event_id") REFERENCES "hashtag_events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_wall_decisions_wall_posts_wall_post_id" FOREIGN KEY ("wall_post_id") REFERENCES "wall_posts" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_event_hashtags_tag" ON "event_hashtags" ("tag");

CREATE INDEX "ix_event_sessions_event_id_starts_at" ON "event_sessions" ("event_id", "starts_at");

CREATE UNIQUE INDEX "ix_hashtag_events_slug" ON "hashtag_events" ("slug");

CREATE INDEX "ix_hashtag_events_start_date" ON "hashtag_events" ("start_date");

CREATE INDEX "ix_wall_decisions_event_id_at" ON "wall_decisions" ("event_id", "at");

CREATE INDEX "ix_wall_decisions_wall_post_id" ON "wall_decisions" ("wall_post_id");

CREATE UNIQUE INDEX "ix_wall_list_entries_event_id_kind_value" ON "wall_list_entries" ("event_id", "kind", "value");

CREATE UNIQUE INDEX "ix_wall_posts_event_id_platform_external_id" ON "wall_posts" ("event_id", "platform", "external_id");

CREATE INDEX "ix_wall_posts_event_id_sequence" ON "wall_posts" ("event_id", "sequence");

CREATE INDEX "ix_wall_posts_event_id_status_created_at" ON "wall_posts" ("event_id", "status", "created_at");

CREATE INDEX "ix_wall_posts_post_id" ON "wall_posts" ("post_id");

-- Analytics indexes over the archive (not in the EF model: the verifier allows extra indexes).
-- Tracked posts of a tag set in a window: one covering range scan, no lookup into post_hashtags itself.
CREATE INDEX "ix_post_hashtags_tag_created_at_post_id_author_id" ON "post_hashtags" ("tag", "created_at", "post_id", "author_id");

-- Reposts made in a window, with their original and author, without touching the wide posts rows.
CREATE INDEX "ix_posts_reposts_created_at" ON "posts" ("created_at", "repost_of_post_id", "author_id", "is_deleted") WHERE "kind" = 'Repost';

-- Mentions made by a range of posts, and likes of a range of posts (scanned by post id range, matched in memory).
CREATE INDEX "ix_interactions_mentions_post_id" ON "interactions" ("post_id", "target_account_id", "is_deleted") WHERE "kind" = 'Mention';

CREATE INDEX "ix_interactions_likes_subject_post_id" ON "interactions" ("subject_post_id", "source_account_id", "is_deleted") WHERE "kind" = 'Like';
