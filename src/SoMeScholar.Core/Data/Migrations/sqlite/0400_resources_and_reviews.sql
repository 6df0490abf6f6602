-- 0400 resources and reviews (capability 4 and 6): the registry (resources, authors, topics, versions, snapshots),
-- endorsements and verified experts, uptake reports, the normalised index of archived links (post_link_urls), review
-- instruments, assignments, reviews and their item scores.
-- Written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "resources" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_resources" PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "normalized_url" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NULL,
    "specialty" TEXT NULL,
    "published_at" TEXT NULL,
    "licence" TEXT NULL,
    "summary" TEXT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "retraction_notice" TEXT NULL,
    "retracted_at" TEXT NULL,
    "needs_re_review" INTEGER NOT NULL,
    "blind_reviews" INTEGER NOT NULL,
    "submitted_by_user_id" TEXT NULL,
    "editor_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL
);

CREATE TABLE "review_instruments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_review_instruments" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition_json" TEXT NOT NULL,
    "is_built_in" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "verified_experts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_verified_experts" PRIMARY KEY AUTOINCREMENT,
    "expert_key" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "person_id" INTEGER NULL,
    "expert_name" TEXT NOT NULL,
    "field" TEXT NULL,
    "granted_by" TEXT NOT NULL,
    "granted_by_user_id" TEXT NULL,
    "granted_at" TEXT NOT NULL
);

CREATE TABLE "endorsements" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_endorsements" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "endorser_key" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "person_id" INTEGER NULL,
    "endorser_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "comment" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_endorsements_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "resource_authors" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_resource_authors" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "person_id" INTEGER NULL,
    CONSTRAINT "fk_resource_authors_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_resource_authors_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "resource_snapshots" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_resource_snapshots" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "resource_version" INTEGER NOT NULL,
    "fetched_at" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "http_status" INTEGER NULL,
    "content_type" TEXT NULL,
    "bytes" INTEGER NULL,
    "sha256" TEXT NULL,
    "text" TEXT NULL,
    "error" TEXT NULL,
    CONSTRAINT "fk_resource_snapshots_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "resource_topics" (
    "resource_id" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    CONSTRAINT "pk_resource_topics" PRIMARY KEY ("resource_id", "topic"),
    CONSTRAINT "fk_resource_topics_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "resource_versions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_resource_versions" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "change_note" TEXT NULL,
    "metadata_json" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_user_id" TEXT NULL,
    CONSTRAINT "fk_resource_versions_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "uptake_reports" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_uptake_reports" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "reporter_key" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "person_id" INTEGER NULL,
    "reporter_name" TEXT NOT NULL,
    "use_type" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "audience_size" INTEGER NULL,
    "description" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "reported_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_uptake_reports_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE TABLE "review_assignments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_review_assignments" PRIMARY KEY AUTOINCREMENT,
    "resource_id" INTEGER NOT NULL,
    "resource_version" INTEGER NOT NULL,
    "instrument_id" INTEGER NOT NULL,
    "reviewer_key" TEXT NOT NULL,
    "reviewer_user_id" TEXT NULL,
    "reviewer_person_id" INTEGER NULL,
    "reviewer_name" TEXT NOT NULL,
    "assigned_by_user_id" TEXT NULL,
    "volunteered" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "has_conflict" INTEGER NULL,
    "conflict_statement" TEXT NULL,
    "conflict_declared_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_review_assignments_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_review_assignments_review_instruments_instrument_id" FOREIGN KEY ("instrument_id") REFERENCES "review_instruments" ("id") ON DELETE RESTRICT
);

CREATE TABLE "reviews" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_reviews" PRIMARY KEY AUTOINCREMENT,
    "assignment_id" INTEGER NOT NULL,
    "resource_id" INTEGER NOT NULL,
    "resource_version" INTEGER NOT NULL,
    "instrument_id" INTEGER NOT NULL,
    "reviewer_key" TEXT NOT NULL,
    "reviewer_user_id" TEXT NULL,
    "reviewer_person_id" INTEGER NULL,
    "reviewer_name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "supersedes_review_id" INTEGER NULL,
    "total" REAL NOT NULL,
    "comments" TEXT NULL,
    "recommendation" TEXT NOT NULL,
    "submitted_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_reviews_resources_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reviews_review_assignments_assignment_id" FOREIGN KEY ("assignment_id") REFERENCES "review_assignments" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reviews_review_instruments_instrument_id" FOREIGN KEY ("instrument_id") REFERENCES "review_instruments" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_reviews_reviews_supersedes_review_id" FOREIGN KEY ("supersedes_review_id") REFERENCES "reviews" ("id") ON DELETE RESTRICT
);

CREATE TABLE "review_item_scores" (
    "review_id" INTEGER NOT NULL,
    "item_key" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    CONSTRAINT "pk_review_item_scores" PRIMARY KEY ("review_id", "item_key"),
    CONSTRAINT "fk_review_item_scores_reviews_review_id" FOREIGN KEY ("review_id") REFERENCES "reviews" ("id") ON DELETE CASCADE
);

CREATE TABLE "post_link_urls" (
    "post_link_id" INTEGER NOT NULL CONSTRAINT "pk_post_link_urls" PRIMARY KEY,
    "post_id" INTEGER NOT NULL,
    "normalized_url" TEXT NOT NULL,
    CONSTRAINT "fk_post_link_urls_post_links_post_link_id" FOREIGN KEY ("post_link_id") REFERENCES "post_links" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_endorsements_person_id" ON "endorsements" ("person_id");

CREATE UNIQUE INDEX "ix_endorsements_resource_id_endorser_key" ON "endorsements" ("resource_id", "endorser_key");

CREATE INDEX "ix_post_link_urls_normalized_url_post_id" ON "post_link_urls" ("normalized_url", "post_id");

CREATE INDEX "ix_resource_authors_person_id" ON "resource_authors" ("person_id");

CREATE INDEX "ix_resource_authors_resource_id_position" ON "resource_authors" ("resource_id", "position");

CREATE INDEX "ix_resource_snapshots_resource_id_fetched_at" ON "resource_snapshots" ("resource_id", "fetched_at");

CREATE INDEX "ix_resource_topics_topic" ON "resource_topics" ("topic");

CREATE UNIQUE INDEX "ix_resource_versions_resource_id_number" ON "resource_versions" ("resource_id", "number");

CREATE INDEX "ix_resources_created_at" ON "resources" ("created_at");

CREATE UNIQUE INDEX "ix_resources_normalized_url" ON "resources" ("normalized_url");

CREATE INDEX "ix_resources_type_specialty" ON "resources" ("type", "specialty");

CREATE INDEX "ix_review_assignments_instrument_id" ON "review_assignments" ("instrument_id");

CREATE UNIQUE INDEX "ix_review_assignments_reviewer_per_version" ON "review_assignments" ("resource_id", "resource_version", "instrument_id", "reviewer_key");

CREATE INDEX "ix_review_assignments_reviewer_key" ON "review_assignments" ("reviewer_key");

CREATE UNIQUE INDEX "ix_review_instruments_key_version" ON "review_instruments" ("key", "version");

CREATE INDEX "ix_reviews_assignment_id" ON "reviews" ("assignment_id");

CREATE INDEX "ix_reviews_instrument_id" ON "reviews" ("instrument_id");

CREATE INDEX "ix_reviews_resource_id_instrument_id" ON "reviews" ("resource_id", "instrument_id");

CREATE INDEX "ix_reviews_reviewer_key" ON "reviews" ("reviewer_key");

CREATE UNIQUE INDEX "ix_reviews_supersedes_review_id" ON "reviews" ("supersedes_review_id");

CREATE INDEX "ix_uptake_reports_resource_id_reported_at" ON "uptake_reports" ("resource_id", "reported_at");

CREATE UNIQUE INDEX "ix_verified_experts_expert_key" ON "verified_experts" ("expert_key");
