-- 0001 foundation: identity (users, roles), data-protection keys, people, settings, and the archive (accounts, follower snapshots,
-- posts with hashtags, links and media, typed interaction edges, import runs, quarantined records, tombstones of deletions).
-- Hand-written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "asp_net_roles" (
    "id" TEXT NOT NULL CONSTRAINT "pk_asp_net_roles" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NOT NULL
);

CREATE TABLE "import_runs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_runs" PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "platform" TEXT NULL,
    "fingerprint" TEXT NULL,
    "status" TEXT NOT NULL,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT NULL,
    "checkpoint" TEXT NULL,
    "posts" INTEGER NOT NULL,
    "replies" INTEGER NOT NULL,
    "quotes" INTEGER NOT NULL,
    "reposts" INTEGER NOT NULL,
    "likes" INTEGER NOT NULL,
    "follows" INTEGER NOT NULL,
    "mentions" INTEGER NOT NULL,
    "accounts" INTEGER NOT NULL,
    "deleted" INTEGER NOT NULL,
    "quarantined" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "message" TEXT NULL
);

CREATE TABLE "people" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_people" PRIMARY KEY AUTOINCREMENT,
    "display_name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "profession" TEXT NOT NULL,
    "specialty" TEXT NULL,
    "institution" TEXT NULL,
    "country" TEXT NULL,
    "time_zone" TEXT NULL,
    "languages" TEXT NULL,
    "bio" TEXT NULL,
    "is_synthetic" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "settings" (
    "key" TEXT NOT NULL CONSTRAINT "pk_settings" PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "tombstones" (
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "deleted_at" TEXT NOT NULL,
    CONSTRAINT "pk_tombstones" PRIMARY KEY ("platform", "key")
);

CREATE TABLE "asp_net_role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_asp_net_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_asp_net_role_claims_asp_net_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "asp_net_roles" ("id") ON DELETE CASCADE
);

CREATE TABLE "quarantined_records" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_quarantined_records" PRIMARY KEY AUTOINCREMENT,
    "import_run_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "line" INTEGER NULL,
    "byte_offset" INTEGER NULL,
    "field" TEXT NULL,
    "reason" TEXT NOT NULL,
    "excerpt" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_quarantined_records_import_runs_import_run_id" FOREIGN KEY ("import_run_id") REFERENCES "import_runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "accounts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_accounts" PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "handle" TEXT NULL,
    "display_name" TEXT NULL,
    "bio" TEXT NULL,
    "profile_url" TEXT NULL,
    "avatar_url" TEXT NULL,
    "created_at" TEXT NULL,
    "status" TEXT NOT NULL,
    "first_seen_at" TEXT NOT NULL,
    "person_id" INTEGER NULL,
    CONSTRAINT "fk_accounts_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL
);

CREATE TABLE "asp_net_users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_asp_net_users" PRIMARY KEY,
    "display_name" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "must_change_password" INTEGER NOT NULL,
    "person_id" INTEGER NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL,
    CONSTRAINT "fk_asp_net_users_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL
);

CREATE TABLE "person_roles" (
    "person_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "pk_person_roles" PRIMARY KEY ("person_id", "role"),
    CONSTRAINT "fk_person_roles_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "follower_snapshots" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_follower_snapshots" PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "observed_at" TEXT NOT NULL,
    "followers" INTEGER NULL,
    "following" INTEGER NULL,
    "posts" INTEGER NULL,
    CONSTRAINT "fk_follower_snapshots_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);

CREATE TABLE "posts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_posts" PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "version" TEXT NULL,
    "local_id" TEXT NULL,
    "url" TEXT NULL,
    "author_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "indexed_at" TEXT NULL,
    "reply_to_external_id" TEXT NULL,
    "reply_to_post_id" INTEGER NULL,
    "reply_root_external_id" TEXT NULL,
    "quote_of_external_id" TEXT NULL,
    "quote_of_post_id" INTEGER NULL,
    "repost_of_external_id" TEXT NULL,
    "repost_of_post_id" INTEGER NULL,
    "reply_count" INTEGER NULL,
    "repost_count" INTEGER NULL,
    "like_count" INTEGER NULL,
    "quote_count" INTEGER NULL,
    "is_deleted" INTEGER NOT NULL,
    "deleted_at" TEXT NULL,
    "import_run_id" INTEGER NULL,
    CONSTRAINT "fk_posts_accounts_author_id" FOREIGN KEY ("author_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_posts_posts_quote_of_post_id" FOREIGN KEY ("quote_of_post_id") REFERENCES "posts" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_posts_posts_reply_to_post_id" FOREIGN KEY ("reply_to_post_id") REFERENCES "posts" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_posts_posts_repost_of_post_id" FOREIGN KEY ("repost_of_post_id") REFERENCES "posts" ("id") ON DELETE SET NULL
);

CREATE TABLE "asp_net_user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_asp_net_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_asp_net_user_claims_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "asp_net_user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_asp_net_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_asp_net_user_logins_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "asp_net_user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "pk_asp_net_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "fk_asp_net_user_roles_asp_net_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "asp_net_roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_asp_net_user_roles_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "asp_net_user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_asp_net_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_asp_net_user_tokens_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "interactions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_interactions" PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "natural_key" TEXT NOT NULL,
    "source_account_id" INTEGER NOT NULL,
    "target_account_id" INTEGER NULL,
    "post_id" INTEGER NULL,
    "subject_external_id" TEXT NULL,
    "subject_post_id" INTEGER NULL,
    "occurred_at" TEXT NULL,
    "is_deleted" INTEGER NOT NULL,
    "deleted_at" TEXT NULL,
    "import_run_id" INTEGER NULL,
    CONSTRAINT "fk_interactions_accounts_source_account_id" FOREIGN KEY ("source_account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_interactions_accounts_target_account_id" FOREIGN KEY ("target_account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_interactions_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_interactions_posts_subject_post_id" FOREIGN KEY ("subject_post_id") REFERENCES "posts" ("id") ON DELETE SET NULL
);

CREATE TABLE "post_hashtags" (
    "post_id" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "author_id" INTEGER NOT NULL,
    CONSTRAINT "pk_post_hashtags" PRIMARY KEY ("post_id", "tag"),
    CONSTRAINT "fk_post_hashtags_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

CREATE TABLE "post_links" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_post_links" PRIMARY KEY AUTOINCREMENT,
    "post_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    CONSTRAINT "fk_post_links_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

CREATE TABLE "post_media" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_post_media" PRIMARY KEY AUTOINCREMENT,
    "post_id" INTEGER NOT NULL,
    "url" TEXT NULL,
    "media_type" TEXT NOT NULL,
    "alt_text" TEXT NULL,
    CONSTRAINT "fk_post_media_posts_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_accounts_person_id" ON "accounts" ("person_id");

CREATE UNIQUE INDEX "ix_accounts_platform_external_id" ON "accounts" ("platform", "external_id");

CREATE INDEX "ix_accounts_platform_handle" ON "accounts" ("platform", "handle");

CREATE INDEX "ix_asp_net_role_claims_role_id" ON "asp_net_role_claims" ("role_id");

CREATE UNIQUE INDEX "role_name_index" ON "asp_net_roles" ("normalized_name");

CREATE INDEX "ix_asp_net_user_claims_user_id" ON "asp_net_user_claims" ("user_id");

CREATE INDEX "ix_asp_net_user_logins_user_id" ON "asp_net_user_logins" ("user_id");

CREATE INDEX "ix_asp_net_user_roles_role_id" ON "asp_net_user_roles" ("role_id");

CREATE INDEX "email_index" ON "asp_net_users" ("normalized_email");

CREATE INDEX "ix_asp_net_users_person_id" ON "asp_net_users" ("person_id");

CREATE UNIQUE INDEX "user_name_index" ON "asp_net_users" ("normalized_user_name");

CREATE UNIQUE INDEX "ix_follower_snapshots_account_id_observed_at" ON "follower_snapshots" ("account_id", "observed_at");

CREATE INDEX "ix_import_runs_started_at" ON "import_runs" ("started_at");

CREATE UNIQUE INDEX "ix_interactions_platform_natural_key" ON "interactions" ("platform", "natural_key");

CREATE INDEX "ix_interactions_post_id" ON "interactions" ("post_id");

CREATE INDEX "ix_interactions_source_account_id_kind" ON "interactions" ("source_account_id", "kind");

CREATE INDEX "ix_interactions_subject_post_id" ON "interactions" ("subject_post_id");

CREATE INDEX "ix_interactions_target_account_id_kind" ON "interactions" ("target_account_id", "kind");

CREATE UNIQUE INDEX "ix_people_slug" ON "people" ("slug");

CREATE INDEX "ix_post_hashtags_tag_created_at" ON "post_hashtags" ("tag", "created_at");

CREATE INDEX "ix_post_links_domain" ON "post_links" ("domain");

CREATE INDEX "ix_post_links_post_id" ON "post_links" ("post_id");

CREATE INDEX "ix_post_links_url" ON "post_links" ("url");

CREATE INDEX "ix_post_media_post_id" ON "post_media" ("post_id");

CREATE INDEX "ix_posts_author_id_created_at" ON "posts" ("author_id", "created_at");

CREATE INDEX "ix_posts_created_at" ON "posts" ("created_at");

CREATE UNIQUE INDEX "ix_posts_platform_external_id" ON "posts" ("platform", "external_id");

CREATE INDEX "ix_posts_platform_local_id" ON "posts" ("platform", "local_id");

CREATE INDEX "ix_posts_quote_of_post_id" ON "posts" ("quote_of_post_id");

CREATE INDEX "ix_posts_reply_to_post_id" ON "posts" ("reply_to_post_id");

CREATE INDEX "ix_posts_repost_of_post_id" ON "posts" ("repost_of_post_id");

CREATE INDEX "ix_quarantined_records_import_run_id" ON "quarantined_records" ("import_run_id");

