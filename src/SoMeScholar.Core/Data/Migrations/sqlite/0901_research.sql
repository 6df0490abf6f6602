-- 0901 research toolkit: studies and their teams, sampling frames and samples, the snowball (participants known by
-- study code, identities apart, nominations), transcripts and their de-identification review, the codebook with
-- themes, codings, memos, the append-only codebook audit trail, and member checks.
-- Hand-written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "research_studies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_studies" PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "ethics_reference" TEXT NULL,
    "description" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL
);

CREATE TABLE "research_codebook_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_codebook_changes" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "user_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "code_id" INTEGER NULL,
    "subject" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details_json" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "fk_research_codebook_changes_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE RESTRICT
);

CREATE TABLE "research_codes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_codes" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "parent_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NULL,
    "inclusion" TEXT NULL,
    "exclusion" TEXT NULL,
    "examples" TEXT NULL,
    "color" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "exchange_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_research_codes_research_codes_parent_id" FOREIGN KEY ("parent_id") REFERENCES "research_codes" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_research_codes_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_frames" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_frames" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "parameters_json" TEXT NOT NULL,
    "summary_json" TEXT NULL,
    "software_version" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "member_count" INTEGER NOT NULL,
    CONSTRAINT "fk_research_frames_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_member_checks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_member_checks" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "introduction" TEXT NULL,
    "token_hash" TEXT NOT NULL,
    "protected_token" TEXT NOT NULL,
    "published_at" TEXT NOT NULL,
    "published_by_user_id" TEXT NOT NULL,
    "closes_at" TEXT NOT NULL,
    "withdrawn_at" TEXT NULL,
    CONSTRAINT "fk_research_member_checks_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_themes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_themes" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "parent_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "sort_order" INTEGER NOT NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_themes_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_themes_research_themes_parent_id" FOREIGN KEY ("parent_id") REFERENCES "research_themes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "research_coders" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_coders" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "user_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_coders_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_coders_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_study_members" (
    "study_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "added_at" TEXT NOT NULL,
    CONSTRAINT "pk_research_study_members" PRIMARY KEY ("study_id", "user_id"),
    CONSTRAINT "fk_research_study_members_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_study_members_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_frame_members" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_frame_members" PRIMARY KEY AUTOINCREMENT,
    "frame_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "account_id" INTEGER NULL,
    "label" TEXT NOT NULL,
    "display_name" TEXT NULL,
    "platform" TEXT NULL,
    "profile_url" TEXT NULL,
    "specialty" TEXT NULL,
    "profession" TEXT NULL,
    "details_json" TEXT NULL,
    CONSTRAINT "fk_research_frame_members_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_frame_members_research_frames_frame_id" FOREIGN KEY ("frame_id") REFERENCES "research_frames" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_samples" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_samples" PRIMARY KEY AUTOINCREMENT,
    "frame_id" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "stratify_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_user_id" TEXT NOT NULL,
    "software_version" TEXT NOT NULL,
    CONSTRAINT "fk_research_samples_research_frames_frame_id" FOREIGN KEY ("frame_id") REFERENCES "research_frames" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_member_check_findings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_member_check_findings" PRIMARY KEY AUTOINCREMENT,
    "member_check_id" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "theme_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NULL,
    CONSTRAINT "fk_research_member_check_findings_research_member_checks_member_check_id" FOREIGN KEY ("member_check_id") REFERENCES "research_member_checks" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_member_check_findings_research_themes_theme_id" FOREIGN KEY ("theme_id") REFERENCES "research_themes" ("id") ON DELETE SET NULL
);

CREATE TABLE "research_theme_codes" (
    "theme_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    CONSTRAINT "pk_research_theme_codes" PRIMARY KEY ("theme_id", "code_id"),
    CONSTRAINT "fk_research_theme_codes_research_codes_code_id" FOREIGN KEY ("code_id") REFERENCES "research_codes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_theme_codes_research_themes_theme_id" FOREIGN KEY ("theme_id") REFERENCES "research_themes" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_participants" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_participants" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "wave" INTEGER NOT NULL,
    "is_seed" INTEGER NOT NULL,
    "referred_by_id" INTEGER NULL,
    "frame_member_id" INTEGER NULL,
    "invitation" TEXT NOT NULL,
    "invited_at" TEXT NULL,
    "consent" TEXT NOT NULL,
    "consent_at" TEXT NULL,
    "interview" TEXT NOT NULL,
    "interview_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_participants_research_frame_members_frame_member_id" FOREIGN KEY ("frame_member_id") REFERENCES "research_frame_members" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_participants_research_participants_referred_by_id" FOREIGN KEY ("referred_by_id") REFERENCES "research_participants" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_participants_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_sample_members" (
    "sample_id" INTEGER NOT NULL,
    "frame_member_id" INTEGER NOT NULL,
    "draw_order" INTEGER NOT NULL,
    "stratum" TEXT NULL,
    CONSTRAINT "pk_research_sample_members" PRIMARY KEY ("sample_id", "frame_member_id"),
    CONSTRAINT "fk_research_sample_members_research_frame_members_frame_member_id" FOREIGN KEY ("frame_member_id") REFERENCES "research_frame_members" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_sample_members_research_samples_sample_id" FOREIGN KEY ("sample_id") REFERENCES "research_samples" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_member_check_comments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_member_check_comments" PRIMARY KEY AUTOINCREMENT,
    "member_check_id" INTEGER NOT NULL,
    "finding_id" INTEGER NULL,
    "text" TEXT NOT NULL,
    "participant_code" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_research_member_check_comments_research_member_check_findings_finding_id" FOREIGN KEY ("finding_id") REFERENCES "research_member_check_findings" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_member_check_comments_research_member_checks_member_check_id" FOREIGN KEY ("member_check_id") REFERENCES "research_member_checks" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_member_check_quotes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_member_check_quotes" PRIMARY KEY AUTOINCREMENT,
    "finding_id" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "participant_code" TEXT NULL,
    CONSTRAINT "fk_research_member_check_quotes_research_member_check_findings_finding_id" FOREIGN KEY ("finding_id") REFERENCES "research_member_check_findings" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_nominations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_nominations" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "nominator_id" INTEGER NOT NULL,
    "nominee_id" INTEGER NOT NULL,
    "nominated_at" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "recorded_by_user_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_nominations_research_participants_nominator_id" FOREIGN KEY ("nominator_id") REFERENCES "research_participants" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_nominations_research_participants_nominee_id" FOREIGN KEY ("nominee_id") REFERENCES "research_participants" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_nominations_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_participant_identities" (
    "participant_id" INTEGER NOT NULL CONSTRAINT "pk_research_participant_identities" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "contact" TEXT NULL,
    "account_id" INTEGER NULL,
    "notes" TEXT NULL,
    CONSTRAINT "fk_research_participant_identities_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_participant_identities_research_participants_participant_id" FOREIGN KEY ("participant_id") REFERENCES "research_participants" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_transcripts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_transcripts" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "participant_id" INTEGER NULL,
    "format" TEXT NOT NULL,
    "source_file_name" TEXT NULL,
    "original_text" TEXT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "imported_at" TEXT NOT NULL,
    "imported_by_user_id" TEXT NOT NULL,
    "approved_at" TEXT NULL,
    "approved_by_user_id" TEXT NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_transcripts_research_participants_participant_id" FOREIGN KEY ("participant_id") REFERENCES "research_participants" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_transcripts_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_codings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_codings" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "transcript_id" INTEGER NOT NULL,
    "code_id" INTEGER NOT NULL,
    "coder_id" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_codings_research_coders_coder_id" FOREIGN KEY ("coder_id") REFERENCES "research_coders" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_codings_research_codes_code_id" FOREIGN KEY ("code_id") REFERENCES "research_codes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_codings_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_codings_research_transcripts_transcript_id" FOREIGN KEY ("transcript_id") REFERENCES "research_transcripts" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_deid_replacements" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_deid_replacements" PRIMARY KEY AUTOINCREMENT,
    "transcript_id" INTEGER NOT NULL,
    "original_start" INTEGER NOT NULL,
    "original_length" INTEGER NOT NULL,
    "original_text" TEXT NULL,
    "category" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "reason" TEXT NULL,
    "is_manual" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "edited_text" TEXT NULL,
    "decided_by_user_id" TEXT NULL,
    "decided_at" TEXT NULL,
    CONSTRAINT "fk_research_deid_replacements_research_transcripts_transcript_id" FOREIGN KEY ("transcript_id") REFERENCES "research_transcripts" ("id") ON DELETE CASCADE
);

CREATE TABLE "research_memos" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_research_memos" PRIMARY KEY AUTOINCREMENT,
    "study_id" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "code_id" INTEGER NULL,
    "transcript_id" INTEGER NULL,
    "theme_id" INTEGER NULL,
    "start" INTEGER NULL,
    "end" INTEGER NULL,
    "text" TEXT NOT NULL,
    "author_user_id" TEXT NULL,
    "author_label" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "member_check_comment_id" INTEGER NULL,
    "exchange_id" TEXT NOT NULL,
    CONSTRAINT "fk_research_memos_research_codes_code_id" FOREIGN KEY ("code_id") REFERENCES "research_codes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_memos_research_member_check_comments_member_check_comment_id" FOREIGN KEY ("member_check_comment_id") REFERENCES "research_member_check_comments" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_research_memos_research_studies_study_id" FOREIGN KEY ("study_id") REFERENCES "research_studies" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_memos_research_themes_theme_id" FOREIGN KEY ("theme_id") REFERENCES "research_themes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_research_memos_research_transcripts_transcript_id" FOREIGN KEY ("transcript_id") REFERENCES "research_transcripts" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_research_codebook_changes_study_id_sequence" ON "research_codebook_changes" ("study_id", "sequence");

CREATE UNIQUE INDEX "ix_research_coders_study_id_user_id" ON "research_coders" ("study_id", "user_id");

CREATE INDEX "ix_research_coders_user_id" ON "research_coders" ("user_id");

CREATE INDEX "ix_research_codes_parent_id" ON "research_codes" ("parent_id");

CREATE INDEX "ix_research_codes_study_id" ON "research_codes" ("study_id");

CREATE INDEX "ix_research_codings_code_id" ON "research_codings" ("code_id");

CREATE INDEX "ix_research_codings_coder_id" ON "research_codings" ("coder_id");

CREATE INDEX "ix_research_codings_study_id" ON "research_codings" ("study_id");

CREATE UNIQUE INDEX "ix_research_codings_transcript_id_code_id_coder_id_start_end" ON "research_codings" ("transcript_id", "code_id", "coder_id", "start", "end");

CREATE INDEX "ix_research_deid_replacements_transcript_id" ON "research_deid_replacements" ("transcript_id");

CREATE INDEX "ix_research_frame_members_account_id" ON "research_frame_members" ("account_id");

CREATE UNIQUE INDEX "ix_research_frame_members_frame_id_position" ON "research_frame_members" ("frame_id", "position");

CREATE INDEX "ix_research_frames_study_id" ON "research_frames" ("study_id");

CREATE INDEX "ix_research_member_check_comments_finding_id" ON "research_member_check_comments" ("finding_id");

CREATE INDEX "ix_research_member_check_comments_member_check_id" ON "research_member_check_comments" ("member_check_id");

CREATE INDEX "ix_research_member_check_findings_member_check_id" ON "research_member_check_findings" ("member_check_id");

CREATE INDEX "ix_research_member_check_findings_theme_id" ON "research_member_check_findings" ("theme_id");

CREATE INDEX "ix_research_member_check_quotes_finding_id" ON "research_member_check_quotes" ("finding_id");

CREATE INDEX "ix_research_member_checks_study_id" ON "research_member_checks" ("study_id");

CREATE UNIQUE INDEX "ix_research_member_checks_token_hash" ON "research_member_checks" ("token_hash");

CREATE INDEX "ix_research_memos_code_id" ON "research_memos" ("code_id");

CREATE INDEX "ix_research_memos_member_check_comment_id" ON "research_memos" ("member_check_comment_id");

CREATE INDEX "ix_research_memos_study_id" ON "research_memos" ("study_id");

CREATE INDEX "ix_research_memos_theme_id" ON "research_memos" ("theme_id");

CREATE INDEX "ix_research_memos_transcript_id" ON "research_memos" ("transcript_id");

CREATE UNIQUE INDEX "ix_research_nominations_nominator_id_nominee_id" ON "research_nominations" ("nominator_id", "nominee_id");

CREATE INDEX "ix_research_nominations_nominee_id" ON "research_nominations" ("nominee_id");

CREATE INDEX "ix_research_nominations_study_id" ON "research_nominations" ("study_id");

CREATE INDEX "ix_research_participant_identities_account_id" ON "research_participant_identities" ("account_id");

CREATE INDEX "ix_research_participants_frame_member_id" ON "research_participants" ("frame_member_id");

CREATE INDEX "ix_research_participants_referred_by_id" ON "research_participants" ("referred_by_id");

CREATE UNIQUE INDEX "ix_research_participants_study_id_number" ON "research_participants" ("study_id", "number");

CREATE INDEX "ix_research_sample_members_frame_member_id" ON "research_sample_members" ("frame_member_id");

CREATE INDEX "ix_research_samples_frame_id" ON "research_samples" ("frame_id");

CREATE INDEX "ix_research_study_members_user_id" ON "research_study_members" ("user_id");

CREATE INDEX "ix_research_theme_codes_code_id" ON "research_theme_codes" ("code_id");

CREATE INDEX "ix_research_themes_parent_id" ON "research_themes" ("parent_id");

CREATE INDEX "ix_research_themes_study_id" ON "research_themes" ("study_id");

CREATE INDEX "ix_research_transcripts_participant_id" ON "research_transcripts" ("participant_id");

CREATE INDEX "ix_research_transcripts_study_id" ON "research_transcripts" ("study_id");

-- The codebook audit trail is append-only: the store itself refuses to change or remove an entry.
CREATE TRIGGER "research_codebook_changes_no_update" BEFORE UPDATE ON "research_codebook_changes"
BEGIN
    SELECT RAISE(ABORT, 'research_codebook_changes is append-only');
END;

CREATE TRIGGER "research_codebook_changes_no_delete" BEFORE DELETE ON "research_codebook_changes"
BEGIN
    SELECT RAISE(ABORT, 'research_codebook_changes is append-only');
END;
