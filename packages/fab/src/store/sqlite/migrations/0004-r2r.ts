// The R2R audit trail (docs/fab.md §10): every action of the fab's run-to-run control, one row each,
// numbered per context. Written by the R2R service through writeBatch (record type `r2r-action`).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 4,
  name: 'r2r',
  sql: `
CREATE TABLE r2r_actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  context TEXT NOT NULL,
  action_no INTEGER NOT NULL,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  recipe TEXT NOT NULL,
  product TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  action TEXT NOT NULL,
  pair_id TEXT,
  detail TEXT NOT NULL,
  UNIQUE (context, action_no)
) STRICT;
CREATE INDEX r2r_actions_by_context ON r2r_actions (context, seq);
`,
};
