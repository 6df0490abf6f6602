-- 0100 archive import: local-id references of posts (Mastodon replies and quotes), edit and record counts of import
-- runs, the harvest cursors of `somescholar fetch`, partial indexes for the mostly-empty reference columns (bulk loads
-- do not pay for NULLs), and the full-text index of post text (a GIN index over to_tsvector('simple', text)).

ALTER TABLE posts ADD COLUMN reply_to_local_id character varying(128);
ALTER TABLE posts ADD COLUMN quote_of_local_id character varying(128);
ALTER TABLE import_runs ADD COLUMN updated bigint NOT NULL DEFAULT 0;
ALTER TABLE import_runs ADD COLUMN records bigint NOT NULL DEFAULT 0;

CREATE TABLE fetch_cursors (
    job_key character varying(1024) NOT NULL,
    cursor character varying(4096),
    high_water_mark character varying(256),
    completed boolean NOT NULL,
    pages bigint NOT NULL,
    records bigint NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_fetch_cursors PRIMARY KEY (job_key)
);

DROP INDEX ix_posts_platform_local_id;
CREATE INDEX ix_posts_platform_local_id ON posts (platform, local_id) WHERE local_id IS NOT NULL;
DROP INDEX ix_posts_reply_to_post_id;
CREATE INDEX ix_posts_reply_to_post_id ON posts (reply_to_post_id) WHERE reply_to_post_id IS NOT NULL;
DROP INDEX ix_posts_quote_of_post_id;
CREATE INDEX ix_posts_quote_of_post_id ON posts (quote_of_post_id) WHERE quote_of_post_id IS NOT NULL;
DROP INDEX ix_posts_repost_of_post_id;
CREATE INDEX ix_posts_repost_of_post_id ON posts (repost_of_post_id) WHERE repost_of_post_id IS NOT NULL;
DROP INDEX ix_interactions_post_id;
CREATE INDEX ix_interactions_post_id ON interactions (post_id) WHERE post_id IS NOT NULL;
DROP INDEX ix_interactions_subject_post_id;
CREATE INDEX ix_interactions_subject_post_id ON interactions (subject_post_id) WHERE subject_post_id IS NOT NULL;

CREATE INDEX fts_posts_text ON posts USING gin (to_tsvector('simple', text));
