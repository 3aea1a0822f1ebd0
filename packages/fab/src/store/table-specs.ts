// How each record type is written: its table, its columns, its idempotency key and what a second
// record with the same key does. Both stores generate their INSERT statements from these specs, so
// SQLite and PostgreSQL agree on what "stored once" means (docs/fab.md §1.2).
import type { FabRecordType } from './records.js';

/** Column types as PostgreSQL names them (the SQLite migration uses the matching storage class). */
type PgType = 'text' | 'bigint' | 'integer' | 'double precision' | 'jsonb' | 'bytea';

export interface ColumnSpec {
  readonly name: string;
  readonly pgType: PgType;
}

/**
 * What a record whose key is already stored does:
 * - `insert-once`: nothing (a fact, or a version that never changes);
 * - `fill-in`: sets the `update` columns that are still NULL (an end time, an outcome) and never
 *   changes a value already stored, so an older record redelivered late cannot undo a newer one;
 * - `replace`: sets the `update` columns that differ (a tool's configured name or address);
 * - `newer-version`: sets the `update` columns when the row's `versionColumn` is greater than the
 *   stored one (a pair analysed again by a newer analysis); the same or an older version changes nothing.
 * A record counts as new when it inserted or changed a row, as a duplicate when it changed nothing.
 */
type ConflictMode = 'insert-once' | 'fill-in' | 'replace' | 'newer-version';

export interface TableSpec {
  readonly table: string;
  /** Write order inside a batch: a table is written after the tables it references. */
  readonly rank: number;
  readonly columns: readonly ColumnSpec[];
  readonly key: readonly string[];
  readonly mode: ConflictMode;
  readonly update: readonly string[];
  /** Written by PostgreSQL as one multi-row statement per batch (the high-volume facts). */
  readonly bulk: boolean;
  /** The version column of a `newer-version` table. */
  readonly versionColumn?: string;
}

export const t = (name: string): ColumnSpec => ({ name, pgType: 'text' });
export const big = (name: string): ColumnSpec => ({ name, pgType: 'bigint' });
export const int = (name: string): ColumnSpec => ({ name, pgType: 'integer' });
export const real = (name: string): ColumnSpec => ({ name, pgType: 'double precision' });
export const json = (name: string): ColumnSpec => ({ name, pgType: 'jsonb' });
const blob = (name: string): ColumnSpec => ({ name, pgType: 'bytea' });

export const TABLE_SPECS: { readonly [K in FabRecordType]: TableSpec } = {
  organisation: {
    table: 'organisations',
    rank: 0,
    columns: [t('id'), t('name'), t('role')],
    key: ['id'],
    mode: 'replace',
    update: ['name', 'role'],
    bulk: false,
  },
  carrier: {
    table: 'carriers',
    rank: 0,
    columns: [t('id'), int('capacity'), t('role')],
    key: ['id'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  tool: {
    table: 'tools',
    rank: 1,
    columns: [t('id'), t('name'), t('organisation_id'), t('address'), int('port'), big('device_id')],
    key: ['id'],
    mode: 'replace',
    update: ['name', 'organisation_id', 'address', 'port', 'device_id'],
    bulk: false,
  },
  module: {
    table: 'modules',
    rank: 2,
    columns: [t('tool_id'), t('id'), t('kind')],
    key: ['tool_id', 'id'],
    mode: 'replace',
    update: ['kind'],
    bulk: false,
  },
  recipe: {
    table: 'recipes',
    rank: 2,
    columns: [t('tool_id'), t('name'), int('version'), t('body'), big('created_ms')],
    key: ['tool_id', 'name', 'version'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  lot: {
    table: 'lots',
    rank: 2,
    columns: [
      t('id'),
      t('tool_id'),
      t('recipe'),
      int('recipe_version'),
      int('planned_pairs'),
      big('started_ms'),
      big('ended_ms'),
      t('outcome'),
      json('summary'),
    ],
    key: ['id'],
    mode: 'fill-in',
    update: ['ended_ms', 'outcome', 'summary'],
    bulk: false,
  },
  substrate: {
    table: 'substrates',
    rank: 3,
    columns: [t('id'), t('kind'), t('lot_id'), t('carrier_id'), int('slot'), t('top_id'), t('bottom_id')],
    key: ['id'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  pair: {
    table: 'pairs',
    rank: 3,
    columns: [
      t('id'),
      t('tool_id'),
      t('lot_id'),
      int('slot'),
      t('recipe'),
      int('recipe_version'),
      t('top_id'),
      t('bottom_id'),
      t('stack_id'),
      big('started_ms'),
      big('ended_ms'),
    ],
    key: ['id'],
    mode: 'fill-in',
    update: ['ended_ms'],
    bulk: false,
  },
  'pair-result': {
    table: 'pair_results',
    rank: 4,
    columns: [
      t('pair_id'),
      real('yield'),
      json('summary'),
      blob('overlay_map'),
      blob('void_map'),
      blob('die_yield_map'),
    ],
    key: ['pair_id'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  event: {
    table: 'events',
    rank: 2,
    columns: [
      t('tool_id'),
      big('data_id'),
      big('ceid'),
      t('name'),
      big('equipment_time_ms'),
      big('received_time_ms'),
      json('data'),
    ],
    key: ['tool_id', 'data_id', 'ceid', 'equipment_time_ms'],
    mode: 'insert-once',
    update: [],
    bulk: true,
  },
  alarm: {
    table: 'alarms',
    rank: 2,
    columns: [
      t('tool_id'),
      big('alid'),
      t('state'),
      int('category'),
      t('text'),
      big('equipment_time_ms'),
      big('received_time_ms'),
      big('data_id'),
    ],
    key: ['tool_id', 'alid', 'state', 'equipment_time_ms', 'data_id'],
    mode: 'insert-once',
    update: [],
    bulk: true,
  },
  trace: {
    table: 'trace_samples',
    rank: 2,
    columns: [
      t('tool_id'),
      big('trace_id'),
      big('sample_no'),
      big('equipment_time_ms'),
      big('received_time_ms'),
      json('sample_values'),
    ],
    key: ['tool_id', 'trace_id', 'sample_no', 'equipment_time_ms'],
    mode: 'insert-once',
    update: [],
    bulk: true,
  },
  'ec-change': {
    table: 'ec_changes',
    rank: 2,
    columns: [
      t('tool_id'),
      big('ecid'),
      t('name'),
      json('old_value'),
      json('new_value'),
      t('source'),
      big('equipment_time_ms'),
      big('received_time_ms'),
      big('data_id'),
    ],
    key: ['tool_id', 'ecid', 'equipment_time_ms', 'data_id'],
    mode: 'insert-once',
    update: [],
    bulk: true,
  },
  'r2r-action': {
    table: 'r2r_actions',
    rank: 2,
    columns: [
      t('context'),
      big('action_no'),
      t('tool_id'),
      t('recipe'),
      t('product'),
      big('at_ms'),
      t('action'),
      t('pair_id'),
      json('detail'),
    ],
    key: ['context', 'action_no'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  'fdc-model': {
    table: 'fdc_models',
    rank: 2,
    columns: [t('recipe'), big('version'), big('created_ms'), json('golden_pairs'), json('model')],
    key: ['recipe', 'version'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  'fdc-check': {
    table: 'fdc_checks',
    rank: 2,
    columns: [
      t('pair_id'),
      t('tool_id'),
      t('recipe'),
      big('model_version'),
      big('at_ms'),
      int('flagged'),
      int('fault_count'),
      json('result'),
    ],
    key: ['pair_id', 'model_version'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  'fdc-fault': {
    table: 'fdc_faults',
    rank: 2,
    columns: [
      t('pair_id'),
      t('tool_id'),
      t('recipe'),
      t('step'),
      t('module_id'),
      big('model_version'),
      big('at_ms'),
      real('t2'),
      real('t2_ucl'),
      json('reasons'),
      json('traces'),
    ],
    key: ['pair_id', 'step', 'model_version'],
    mode: 'insert-once',
    update: [],
    bulk: false,
  },
  'spc-violation': {
    table: 'spc_violations',
    rank: 2,
    columns: [
      t('chart_id'),
      t('part'),
      t('rule'),
      big('point_index'),
      t('tool_id'),
      t('parameter'),
      t('context'),
      int('phase'),
      t('description'),
      json('indexes'),
      t('side'),
      t('pair_id'),
      real('value'),
      big('at_ms'),
      big('closed_ms'),
      t('close_reason'),
    ],
    key: ['chart_id', 'part', 'rule', 'point_index'],
    mode: 'fill-in',
    update: ['closed_ms', 'close_reason'],
    bulk: false,
  },
};
