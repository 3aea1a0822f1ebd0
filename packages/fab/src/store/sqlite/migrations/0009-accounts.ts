// Accounts (docs/fab.md §14.5): users of an organisation with one role and a scrypt password hash;
// API tokens and web sessions, each stored only as the SHA-256 of its secret; the audit log, one line
// per write, which no statement may change or delete (the triggers refuse it).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 9,
  name: 'accounts',
  sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  disabled_ms INTEGER
) STRICT;
CREATE INDEX users_by_organisation ON users (organisation_id, id);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  hash TEXT NOT NULL,
  label TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER,
  revoked_ms INTEGER
) STRICT;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  csrf TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  organisation_id TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome INTEGER NOT NULL,
  address TEXT,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
