// The tables written by their own store methods rather than by `writeBatch` (the analyses of pairs,
// SPC's charts and points): the same kind of spec as the records' (table-specs.ts), so both stores
// generate their statements and conflict rules from one place.
import { big, type ColumnSpec, int, json, real, type TableSpec, t } from './table-specs.js';

/**
 * The fab's analysis of a pair (migration 3, not a FabRecord: the analyser writes it with
 * `writePairAnalyses`, docs/fab.md §7.5): one row per pair, a newer version replaces it.
 */
export const PAIR_ANALYSIS_SPEC: TableSpec = (() => {
  const columns: ColumnSpec[] = [
    t('pair_id'),
    int('analysis_version'),
    big('computed_ms'),
    int('dies'),
    int('good_dies'),
    real('yield'),
    real('expected_yield'),
    int('lost_overlay'),
    int('lost_void'),
    int('lost_cu'),
    real('expected_loss_overlay'),
    real('expected_loss_void'),
    real('expected_loss_cu'),
    real('tx_nm'),
    real('ty_nm'),
    real('rot_urad'),
    real('mag_ppm'),
    real('residual_x_m3s_nm'),
    real('residual_y_m3s_nm'),
    int('void_count'),
    real('void_area_um2'),
    json('fault_points'),
    int('fault_count'),
    int('issue_count'),
    json('analysis'),
  ];
  return {
    table: 'pair_analyses',
    rank: 5,
    columns,
    key: ['pair_id'],
    mode: 'newer-version',
    update: columns.map((c) => c.name).filter((n) => n !== 'pair_id'),
    bulk: false,
    versionColumn: 'analysis_version',
  };
})();

/** SPC charts (migration 6, not records): one row per chart; a row with more phases replaces it. */
export const SPC_CHART_SPEC: TableSpec = (() => {
  const columns: ColumnSpec[] = [
    t('id'),
    t('tool_id'),
    t('parameter'),
    t('context'),
    t('recipe'),
    t('product'),
    json('settings'),
    json('phases'),
    json('spec'),
    int('revision'),
    int('baseline_points'),
    big('created_ms'),
    big('updated_ms'),
  ];
  return {
    table: 'spc_charts',
    rank: 6,
    columns,
    key: ['id'],
    mode: 'newer-version',
    update: ['settings', 'phases', 'spec', 'revision', 'updated_ms'],
    bulk: false,
    versionColumn: 'revision',
  };
})();

/** SPC points (migration 6): a chart's series, one row per index, stored once. */
export const SPC_POINT_SPEC: TableSpec = {
  table: 'spc_points',
  rank: 7,
  columns: [t('chart_id'), big('idx'), t('pair_id'), real('value'), big('at_ms')],
  key: ['chart_id', 'idx'],
  mode: 'insert-once',
  update: [],
  bulk: false,
};
