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
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipe text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  created_ms bigint NOT NULL,
  golden_pairs jsonb NOT NULL,
  model jsonb NOT NULL,
  UNIQUE (recipe, version)
);
CREATE TABLE fdc_checks (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id text COLLATE "C" NOT NULL,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  recipe text COLLATE "C" NOT NULL,
  model_version bigint NOT NULL,
  at_ms bigint NOT NULL,
  flagged integer NOT NULL,
  fault_count integer NOT NULL,
  result jsonb NOT NULL,
  UNIQUE (pair_id, model_version)
);
CREATE INDEX fdc_checks_by_pair ON fdc_checks (pair_id, model_version);
CREATE TABLE fdc_faults (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id text COLLATE "C" NOT NULL,
  tool_id text COLLATE "C" NOT NULL REFERENCES tools (id),
  recipe text COLLATE "C" NOT NULL,
  step text COLLATE "C" NOT NULL,
  module_id text COLLATE "C" NOT NULL,
  model_version bigint NOT NULL,
  at_ms bigint NOT NULL,
  t2 double precision NOT NULL,
  t2_ucl double precision NOT NULL,
  reasons jsonb NOT NULL,
  traces jsonb NOT NULL,
  UNIQUE (pair_id, step, model_version)
);
CREATE INDEX fdc_faults_by_tool ON fdc_faults (tool_id, seq);
CREATE INDEX fdc_faults_by_pair ON fdc_faults (pair_id, seq);
CREATE INDEX fdc_faults_by_recipe ON fdc_faults (recipe, seq);
`,
};
