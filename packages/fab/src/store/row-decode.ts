// Rows as both drivers return them (better-sqlite3: numbers, strings, Buffers; pg configured by
// pg-types.ts to give int8 as numbers and JSON as text) back into records. A value of the wrong type
// means the database is not this schema: a programmer error, thrown.
import { type Issue, issue } from '@bondline/core';
import { parseJsonObject, parseJsonValue } from './json-value.js';
import { decodeMap, type NumericMap } from './map-codec.js';
import type {
  AlarmRecord,
  CarrierRecord,
  EcChangeRecord,
  EventRecord,
  LotRecord,
  ModuleRecord,
  PairRecord,
  PairResultRecord,
  R2rActionRecord,
  RecipeRecord,
  SubstrateRecord,
  ToolRecord,
  TraceSampleRecord,
} from './records.js';

export type DbRow = Readonly<Record<string, unknown>>;

export function num(row: DbRow, col: string): number {
  const v = row[col];
  if (typeof v === 'number') return v;
  throw new TypeError(`column ${col}: expected a number from the store, got ${typeof v}`);
}

export function str(row: DbRow, col: string): string {
  const v = row[col];
  if (typeof v === 'string') return v;
  throw new TypeError(`column ${col}: expected text from the store, got ${typeof v}`);
}

function oneOf<T extends string>(row: DbRow, col: string, allowed: readonly T[]): T {
  const v = str(row, col);
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new TypeError(`column ${col}: '${v}' is not one of ${allowed.join(', ')}`);
  return found;
}

/** `{ [key]: value }` when the column is not NULL, `{}` when it is (exactOptionalPropertyTypes). */
export function opt<K extends string, T>(key: K, row: DbRow, col: string, read: (r: DbRow, c: string) => T) {
  return (row[col] === null || row[col] === undefined ? {} : { [key]: read(row, col) }) as { [P in K]?: T };
}

export function toolFromRow(row: DbRow): ToolRecord {
  return {
    type: 'tool',
    id: str(row, 'id'),
    name: str(row, 'name'),
    organisationId: str(row, 'organisation_id'),
    ...opt('address', row, 'address', str),
    ...opt('port', row, 'port', num),
    ...opt('deviceId', row, 'device_id', num),
  };
}

export function moduleFromRow(row: DbRow): ModuleRecord {
  return { type: 'module', toolId: str(row, 'tool_id'), id: str(row, 'id'), kind: str(row, 'kind') };
}

export function recipeFromRow(row: DbRow): RecipeRecord {
  return {
    type: 'recipe',
    toolId: str(row, 'tool_id'),
    name: str(row, 'name'),
    version: num(row, 'version'),
    body: str(row, 'body'),
    createdMs: num(row, 'created_ms'),
  };
}

const OUTCOMES = ['completed', 'stopped', 'aborted'] as const;
const ROLES = ['top', 'bottom', 'stack'] as const;

export function lotFromRow(row: DbRow): LotRecord {
  return {
    type: 'lot',
    id: str(row, 'id'),
    toolId: str(row, 'tool_id'),
    recipe: str(row, 'recipe'),
    ...opt('recipeVersion', row, 'recipe_version', num),
    plannedPairs: num(row, 'planned_pairs'),
    startedMs: num(row, 'started_ms'),
    ...opt('endedMs', row, 'ended_ms', num),
    ...opt('outcome', row, 'outcome', (r, c) => oneOf(r, c, OUTCOMES)),
    ...opt('summary', row, 'summary', (r, c) => parseJsonObject(r[c])),
  };
}

export function carrierFromRow(row: DbRow): CarrierRecord {
  return {
    type: 'carrier',
    id: str(row, 'id'),
    capacity: num(row, 'capacity'),
    ...opt('role', row, 'role', (r, c) => oneOf(r, c, ROLES)),
  };
}

export function substrateFromRow(row: DbRow): SubstrateRecord {
  return {
    type: 'substrate',
    id: str(row, 'id'),
    kind: oneOf(row, 'kind', ROLES),
    lotId: str(row, 'lot_id'),
    ...opt('carrierId', row, 'carrier_id', str),
    ...opt('slot', row, 'slot', num),
    ...opt('topId', row, 'top_id', str),
    ...opt('bottomId', row, 'bottom_id', str),
  };
}

export function pairFromRow(row: DbRow): PairRecord {
  return {
    type: 'pair',
    id: str(row, 'id'),
    toolId: str(row, 'tool_id'),
    lotId: str(row, 'lot_id'),
    slot: num(row, 'slot'),
    recipe: str(row, 'recipe'),
    ...opt('recipeVersion', row, 'recipe_version', num),
    topId: str(row, 'top_id'),
    bottomId: str(row, 'bottom_id'),
    stackId: str(row, 'stack_id'),
    startedMs: num(row, 'started_ms'),
    ...opt('endedMs', row, 'ended_ms', num),
  };
}

/** A pair result with its maps decoded; a stored map that does not decode is `corrupt-map`. */
export function pairResultFromRow(row: DbRow): PairResultRecord | Issue<'corrupt-map'> {
  const pairId = str(row, 'pair_id');
  const maps: { overlayMap?: NumericMap; voidMap?: NumericMap; dieYieldMap?: NumericMap } = {};
  const cols = [
    ['overlayMap', 'overlay_map'],
    ['voidMap', 'void_map'],
    ['dieYieldMap', 'die_yield_map'],
  ] as const;
  for (const [key, col] of cols) {
    const v = row[col];
    if (v === null || v === undefined) continue;
    if (!(v instanceof Uint8Array)) return issue('corrupt-map', `pair ${pairId}: ${col} is not a blob`, col);
    const decoded = decodeMap(v, `pair ${pairId}: ${col}`);
    if (!decoded.ok) return issue('corrupt-map', decoded.issues[0]?.message ?? 'corrupt', col);
    maps[key] = decoded.value;
  }
  return {
    type: 'pair-result',
    pairId,
    yield: num(row, 'yield'),
    summary: parseJsonObject(row.summary),
    ...maps,
  };
}

export function eventFromRow(row: DbRow): EventRecord {
  return {
    type: 'event',
    toolId: str(row, 'tool_id'),
    dataId: num(row, 'data_id'),
    ceid: num(row, 'ceid'),
    name: str(row, 'name'),
    equipmentTimeMs: num(row, 'equipment_time_ms'),
    receivedTimeMs: num(row, 'received_time_ms'),
    data: parseJsonObject(row.data),
  };
}

export function alarmFromRow(row: DbRow): AlarmRecord {
  return {
    type: 'alarm',
    toolId: str(row, 'tool_id'),
    alid: num(row, 'alid'),
    state: oneOf(row, 'state', ['set', 'clear'] as const),
    category: num(row, 'category'),
    text: str(row, 'text'),
    equipmentTimeMs: num(row, 'equipment_time_ms'),
    receivedTimeMs: num(row, 'received_time_ms'),
    ...dataIdOf(row),
  };
}

/** `dataId` of a row whose `data_id` is not 0 (0: no event report carried it). */
function dataIdOf(row: DbRow): { dataId?: number } {
  const d = num(row, 'data_id');
  return d === 0 ? {} : { dataId: d };
}

export function traceFromRow(row: DbRow): TraceSampleRecord {
  return {
    type: 'trace',
    toolId: str(row, 'tool_id'),
    traceId: num(row, 'trace_id'),
    sampleNo: num(row, 'sample_no'),
    equipmentTimeMs: num(row, 'equipment_time_ms'),
    receivedTimeMs: num(row, 'received_time_ms'),
    values: parseJsonObject(row.sample_values),
  };
}

export function ecChangeFromRow(row: DbRow): EcChangeRecord {
  return {
    type: 'ec-change',
    toolId: str(row, 'tool_id'),
    ecid: num(row, 'ecid'),
    name: str(row, 'name'),
    oldValue: parseJsonValue(row.old_value),
    newValue: parseJsonValue(row.new_value),
    source: oneOf(row, 'source', ['host', 'tool'] as const),
    equipmentTimeMs: num(row, 'equipment_time_ms'),
    receivedTimeMs: num(row, 'received_time_ms'),
    ...dataIdOf(row),
  };
}

export function r2rActionFromRow(row: DbRow): R2rActionRecord {
  return {
    type: 'r2r-action',
    context: str(row, 'context'),
    actionNo: num(row, 'action_no'),
    toolId: str(row, 'tool_id'),
    recipe: str(row, 'recipe'),
    product: str(row, 'product'),
    atMs: num(row, 'at_ms'),
    action: str(row, 'action'),
    ...opt('pairId', row, 'pair_id', str),
    detail: parseJsonObject(row.detail),
  };
}

/** The number in a row's `seq` or time column, for a cursor. */
export function keyNumber(row: DbRow, col: string): number {
  return num(row, col);
}

/** The text in a row's id column, for a cursor. */
export function keyText(row: DbRow, col: string): string {
  return str(row, col);
}
