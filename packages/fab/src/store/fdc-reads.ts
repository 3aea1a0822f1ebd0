// The reads of FDC's tables (migration 7, docs/fab.md §9): models by recipe and version, each pair's
// check, the faults by tool, pair or recipe. One SQL for both stores, as store-reads.ts.
import { issue } from '@bondline/core';
import type { FabStore } from './fab-store.js';
import { type JsonObject, type JsonValue, parseJsonObject, parseJsonValue } from './json-value.js';
import { type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import { badFilter, equalityFilters } from './read-filters.js';
import type { FdcCheckRecord, FdcFaultRecord, FdcModelRecord, FdcTraceRank } from './records.js';
import { type DbRow, keyNumber } from './row-decode.js';

type Reads = Pick<FabStore, 'listFdcModels' | 'getFdcModel' | 'getFdcCheck' | 'listFdcFaults'>;

function num(row: DbRow, col: string): number {
  const v = row[col];
  if (typeof v === 'number') return v;
  // PostgreSQL's bigint arrives as text unless the driver is told otherwise.
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new TypeError(`column ${col}: expected a number from the store, got ${typeof v}`);
}

function str(row: DbRow, col: string): string {
  const v = row[col];
  if (typeof v === 'string') return v;
  throw new TypeError(`column ${col}: expected text from the store, got ${typeof v}`);
}

function array(value: JsonValue, col: string): readonly JsonValue[] {
  if (Array.isArray(value)) return value;
  throw new TypeError(`column ${col}: expected a JSON array from the store`);
}

function ranks(value: JsonValue, col: string): FdcTraceRank[] {
  return array(value, col).map((v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new TypeError(`column ${col}: expected JSON objects from the store`);
    }
    const o = v as JsonObject;
    const { trace, contribution, share, outOfLimits } = o;
    if (
      typeof trace !== 'string' ||
      typeof contribution !== 'number' ||
      typeof share !== 'number' ||
      !Array.isArray(outOfLimits)
    ) {
      throw new TypeError(`column ${col}: a trace without trace, contribution, share and outOfLimits`);
    }
    return { trace, contribution, share, outOfLimits: outOfLimits.map(String) };
  });
}

function fdcModelFromRow(row: DbRow): FdcModelRecord {
  return {
    type: 'fdc-model',
    recipe: str(row, 'recipe'),
    version: num(row, 'version'),
    createdMs: num(row, 'created_ms'),
    goldenPairIds: array(parseJsonValue(row.golden_pairs), 'golden_pairs').map(String),
    model: parseJsonObject(row.model),
  };
}

function fdcCheckFromRow(row: DbRow): FdcCheckRecord {
  return {
    type: 'fdc-check',
    pairId: str(row, 'pair_id'),
    toolId: str(row, 'tool_id'),
    recipe: str(row, 'recipe'),
    modelVersion: num(row, 'model_version'),
    atMs: num(row, 'at_ms'),
    flagged: num(row, 'flagged') !== 0,
    faultCount: num(row, 'fault_count'),
    result: parseJsonObject(row.result),
  };
}

function fdcFaultFromRow(row: DbRow): FdcFaultRecord {
  return {
    type: 'fdc-fault',
    pairId: str(row, 'pair_id'),
    toolId: str(row, 'tool_id'),
    recipe: str(row, 'recipe'),
    step: str(row, 'step'),
    moduleId: str(row, 'module_id'),
    modelVersion: num(row, 'model_version'),
    atMs: num(row, 'at_ms'),
    t2: num(row, 't2'),
    t2Ucl: num(row, 't2_ucl'),
    reasons: array(parseJsonValue(row.reasons), 'reasons').map((r) => (r === 't2' ? 't2' : 'limits')),
    traces: ranks(parseJsonValue(row.traces), 'traces'),
  };
}

const bySeq = <T>(list: string, table: string, decode: (row: DbRow) => T): ListSpec<T> => ({
  list,
  select: '*',
  from: table,
  keyColumns: ['seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode,
});

const MODELS = bySeq('fdc-models', 'fdc_models', fdcModelFromRow);
const FAULTS = bySeq('fdc-faults', 'fdc_faults', fdcFaultFromRow);

/** The FDC reads of a FabStore over `reader`. */
export function fdcReads(reader: SqlReader): Reads {
  return {
    async listFdcModels(q = {}) {
      const f = equalityFilters(q, { recipe: 'recipe' });
      return f.ok ? readPage(reader, MODELS, q, f.value) : f;
    },
    async getFdcModel(recipe, version) {
      if (typeof recipe !== 'string') return badFilter('recipe', recipe, 'text');
      if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
        return badFilter('version', version, 'an integer ≥ 1');
      }
      const rows =
        version === undefined
          ? await reader.all('SELECT * FROM fdc_models WHERE recipe = ? ORDER BY version DESC LIMIT 1', [
              recipe,
            ])
          : await reader.all('SELECT * FROM fdc_models WHERE recipe = ? AND version = ?', [recipe, version]);
      const row = rows[0];
      if (row === undefined) {
        const what =
          version === undefined
            ? `no FDC model of recipe '${recipe}' is stored`
            : `no FDC model ${version} of recipe '${recipe}' is stored`;
        return { ok: false, issues: [issue('not-found', what, 'recipe')] };
      }
      return { ok: true, value: fdcModelFromRow(row) };
    },
    async getFdcCheck(pairId) {
      if (typeof pairId !== 'string') return badFilter('pairId', pairId, 'text');
      const rows = await reader.all(
        'SELECT * FROM fdc_checks WHERE pair_id = ? ORDER BY model_version DESC LIMIT 1',
        [pairId],
      );
      const row = rows[0];
      if (row === undefined) {
        return { ok: false, issues: [issue('not-found', `pair '${pairId}' has no FDC check stored`, 'id')] };
      }
      return { ok: true, value: fdcCheckFromRow(row) };
    },
    async listFdcFaults(q = {}) {
      const f = equalityFilters(q, { toolId: 'tool_id', pairId: 'pair_id', recipe: 'recipe' });
      return f.ok ? readPage(reader, FAULTS, q, f.value) : f;
    },
  };
}
