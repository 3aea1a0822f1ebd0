// The run charts of `bondline fab report`: per parameter (pair yield, overlay Tx, Ty, rotation,
// magnification), the lot's pairs in slot order on an individuals / moving range chart of the fab SPC
// library (docs/fab.md §8), limits from the lot itself (phase I: the lot is its own baseline), judged
// with the default Western Electric rules. One PNG per parameter, the figures in lot.json.
import { createChart, judge, type PairFigures, type SpcJudgement, startPhase } from '@bondline/fab';
import { encodePng } from '../render/png.js';
import { type ChartBand, drawRunChart, type RunPanel } from '../render/run-chart.js';
import type { ReportPair } from './fab-report-read.js';

interface Parameter {
  readonly key: 'yield' | 'tx' | 'ty' | 'rotation' | 'magnification';
  readonly name: string;
  readonly unit: string;
  readonly value: (f: PairFigures) => number | null;
  /** Drawn as value × scale (yield as a percentage). */
  readonly scale: number;
  readonly drawnUnit: string;
}

const PARAMETERS: readonly Parameter[] = [
  { key: 'yield', name: 'die yield', unit: 'fraction', value: (f) => f.yield, scale: 100, drawnUnit: '%' },
  { key: 'tx', name: 'overlay Tx', unit: 'nm', value: (f) => f.txNm, scale: 1, drawnUnit: 'nm' },
  { key: 'ty', name: 'overlay Ty', unit: 'nm', value: (f) => f.tyNm, scale: 1, drawnUnit: 'nm' },
  { key: 'rotation', name: 'rotation', unit: 'µrad', value: (f) => f.rotUrad, scale: 1, drawnUnit: 'urad' },
  {
    key: 'magnification',
    name: 'magnification',
    unit: 'ppm',
    value: (f) => f.magPpm,
    scale: 1,
    drawnUnit: 'ppm',
  },
];

/** One parameter's chart as lot.json gives it. */
interface RunChartJson {
  readonly parameter: Parameter['key'];
  readonly unit: string;
  readonly chart: 'imr';
  /** The pairs with a value, in slot order (pairs without an analysed value are left out). */
  readonly points: readonly { pairId: string; slot: number; value: number }[];
  /** Individuals and moving range limits from the lot itself; null when they cannot be computed. */
  readonly limits: { individuals: ChartBand; movingRange: ChartBand; sigma: number } | null;
  /** Why there are no limits (too few points, no variation). */
  readonly limitsIssue: string | null;
  readonly violations: readonly {
    rule: string;
    description: string;
    chart: string;
    /** The pair that completed it, and every pair of its window. */
    pairId: string;
    pairIds: readonly string[];
  }[];
  readonly file: string;
}

export interface RunCharts {
  readonly json: readonly RunChartJson[];
  readonly files: readonly { name: string; data: Uint8Array }[];
}

/** The I-MR judgement of `values`, or why there is none. */
function judgeLot(values: readonly number[], atMs: number): { judged?: SpcJudgement; issue?: string } {
  const created = createChart({ kind: 'imr', rules: {} });
  if (!created.ok) throw new Error(`I-MR chart settings refused: ${created.issues[0]?.message}`);
  if (values.length < 2)
    return { issue: `${values.length} point${values.length === 1 ? '' : 's'}: too few for limits` };
  const phased = startPhase(created.value, values, {
    baseline: { first: 0, last: values.length - 1 },
    atMs,
    reason: 'the lot as its own baseline (fab report)',
  });
  if (!phased.ok) return { issue: phased.issues.map((i) => i.message).join('; ') };
  const judged = judge(phased.value, values);
  if (!judged.ok) return { issue: judged.issues.map((i) => i.message).join('; ') };
  return { judged: judged.value };
}

const scaled = (b: ChartBand, k: number): ChartBand => ({
  center: b.center * k,
  lcl: b.lcl * k,
  ucl: b.ucl * k,
});

/** Every parameter's chart of the lot: its JSON and its PNG (`run-<parameter>.png`). */
export function runCharts(lotId: string, pairs: readonly ReportPair[], atMs: number): RunCharts {
  const json: RunChartJson[] = [];
  const files: { name: string; data: Uint8Array }[] = [];
  for (const p of PARAMETERS) {
    // Series index -> pair: only the pairs with a value take part.
    const points = pairs.flatMap((rp) => {
      const v = rp.analysis === undefined ? null : p.value(rp.analysis.figures);
      return v === null || !Number.isFinite(v) ? [] : [{ pairId: rp.pair.id, slot: rp.pair.slot, value: v }];
    });
    const { judged, issue } = judgeLot(
      points.map((pt) => pt.value),
      atMs,
    );
    const first = judged?.location[0];
    const mr = judged?.dispersion[0];
    const limits =
      first === undefined || mr === undefined
        ? null
        : {
            individuals: { center: first.center, lcl: first.lcl, ucl: first.ucl },
            movingRange: { center: mr.center, lcl: mr.lcl, ucl: mr.ucl },
            sigma: (first.ucl - first.center) / 3,
          };
    const violations = (judged?.violations ?? []).map((v) => ({
      rule: v.rule,
      description: v.description,
      chart: v.chart === 'dispersion' ? 'moving range' : 'individuals',
      pairId: points[v.index]?.pairId ?? '',
      pairIds: v.indexes.map((i) => points[i]?.pairId ?? ''),
    }));
    const file = `run-${p.key}.png`;
    json.push({
      parameter: p.key,
      unit: p.unit,
      chart: 'imr',
      points,
      limits,
      limitsIssue: limits === null ? (issue ?? 'no limits') : null,
      violations,
      file,
    });
    const flaggedI = new Set<number>();
    const flaggedMr = new Set<number>();
    for (const v of judged?.violations ?? []) {
      for (const i of v.indexes) (v.chart === 'dispersion' ? flaggedMr : flaggedI).add(i);
    }
    const mrValues: (number | null)[] = points.map(() => null);
    for (const d of judged?.dispersion ?? []) mrValues[d.index] = d.value * p.scale;
    const individuals: RunPanel = {
      label: `${p.name} (${p.drawnUnit})`,
      values: points.map((pt) => pt.value * p.scale),
      flagged: flaggedI,
      ...(limits === null ? {} : { band: scaled(limits.individuals, p.scale) }),
    };
    const movingRange: RunPanel = {
      label: `moving range (${p.drawnUnit})`,
      values: mrValues,
      flagged: flaggedMr,
      ...(limits === null ? {} : { band: scaled(limits.movingRange, p.scale) }),
    };
    const canvas = drawRunChart({
      title: `Lot ${lotId}: ${p.name} per pair, I-MR chart`,
      subtitle:
        limits === null
          ? `${points.length} analysed pairs in slot order; no limits: ${issue ?? ''}`
          : `${points.length} analysed pairs in slot order; limits from this lot (phase I), Western Electric rules`,
      xLabels: points.map((pt) => String(pt.slot)),
      xTitle: 'slot',
      panels: [individuals, movingRange],
      notes: violations.map((v) => `${v.rule} (${v.chart}) at ${v.pairId}: ${v.description}`),
    });
    files.push({ name: file, data: encodePng(canvas) });
  }
  return { json, files };
}
