-- Keelson schema 0001: users, teams, role grants, API tokens, login sessions and failures,
-- the hash-chained audit log and the Data Protection key ring.
-- Instants are Unix milliseconds (UTC) in BIGINT columns, in both dialects.
-- Keep this file and postgres/0001_foundation.sql describing the same schema.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    disabled_at BIGINT NULL
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);

-- A grant gives a role to exactly one subject (a user or a team) over a scope:
-- 'platform' (Keelson itself: users, teams, grants, tokens, audit), 'all' clusters,
-- 'clusters' (scope = names joined by ','), or 'selector' (scope = a label selector over cluster tags).
CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id INTEGER NULL REFERENCES teams (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('platform', 'all', 'clusters', 'selector')),
    scope TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX role_grants_by_user ON role_grants (user_id);
CREATE INDEX role_grants_by_team ON role_grants (team_id);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (COALESCE(user_id, 0), COALESCE(team_id, 0), role, scope_kind, scope);

-- Only the SHA-256 of a token is kept; the plaintext is shown once when it is created.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT NULL,
    last_used_at BIGINT NULL
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (user_id, name) WHERE revoked_at IS NULL;

CREATE TABLE login_sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at BIGINT NULL,
    source_ip TEXT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions (user_id);

-- Failed password checks, kept for the throttling window only.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL,
    source_ip TEXT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_name, failed_at);
CREATE INDEX login_failures_by_ip ON login_failures (source_ip, failed_at);
CREATE INDEX login_failures_by_time ON login_failures (failed_at);

-- Append-only and hash-chained: hash = SHA-256 over the record's fields and prev_hash
-- (see Keelson.Core.Audit.AuditHash). seq has no gaps, so a removed record shows.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    source_ip TEXT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    details TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_target ON audit_log (target, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);

-- Keelson never changes a record; these stop accidents (audit verify catches the deliberate).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be deleted');
END;

-- ASP.NET Core Data Protection key ring (one XML element per key).
CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
