-- 0301 hashtag segments: the facts of one hashtag on one UTC day, stored compactly so a dashboard over a million
-- posts reads a few blobs (docs/hashtags.md, "At scale"). Triggers on the archive tables mark a day dirty when a row
-- that a segment of that day depends on changes; the next report clears the dirty days' segments and rebuilds them.
-- Inserts mark a day once (the NOT EXISTS keeps the table small during a bulk import; SQLite has a single writer).

CREATE TABLE "hashtag_segments" (
    "tag" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    CONSTRAINT "pk_hashtag_segments" PRIMARY KEY ("tag", "day")
);

CREATE TABLE "hashtag_dirty_days" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hashtag_dirty_days" PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL
);

CREATE TABLE "hashtag_segment_states" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hashtag_segment_states" PRIMARY KEY,
    "generation" INTEGER NOT NULL
);

CREATE INDEX "ix_hashtag_segments_day" ON "hashtag_segments" ("day");

CREATE INDEX "ix_hashtag_dirty_days_day" ON "hashtag_dirty_days" ("day");

INSERT INTO "hashtag_segment_states" ("id", "generation") VALUES (1, 0);

-- A new post: its day (a repost's day also covers the original's figures, which are counted by repost time).
CREATE TRIGGER "hashtag_dirty_posts_insert" AFTER INSERT ON "posts"
WHEN NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = substr(NEW."created_at", 1, 10))
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day") VALUES (substr(NEW."created_at", 1, 10));
END;

-- A changed post (deleted, edited, relinked, moved to another author): its old and new day, and the days of its reposts.
CREATE TRIGGER "hashtag_dirty_posts_update"
AFTER UPDATE OF "is_deleted", "kind", "language", "created_at", "author_id", "repost_of_post_id", "repost_of_external_id", "version" ON "posts"
WHEN OLD."is_deleted" IS NOT NEW."is_deleted" OR OLD."kind" IS NOT NEW."kind" OR OLD."language" IS NOT NEW."language"
    OR OLD."created_at" IS NOT NEW."created_at" OR OLD."author_id" IS NOT NEW."author_id" OR OLD."repost_of_post_id" IS NOT NEW."repost_of_post_id"
    OR OLD."repost_of_external_id" IS NOT NEW."repost_of_external_id" OR OLD."version" IS NOT NEW."version"
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day")
    SELECT d."day" FROM (
        SELECT substr(OLD."created_at", 1, 10) AS "day"
        UNION SELECT substr(NEW."created_at", 1, 10)
        UNION SELECT substr(r."created_at", 1, 10) FROM "posts" r WHERE r."repost_of_post_id" = NEW."id"
    ) d
    WHERE NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = d."day");
END;

-- Hashtags or links removed from a post (an edit replaces them): the post's day and its reposts' days.
CREATE TRIGGER "hashtag_dirty_post_hashtags_delete" AFTER DELETE ON "post_hashtags"
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day")
    SELECT d."day" FROM (
        SELECT substr(OLD."created_at", 1, 10) AS "day"
        UNION SELECT substr(r."created_at", 1, 10) FROM "posts" r WHERE r."repost_of_post_id" = OLD."post_id"
    ) d
    WHERE NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = d."day");
END;

CREATE TRIGGER "hashtag_dirty_post_links_delete" AFTER DELETE ON "post_links"
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day")
    SELECT substr(p."created_at", 1, 10) FROM "posts" p
    WHERE p."id" = OLD."post_id" AND NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = substr(p."created_at", 1, 10));
END;

-- A like or mention: the day of the post it belongs to (likes: the liked post; mentions: the mentioning post).
CREATE TRIGGER "hashtag_dirty_interactions_insert" AFTER INSERT ON "interactions"
WHEN NEW."kind" IN ('Like', 'Mention')
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day")
    SELECT substr(p."created_at", 1, 10) FROM "posts" p
    WHERE p."id" = CASE NEW."kind" WHEN 'Like' THEN NEW."subject_post_id" ELSE NEW."post_id" END
      AND NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = substr(p."created_at", 1, 10));
END;

CREATE TRIGGER "hashtag_dirty_interactions_update"
AFTER UPDATE OF "is_deleted", "kind", "source_account_id", "target_account_id", "post_id", "subject_post_id" ON "interactions"
WHEN (OLD."kind" IN ('Like', 'Mention') OR NEW."kind" IN ('Like', 'Mention'))
    AND (OLD."is_deleted" IS NOT NEW."is_deleted" OR OLD."kind" IS NOT NEW."kind" OR OLD."source_account_id" IS NOT NEW."source_account_id"
        OR OLD."target_account_id" IS NOT NEW."target_account_id" OR OLD."post_id" IS NOT NEW."post_id" OR OLD."subject_post_id" IS NOT NEW."subject_post_id")
BEGIN
    INSERT INTO "hashtag_dirty_days" ("day")
    SELECT DISTINCT substr(p."created_at", 1, 10) FROM "posts" p
    WHERE p."id" IN (OLD."post_id", OLD."subject_post_id", NEW."post_id", NEW."subject_post_id")
      AND NOT EXISTS (SELECT 1 FROM "hashtag_dirty_days" x WHERE x."day" = substr(p."created_at", 1, 10));
END;
