-- 0700 portfolio (capability 7): which portfolio sections a person made public, dossiers (period, chosen items,
-- narrative) and their read-only share links (only the token's SHA-256 is stored).

CREATE TABLE "portfolio_visibilities" (
    "person_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "is_public" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_portfolio_visibilities" PRIMARY KEY ("person_id", "section"),
    CONSTRAINT "fk_portfolio_visibilities_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "dossiers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dossiers" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    "narrative" TEXT NULL,
    "include_all_items" INTEGER NOT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    CONSTRAINT "fk_dossiers_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "dossier_items" (
    "dossier_id" INTEGER NOT NULL,
    "item_key" TEXT NOT NULL,
    CONSTRAINT "pk_dossier_items" PRIMARY KEY ("dossier_id", "item_key"),
    CONSTRAINT "fk_dossier_items_dossiers_dossier_id" FOREIGN KEY ("dossier_id") REFERENCES "dossiers" ("id") ON DELETE CASCADE
);

CREATE TABLE "dossier_share_links" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dossier_share_links" PRIMARY KEY AUTOINCREMENT,
    "dossier_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    CONSTRAINT "fk_dossier_share_links_dossiers_dossier_id" FOREIGN KEY ("dossier_id") REFERENCES "dossiers" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_dossiers_person_id" ON "dossiers" ("person_id");

CREATE INDEX "ix_dossier_share_links_dossier_id" ON "dossier_share_links" ("dossier_id");

CREATE UNIQUE INDEX "ix_dossier_share_links_token_hash" ON "dossier_share_links" ("token_hash");
