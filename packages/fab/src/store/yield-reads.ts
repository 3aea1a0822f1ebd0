// The reads of the pairs' analyses (migration 3): one analysis, the pairs still to analyse, and the
// yield figures (summary per tool, recipe or lot; loss Pareto by cause and by fault point; the learning
// curve, yield per lot over time), in the SQL both stores share: plain aggregates (COUNT, SUM of integer
// columns, AVG of double columns) that both engines answer as numbers (docs/fab.md §7.6).
import { type Issue, issue, type Result } from '@bondline/core';
import type { StoreIssueCode } from './fab-store.js';
import type { SqlReader } from './keyset-query.js';
import { type CauseFigures, pairAnalysisFromRow, type StoredPairAnalysis } from './pair-analysis-record.js';
import { badFilter, toolScope } from './read-filters.js';
import type { SqlValue } from './record-rows.js';
import type { DbRow } from './row-decode.js';

type R<T> = Result<T, StoreIssueCode>;

/** Which pairs the yield figures cover: filters on the pair, `fromMs`..`toMs` (exclusive) on its start time. */
export interface YieldQuery {
  readonly toolId?: string;
  /** Only these tools (a maker's view, docs/fab.md §14.4); an empty list matches nothing. */
  readonly toolIds?: readonly string[];
  readonly recipe?: string;
  readonly lotId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** The yield of a set of analysed pairs. */
export interface YieldFigures {
  /** Analysed pairs. */
  readonly pairs: number;
  /** Of them, pairs whose die map could be computed (the others add no dies). */
  readonly pairsWithDies: number;
  readonly dies: number;
  readonly goodDies: number;
  /** goodDies / dies; null without dies. */
  readonly yield: number | null;
  /** Mean over the pairs of the expected yield (the expectation behind each die map). */
  readonly expectedYield: number | null;
  readonly lostDies: CauseFigures;
  /** Mean of the yield the tools reported for the same pairs (their own die maps). */
  readonly toolYield: number | null;
}

export type YieldGroupBy = 'tool' | 'recipe' | 'lot';

export interface YieldGroup {
  /** The tool id, recipe name or lot id. */
  readonly key: string;
  /** The group's tool (a lot's tool; for a recipe group, the first by id). */
  readonly toolId: string;
  readonly recipe: string;
  /** Start of its first and last pair, ms. */
  readonly firstMs: number;
  readonly lastMs: number;
  readonly figures: YieldFigures;
}

export interface YieldSummary {
  readonly by: YieldGroupBy;
  readonly total: YieldFigures;
  /** By key for tools and recipes, by first pair for lots; at most MAX_YIELD_GROUPS. */
  readonly groups: readonly YieldGroup[];
  /** True when more groups matched than were given. */
  readonly truncated: boolean;
}

export interface CauseBar {
  readonly cause: 'overlay' | 'void' | 'cu';
  readonly lostDies: number;
  /** Of all the dies. */
  readonly fractionOfDies: number | null;
  /** Of all the lost dies. */
  readonly shareOfLoss: number | null;
}

export interface FaultPointBar {
  readonly faultPoint: string;
  /** Pairs naming it (a pair naming several counts under each). */
  readonly pairs: number;
  readonly dies: number;
  readonly lostDies: number;
  readonly yield: number | null;
  /** lostDies − dies × (1 − baseline yield): the loss beyond what pairs naming no fault point lose. */
  readonly excessLostDies: number | null;
}

export interface YieldPareto {
  readonly total: YieldFigures;
  /** Largest loss first. */
  readonly byCause: readonly CauseBar[];
  /** Pairs that name no fault point: the baseline. */
  readonly baseline: YieldFigures;
  /** Largest excess loss first (by lost dies when there is no baseline). */
  readonly byFaultPoint: readonly FaultPointBar[];
  /** True when more than MAX_FAULT_POINTS distinct fault points were named (the rest are left out). */
  readonly truncated: boolean;
}

export interface YieldCurvePoint {
  readonly lotId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly figures: YieldFigures;
}

export interface YieldCurve {
  /** Lots by the start of their first pair, oldest first: the newest `limit` lots. */
  readonly points: readonly YieldCurvePoint[];
  readonly truncated: boolean;
}

const MAX_YIELD_GROUPS = 1000;
const MAX_FAULT_POINTS = 1000;
const FAULT_CHUNK = 1000;

const FROM =
  'pair_analyses a JOIN pairs p ON p.id = a.pair_id LEFT JOIN pair_results r ON r.pair_id = a.pair_id';
const FIGURES = `COUNT(*) AS n_pairs, COUNT(a.dies) AS n_with_dies, SUM(a.dies) AS s_dies,
  SUM(a.good_dies) AS s_good, AVG(a.expected_yield) AS m_expected, SUM(a.lost_overlay) AS s_overlay,
  SUM(a.lost_void) AS s_void, SUM(a.lost_cu) AS s_cu, AVG(r.yield) AS m_tool`;

export interface AnalysisReads {
  getPairAnalysis(pairId: string): Promise<R<StoredPairAnalysis>>;
  pairsToAnalyse(q: { version: number; limit?: number }): Promise<R<readonly string[]>>;
  yieldSummary(q: YieldQuery & { by?: YieldGroupBy }): Promise<R<YieldSummary>>;
  yieldPareto(q: YieldQuery): Promise<R<YieldPareto>>;
  yieldCurve(q: YieldQuery & { limit?: number }): Promise<R<YieldCurve>>;
}

export function analysisReads(reader: SqlReader): AnalysisReads {
  const figuresOf = async (where: Where, extra = ''): Promise<YieldFigures> => {
    const rows = await reader.all(`SELECT ${FIGURES} FROM ${FROM} WHERE ${where.sql}${extra}`, where.params);
    return figures(rows[0] ?? {});
  };
  return {
    async getPairAnalysis(pairId) {
      if (typeof pairId !== 'string') return badFilter('id', pairId, 'text');
      const rows = await reader.all('SELECT * FROM pair_analyses WHERE pair_id = ?', [pairId]);
      const row = rows[0];
      if (row === undefined) {
        return {
          ok: false,
          issues: [issue('not-found', `no analysis of pair '${pairId}' is stored`, 'id')],
        };
      }
      return { ok: true, value: pairAnalysisFromRow(row) };
    },
    async pairsToAnalyse({ version, limit = 100 }) {
      if (!Number.isSafeInteger(version) || version < 1)
        return badFilter('version', version, 'an integer ≥ 1');
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
        return {
          ok: false,
          issues: [issue('bad-limit', `limit: ${limit} is not an integer 1..1000`, 'limit')],
        };
      const rows = await reader.all(
        `SELECT r.pair_id FROM pair_results r JOIN pairs p ON p.id = r.pair_id
         LEFT JOIN pair_analyses a ON a.pair_id = r.pair_id
         WHERE a.pair_id IS NULL OR a.analysis_version < ? ORDER BY p.seq LIMIT ?`,
        [version, limit],
      );
      return { ok: true, value: rows.map((row) => text(row, 'pair_id')) };
    },
    async yieldSummary(q) {
      const by = q.by ?? 'lot';
      if (!['tool', 'recipe', 'lot'].includes(by)) return badFilter('by', by, 'tool, recipe or lot');
      const where = whereOf(q);
      if (!where.ok) return where;
      const col = by === 'tool' ? 'p.tool_id' : by === 'recipe' ? 'p.recipe' : 'p.lot_id';
      const order = by === 'lot' ? 'first_ms, k' : 'k';
      const rows = await reader.all(
        `SELECT ${col} AS k, MIN(p.tool_id) AS tool_id, MIN(p.recipe) AS recipe, MIN(p.started_ms) AS first_ms,
           MAX(p.started_ms) AS last_ms, ${FIGURES}
         FROM ${FROM} WHERE ${where.value.sql} GROUP BY ${col} ORDER BY ${order} LIMIT ?`,
        [...where.value.params, MAX_YIELD_GROUPS + 1],
      );
      const groups = rows.slice(0, MAX_YIELD_GROUPS).map(groupOf);
      return {
        ok: true,
        value: {
          by,
          total: await figuresOf(where.value),
          groups: groups.map((g) => ({
            key: g.key,
            toolId: g.toolId,
            recipe: g.recipe,
            firstMs: g.firstMs,
            lastMs: g.lastMs,
            figures: g.figures,
          })),
          truncated: rows.length > MAX_YIELD_GROUPS,
        },
      };
    },
    async yieldPareto(q) {
      const where = whereOf(q);
      if (!where.ok) return where;
      const w = where.value;
      const total = await figuresOf(w);
      const baseline = await figuresOf(w, ' AND a.fault_count = 0');
      const bars = new Map<string, { pairs: number; dies: number; good: number }>();
      let truncated = false;
      let after = '';
      for (;;) {
        const rows = await reader.all(
          `SELECT a.pair_id, a.fault_points, a.dies, a.good_dies FROM ${FROM}
           WHERE ${w.sql} AND a.fault_count > 0 AND a.pair_id > ? ORDER BY a.pair_id LIMIT ?`,
          [...w.params, after, FAULT_CHUNK],
        );
        for (const row of rows) {
          const dies = numOr0(row, 'dies');
          const good = numOr0(row, 'good_dies');
          for (const fp of faultList(row)) {
            let bar = bars.get(fp);
            if (bar === undefined) {
              if (bars.size >= MAX_FAULT_POINTS) {
                truncated = true;
                continue;
              }
              bar = { pairs: 0, dies: 0, good: 0 };
              bars.set(fp, bar);
            }
            bar.pairs++;
            bar.dies += dies;
            bar.good += good;
          }
        }
        const last = rows.at(-1);
        if (last === undefined || rows.length < FAULT_CHUNK) break;
        after = text(last, 'pair_id');
      }
      const base = baseline.yield;
      const byFaultPoint: FaultPointBar[] = [...bars].map(([faultPoint, b]) => ({
        faultPoint,
        pairs: b.pairs,
        dies: b.dies,
        lostDies: b.dies - b.good,
        yield: b.dies > 0 ? b.good / b.dies : null,
        excessLostDies: base === null ? null : b.dies - b.good - b.dies * (1 - base),
      }));
      byFaultPoint.sort(
        (x, y) =>
          (y.excessLostDies ?? y.lostDies) - (x.excessLostDies ?? x.lostDies) ||
          (x.faultPoint < y.faultPoint ? -1 : 1),
      );
      const lost = total.lostDies.overlay + total.lostDies.void + total.lostDies.cu;
      const byCause: CauseBar[] = (['overlay', 'void', 'cu'] as const).map((cause) => ({
        cause,
        lostDies: total.lostDies[cause],
        fractionOfDies: total.dies > 0 ? total.lostDies[cause] / total.dies : null,
        shareOfLoss: lost > 0 ? total.lostDies[cause] / lost : null,
      }));
      // Stable: equal losses keep the order overlay, void, cu.
      byCause.sort((x, y) => y.lostDies - x.lostDies);
      return { ok: true, value: { total, byCause, baseline, byFaultPoint, truncated } };
    },
    async yieldCurve(q) {
      const limit = q.limit ?? MAX_YIELD_GROUPS;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_YIELD_GROUPS) {
        const why = `limit: ${String(limit)} is not an integer 1..${MAX_YIELD_GROUPS}`;
        return { ok: false, issues: [issue('bad-limit', why, 'limit')] };
      }
      const where = whereOf(q);
      if (!where.ok) return where;
      const rows = await reader.all(
        `SELECT p.lot_id AS k, MIN(p.tool_id) AS tool_id, MIN(p.recipe) AS recipe, MIN(p.started_ms) AS first_ms,
           MAX(p.started_ms) AS last_ms, ${FIGURES}
         FROM ${FROM} WHERE ${where.value.sql} GROUP BY p.lot_id ORDER BY first_ms DESC, k DESC LIMIT ?`,
        [...where.value.params, limit + 1],
      );
      const points = rows
        .slice(0, limit)
        .map(groupOf)
        .reverse()
        .map((g) => ({
          lotId: g.key,
          toolId: g.toolId,
          recipe: g.recipe,
          firstMs: g.firstMs,
          lastMs: g.lastMs,
          figures: g.figures,
        }));
      return { ok: true, value: { points, truncated: rows.length > limit } };
    },
  };
}

interface Where {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

function whereOf(q: YieldQuery): R<Where> {
  const parts: string[] = ['1 = 1'];
  const params: SqlValue[] = [];
  for (const [key, col] of [
    ['toolId', 'p.tool_id'],
    ['recipe', 'p.recipe'],
    ['lotId', 'p.lot_id'],
  ] as const) {
    const v: unknown = q[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return badFilter(key, v, 'text');
    parts.push(`${col} = ?`);
    params.push(v);
  }
  const scope = toolScope(q.toolIds, 'p.tool_id');
  if (!scope.ok) return scope;
  if (scope.value !== undefined) {
    parts.push(scope.value.sql);
    params.push(...scope.value.params);
  }
  for (const [key, op] of [
    ['fromMs', '>='],
    ['toMs', '<'],
  ] as const) {
    const v: unknown = q[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      return badRange(key, `${String(v)} is not a time in integer milliseconds`);
    parts.push(`p.started_ms ${op} ?`);
    params.push(v);
  }
  if (q.fromMs !== undefined && q.toMs !== undefined && q.toMs < q.fromMs)
    return badRange('toMs', `toMs ${q.toMs} is before fromMs ${q.fromMs}`);
  return { ok: true, value: { sql: parts.join(' AND '), params } };
}

function badRange<T>(key: string, why: string): R<T> {
  const found: Issue<StoreIssueCode> = issue('bad-range', why.startsWith(key) ? why : `${key}: ${why}`, key);
  return { ok: false, issues: [found] };
}

function text(row: DbRow, col: string): string {
  const v = row[col];
  if (typeof v !== 'string') throw new TypeError(`column ${col}: expected text from the store`);
  return v;
}

function numOrNull(row: DbRow, col: string): number | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  throw new TypeError(`column ${col}: expected a number from the store, got ${typeof v}`);
}

const numOr0 = (row: DbRow, col: string): number => numOrNull(row, col) ?? 0;

function figures(row: DbRow): YieldFigures {
  const dies = numOr0(row, 's_dies');
  const good = numOr0(row, 's_good');
  return {
    pairs: numOr0(row, 'n_pairs'),
    pairsWithDies: numOr0(row, 'n_with_dies'),
    dies,
    goodDies: good,
    yield: dies > 0 ? good / dies : null,
    expectedYield: numOrNull(row, 'm_expected'),
    lostDies: { overlay: numOr0(row, 's_overlay'), void: numOr0(row, 's_void'), cu: numOr0(row, 's_cu') },
    toolYield: numOrNull(row, 'm_tool'),
  };
}

function groupOf(row: DbRow): YieldGroup {
  return {
    key: text(row, 'k'),
    toolId: text(row, 'tool_id'),
    recipe: text(row, 'recipe'),
    firstMs: numOr0(row, 'first_ms'),
    lastMs: numOr0(row, 'last_ms'),
    figures: figures(row),
  };
}

function faultList(row: DbRow): string[] {
  const raw = row.fault_points;
  if (typeof raw !== 'string') throw new TypeError('column fault_points: expected JSON text from the store');
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed)) throw new TypeError('column fault_points: expected a JSON array');
  // A pair naming the same fault point twice counts once under it.
  return [...new Set(parsed.filter((f): f is string => typeof f === 'string'))];
}
