// The R2R audit trail (docs/fab.md §10): every action of the fab's run-to-run control, one row each,
// numbered per context. Written by the R2R service through writeBatch (record type `r2r-action`).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 4,
  name: 'r2r',
  sql: `
CREATE TABLE r2r_actions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  context text COLLATE "C" NOT NULL,
  action_no bigint NOT NULL,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  recipe text COLLATE "C" NOT NULL,
  product text COLLATE "C" NOT NULL,
  at_ms bigint NOT NULL,
  action text COLLATE "C" NOT NULL,
  pair_id text COLLATE "C",
  detail jsonb NOT NULL,
  UNIQUE (context, action_no)
);
CREATE INDEX r2r_actions_by_context ON r2r_actions (context, seq);
`,
};
