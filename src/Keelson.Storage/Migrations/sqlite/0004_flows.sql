-- Keelson schema 0004: flows (Taskflow). Definitions in versions; runs, their tasks, the intents
-- recorded before every action, their history (events) and operators' commands.
-- Keep this file and postgres/0004_flows.sql describing the same schema.

-- definition is the flow as JSON (FlowDefinitionWriter); source is the text as applied, when it was text.
CREATE TABLE flow_definitions (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    source TEXT NULL,
    digest TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

-- state: pending, running, paused, braked, succeeded, failed, cancelled.
-- A replica owns a run while lease_expires_at is in the future; lease_epoch grows with each new
-- owner, and every write of the owner checks it, so a replica that lost its lease cannot write.
-- pending_commands > 0 makes a finished run claimable, so its commands (retry, resume-from) are applied.
CREATE TABLE flow_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flow TEXT NOT NULL,
    version INTEGER NOT NULL,
    params TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    parent_run BIGINT NULL,
    parent_task TEXT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    started_at BIGINT NULL,
    finished_at BIGINT NULL,
    updated_at BIGINT NOT NULL,
    lease_owner TEXT NULL,
    lease_epoch BIGINT NOT NULL DEFAULT 0,
    lease_expires_at BIGINT NULL,
    pending_commands INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (flow, version) REFERENCES flow_definitions (name, version)
);
CREATE INDEX flow_runs_claimable ON flow_runs (priority DESC, id) WHERE finished_at IS NULL OR pending_commands > 0;
CREATE INDEX flow_runs_by_owner ON flow_runs (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX flow_runs_by_flow ON flow_runs (flow, id);
CREATE INDEX flow_runs_by_parent ON flow_runs (parent_run) WHERE parent_run IS NOT NULL;

-- One row per task, per forEach element (item >= 0; the task itself has item -1) and per
-- compensating task (name OWNER/compensate). state: pending, running, waiting, succeeded, failed,
-- skipped, cancelled. generation grows when an operator re-runs the task, so its intents start afresh.
CREATE TABLE flow_tasks (
    run_id BIGINT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    item INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0,
    item_value TEXT NULL,
    inputs TEXT NULL,
    outputs TEXT NULL,
    error TEXT NULL,
    error_kind TEXT NULL,
    executor_state TEXT NULL,
    wait_kind TEXT NULL,
    wait_reason TEXT NULL,
    wake_at BIGINT NULL,
    deadline_at BIGINT NULL,
    ready_at BIGINT NULL,
    started_at BIGINT NULL,
    finished_at BIGINT NULL,
    PRIMARY KEY (run_id, name, item)
);

-- Written (state pending) and committed before an action is taken, then marked done with its
-- result: an action whose intent is done is never taken again; a pending one is finished after a
-- restart with the same preconditions (a uid), so it cannot hit another object.
CREATE TABLE flow_intents (
    key TEXT PRIMARY KEY,
    run_id BIGINT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
    task TEXT NOT NULL,
    action TEXT NULL,
    state TEXT NOT NULL,
    result TEXT NULL,
    error TEXT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT NULL
);
CREATE INDEX flow_intents_by_run ON flow_intents (run_id);

CREATE TABLE flow_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id BIGINT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    type TEXT NOT NULL,
    task TEXT NULL,
    message TEXT NOT NULL,
    actor TEXT NULL
);
CREATE INDEX flow_events_by_run ON flow_events (run_id, id);

-- Operators' commands, applied in order by the replica that owns the run.
CREATE TABLE flow_commands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id BIGINT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    task TEXT NULL,
    item INTEGER NULL,
    reason TEXT NULL,
    actor TEXT NOT NULL,
    source_ip TEXT NULL,
    created_at BIGINT NOT NULL,
    applied_at BIGINT NULL,
    outcome TEXT NULL,
    message TEXT NULL
);
CREATE INDEX flow_commands_pending ON flow_commands (run_id, id) WHERE applied_at IS NULL;
