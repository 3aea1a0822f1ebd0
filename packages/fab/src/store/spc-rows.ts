// SPC charts and points as the store keeps them (migration 6, docs/fab.md §8.6): what the SPC
// service writes (saveSpcChart, appendSpcPoints), checked before it is written like every record
// (a bad field is named: `points[2].value`), and decoded back from a row. A chart row holds the
// library's `SpcChart` (settings and phases, docs/fab.md §8.3) as JSON; its revision is the number
// of phases, so a chart with a newer phase replaces the stored one and a stale copy changes nothing.
import { type Issue, issue, zodIssues } from '@bondline/core';
import { z } from 'zod';
import { chartSettingsSchema } from '../analytics/spc/chart-settings.js';
import type { SpcChart, SpcPhase } from '../analytics/spc/spc-phases.js';
import { jsonText, parseJsonValue } from './json-value.js';
import { SPC_CHART_SPEC, SPC_POINT_SPEC } from './method-table-specs.js';
import type { Row, SqlValue } from './record-rows.js';
import { type DbRow, num, opt, str } from './row-decode.js';

/** A chart per (tool, parameter, context), with its settings and phases. */
export interface SpcChartRow {
  readonly id: string;
  readonly toolId: string;
  readonly parameter: string;
  /** The R2R context key tool+recipe+product (docs/fab.md §10). */
  readonly context: string;
  readonly recipe: string;
  readonly product: string;
  readonly chart: SpcChart;
  /** Spec limits for capability (docs/fab.md §8.5), when configured. */
  readonly spec?: SpcSpecLimits;
  /** Points the first phase's baseline takes. */
  readonly baselinePoints: number;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** A parameter's specification limits and target (any of them). */
export interface SpcSpecLimits {
  readonly lsl?: number | undefined;
  readonly usl?: number | undefined;
  readonly target?: number | undefined;
}

/** One point of a chart's series. */
export interface SpcPointRow {
  readonly chartId: string;
  /** Series index, 0, 1, 2, ... without gaps. */
  readonly index: number;
  readonly pairId?: string;
  readonly value: number;
  /** When it was charted, ms since the epoch. */
  readonly atMs: number;
}

const id = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^\S(.*\S)?$/, 'no leading or trailing spaces');
const timeMs = z.int().min(0).max(9_999_999_999_999);
const band = z.strictObject({ center: z.number(), lcl: z.number(), ucl: z.number() });

const phaseSchema = z.strictObject({
  number: z.int().min(1),
  startedAtMs: z.number(),
  reason: z.string(),
  appliesFrom: z.int().min(0),
  baseline: z.strictObject({ first: z.int().min(0), last: z.int().min(0) }),
  excluded: z.array(z.int().min(0)),
  limits: z.strictObject({
    mean: z.number(),
    sigma: z.number(),
    sigmaFrom: z.enum(['moving-range', 'range', 'std-dev', 'given']),
    locationSigma: z.number(),
    location: band,
    dispersion: band,
    used: z.int().min(0),
  }),
});

const specSchema = z.strictObject({
  lsl: z.number().finite().optional(),
  usl: z.number().finite().optional(),
  target: z.number().finite().optional(),
});

const chartRowSchema = z.strictObject({
  id,
  toolId: id.max(200),
  parameter: id.max(200),
  context: id,
  recipe: id.max(200),
  product: id.max(200),
  chart: z.strictObject({ settings: chartSettingsSchema, phases: z.array(phaseSchema).max(10_000) }),
  spec: specSchema.optional(),
  baselinePoints: z.int().min(2).max(100_000),
  createdMs: timeMs,
  updatedMs: timeMs,
});

const pointRowSchema = z.strictObject({
  chartId: id,
  index: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  pairId: id.max(200).optional(),
  value: z.number().finite(),
  atMs: timeMs,
});

type Checked = { rows: Row[]; issues: Issue<'invalid-record'>[] };

function refused(
  at: string,
  found: readonly { message: string; path?: string }[],
): Issue<'invalid-record'>[] {
  return found.map((i) => {
    const path = i.path === undefined ? at : `${at}.${i.path}`;
    return issue('invalid-record', `${path}: ${i.message}`, path);
  });
}

/** A chart as the row `saveSpcChart` writes, or the issues naming its bad fields (`chart.…`). */
export function spcChartRows(chart: SpcChartRow): Checked {
  const c = chartRowSchema.safeParse(chart);
  if (!c.success) return { rows: [], issues: refused('chart', zodIssues(c.error.issues)) };
  const settings = jsonText(chart.chart.settings, 'chart.chart.settings');
  const phases = jsonText(chart.chart.phases, 'chart.chart.phases');
  if (!settings.ok) return { rows: [], issues: [settings.issue] };
  if (!phases.ok) return { rows: [], issues: [phases.issue] };
  const values: SqlValue[] = [
    chart.id,
    chart.toolId,
    chart.parameter,
    chart.context,
    chart.recipe,
    chart.product,
    settings.text,
    phases.text,
    chart.spec === undefined ? null : JSON.stringify(chart.spec),
    chart.chart.phases.length,
    chart.baselinePoints,
    chart.createdMs,
    chart.updatedMs,
  ];
  return { rows: [{ spec: SPC_CHART_SPEC, index: 0, values }], issues: [] };
}

/** Points as the rows `appendSpcPoints` writes (at most 10,000), or the issues (`points[i].…`). */
export function spcPointRows(points: readonly SpcPointRow[]): Checked {
  if (points.length > 10_000)
    return {
      rows: [],
      issues: [issue('invalid-record', `${points.length} points: at most 10000 at once`, 'points')],
    };
  const rows: Row[] = [];
  const issues: Issue<'invalid-record'>[] = [];
  points.forEach((p, index) => {
    const c = pointRowSchema.safeParse(p);
    if (!c.success) {
      issues.push(...refused(`points[${index}]`, zodIssues(c.error.issues)));
      return;
    }
    rows.push({
      spec: SPC_POINT_SPEC,
      index,
      values: [p.chartId, p.index, p.pairId ?? null, p.value, p.atMs],
    });
  });
  return issues.length > 0 ? { rows: [], issues } : { rows, issues };
}

export function spcChartFromRow(row: DbRow): SpcChartRow {
  const settings = chartSettingsSchema.parse(parseJsonValue(row.settings));
  const phases: SpcPhase[] = z.array(phaseSchema).parse(parseJsonValue(row.phases));
  return {
    id: str(row, 'id'),
    toolId: str(row, 'tool_id'),
    parameter: str(row, 'parameter'),
    context: str(row, 'context'),
    recipe: str(row, 'recipe'),
    product: str(row, 'product'),
    chart: { settings, phases },
    ...(row.spec === null || row.spec === undefined
      ? {}
      : { spec: specSchema.parse(parseJsonValue(row.spec)) }),
    baselinePoints: num(row, 'baseline_points'),
    createdMs: num(row, 'created_ms'),
    updatedMs: num(row, 'updated_ms'),
  };
}

export function spcPointFromRow(row: DbRow): SpcPointRow {
  return {
    chartId: str(row, 'chart_id'),
    index: num(row, 'idx'),
    ...opt('pairId', row, 'pair_id', str),
    value: num(row, 'value'),
    atMs: num(row, 'at_ms'),
  };
}
