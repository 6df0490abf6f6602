-- 0701 portfolio (capability 7): the communities of stored network analyses a person chose to have their
-- betweenness rank computed within (Louvain or Leiden partition, community number).

CREATE TABLE "portfolio_communities" (
    "person_id" INTEGER NOT NULL,
    "analysis_id" INTEGER NOT NULL,
    "partition" TEXT NOT NULL,
    "community" INTEGER NOT NULL,
    "chosen_at" TEXT NOT NULL,
    CONSTRAINT "pk_portfolio_communities" PRIMARY KEY ("person_id", "analysis_id", "partition", "community"),
    CONSTRAINT "fk_portfolio_communities_network_analyses_analysis_id" FOREIGN KEY ("analysis_id") REFERENCES "network_analyses" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_portfolio_communities_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_portfolio_communities_analysis_id" ON "portfolio_communities" ("analysis_id");
