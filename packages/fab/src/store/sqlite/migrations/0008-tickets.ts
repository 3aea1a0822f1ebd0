// The fault loop's tickets (docs/fab.md §11.4): one row per ticket with its workflow state, times and
// the data captured at opening; its history (one line per change, numbered by the ticket's version);
// its attachments (bytes in the database, at most 10 MB each).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 8,
  name: 'tickets',
  sql: `
CREATE TABLE tickets (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  maker_id TEXT NOT NULL,
  module TEXT,
  fault_key TEXT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  reopened INTEGER NOT NULL,
  assignee TEXT,
  reported_ms INTEGER NOT NULL,
  acknowledged_ms INTEGER,
  fix_deployed_ms INTEGER,
  verified_ms INTEGER,
  closed_ms INTEGER,
  fix TEXT,
  duplicate_of TEXT,
  data TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX tickets_by_fault ON tickets (tool_id, fault_key, seq);
CREATE INDEX tickets_by_state ON tickets (state, seq);
CREATE INDEX tickets_by_maker ON tickets (maker_id, seq);
CREATE TABLE ticket_history (
  ticket_seq INTEGER NOT NULL REFERENCES tickets (seq),
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  PRIMARY KEY (ticket_seq, seq)
) STRICT;
CREATE TABLE ticket_attachments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_seq INTEGER NOT NULL REFERENCES tickets (seq),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size <= 10485760),
  bytes BLOB NOT NULL,
  actor_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX ticket_attachments_by_ticket ON ticket_attachments (ticket_seq, seq);
`,
};
