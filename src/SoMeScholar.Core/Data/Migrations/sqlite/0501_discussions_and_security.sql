-- 0501 discussions and security: threads on a subject (kind + id, no foreign key into other capabilities' tables),
-- comments, reactions, flags, subscriptions, member trust and profiles, notifications, the append-only moderation
-- audit log, personal API tokens (hashes), invitations and the message outbox.

CREATE TABLE "discussion_threads" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_discussion_threads" PRIMARY KEY AUTOINCREMENT,
    "subject_kind" TEXT NOT NULL,
    "subject_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_activity_at" TEXT NOT NULL,
    "open_until" TEXT NULL,
    "is_locked" INTEGER NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_discussion_threads_asp_net_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL
);

CREATE TABLE "discussion_comments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_discussion_comments" PRIMARY KEY AUTOINCREMENT,
    "thread_id" INTEGER NOT NULL,
    "parent_id" INTEGER NULL,
    "quoted_comment_id" INTEGER NULL,
    "author_user_id" TEXT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "published_at" TEXT NULL,
    "check_findings" INTEGER NOT NULL,
    "check_severity" TEXT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_discussion_comments_asp_net_users_author_user_id" FOREIGN KEY ("author_user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_discussion_comments_discussion_comments_parent_id" FOREIGN KEY ("parent_id") REFERENCES "discussion_comments" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_discussion_comments_discussion_threads_thread_id" FOREIGN KEY ("thread_id") REFERENCES "discussion_threads" ("id") ON DELETE CASCADE
);

CREATE TABLE "discussion_reactions" (
    "comment_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_discussion_reactions" PRIMARY KEY ("comment_id", "user_id", "kind"),
    CONSTRAINT "fk_discussion_reactions_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_discussion_reactions_discussion_comments_comment_id" FOREIGN KEY ("comment_id") REFERENCES "discussion_comments" ("id") ON DELETE CASCADE
);

CREATE TABLE "discussion_flags" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_discussion_flags" PRIMARY KEY AUTOINCREMENT,
    "comment_id" INTEGER NOT NULL,
    "user_id" TEXT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "trust_level" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "resolved_at" TEXT NULL,
    CONSTRAINT "fk_discussion_flags_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_discussion_flags_discussion_comments_comment_id" FOREIGN KEY ("comment_id") REFERENCES "discussion_comments" ("id") ON DELETE CASCADE
);

CREATE TABLE "discussion_subscriptions" (
    "thread_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_discussion_subscriptions" PRIMARY KEY ("thread_id", "user_id"),
    CONSTRAINT "fk_discussion_subscriptions_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_discussion_subscriptions_discussion_threads_thread_id" FOREIGN KEY ("thread_id") REFERENCES "discussion_threads" ("id") ON DELETE CASCADE
);

CREATE TABLE "member_trust" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_member_trust" PRIMARY KEY,
    "level" TEXT NOT NULL,
    "granted_level" TEXT NULL,
    "suspended_until" TEXT NULL,
    "suspension_reason" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_member_trust_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "member_profiles" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_member_profiles" PRIMARY KEY,
    "affiliation" TEXT NULL,
    "about" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_member_profiles_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "fk_notifications_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "moderation_actions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_moderation_actions" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "details" TEXT NULL
);

CREATE TABLE "api_tokens" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_tokens" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_api_tokens_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "invitations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_invitations" PRIMARY KEY AUTOINCREMENT,
    "code_hash" TEXT NOT NULL,
    "email" TEXT NULL,
    "note" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    "used_by_user_id" TEXT NULL,
    CONSTRAINT "fk_invitations_asp_net_users_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_invitations_asp_net_users_used_by_user_id" FOREIGN KEY ("used_by_user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL
);

CREATE TABLE "outbox_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    CONSTRAINT "fk_outbox_messages_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_discussion_threads_created_by_user_id" ON "discussion_threads" ("created_by_user_id");

CREATE INDEX "ix_discussion_threads_last_activity_at" ON "discussion_threads" ("last_activity_at");

CREATE INDEX "ix_discussion_threads_subject_kind_subject_id" ON "discussion_threads" ("subject_kind", "subject_id");

CREATE INDEX "ix_discussion_comments_author_user_id" ON "discussion_comments" ("author_user_id");

CREATE INDEX "ix_discussion_comments_parent_id" ON "discussion_comments" ("parent_id");

CREATE INDEX "ix_discussion_comments_status_created_at" ON "discussion_comments" ("status", "created_at");

CREATE INDEX "ix_discussion_comments_thread_id_created_at" ON "discussion_comments" ("thread_id", "created_at");

CREATE INDEX "ix_discussion_reactions_user_id" ON "discussion_reactions" ("user_id");

CREATE UNIQUE INDEX "ix_discussion_flags_comment_id_user_id" ON "discussion_flags" ("comment_id", "user_id");

CREATE INDEX "ix_discussion_flags_user_id" ON "discussion_flags" ("user_id");

CREATE INDEX "ix_discussion_subscriptions_user_id" ON "discussion_subscriptions" ("user_id");

CREATE INDEX "ix_notifications_user_id_created_at" ON "notifications" ("user_id", "created_at");

CREATE INDEX "ix_moderation_actions_at" ON "moderation_actions" ("at");

CREATE INDEX "ix_moderation_actions_target_kind_target_id" ON "moderation_actions" ("target_kind", "target_id");

CREATE UNIQUE INDEX "ix_api_tokens_hash" ON "api_tokens" ("hash");

CREATE INDEX "ix_api_tokens_user_id" ON "api_tokens" ("user_id");

CREATE UNIQUE INDEX "ix_invitations_code_hash" ON "invitations" ("code_hash");

CREATE INDEX "ix_invitations_created_by_user_id" ON "invitations" ("created_by_user_id");

CREATE INDEX "ix_invitations_used_by_user_id" ON "invitations" ("used_by_user_id");

CREATE INDEX "ix_outbox_messages_sent_at_id" ON "outbox_messages" ("sent_at", "id");

CREATE INDEX "ix_outbox_messages_user_id" ON "outbox_messages" ("user_id");

-- The audit log is append-only: no UPDATE or DELETE, whoever asks.
CREATE TRIGGER "moderation_actions_no_update" BEFORE UPDATE ON "moderation_actions"
BEGIN
    SELECT RAISE(ABORT, 'moderation_actions is append-only');
END;

CREATE TRIGGER "moderation_actions_no_delete" BEFORE DELETE ON "moderation_actions"
BEGIN
    SELECT RAISE(ABORT, 'moderation_actions is append-only');
END;
