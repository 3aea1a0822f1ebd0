// FDC (docs/fab.md §9): the models learned from golden pairs, one row per recipe and version (the
// newest version of a recipe is its active model), and each pair's check against it with the faults
// it found, one row per flagged step. Written through writeBatch (record types `fdc-model`,
// `fdc-check`, `fdc-fault`), so a fault reaches the live stream as every committed record does.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 7,
  name: 'fdc',
  sql: `
CREATE TABLE fdc_models (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  recipe TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  golden_pairs TEXT NOT NULL,
  model TEXT NOT NULL,
  UNIQUE (recipe, version)
) STRICT;
CREATE TABLE fdc_checks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  pair_id TEXT NOT NULL,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  recipe TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  flagged INTEGER NOT NULL,
  fault_count INTEGER NOT NULL,
  result TEXT NOT NULL,
  UNIQUE (pair_id, model_version)
) STRICT;
CREATE INDEX fdc_checks_by_pair ON fdc_checks (pair_id, model_version);
CREATE TABLE fdc_faults (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  pair_id TEXT NOT NULL,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  recipe TEXT NOT NULL,
  step TEXT NOT NULL,
  module_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  t2 REAL NOT NULL,
  t2_ucl REAL NOT NULL,
  reasons TEXT NOT NULL,
  traces TEXT NOT NULL,
  UNIQUE (pair_id, step, model_version)
) STRICT;
CREATE INDEX fdc_faults_by_tool ON fdc_faults (tool_id, seq);
CREATE INDEX fdc_faults_by_pair ON fdc_faults (pair_id, seq);
CREATE INDEX fdc_faults_by_recipe ON fdc_faults (recipe, seq);
`,
};
