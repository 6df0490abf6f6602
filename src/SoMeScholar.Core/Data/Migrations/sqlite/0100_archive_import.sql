-- 0100 archive import: local-id references of posts (Mastodon replies and quotes), edit and record counts of import
-- runs, the harvest cursors of `somescholar fetch`, partial indexes for the mostly-empty reference columns (bulk loads
-- do not pay for NULLs), and the full-text index of post text (FTS5, external content kept in sync by triggers).

ALTER TABLE "posts" ADD COLUMN "reply_to_local_id" TEXT NULL;
ALTER TABLE "posts" ADD COLUMN "quote_of_local_id" TEXT NULL;
ALTER TABLE "import_runs" ADD COLUMN "updated" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "import_runs" ADD COLUMN "records" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "fetch_cursors" (
    "job_key" TEXT NOT NULL CONSTRAINT "pk_fetch_cursors" PRIMARY KEY,
    "cursor" TEXT NULL,
    "high_water_mark" TEXT NULL,
    "completed" INTEGER NOT NULL,
    "pages" INTEGER NOT NULL,
    "records" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL
);

DROP INDEX "ix_posts_platform_local_id";
CREATE INDEX "ix_posts_platform_local_id" ON "posts" ("platform", "local_id") WHERE "local_id" IS NOT NULL;
DROP INDEX "ix_posts_reply_to_post_id";
CREATE INDEX "ix_posts_reply_to_post_id" ON "posts" ("reply_to_post_id") WHERE "reply_to_post_id" IS NOT NULL;
DROP INDEX "ix_posts_quote_of_post_id";
CREATE INDEX "ix_posts_quote_of_post_id" ON "posts" ("quote_of_post_id") WHERE "quote_of_post_id" IS NOT NULL;
DROP INDEX "ix_posts_repost_of_post_id";
CREATE INDEX "ix_posts_repost_of_post_id" ON "posts" ("repost_of_post_id") WHERE "repost_of_post_id" IS NOT NULL;
DROP INDEX "ix_interactions_post_id";
CREATE INDEX "ix_interactions_post_id" ON "interactions" ("post_id") WHERE "post_id" IS NOT NULL;
DROP INDEX "ix_interactions_subject_post_id";
CREATE INDEX "ix_interactions_subject_post_id" ON "interactions" ("subject_post_id") WHERE "subject_post_id" IS NOT NULL;

CREATE VIRTUAL TABLE "fts_posts" USING fts5("text", content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER "fts_posts_insert" AFTER INSERT ON "posts" WHEN new."text" <> '' BEGIN
    INSERT INTO "fts_posts" (rowid, "text") VALUES (new."id", new."text");
END;

CREATE TRIGGER "fts_posts_delete" AFTER DELETE ON "posts" WHEN old."text" <> '' BEGIN
    INSERT INTO "fts_posts" ("fts_posts", rowid, "text") VALUES ('delete', old."id", old."text");
END;

CREATE TRIGGER "fts_posts_update" AFTER UPDATE OF "text" ON "posts" WHEN old."text" IS NOT new."text" BEGIN
    INSERT INTO "fts_posts" ("fts_posts", rowid, "text") SELECT 'delete', old."id", old."text" WHERE old."text" <> '';
    INSERT INTO "fts_posts" (rowid, "text") SELECT new."id", new."text" WHERE new."text" <> '';
END;

INSERT INTO "fts_posts" ("fts_posts") VALUES ('rebuild');
