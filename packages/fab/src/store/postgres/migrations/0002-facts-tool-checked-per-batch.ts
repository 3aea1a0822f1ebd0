// The high-volume facts (events, alarms, trace samples, constant changes) lose their per-row foreign
// key to `tools`: PostgreSQL checked it with a trigger per inserted row, a third of the time of a
// COPY of events (docs/fab.md §1.5). The store checks the batch's tools instead, once per batch and
// inside its transaction (`SELECT ... FOR KEY SHARE`, the lock the foreign key took), and refuses a
// batch naming a tool that is not stored with the same `unknown-reference` as before.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 2,
  name: 'facts-tool-checked-per-batch',
  sql: `
ALTER TABLE events DROP CONSTRAINT events_tool_id_fkey;
ALTER TABLE alarms DROP CONSTRAINT alarms_tool_id_fkey;
ALTER TABLE trace_samples DROP CONSTRAINT trace_samples_tool_id_fkey;
ALTER TABLE ec_changes DROP CONSTRAINT ec_changes_tool_id_fkey;
`,
};
