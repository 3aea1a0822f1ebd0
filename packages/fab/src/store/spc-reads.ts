// The SPC reads of a FabStore (migration 6, docs/fab.md §8.6), one SQL for both stores: charts by
// id, a chart's points by series index, violations in the order stored.
import type { Result } from '@bondline/core';
import type { StoreIssueCode } from './fab-store.js';
import { parseJsonValue } from './json-value.js';
import { type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import type { Page, PageQuery } from './page-cursor.js';
import { badFilter, equalityFilters, notFound } from './read-filters.js';
import type { SpcViolationRecord } from './records.js';
import { type DbRow, keyNumber, keyText, num, opt, str } from './row-decode.js';
import { type SpcChartRow, type SpcPointRow, spcChartFromRow, spcPointFromRow } from './spc-rows.js';

type R<T> = Result<T, StoreIssueCode>;

export interface SpcChartQuery extends PageQuery {
  readonly toolId?: string;
  readonly parameter?: string;
  readonly context?: string;
}

export interface SpcPointQuery extends PageQuery {
  readonly chartId: string;
  /** Series index, inclusive. */
  readonly fromIndex?: number;
}

export interface SpcViolationQuery extends PageQuery {
  readonly chartId?: string;
  readonly toolId?: string;
  readonly context?: string;
  /** Open (not closed) or closed; both when not given. */
  readonly state?: 'open' | 'closed';
}

/** A stored violation: the record and the number the store gave it (its id in the API). */
export type StoredSpcViolation = SpcViolationRecord & { readonly seq: number };

const PARTS = ['location', 'dispersion', 'ewma', 'cusum'] as const;

function spcViolationFromRow(row: DbRow): StoredSpcViolation {
  const part = str(row, 'part');
  const found = PARTS.find((p) => p === part);
  if (found === undefined) throw new TypeError(`column part: '${part}' is not one of ${PARTS.join(', ')}`);
  const indexes = parseJsonValue(row.indexes);
  if (!Array.isArray(indexes) || !indexes.every((i) => typeof i === 'number'))
    throw new TypeError('column indexes: expected a JSON array of numbers');
  return {
    seq: num(row, 'seq'),
    type: 'spc-violation',
    chartId: str(row, 'chart_id'),
    part: found,
    rule: str(row, 'rule'),
    pointIndex: num(row, 'point_index'),
    toolId: str(row, 'tool_id'),
    parameter: str(row, 'parameter'),
    context: str(row, 'context'),
    phase: num(row, 'phase'),
    description: str(row, 'description'),
    indexes: indexes as number[],
    ...opt('side', row, 'side', str),
    ...opt('pairId', row, 'pair_id', str),
    value: num(row, 'value'),
    atMs: num(row, 'at_ms'),
    ...opt('closedMs', row, 'closed_ms', num),
    ...opt('closeReason', row, 'close_reason', str),
  };
}

const CHARTS: ListSpec<SpcChartRow> = {
  list: 'spc-charts',
  select: '*',
  from: 'spc_charts',
  keyColumns: ['id'],
  keyKinds: ['string'],
  keyOf: (row) => [keyText(row, 'id')],
  decode: spcChartFromRow,
};

const POINTS: ListSpec<SpcPointRow> = {
  list: 'spc-points',
  select: '*',
  from: 'spc_points',
  keyColumns: ['idx'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'idx')],
  decode: spcPointFromRow,
};

const VIOLATIONS: ListSpec<StoredSpcViolation> = {
  list: 'spc-violations',
  select: '*',
  from: 'spc_violations',
  keyColumns: ['seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode: spcViolationFromRow,
};

/** The SPC reads over `reader`. */
export function spcReads(reader: SqlReader) {
  return {
    async listSpcCharts(q: SpcChartQuery = {}): Promise<R<Page<SpcChartRow>>> {
      const f = equalityFilters(q, { toolId: 'tool_id', parameter: 'parameter', context: 'context' });
      if (!f.ok) return f;
      return readPage(reader, CHARTS, q, f.value);
    },
    async getSpcChart(id: string): Promise<R<SpcChartRow>> {
      if (typeof id !== 'string') return badFilter('id', id, 'text');
      const row = (await reader.all('SELECT * FROM spc_charts WHERE id = ?', [id]))[0];
      if (row === undefined) return notFound('SPC chart', id);
      return { ok: true, value: spcChartFromRow(row) };
    },
    async listSpcPoints(q: SpcPointQuery): Promise<R<Page<SpcPointRow>>> {
      const f = equalityFilters(q, { chartId: 'chart_id' });
      if (!f.ok) return f;
      if (q.chartId === undefined) return badFilter('chartId', q.chartId, 'text');
      const filters = [...f.value];
      if (q.fromIndex !== undefined) {
        if (!Number.isSafeInteger(q.fromIndex) || q.fromIndex < 0)
          return badFilter('fromIndex', q.fromIndex, 'an integer ≥ 0');
        filters.push({ sql: 'idx >= ?', params: [q.fromIndex] });
      }
      return readPage(reader, POINTS, q, filters);
    },
    async listSpcViolations(q: SpcViolationQuery = {}): Promise<R<Page<StoredSpcViolation>>> {
      const f = equalityFilters(q, { chartId: 'chart_id', toolId: 'tool_id', context: 'context' });
      if (!f.ok) return f;
      const filters = [...f.value];
      if (q.state !== undefined) {
        if (q.state !== 'open' && q.state !== 'closed') return badFilter('state', q.state, 'open or closed');
        filters.push({ sql: `closed_ms IS ${q.state === 'open' ? '' : 'NOT '}NULL`, params: [] });
      }
      return readPage(reader, VIOLATIONS, q, filters);
    },
    async getSpcViolation(seq: number): Promise<R<StoredSpcViolation>> {
      if (!Number.isSafeInteger(seq) || seq < 1) return badFilter('id', seq, 'an integer ≥ 1');
      const row = (await reader.all('SELECT * FROM spc_violations WHERE seq = ?', [seq]))[0];
      if (row === undefined) return notFound('SPC violation', String(seq));
      return { ok: true, value: spcViolationFromRow(row) };
    },
  };
}
