-- Keelson schema 0003: guardrails. Budgets an admin changed (the built-in defaults live in code,
-- GuardrailDefaults), the ledger of tokens charged for destructive actions, the circuits that are
-- open, and the emergency brake. Windows are sliding: what a budget has used is the sum of the
-- ledger over its window, so a restart refills nothing.
-- Keep this file and postgres/0003_guardrails.sql describing the same schema.

-- One row per budget an admin set: it replaces the default of the same verb, kind, scope and window
-- or adds a new one. limit_tokens NULL lifts the limit (the budget is off).
CREATE TABLE guardrail_budgets (
    verb TEXT NOT NULL,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    window_seconds BIGINT NOT NULL,
    limit_tokens BIGINT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (verb, kind, scope, window_seconds)
);

-- Tokens charged, one row per allowed destructive action. Rows older than the longest window are pruned.
CREATE TABLE guardrail_charges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    cluster TEXT NOT NULL,
    verb TEXT NOT NULL,
    kind TEXT NOT NULL,
    tokens BIGINT NOT NULL,
    run_id BIGINT NULL
);
CREATE INDEX guardrail_charges_by_class ON guardrail_charges (verb, kind, at);
CREATE INDEX guardrail_charges_by_time ON guardrail_charges (at);

-- A row per open circuit; scope is "fleet" or "cluster/NAME". Closing removes the row (the audit log keeps the history).
CREATE TABLE guardrail_circuits (
    scope TEXT PRIMARY KEY,
    budget TEXT NOT NULL,
    reason TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    run_id BIGINT NULL,
    flow TEXT NULL,
    task TEXT NULL
);

-- The emergency brake: one row (id 1) while it is on.
CREATE TABLE guardrail_brake (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    reason TEXT NOT NULL,
    engaged_by TEXT NOT NULL,
    engaged_at BIGINT NOT NULL
);
