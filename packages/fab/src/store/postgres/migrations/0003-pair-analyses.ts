// Version 3 of both stores (docs/fab.md §1.1, "Per-pair analysis"): the fab's own analysis of each pair
// (overlay fit, voids, die yield by cause), one row per pair holding the figures SPC and yield read as
// columns and the whole analysis as JSON; a newer analysis version replaces an older one, the same
// version stores nothing new. `fault_count` counts the fault points the pair names (its alarms), so the
// yield Pareto reads the pairs with fault points without parsing JSON.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 3,
  name: 'pair-analyses',
  sql: `
CREATE TABLE pair_analyses (
  pair_id text COLLATE "C" PRIMARY KEY REFERENCES pairs (id),
  analysis_version integer NOT NULL,
  computed_ms bigint NOT NULL,
  dies integer,
  good_dies integer,
  yield double precision,
  expected_yield double precision,
  lost_overlay integer,
  lost_void integer,
  lost_cu integer,
  expected_loss_overlay double precision,
  expected_loss_void double precision,
  expected_loss_cu double precision,
  tx_nm double precision,
  ty_nm double precision,
  rot_urad double precision,
  mag_ppm double precision,
  residual_x_m3s_nm double precision,
  residual_y_m3s_nm double precision,
  void_count integer,
  void_area_um2 double precision,
  fault_points jsonb NOT NULL,
  fault_count integer NOT NULL,
  issue_count integer NOT NULL,
  analysis jsonb NOT NULL
);
`,
};
