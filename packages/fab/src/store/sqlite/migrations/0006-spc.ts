// SPC in the running fab (docs/fab.md §8.6): a chart per (tool, parameter, context) with its settings
// and phases (the history of frozen limits), its points in series order, and the violations found on
// them. Charts and points are written by the SPC service (saveSpcChart, appendSpcPoints); violations
// are records (`spc-violation`) written through the record path so they reach the live stream, and a
// violation's close fills in closed_ms and close_reason.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 6,
  name: 'spc',
  sql: `
CREATE TABLE spc_charts (
  id TEXT PRIMARY KEY,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  parameter TEXT NOT NULL,
  context TEXT NOT NULL,
  recipe TEXT NOT NULL,
  product TEXT NOT NULL,
  settings TEXT NOT NULL,
  phases TEXT NOT NULL,
  revision INTEGER NOT NULL,
  spec TEXT,
  baseline_points INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX spc_charts_by_tool ON spc_charts (tool_id, id);
CREATE TABLE spc_points (
  chart_id TEXT NOT NULL REFERENCES spc_charts (id),
  idx INTEGER NOT NULL,
  pair_id TEXT,
  value REAL NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (chart_id, idx)
) STRICT;
CREATE TABLE spc_violations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  chart_id TEXT NOT NULL,
  part TEXT NOT NULL,
  rule TEXT NOT NULL,
  point_index INTEGER NOT NULL,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  parameter TEXT NOT NULL,
  context TEXT NOT NULL,
  phase INTEGER NOT NULL,
  description TEXT NOT NULL,
  indexes TEXT NOT NULL,
  side TEXT,
  pair_id TEXT,
  value REAL NOT NULL,
  at_ms INTEGER NOT NULL,
  closed_ms INTEGER,
  close_reason TEXT,
  UNIQUE (chart_id, part, rule, point_index)
) STRICT;
CREATE INDEX spc_violations_by_chart ON spc_violations (chart_id, seq);
CREATE INDEX spc_violations_by_tool ON spc_violations (tool_id, seq);
`,
};
