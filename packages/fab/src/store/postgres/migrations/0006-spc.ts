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
  id text COLLATE "C" PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  parameter text COLLATE "C" NOT NULL,
  context text COLLATE "C" NOT NULL,
  recipe text COLLATE "C" NOT NULL,
  product text COLLATE "C" NOT NULL,
  settings jsonb NOT NULL,
  phases jsonb NOT NULL,
  revision integer NOT NULL,
  spec jsonb,
  baseline_points integer NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL
);
CREATE INDEX spc_charts_by_tool ON spc_charts (tool_id, id);
CREATE TABLE spc_points (
  chart_id text COLLATE "C" NOT NULL REFERENCES spc_charts (id),
  idx bigint NOT NULL,
  pair_id text COLLATE "C",
  value double precision NOT NULL,
  at_ms bigint NOT NULL,
  PRIMARY KEY (chart_id, idx)
);
CREATE TABLE spc_violations (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chart_id text COLLATE "C" NOT NULL,
  part text COLLATE "C" NOT NULL,
  rule text COLLATE "C" NOT NULL,
  point_index bigint NOT NULL,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  parameter text COLLATE "C" NOT NULL,
  context text COLLATE "C" NOT NULL,
  phase integer NOT NULL,
  description text NOT NULL,
  indexes jsonb NOT NULL,
  side text COLLATE "C",
  pair_id text COLLATE "C",
  value double precision NOT NULL,
  at_ms bigint NOT NULL,
  closed_ms bigint,
  close_reason text,
  UNIQUE (chart_id, part, rule, point_index)
);
CREATE INDEX spc_violations_by_chart ON spc_violations (chart_id, seq);
CREATE INDEX spc_violations_by_tool ON spc_violations (tool_id, seq);
`,
};
