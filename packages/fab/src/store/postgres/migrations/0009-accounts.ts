// Accounts (docs/fab.md §14.5): users of an organisation with one role and a scrypt password hash;
// API tokens and web sessions, each stored only as the SHA-256 of its secret; the audit log, one line
// per write, which no statement may change or delete (the trigger refuses it).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 9,
  name: 'accounts',
  sql: `
CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations (id),
  role text COLLATE "C" NOT NULL,
  password_hash text COLLATE "C" NOT NULL,
  created_ms bigint NOT NULL,
  disabled_ms bigint
);
CREATE INDEX users_by_organisation ON users (organisation_id, id);
CREATE TABLE api_tokens (
  id text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users (id),
  hash text COLLATE "C" NOT NULL,
  label text COLLATE "C" NOT NULL,
  scope text COLLATE "C" NOT NULL CHECK (scope IN ('read', 'write')),
  created_ms bigint NOT NULL,
  expires_ms bigint,
  revoked_ms bigint
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);
CREATE TABLE sessions (
  hash text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users (id),
  csrf text COLLATE "C" NOT NULL,
  created_ms bigint NOT NULL,
  expires_ms bigint NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ms bigint NOT NULL,
  actor_id text COLLATE "C" NOT NULL,
  actor_role text COLLATE "C" NOT NULL,
  organisation_id text COLLATE "C",
  action text COLLATE "C" NOT NULL,
  target text COLLATE "C" NOT NULL,
  outcome bigint NOT NULL,
  address text COLLATE "C",
  detail jsonb NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
