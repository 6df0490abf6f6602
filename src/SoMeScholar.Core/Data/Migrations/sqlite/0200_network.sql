-- 0200 network (capability 2): stored network analyses with their inputs (selection or file and its SHA-256),
-- parameters, software version, graph fingerprint and notes; one row per node with its measures; the analysed graph.
-- Written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "network_analyses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_network_analyses" PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "selection_json" TEXT NOT NULL,
    "parameters_json" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "preset" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "input_name" TEXT NULL,
    "input_sha256" TEXT NULL,
    "software_version" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT NULL,
    "node_count" INTEGER NOT NULL,
    "edge_count" INTEGER NOT NULL,
    "directed" INTEGER NOT NULL,
    "weighted" INTEGER NOT NULL,
    "graph_sha256" TEXT NULL,
    "community_count" INTEGER NULL,
    "modularity" REAL NULL,
    "notes_json" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "started_at" TEXT NULL,
    "completed_at" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    "created_by_name" TEXT NULL,
    "is_synthetic" INTEGER NOT NULL
);

CREATE TABLE "network_analysis_graphs" (
    "analysis_id" INTEGER NOT NULL CONSTRAINT "pk_network_analysis_graphs" PRIMARY KEY,
    "data" BLOB NOT NULL,
    CONSTRAINT "fk_network_analysis_graphs_network_analyses_analysis_id" FOREIGN KEY ("analysis_id") REFERENCES "network_analyses" ("id") ON DELETE CASCADE
);

CREATE TABLE "network_analysis_nodes" (
    "analysis_id" INTEGER NOT NULL,
    "node_index" INTEGER NOT NULL,
    "account_id" INTEGER NULL,
    "node_id" TEXT NOT NULL,
    "label" TEXT NULL,
    "in_degree" REAL NULL,
    "out_degree" REAL NULL,
    "degree" REAL NULL,
    "in_degree_centrality" REAL NULL,
    "out_degree_centrality" REAL NULL,
    "degree_centrality" REAL NULL,
    "eigenvector" REAL NULL,
    "page_rank" REAL NULL,
    "betweenness" REAL NULL,
    "closeness" REAL NULL,
    "clustering" REAL NULL,
    "k_core" INTEGER NULL,
    "community" INTEGER NULL,
    "leiden" INTEGER NULL,
    "weak_component" INTEGER NULL,
    "strong_component" INTEGER NULL,
    CONSTRAINT "pk_network_analysis_nodes" PRIMARY KEY ("analysis_id", "node_index"),
    CONSTRAINT "fk_network_analysis_nodes_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_network_analysis_nodes_network_analyses_analysis_id" FOREIGN KEY ("analysis_id") REFERENCES "network_analyses" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_network_analyses_created_at" ON "network_analyses" ("created_at");

CREATE INDEX "ix_network_analyses_status" ON "network_analyses" ("status");

CREATE INDEX "ix_network_analysis_nodes_account_id" ON "network_analysis_nodes" ("account_id");
