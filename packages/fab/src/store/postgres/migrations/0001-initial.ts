// The first schema of the at-scale store, table for table the SQLite one (docs/fab.md §1.1): jsonb
// for JSON, bytea for maps, an identity column for `seq` (the keyset of pairs and of the
// time-ordered facts). Text is COLLATE "C": it sorts by bytes as SQLite does, so both stores list
// ids in one order whatever the server's locale.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE organisations (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL CHECK (role IN ('fab', 'maker'))
);

CREATE TABLE tools (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations (id),
  address text COLLATE "C",
  port integer,
  device_id bigint
);

CREATE TABLE modules (
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  PRIMARY KEY (tool_id, id)
);

CREATE TABLE recipes (
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  name text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  body text COLLATE "C" NOT NULL,
  created_ms bigint NOT NULL,
  PRIMARY KEY (tool_id, name, version)
);

CREATE TABLE lots (
  id text COLLATE "C" PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  recipe text COLLATE "C" NOT NULL,
  recipe_version integer,
  planned_pairs integer NOT NULL,
  started_ms bigint NOT NULL,
  ended_ms bigint,
  outcome text COLLATE "C" CHECK (outcome IN ('completed', 'stopped', 'aborted')),
  summary jsonb
);
CREATE INDEX lots_by_start ON lots (started_ms, id);
CREATE INDEX lots_by_tool ON lots (tool_id, started_ms, id);

CREATE TABLE carriers (
  id text COLLATE "C" PRIMARY KEY,
  capacity integer NOT NULL,
  role text COLLATE "C" CHECK (role IN ('top', 'bottom', 'stack'))
);

CREATE TABLE substrates (
  id text COLLATE "C" PRIMARY KEY,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('top', 'bottom', 'stack')),
  lot_id text COLLATE "C" NOT NULL REFERENCES lots (id),
  carrier_id text COLLATE "C" REFERENCES carriers (id),
  slot integer,
  top_id text COLLATE "C",
  bottom_id text COLLATE "C"
);
CREATE INDEX substrates_by_lot ON substrates (lot_id, id);

CREATE TABLE pairs (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  lot_id text COLLATE "C" NOT NULL REFERENCES lots (id),
  slot integer NOT NULL,
  recipe text COLLATE "C" NOT NULL,
  recipe_version integer,
  top_id text COLLATE "C" NOT NULL,
  bottom_id text COLLATE "C" NOT NULL,
  stack_id text COLLATE "C" NOT NULL,
  started_ms bigint NOT NULL,
  ended_ms bigint
);
CREATE INDEX pairs_by_tool ON pairs (tool_id, seq);
CREATE INDEX pairs_by_lot ON pairs (lot_id, seq);

CREATE TABLE pair_results (
  pair_id text COLLATE "C" PRIMARY KEY REFERENCES pairs (id),
  yield double precision NOT NULL,
  summary jsonb NOT NULL,
  overlay_map bytea,
  void_map bytea,
  die_yield_map bytea
);

CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  data_id bigint NOT NULL,
  ceid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  equipment_time_ms bigint NOT NULL,
  received_time_ms bigint NOT NULL,
  data jsonb NOT NULL,
  UNIQUE (tool_id, data_id, ceid, equipment_time_ms)
);
CREATE INDEX events_by_time ON events (equipment_time_ms, seq);
CREATE INDEX events_by_tool ON events (tool_id, equipment_time_ms, seq);

CREATE TABLE alarms (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  alid bigint NOT NULL,
  state text COLLATE "C" NOT NULL CHECK (state IN ('set', 'clear')),
  category integer NOT NULL,
  text text COLLATE "C" NOT NULL,
  equipment_time_ms bigint NOT NULL,
  received_time_ms bigint NOT NULL,
  UNIQUE (tool_id, alid, state, equipment_time_ms)
);
CREATE INDEX alarms_by_time ON alarms (equipment_time_ms, seq);
CREATE INDEX alarms_by_tool ON alarms (tool_id, equipment_time_ms, seq);

CREATE TABLE trace_samples (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  trace_id bigint NOT NULL,
  sample_no bigint NOT NULL,
  equipment_time_ms bigint NOT NULL,
  received_time_ms bigint NOT NULL,
  sample_values jsonb NOT NULL,
  UNIQUE (tool_id, trace_id, sample_no, equipment_time_ms)
);
CREATE INDEX trace_by_time ON trace_samples (equipment_time_ms, seq);
CREATE INDEX trace_by_tool ON trace_samples (tool_id, equipment_time_ms, seq);

CREATE TABLE ec_changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  ecid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  old_value jsonb NOT NULL,
  new_value jsonb NOT NULL,
  source text COLLATE "C" NOT NULL CHECK (source IN ('host', 'tool')),
  equipment_time_ms bigint NOT NULL,
  received_time_ms bigint NOT NULL,
  UNIQUE (tool_id, ecid, equipment_time_ms)
);
CREATE INDEX ec_changes_by_time ON ec_changes (equipment_time_ms, seq);
CREATE INDEX ec_changes_by_tool ON ec_changes (tool_id, equipment_time_ms, seq);
`,
};
