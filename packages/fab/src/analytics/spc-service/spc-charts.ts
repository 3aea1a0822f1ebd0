// A stored SPC chart and its series (docs/fab.md §8.6), over the store only, so the service that
// charts new points and the API that starts a new phase (possibly in another process) work on the
// same rows: the chart id, its series read back in pages, and a new phase on request (the library's
// `recompute`: limits from a range of points or the last N, earlier phases kept). A subgrouped chart's
// points are its full subgroups of rows (spc-chart-view.ts).
import { fail, issue, ok, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../../store/fab-store.js';
import type { SpcChartRow } from '../../store/spc-rows.js';
import { r2rContextKey } from '../r2r/r2r-context.js';
import { type PhaseIssueCode, recompute, startPhase } from '../spc/spc-phases.js';
import { chartView, type SpcSeriesRead } from './spc-chart-view.js';

/** A chart's id: the parameter and the context key, `<parameter>@<tool>+<recipe>+<product>`. */
export function spcChartId(
  parameter: string,
  context: { toolId: string; recipe: string; product: string },
): string {
  return `${parameter}@${r2rContextKey(context)}`;
}

/** Every point of `chartId` from index 0, 1000 at a time. */
export async function readSeries(
  store: FabStore,
  chartId: string,
): Promise<Result<SpcSeriesRead, StoreIssueCode>> {
  const out: SpcSeriesRead = { values: [], pairIds: [], atMs: [] };
  let cursor: string | undefined;
  do {
    const page = await store.listSpcPoints({
      chartId,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (!page.ok) return page;
    for (const p of page.value.items) {
      // Indexes are 0.. without gaps (each point is appended at the series' length).
      if (p.index !== out.values.length) break;
      out.values.push(p.value);
      out.pairIds.push(p.pairId);
      out.atMs.push(p.atMs);
    }
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  return ok(out);
}

/**
 * A request for a new phase: a range of chart point indexes (subgroups on an X-bar chart), or the last
 * `lastPoints` points.
 */
export interface NewPhaseRequest {
  readonly reason: string;
  readonly baseline?: { readonly first: number; readonly last: number };
  readonly lastPoints?: number;
  readonly removeOutOfControl?: boolean;
}

export type NewPhaseIssueCode = StoreIssueCode | PhaseIssueCode | 'no-points';

/**
 * Add a phase to a stored chart: limits computed on the request's baseline, frozen, applying from the
 * next point; earlier phases are kept. A chart still collecting its first baseline gets its first
 * phase on the request's points (applying from their first).
 */
export async function startNewPhase(
  store: FabStore,
  chartId: string,
  request: NewPhaseRequest,
  nowMs: number,
): Promise<Result<SpcChartRow, NewPhaseIssueCode>> {
  const got = await store.getSpcChart(chartId);
  if (!got.ok) return got;
  const series = await readSeries(store, chartId);
  if (!series.ok) return series;
  const view = chartView(got.value.chart.settings, series.value.values);
  const n = view.length;
  if (n === 0) {
    const what = view.size === 1 ? 'no points' : `no full subgroup of ${view.size} pairs`;
    return fail(issue('no-points', `chart ${chartId} has ${what} yet`, 'id'));
  }
  const baseline = request.baseline ?? {
    first: Math.max(0, n - (request.lastPoints ?? got.value.baselinePoints)),
    last: n - 1,
  };
  const chart = got.value.chart;
  const phaseRequest = {
    baseline,
    atMs: nowMs,
    reason: request.reason,
    removeOutOfControl: request.removeOutOfControl ?? false,
  };
  const next =
    chart.phases.length === 0
      ? startPhase(chart, view.series, phaseRequest)
      : recompute(chart, view.series, phaseRequest);
  if (!next.ok) return next;
  const row: SpcChartRow = { ...got.value, chart: next.value, updatedMs: nowMs };
  const saved = await store.saveSpcChart(row);
  if (!saved.ok) return saved;
  if (saved.value.new === 0)
    return fail(issue('store-busy', `chart ${chartId} changed meanwhile: ask again`, 'id'));
  return ok(row);
}
