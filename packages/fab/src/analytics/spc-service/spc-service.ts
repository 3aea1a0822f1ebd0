// SPC in the running fab (docs/fab.md §8.6): each analysed pair (the pair analyser's `onAnalysed`)
// gives a point to the chart of each parameter in its context (tool, recipe, product). A chart's first
// `baselinePoints` points set its limits (phase 1), which are then frozen; each later point is judged
// against the phase in force (the library's `judge`, the whole phase each time: runs are seen whole,
// and no rule state is kept) and each violation it completes is written as an `spc-violation` record
// through the record sink, so it is stored and reaches the live stream and the R2R link like any
// committed record, and handed to `onViolation` (the fault loop opens a ticket from it).
//
// An X-bar R or X-bar S chart (a parameter with `subgroup: { by: pairs, size }`) stores each pair's
// value as a row too, and gets a chart point when `size` rows of its context have come: the
// baseline, the phases and the violations count those points (subgroups; spc-chart-view.ts).
import { type Issue, issue } from '@bondline/core';
import type { LiveFeed, RecordSink } from '../../pipeline/seams.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord, SpcViolationRecord } from '../../store/records.js';
import type { SpcChartRow } from '../../store/spc-rows.js';
import type { AnalysedPair } from '../pair/pair-analyser.js';
import { r2rContextKey } from '../r2r/r2r-context.js';
import { judge } from '../spc/judge-chart.js';
import { startPhase } from '../spc/spc-phases.js';
import { chartView, pointValue, type SpcSeriesRead } from './spc-chart-view.js';
import { readSeries, spcChartId } from './spc-charts.js';
import { type SpcParameter, type SpcSettingsFile, spcParameters } from './spc-settings.js';
import { SpcValues } from './spc-values.js';

export interface SpcServiceOptions {
  readonly settings: SpcSettingsFile;
  readonly store: FabStore;
  /** Where violations go: the pipeline's sink (embedded) or the bus (JetStream). */
  readonly sink: RecordSink;
  /** The product of a tool's recipe: the R2R context's (default 'default'). */
  readonly productOf?: (toolId: string, recipe: string) => string;
  /** Each violation once written (new or already stored by another process). */
  readonly onViolation?: (v: SpcViolationRecord) => void;
  readonly nowMs?: () => number;
  readonly log?: (i: Issue) => void;
}

export interface SpcCounters {
  /** Charts this process has written points to. */
  readonly charts: number;
  readonly points: number;
  readonly violations: number;
  /** Points or violations a store or sink refused (logged). */
  readonly failed: number;
}

/** The series this process knows of a chart (it reads the store again when another wrote more). */
interface ChartCache {
  series: SpcSeriesRead;
  readonly pairs: Set<string>;
}

export class SpcService {
  private readonly parameters: readonly SpcParameter[];
  private readonly values: SpcValues;
  private readonly caches = new Map<string, ChartCache>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly nowMs: () => number;
  private readonly log: (i: Issue) => void;
  private readonly c = { points: 0, violations: 0, failed: 0 };

  constructor(private readonly o: SpcServiceOptions) {
    this.parameters = spcParameters(o.settings);
    this.values = new SpcValues(this.parameters);
    this.nowMs = o.nowMs ?? Date.now;
    this.log = o.log ?? (() => {});
  }

  /** Follow the committed events (for the parameters reported in events); returns the unsubscriber. */
  attach(feed: LiveFeed): () => void {
    return feed.subscribe((records) => this.ingest(records));
  }

  ingest(records: readonly FabRecord[]): void {
    for (const r of records) if (r.type === 'event') this.values.event(r);
  }

  /** A stored analysis (the analyser's `onAnalysed`): one point per parameter with a value. */
  analysed(a: AnalysedPair): void {
    const product = this.o.productOf?.(a.toolId, a.recipe) ?? 'default';
    const context = { toolId: a.toolId, recipe: a.recipe, product };
    for (const [name, value] of this.values.valuesOf(a)) {
      const parameter = this.parameters.find((p) => p.name === name);
      if (parameter === undefined) continue;
      const id = spcChartId(name, context);
      this.enqueue(id, () => this.point(id, parameter, context, a.pair.id, value));
    }
  }

  counters(): SpcCounters {
    return { charts: this.caches.size, ...this.c };
  }

  /** Resolves once every point queued so far is charted. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.chains.values()];
      await Promise.all(pending);
      const now = [...this.chains.values()];
      if (now.length === pending.length && now.every((p, i) => p === pending[i])) return;
    }
  }

  private enqueue(chartId: string, work: () => Promise<void>): void {
    const prev = this.chains.get(chartId) ?? Promise.resolve();
    const next = prev.then(work).catch((e: unknown) => {
      this.c.failed++;
      this.log(issue('spc-failed', `SPC ${chartId}: ${e instanceof Error ? e.message : String(e)}`));
    });
    this.chains.set(chartId, next);
  }

  private async point(
    id: string,
    p: SpcParameter,
    ctx: { toolId: string; recipe: string; product: string },
    pairId: string,
    value: number,
  ): Promise<void> {
    const chart = await this.chart(id, p, ctx);
    if (chart === undefined) return;
    const cache = await this.cache(id);
    if (cache === undefined || cache.pairs.has(pairId)) return;
    // Appended at the series' length; another process that took that index first makes us read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const index = cache.series.values.length;
      const atMs = this.nowMs();
      const w = await this.o.store.appendSpcPoints([{ chartId: id, index, pairId, value, atMs }]);
      if (!w.ok) return this.failed(w.issues);
      if (w.value.new === 1) {
        cache.series.values.push(value);
        cache.series.pairIds.push(pairId);
        cache.series.atMs.push(atMs);
        cache.pairs.add(pairId);
        this.c.points++;
        await this.judgeNew(chart, cache.series, index);
        return;
      }
      const again = await readSeries(this.o.store, id);
      if (!again.ok) return this.failed(again.issues);
      cache.series = again.value;
      for (const x of again.value.pairIds) if (x !== undefined) cache.pairs.add(x);
      if (cache.pairs.has(pairId)) return;
    }
    this.failed([
      issue('spc-busy', `SPC ${id}: could not append pair ${pairId} (others kept taking the index)`),
    ]);
  }

  /** The stored chart, created on its first point; read each time (a phase may have been added elsewhere). */
  private async chart(
    id: string,
    p: SpcParameter,
    ctx: { toolId: string; recipe: string; product: string },
  ): Promise<SpcChartRow | undefined> {
    const got = await this.o.store.getSpcChart(id);
    if (got.ok) return got.value;
    if (!got.issues.some((i) => i.code === 'not-found')) return this.failed(got.issues);
    const now = this.nowMs();
    const row: SpcChartRow = {
      id,
      toolId: ctx.toolId,
      parameter: p.name,
      context: r2rContextKey(ctx),
      recipe: ctx.recipe,
      product: ctx.product,
      chart: { settings: p.chart, phases: [] },
      ...(p.spec === undefined ? {} : { spec: p.spec }),
      baselinePoints: p.baselinePoints,
      createdMs: now,
      updatedMs: now,
    };
    const saved = await this.o.store.saveSpcChart(row);
    if (!saved.ok) return this.failed(saved.issues);
    // Another process may have created it first: read back what is stored.
    const again = await this.o.store.getSpcChart(id);
    return again.ok ? again.value : this.failed(again.issues);
  }

  private async cache(id: string): Promise<ChartCache | undefined> {
    const have = this.caches.get(id);
    if (have !== undefined) return have;
    const series = await readSeries(this.o.store, id);
    if (!series.ok) return this.failed(series.issues);
    const made: ChartCache = {
      series: series.value,
      pairs: new Set(series.value.pairIds.filter((x): x is string => x !== undefined)),
    };
    this.caches.set(id, made);
    return made;
  }

  /**
   * Phase 1 once the baseline is complete; after it, the chart point that row `row` completes (the row
   * itself, or the subgroup it fills) judged against the phase in force.
   */
  private async judgeNew(chartRow: SpcChartRow, series: SpcSeriesRead, row: number): Promise<void> {
    let chart = chartRow.chart;
    const view = chartView(chart.settings, series.values);
    // A subgroup still filling is no chart point yet.
    if ((row + 1) % view.size !== 0) return;
    const index = (row + 1) / view.size - 1;
    if (chart.phases.length === 0) {
      if (view.length < chartRow.baselinePoints) return;
      const what = view.size === 1 ? 'points' : `subgroups of ${view.size} pairs`;
      const started = startPhase(chart, view.series, {
        baseline: { first: 0, last: chartRow.baselinePoints - 1 },
        atMs: this.nowMs(),
        reason: `baseline: the first ${chartRow.baselinePoints} ${what}`,
      });
      if (!started.ok) {
        // A baseline that does not vary (zero-variation) has no limits: wait for more points.
        this.log(issue('spc-baseline', `SPC ${chartRow.id}: ${started.issues[0]?.message ?? ''}`));
        return;
      }
      chart = started.value;
      const saved = await this.o.store.saveSpcChart({ ...chartRow, chart, updatedMs: this.nowMs() });
      if (!saved.ok) return this.failed(saved.issues);
      if (saved.value.new === 0) {
        const stored = await this.o.store.getSpcChart(chartRow.id);
        if (!stored.ok) return this.failed(stored.issues);
        chart = stored.value.chart;
      }
    }
    const verdict = judge(chart, view.series, { from: index });
    if (!verdict.ok) return this.failed(verdict.issues);
    const found: SpcViolationRecord[] = [];
    // The pair that completed the point (a subgroup's last), and a subgroup's pairs for the description.
    const pairId = series.pairIds[row];
    const firstPair = series.pairIds[row + 1 - view.size];
    const pairs = view.size === 1 ? '' : `; subgroup ${index}: pairs ${firstPair ?? '?'} to ${pairId ?? '?'}`;
    for (const v of verdict.value.violations) {
      if (v.index !== index) continue;
      found.push({
        type: 'spc-violation',
        chartId: chartRow.id,
        part: v.chart,
        rule: v.rule,
        pointIndex: v.index,
        toolId: chartRow.toolId,
        parameter: chartRow.parameter,
        context: chartRow.context,
        phase: v.phase,
        description: `${v.description}${pairs}`,
        // A record keeps at most the last 1000 points of a window (a long CUSUM run).
        indexes: v.indexes.slice(-1000),
        ...(v.side === undefined ? {} : { side: v.side }),
        ...(pairId === undefined ? {} : { pairId }),
        value: pointValue(chart.settings, series.values, index, v.chart),
        atMs: this.nowMs(),
      });
    }
    if (found.length === 0) return;
    const w = await this.o.sink.write(found);
    if (!w.ok) return this.failed(w.issues);
    this.c.violations += found.length;
    const hook = this.o.onViolation;
    if (hook !== undefined)
      for (const v of found) {
        try {
          hook(v);
        } catch (e) {
          this.log(issue('listener-threw', `onViolation threw: ${String(e)}`));
        }
      }
  }

  private failed(issues: readonly Issue[]): undefined {
    this.c.failed++;
    for (const i of issues) this.log(i);
    return undefined;
  }
}
