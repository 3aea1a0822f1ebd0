// The first schema of the embedded store: docs/fab.md §1.1 describes each table. STRICT tables make
// SQLite refuse a value of the wrong type instead of storing it; AUTOINCREMENT keeps `seq` (the
// keyset of pairs and of the time-ordered facts) from ever reusing a number.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('fab', 'maker'))
) STRICT;

CREATE TABLE tools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  address TEXT,
  port INTEGER,
  device_id INTEGER
) STRICT;

CREATE TABLE modules (
  tool_id TEXT NOT NULL REFERENCES tools (id),
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (tool_id, id)
) STRICT;

CREATE TABLE recipes (
  tool_id TEXT NOT NULL REFERENCES tools (id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (tool_id, name, version)
) STRICT;

CREATE TABLE lots (
  id TEXT PRIMARY KEY,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  recipe TEXT NOT NULL,
  recipe_version INTEGER,
  planned_pairs INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  outcome TEXT CHECK (outcome IN ('completed', 'stopped', 'aborted')),
  summary TEXT
) STRICT;
CREATE INDEX lots_by_start ON lots (started_ms, id);
CREATE INDEX lots_by_tool ON lots (tool_id, started_ms, id);

CREATE TABLE carriers (
  id TEXT PRIMARY KEY,
  capacity INTEGER NOT NULL,
  role TEXT CHECK (role IN ('top', 'bottom', 'stack'))
) STRICT;

CREATE TABLE substrates (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('top', 'bottom', 'stack')),
  lot_id TEXT NOT NULL REFERENCES lots (id),
  carrier_id TEXT REFERENCES carriers (id),
  slot INTEGER,
  top_id TEXT,
  bottom_id TEXT
) STRICT;
CREATE INDEX substrates_by_lot ON substrates (lot_id, id);

CREATE TABLE pairs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  lot_id TEXT NOT NULL REFERENCES lots (id),
  slot INTEGER NOT NULL,
  recipe TEXT NOT NULL,
  recipe_version INTEGER,
  top_id TEXT NOT NULL,
  bottom_id TEXT NOT NULL,
  stack_id TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER
) STRICT;
CREATE INDEX pairs_by_tool ON pairs (tool_id, seq);
CREATE INDEX pairs_by_lot ON pairs (lot_id, seq);

CREATE TABLE pair_results (
  pair_id TEXT PRIMARY KEY REFERENCES pairs (id),
  yield REAL NOT NULL,
  summary TEXT NOT NULL,
  overlay_map BLOB,
  void_map BLOB,
  die_yield_map BLOB
) STRICT;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  data_id INTEGER NOT NULL,
  ceid INTEGER NOT NULL,
  name TEXT NOT NULL,
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (tool_id, data_id, ceid, equipment_time_ms)
) STRICT;
CREATE INDEX events_by_time ON events (equipment_time_ms, seq);
CREATE INDEX events_by_tool ON events (tool_id, equipment_time_ms, seq);

CREATE TABLE alarms (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  alid INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('set', 'clear')),
  category INTEGER NOT NULL,
  text TEXT NOT NULL,
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  UNIQUE (tool_id, alid, state, equipment_time_ms)
) STRICT;
CREATE INDEX alarms_by_time ON alarms (equipment_time_ms, seq);
CREATE INDEX alarms_by_tool ON alarms (tool_id, equipment_time_ms, seq);

CREATE TABLE trace_samples (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  trace_id INTEGER NOT NULL,
  sample_no INTEGER NOT NULL,
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  sample_values TEXT NOT NULL,
  UNIQUE (tool_id, trace_id, sample_no, equipment_time_ms)
) STRICT;
CREATE INDEX trace_by_time ON trace_samples (equipment_time_ms, seq);
CREATE INDEX trace_by_tool ON trace_samples (tool_id, equipment_time_ms, seq);

CREATE TABLE ec_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  ecid INTEGER NOT NULL,
  name TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('host', 'tool')),
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  UNIQUE (tool_id, ecid, equipment_time_ms)
) STRICT;
CREATE INDEX ec_changes_by_time ON ec_changes (equipment_time_ms, seq);
CREATE INDEX ec_changes_by_tool ON ec_changes (tool_id, equipment_time_ms, seq);
`,
};
