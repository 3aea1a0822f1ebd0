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
  pair_id TEXT PRIMARY KEY REFERENCES pairs (id),
  analysis_version INTEGER NOT NULL,
  computed_ms INTEGER NOT NULL,
  dies INTEGER,
  good_dies INTEGER,
  yield REAL,
  expected_yield REAL,
  lost_overlay INTEGER,
  lost_void INTEGER,
  lost_cu INTEGER,
  expected_loss_overlay REAL,
  expected_loss_void REAL,
  expected_loss_cu REAL,
  tx_nm REAL,
  ty_nm REAL,
  rot_urad REAL,
  mag_ppm REAL,
  residual_x_m3s_nm REAL,
  residual_y_m3s_nm REAL,
  void_count INTEGER,
  void_area_um2 REAL,
  fault_points TEXT NOT NULL,
  fault_count INTEGER NOT NULL,
  issue_count INTEGER NOT NULL,
  analysis TEXT NOT NULL
) STRICT;
`,
};
