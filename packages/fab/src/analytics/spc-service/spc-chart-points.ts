// The newest points of a stored chart as `GET /api/spc/charts/{id}` shows them (docs/fab.md §8.6),
// and the values its capability is computed on. An individuals chart shows its newest rows. A
// subgrouped chart (X-bar R, X-bar S) shows its newest full subgroups, each with its pairs, values,
// mean, range and standard deviation, and the rows of the subgroup still filling as `pending`; its
// capability takes the individual values of the subgroups shown in the current phase.
import { ok, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { SpcChartRow, SpcPointRow } from '../../store/spc-rows.js';
import { rowsPerPoint, subgroupStats } from './spc-chart-view.js';

/** A subgroup's rows and statistics. */
interface SubgroupDetail {
  /** Row indexes (in `spc_points`), inclusive. */
  readonly rows: { readonly first: number; readonly last: number };
  readonly pairIds: (string | null)[];
  readonly values: number[];
  readonly mean: number;
  readonly range: number;
  readonly sd: number;
}

/** One chart point: a row, or a subgroup (then `value` is its mean, `pairId` and `atMs` its last row's). */
interface ChartPointDetail {
  readonly index: number;
  readonly phase: number;
  readonly pairId?: string;
  readonly value: number;
  readonly atMs: number;
  readonly subgroup?: SubgroupDetail;
}

export interface ChartPoints {
  /** Chart points in the series (rows, or full subgroups). */
  readonly total: number;
  readonly points: ChartPointDetail[];
  /** Subgrouped charts: the rows of the subgroup still filling. */
  readonly pending?: { readonly pairIds: (string | null)[]; readonly values: number[] };
  /** The individual values capability is computed on: those of the points shown in the current phase. */
  readonly capabilityValues: number[];
}

type R<T> = Result<T, StoreIssueCode>;

/** The newest `limit` chart points of `chart` (oldest first). */
export async function chartPoints(
  store: FabStore,
  chart: SpcChartRow,
  limit: number,
): Promise<R<ChartPoints>> {
  const phases = chart.chart.phases;
  const phaseAt = (i: number) => [...phases].reverse().find((p) => p.appliesFrom <= i)?.number ?? 0;
  const current = phases.at(-1)?.number;
  const size = rowsPerPoint(chart.chart.settings);
  if (size === 1) {
    const newest = await store.listSpcPoints({ chartId: chart.id, order: 'desc', limit });
    if (!newest.ok) return newest;
    const points = [...newest.value.items].reverse().map((p) => ({ ...p, phase: phaseAt(p.index) }));
    return ok({
      total: (newest.value.items[0]?.index ?? -1) + 1,
      points,
      capabilityValues: points.filter((p) => p.phase === current).map((p) => p.value),
    });
  }
  const last = await store.listSpcPoints({ chartId: chart.id, order: 'desc', limit: 1 });
  if (!last.ok) return last;
  const rows = (last.value.items[0]?.index ?? -1) + 1;
  const total = Math.floor(rows / size);
  const first = Math.max(0, total - limit);
  const read = await rowsFrom(store, chart.id, first * size);
  if (!read.ok) return read;
  const points: ChartPointDetail[] = [];
  const capabilityValues: number[] = [];
  for (let g = first; g < total; g++) {
    const group = read.value.slice((g - first) * size, (g - first + 1) * size);
    const end = group.at(-1);
    if (group.length !== size || end === undefined) break;
    const values = group.map((p) => p.value);
    const phase = phaseAt(g);
    if (phase === current) capabilityValues.push(...values);
    points.push({
      index: g,
      phase,
      ...(end.pairId === undefined ? {} : { pairId: end.pairId }),
      value: subgroupStats(values).mean,
      atMs: end.atMs,
      subgroup: {
        rows: { first: g * size, last: g * size + size - 1 },
        pairIds: group.map((p) => p.pairId ?? null),
        values,
        ...subgroupStats(values),
      },
    });
  }
  const rest = read.value.slice((total - first) * size);
  return ok({
    total,
    points,
    pending: { pairIds: rest.map((p) => p.pairId ?? null), values: rest.map((p) => p.value) },
    capabilityValues,
  });
}

/** Every row of `chartId` from row `fromIndex` on, 1000 at a time, stopping at a gap. */
async function rowsFrom(store: FabStore, chartId: string, fromIndex: number): Promise<R<SpcPointRow[]>> {
  const out: SpcPointRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSpcPoints({
      chartId,
      fromIndex,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (!page.ok) return page;
    for (const p of page.value.items) {
      if (p.index !== fromIndex + out.length) return ok(out);
      out.push(p);
    }
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  return ok(out);
}
