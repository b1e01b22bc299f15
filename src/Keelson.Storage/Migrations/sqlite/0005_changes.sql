-- Keelson schema 0005: change control. Rules in versions (like flow definitions); change records
-- (who, what, where, blast radius, plan) with the clusters they touch, their approvals and history.
-- Keep this file and postgres/0005_changes.sql describing the same schema.

-- definition is the rule as JSON (ChangeRuleWriter); source is the text of the file it came from.
CREATE TABLE change_rules (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    definition TEXT NOT NULL,
    source TEXT NULL,
    digest TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

-- state: blocked, awaiting-approval, started (then the run's state is the change's).
-- scope, blast_radius, plan and checks are JSON; checks are the verdicts of the last evaluation.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flow TEXT NOT NULL,
    flow_version INTEGER NULL,
    params TEXT NOT NULL,
    description TEXT NOT NULL,
    initiator TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NULL,
    scope TEXT NOT NULL,
    blast_radius TEXT NOT NULL,
    plan TEXT NOT NULL,
    checks TEXT NOT NULL,
    run_id BIGINT NULL REFERENCES flow_runs (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX changes_state ON changes (state, id);
CREATE INDEX changes_initiator ON changes (initiator, id);
CREATE UNIQUE INDEX changes_run ON changes (run_id);

-- The clusters a change touches, for the cluster filter and the concurrency limit.
CREATE TABLE change_clusters (
    change_id BIGINT NOT NULL REFERENCES changes (id),
    cluster TEXT NOT NULL,
    PRIMARY KEY (change_id, cluster)
);
CREATE INDEX change_clusters_cluster ON change_clusters (cluster, change_id);

-- An approval counts until expires_at.
CREATE TABLE change_approvals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id BIGINT NOT NULL REFERENCES changes (id),
    approver TEXT NOT NULL,
    role TEXT NOT NULL,
    reason TEXT NOT NULL,
    approved_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX change_approvals_change ON change_approvals (change_id);

-- What happened to a change: evaluations, approvals, the start, each wave's checks.
CREATE TABLE change_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id BIGINT NOT NULL REFERENCES changes (id),
    at BIGINT NOT NULL,
    type TEXT NOT NULL,
    message TEXT NOT NULL,
    actor TEXT NULL
);
CREATE INDEX change_events_change ON change_events (change_id, id);
