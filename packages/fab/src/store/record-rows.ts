// A batch of records as rows: each record checked (schema, JSON, maps) and turned into the column
// values of its table spec, then ordered so that a row is written after the rows it references.
import { type Issue, issue, zodIssues } from '@bondline/core';
import { jsonText } from './json-value.js';
import { checkMap, encodeMap, type NumericMap } from './map-codec.js';
import { recordSchema } from './record-schema.js';
import type { FabRecord } from './records.js';
import { TABLE_SPECS, type TableSpec } from './table-specs.js';

/** A value bound to a statement: text, an integer or double, a blob, or NULL. */
export type SqlValue = string | number | Buffer | null;

export interface Row {
  readonly spec: TableSpec;
  /** Index of the record in the batch, for messages. */
  readonly index: number;
  readonly values: readonly SqlValue[];
}

/** Records checked and encoded between two event-loop turns (~1 ms of work on the bench machine): docs/fab.md §1.5. */
export const DEFAULT_SLICE_ROWS = 256;

/** At most this many problems are listed for one batch; the rest are left out. */
const MAX_LISTED = 100;

/**
 * Records in one batch at most: a batch is one transaction and is held in memory whole (and copied to
 * the SQLite worker); a collector batches far fewer (docs/fab.md §1.5 measures 256 and 1000).
 */
export const MAX_BATCH_RECORDS = 100_000;

/**
 * Check every record of a batch and build its rows, in write order (by table rank, batch order within
 * a rank). Any problem refuses the batch: the issues name `records[i].field`. The work is done
 * `sliceRecords` at a time with `turn()` awaited in between, so a large batch does not hold the event
 * loop for the whole of its checks and encodings.
 */
export async function batchRows(
  records: readonly FabRecord[],
  sliceRecords: number,
  turn: () => Promise<unknown>,
): Promise<{ rows: Row[]; issues: Issue<'invalid-record' | 'batch-too-large'>[] }> {
  if (records.length > MAX_BATCH_RECORDS) {
    const why = `a batch of ${records.length} records is more than ${MAX_BATCH_RECORDS}: split it`;
    return { rows: [], issues: [issue('batch-too-large', why, 'records')] };
  }
  const rows: Row[] = [];
  const issues: Issue<'invalid-record'>[] = [];
  for (let i = 0; i < records.length && issues.length < MAX_LISTED; i++) {
    if (i > 0 && i % sliceRecords === 0) await turn();
    const r = recordRow(records[i], i);
    if ('values' in r) rows.push(r);
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return { rows: [], issues: issues.slice(0, MAX_LISTED) };
  // Array.prototype.sort is stable: records of one table keep their batch order.
  rows.sort((a, b) => a.spec.rank - b.spec.rank);
  return { rows, issues };
}

function recordRow(
  record: FabRecord | undefined,
  index: number,
): Row | { issues: Issue<'invalid-record'>[] } {
  const at = `records[${index}]`;
  const checked = recordSchema.safeParse(record);
  if (!checked.success || record === undefined) {
    const found = checked.success ? [] : zodIssues(checked.error.issues);
    const issues = found.map((i) => {
      const path = i.path === undefined ? at : `${at}.${i.path}`;
      return issue('invalid-record', `${path}: ${afterPath(i)}`, path);
    });
    return { issues: issues.length > 0 ? issues : [issue('invalid-record', `${at}: missing`, at)] };
  }
  const cells = new Cells(at);
  const values = columnValues(record, cells);
  if (cells.problems.length > 0) return { issues: cells.problems };
  return { spec: TABLE_SPECS[record.type], index, values };
}

// zodIssues' message is `<path>: <text>`; the path is given again with the record's index.
function afterPath(i: Issue): string {
  const colon = i.message.indexOf(': ');
  return colon < 0 ? i.message : i.message.slice(colon + 2);
}

/** The JSON and map cells of one record, and the problems found encoding them (no closure per record). */
class Cells {
  readonly problems: Issue<'invalid-record'>[] = [];

  constructor(private readonly at: string) {}

  json(value: unknown, field: string): string | null {
    if (value === undefined) return null;
    const r = jsonText(value, `${this.at}.${field}`);
    if (r.ok) return r.text;
    this.problems.push(r.issue);
    return null;
  }

  map(value: NumericMap | undefined, field: string): Buffer | null {
    if (value === undefined) return null;
    const bad = checkMap(value, `${this.at}.${field}`);
    if (bad === undefined) return encodeMap(value);
    this.problems.push(issue('invalid-record', bad.message, bad.path));
    return null;
  }
}

const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

// In the order of the table spec's columns.
function columnValues(r: FabRecord, c: Cells): SqlValue[] {
  switch (r.type) {
    case 'organisation':
      return [r.id, r.name, r.role];
    case 'tool':
      return [r.id, r.name, r.organisationId, n(r.address), n(r.port), n(r.deviceId)];
    case 'module':
      return [r.toolId, r.id, r.kind];
    case 'recipe':
      return [r.toolId, r.name, r.version, r.body, r.createdMs];
    case 'lot':
      return [
        r.id,
        r.toolId,
        r.recipe,
        n(r.recipeVersion),
        r.plannedPairs,
        r.startedMs,
        n(r.endedMs),
        n(r.outcome),
        c.json(r.summary, 'summary'),
      ];
    case 'carrier':
      return [r.id, r.capacity, n(r.role)];
    case 'substrate':
      return [r.id, r.kind, r.lotId, n(r.carrierId), n(r.slot), n(r.topId), n(r.bottomId)];
    case 'pair':
      return [
        r.id,
        r.toolId,
        r.lotId,
        r.slot,
        r.recipe,
        n(r.recipeVersion),
        r.topId,
        r.bottomId,
        r.stackId,
        r.startedMs,
        n(r.endedMs),
      ];
    case 'pair-result':
      return [
        r.pairId,
        r.yield,
        c.json(r.summary, 'summary'),
        c.map(r.overlayMap, 'overlayMap'),
        c.map(r.voidMap, 'voidMap'),
        c.map(r.dieYieldMap, 'dieYieldMap'),
      ];
    case 'event':
      return [
        r.toolId,
        r.dataId,
        r.ceid,
        r.name,
        r.equipmentTimeMs,
        r.receivedTimeMs,
        c.json(r.data, 'data'),
      ];
    case 'alarm':
      return [
        r.toolId,
        r.alid,
        r.state,
        r.category,
        r.text,
        r.equipmentTimeMs,
        r.receivedTimeMs,
        r.dataId ?? 0,
      ];
    case 'trace':
      return [
        r.toolId,
        r.traceId,
        r.sampleNo,
        r.equipmentTimeMs,
        r.receivedTimeMs,
        c.json(r.values, 'values'),
      ];
    case 'ec-change':
      return [
        r.toolId,
        r.ecid,
        r.name,
        c.json(r.oldValue, 'oldValue'),
        c.json(r.newValue, 'newValue'),
        r.source,
        r.equipmentTimeMs,
        r.receivedTimeMs,
        r.dataId ?? 0,
      ];
    case 'r2r-action':
      return [
        r.context,
        r.actionNo,
        r.toolId,
        r.recipe,
        r.product,
        r.atMs,
        r.action,
        n(r.pairId),
        c.json(r.detail, 'detail'),
      ];
    case 'fdc-model':
      return [
        r.recipe,
        r.version,
        r.createdMs,
        c.json([...r.goldenPairIds], 'goldenPairIds'),
        c.json(r.model, 'model'),
      ];
    case 'fdc-check':
      return [
        r.pairId,
        r.toolId,
        r.recipe,
        r.modelVersion,
        r.atMs,
        r.flagged ? 1 : 0,
        r.faultCount,
        c.json(r.result, 'result'),
      ];
    case 'fdc-fault':
      return [
        r.pairId,
        r.toolId,
        r.recipe,
        r.step,
        r.moduleId,
        r.modelVersion,
        r.atMs,
        r.t2,
        r.t2Ucl,
        c.json([...r.reasons], 'reasons'),
        c.json([...r.traces], 'traces'),
      ];
    case 'spc-violation':
      return [
        r.chartId,
        r.part,
        r.rule,
        r.pointIndex,
        r.toolId,
        r.parameter,
        r.context,
        r.phase,
        r.description,
        c.json(r.indexes, 'indexes'),
        n(r.side),
        n(r.pairId),
        r.value,
        r.atMs,
        n(r.closedMs),
        n(r.closeReason),
      ];
  }
}
