// The reads of FabStore, written once over a SqlReader: the SQL is the subset SQLite and PostgreSQL
// share (row-value comparisons, LIMIT, LEFT JOIN), so both stores answer every query alike.
import { type Issue, issue, type Result } from '@bondline/core';
import type {
  AlarmQuery,
  EcChangeQuery,
  EventQuery,
  FabStore,
  LotDetail,
  LotQuery,
  PairDetail,
  PairListItem,
  PairQuery,
  R2rActionQuery,
  StoreIssueCode,
  TimeRangeQuery,
  ToolDetail,
  ToolQuery,
  TraceQuery,
} from './fab-store.js';
import { type Filter, type ListSpec, readPage, type SqlReader } from './keyset-query.js';
import type { Page } from './page-cursor.js';
import { badFilter, equalityFilters, notFound, toolScope } from './read-filters.js';
import type {
  AlarmRecord,
  EcChangeRecord,
  EventRecord,
  LotRecord,
  R2rActionRecord,
  ToolRecord,
  TraceSampleRecord,
} from './records.js';
import {
  alarmFromRow,
  carrierFromRow,
  type DbRow,
  ecChangeFromRow,
  eventFromRow,
  keyNumber,
  keyText,
  lotFromRow,
  moduleFromRow,
  num,
  pairFromRow,
  pairResultFromRow,
  r2rActionFromRow,
  recipeFromRow,
  substrateFromRow,
  toolFromRow,
  traceFromRow,
} from './row-decode.js';

type Reads = Pick<
  FabStore,
  | 'listTools'
  | 'getTool'
  | 'listLots'
  | 'getLot'
  | 'listPairs'
  | 'getPair'
  | 'listEvents'
  | 'listAlarms'
  | 'alarmCounts'
  | 'listTrace'
  | 'listEcChanges'
  | 'listR2rActions'
>;
type R<T> = Result<T, StoreIssueCode>;

const byTime = (list: string, table: string): Omit<ListSpec<never>, 'decode'> => ({
  list,
  select: '*',
  from: table,
  keyColumns: ['equipment_time_ms', 'seq'],
  keyKinds: ['number', 'number'],
  keyOf: (row) => [keyNumber(row, 'equipment_time_ms'), keyNumber(row, 'seq')],
});

const TOOLS: ListSpec<ToolRecord> = {
  list: 'tools',
  select: '*',
  from: 'tools',
  keyColumns: ['id'],
  keyKinds: ['string'],
  keyOf: (row) => [keyText(row, 'id')],
  decode: toolFromRow,
};
const LOTS: ListSpec<LotRecord> = {
  list: 'lots',
  select: '*',
  from: 'lots',
  keyColumns: ['started_ms', 'id'],
  keyKinds: ['number', 'string'],
  keyOf: (row) => [keyNumber(row, 'started_ms'), keyText(row, 'id')],
  decode: lotFromRow,
};
const PAIRS: ListSpec<PairListItem> = {
  list: 'pairs',
  select: 'p.*, r.yield AS result_yield',
  from: 'pairs p LEFT JOIN pair_results r ON r.pair_id = p.id',
  keyColumns: ['p.seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode: (row) => {
    const pair = pairFromRow(row);
    return typeof row.result_yield === 'number' ? { pair, yield: row.result_yield } : { pair };
  },
};
const EVENTS: ListSpec<EventRecord> = { ...byTime('events', 'events'), decode: eventFromRow };
const ALARMS: ListSpec<AlarmRecord> = { ...byTime('alarms', 'alarms'), decode: alarmFromRow };
const TRACE: ListSpec<TraceSampleRecord> = { ...byTime('trace', 'trace_samples'), decode: traceFromRow };
const EC_CHANGES: ListSpec<EcChangeRecord> = {
  ...byTime('ec-changes', 'ec_changes'),
  decode: ecChangeFromRow,
};

const R2R_ACTIONS: ListSpec<R2rActionRecord> = {
  list: 'r2r-actions',
  select: '*',
  from: 'r2r_actions',
  keyColumns: ['seq'],
  keyKinds: ['number'],
  keyOf: (row) => [keyNumber(row, 'seq')],
  decode: r2rActionFromRow,
};

/** The read half of a FabStore over `reader`. */
export function storeReads(reader: SqlReader): Reads {
  const one = async (sql: string, id: string): Promise<DbRow | undefined> => (await reader.all(sql, [id]))[0];
  return {
    async listTools(q: ToolQuery = {}) {
      const scope = toolScope(q.toolIds, 'id');
      if (!scope.ok) return scope;
      return readPage(reader, TOOLS, q, scope.value === undefined ? [] : [scope.value]);
    },
    async getTool(id): Promise<R<ToolDetail>> {
      const row = await one('SELECT * FROM tools WHERE id = ?', id);
      if (row === undefined) return notFound('tool', id);
      const modules = await reader.all('SELECT * FROM modules WHERE tool_id = ? ORDER BY id', [id]);
      const recipes = await reader.all('SELECT * FROM recipes WHERE tool_id = ? ORDER BY name, version', [
        id,
      ]);
      return {
        ok: true,
        value: {
          tool: toolFromRow(row),
          modules: modules.map(moduleFromRow),
          recipes: recipes.map(recipeFromRow),
        },
      };
    },
    async listLots(q: LotQuery = {}) {
      const f = equalityFilters(q, { toolId: 'tool_id' });
      return f.ok ? readPage(reader, LOTS, q, f.value) : f;
    },
    async getLot(id): Promise<R<LotDetail>> {
      const row = await one('SELECT * FROM lots WHERE id = ?', id);
      if (row === undefined) return notFound('lot', id);
      const substrates = await reader.all('SELECT * FROM substrates WHERE lot_id = ? ORDER BY id', [id]);
      const carriers = await reader.all(
        'SELECT * FROM carriers WHERE id IN (SELECT carrier_id FROM substrates WHERE lot_id = ?) ORDER BY id',
        [id],
      );
      return {
        ok: true,
        value: {
          lot: lotFromRow(row),
          substrates: substrates.map(substrateFromRow),
          carriers: carriers.map(carrierFromRow),
        },
      };
    },
    async listPairs(q: PairQuery = {}) {
      const f = equalityFilters(q, { toolId: 'p.tool_id', lotId: 'p.lot_id' });
      return f.ok ? readPage(reader, PAIRS, q, f.value) : f;
    },
    async getPair(id): Promise<R<PairDetail>> {
      const row = await one('SELECT * FROM pairs WHERE id = ?', id);
      if (row === undefined) return notFound('pair', id);
      const pair = pairFromRow(row);
      const resultRow = await one('SELECT * FROM pair_results WHERE pair_id = ?', id);
      if (resultRow === undefined) return { ok: true, value: { pair } };
      const result = pairResultFromRow(resultRow);
      if ('code' in result) return { ok: false, issues: [result] };
      return { ok: true, value: { pair, result } };
    },
    listEvents: (q: EventQuery = {}) => timeList(reader, EVENTS, q, { ceid: 'ceid' }, { name: 'name' }),
    listAlarms: (q: AlarmQuery = {}) => timeList(reader, ALARMS, q, { alid: 'alid' }),
    async alarmCounts(toolId) {
      const rows = await reader.all(
        'SELECT alid, COUNT(*) AS n, MAX(equipment_time_ms) AS last_ms FROM alarms ' +
          "WHERE tool_id = ? AND state = 'set' GROUP BY alid ORDER BY alid",
        [toolId],
      );
      return {
        ok: true,
        value: rows.map((r) => ({ alid: num(r, 'alid'), count: Number(r.n), lastMs: Number(r.last_ms) })),
      };
    },
    listTrace: (q: TraceQuery = {}) => timeList(reader, TRACE, q, { traceId: 'trace_id' }),
    listEcChanges: (q: EcChangeQuery = {}) => timeList(reader, EC_CHANGES, q, { ecid: 'ecid' }),
    async listR2rActions(q: R2rActionQuery) {
      if (typeof q.context !== 'string') return badFilter('context', q.context, 'text');
      return readPage(reader, R2R_ACTIONS, q, [{ sql: 'context = ?', params: [q.context] }]);
    },
  };
}

async function timeList<T>(
  reader: SqlReader,
  spec: ListSpec<T>,
  q: TimeRangeQuery,
  numbers: Readonly<Record<string, string>>,
  texts: Readonly<Record<string, string>> = {},
): Promise<R<Page<T>>> {
  const f = equalityFilters(q, { toolId: 'tool_id', ...texts }, numbers);
  if (!f.ok) return f;
  const range = timeRange(q.fromMs, q.toMs);
  if (!Array.isArray(range)) return { ok: false, issues: [range] };
  return readPage(reader, spec, q, [...f.value, ...range]);
}

function timeRange(fromMs: unknown, toMs: unknown): Filter[] | Issue<'bad-range'> {
  const out: Filter[] = [];
  for (const [key, v, op] of [
    ['fromMs', fromMs, '>='],
    ['toMs', toMs, '<'],
  ] as const) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      return issue('bad-range', `${key}: ${String(v)} is not a time in integer milliseconds`, key);
    }
    out.push({ sql: `equipment_time_ms ${op} ?`, params: [v] });
  }
  if (typeof fromMs === 'number' && typeof toMs === 'number' && toMs < fromMs) {
    return issue('bad-range', `toMs ${toMs} is before fromMs ${fromMs}`, 'toMs');
  }
  return out;
}
