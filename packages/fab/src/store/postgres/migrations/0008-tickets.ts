// The fault loop's tickets (docs/fab.md §11.4): one row per ticket with its workflow state, times and
// the data captured at opening; its history (one line per change, numbered by the ticket's version);
// its attachments (bytes in the database, at most 10 MB each).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 8,
  name: 'tickets',
  sql: `
CREATE TABLE tickets (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  maker_id text COLLATE "C" NOT NULL,
  module text COLLATE "C",
  fault_key text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,
  title text COLLATE "C" NOT NULL,
  state text COLLATE "C" NOT NULL,
  occurrences bigint NOT NULL,
  reopened bigint NOT NULL,
  assignee text COLLATE "C",
  reported_ms bigint NOT NULL,
  acknowledged_ms bigint,
  fix_deployed_ms bigint,
  verified_ms bigint,
  closed_ms bigint,
  fix jsonb,
  duplicate_of text COLLATE "C",
  data jsonb NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX tickets_by_fault ON tickets (tool_id, fault_key, seq);
CREATE INDEX tickets_by_state ON tickets (state, seq);
CREATE INDEX tickets_by_maker ON tickets (maker_id, seq);
CREATE TABLE ticket_history (
  ticket_seq bigint NOT NULL REFERENCES tickets (seq),
  seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  actor_id text COLLATE "C" NOT NULL,
  actor_role text COLLATE "C" NOT NULL,
  action jsonb NOT NULL,
  from_state text COLLATE "C" NOT NULL,
  to_state text COLLATE "C" NOT NULL,
  PRIMARY KEY (ticket_seq, seq)
);
CREATE TABLE ticket_attachments (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_seq bigint NOT NULL REFERENCES tickets (seq),
  name text COLLATE "C" NOT NULL,
  media_type text COLLATE "C" NOT NULL,
  size bigint NOT NULL CHECK (size <= 10485760),
  bytes bytea NOT NULL,
  actor_id text COLLATE "C" NOT NULL,
  at_ms bigint NOT NULL
);
CREATE INDEX ticket_attachments_by_ticket ON ticket_attachments (ticket_seq, seq);
`,
};
