-- Keelson schema 0002: the cluster registry.
-- credentials holds a Data Protection ciphertext of a self-contained single-context
-- kubeconfig; it is never returned by the API or written to logs.
-- Keep this file and sqlite/0002_clusters.sql describing the same schema.

CREATE TABLE clusters (
    name TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    tags TEXT NOT NULL,
    credentials BYTEA NOT NULL,
    kubernetes_version TEXT NULL,
    node_count INTEGER NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
