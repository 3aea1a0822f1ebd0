// A chart and its phases as plain data the store can persist (docs/fab.md §8.3). The first phase
// takes its limits from a baseline and freezes them; new points are judged against the frozen
// limits (judge-chart.ts); only an explicit recompute adds a phase, and earlier phases stay as they
// were, each with its limits, baseline, time and reason. Nothing here reads a clock: the caller
// passes the time.
import { fail, issue, ok, parseWithSchema, type Result, type SchemaIssueCode } from '@bondline/core';
import { z } from 'zod';
import { type ChartSettings, parseChartSettings } from './chart-settings.js';
import { baselineLimits, type LimitsIssueCode, type PhaseLimits } from './phase-limits.js';
import { plotSeries, type SeriesIssueCode, type SpcSeries } from './series.js';

/** One phase: limits frozen from a baseline, in force from `appliesFrom` until the next phase. */
export interface SpcPhase {
  /** 1 for the first phase, then 2, 3, ... */
  readonly number: number;
  /** When it was started, ms since the epoch (given by the caller). */
  readonly startedAtMs: number;
  readonly reason: string;
  /** Series index of the first point judged against this phase's limits. */
  readonly appliesFrom: number;
  /** Inclusive series index range the limits were computed on. */
  readonly baseline: { readonly first: number; readonly last: number };
  /** Baseline points dropped as out of control before the final estimate (phase I removal). */
  readonly excluded: readonly number[];
  readonly limits: PhaseLimits;
}

/** A chart: its settings and its phases, oldest first. */
export interface SpcChart {
  readonly settings: ChartSettings;
  readonly phases: readonly SpcPhase[];
}

const phaseRequestSchema = z.strictObject({
  baseline: z.strictObject({ first: z.number().int().min(0), last: z.number().int().min(0) }),
  atMs: z.number().finite(),
  reason: z.string().min(1).max(500),
  /** Drop baseline points outside the limits and estimate again until none is (default false). */
  removeOutOfControl: z.boolean().default(false),
  /** First series index judged with the new limits. */
  appliesFrom: z.number().int().min(0).optional(),
  /** Mean and/or sigma given rather than estimated. */
  known: z
    .strictObject({ mean: z.number().finite().optional(), sigma: z.number().gt(0).finite().optional() })
    .optional(),
});

/** What starting a phase needs; see {@link startPhase} and {@link recompute}. */
export type PhaseRequest = z.input<typeof phaseRequestSchema>;

/**
 * Codes a phase request can be refused with: the series' and the baseline's, 'phase-exists',
 * 'no-phase', and the schema's ('missing', 'wrong-type', 'out-of-range', 'unknown-key', ...).
 */
export type PhaseIssueCode =
  | SeriesIssueCode
  | LimitsIssueCode
  | 'phase-exists'
  | 'no-phase'
  | SchemaIssueCode;

/** A chart with no phase yet, from settings validated here. */
export function createChart(settings: unknown): Result<SpcChart> {
  const s = parseChartSettings(settings);
  return s.ok ? ok({ settings: s.value, phases: [] }) : s;
}

/**
 * Phase I: the chart's first limits, computed on `request.baseline` of `series` and frozen. The
 * new phase applies from the baseline's first point (the baseline is judged against its own limits)
 * unless `appliesFrom` says otherwise. Refused when the chart already has a phase (use recompute).
 */
export function startPhase(
  chart: SpcChart,
  series: SpcSeries,
  request: PhaseRequest,
): Result<SpcChart, PhaseIssueCode> {
  if (chart.phases.length > 0) {
    return fail(issue('phase-exists', 'the chart already has a phase; recompute adds a new one', 'phases'));
  }
  return addPhase(chart, series, request, 'start');
}

/**
 * A new phase on explicit request: limits computed on `request.baseline`, applying from
 * `appliesFrom` (default: the next point, series.length, so points already judged keep their
 * verdict). Earlier phases are kept unchanged. Refused when the chart has no phase yet.
 */
export function recompute(
  chart: SpcChart,
  series: SpcSeries,
  request: PhaseRequest,
): Result<SpcChart, PhaseIssueCode> {
  if (chart.phases.length === 0)
    return fail(issue('no-phase', 'the chart has no phase yet; start one first', 'phases'));
  return addPhase(chart, series, request, 'recompute');
}

function addPhase(
  chart: SpcChart,
  series: SpcSeries,
  request: PhaseRequest,
  how: 'start' | 'recompute',
): Result<SpcChart, PhaseIssueCode> {
  const req = parseWithSchema(phaseRequestSchema, request);
  if (!req.ok)
    return { ok: false, issues: req.issues.map((i) => ({ ...i, code: i.code as SchemaIssueCode })) };
  const r = req.value;
  const plotted = plotSeries(chart.settings, series);
  if (!plotted.ok) return plotted;
  const len = series.length;
  if (r.baseline.last < r.baseline.first) {
    return fail(
      issue(
        'out-of-range',
        `baseline.last: ${r.baseline.last} is before baseline.first ${r.baseline.first}`,
        'baseline.last',
      ),
    );
  }
  if (r.baseline.last >= len) {
    return fail(
      issue(
        'out-of-range',
        `baseline.last: ${r.baseline.last} is past the series' last index ${len - 1}`,
        'baseline.last',
      ),
    );
  }
  const appliesFrom = r.appliesFrom ?? (how === 'start' ? r.baseline.first : len);
  const previous = chart.phases[chart.phases.length - 1];
  if (previous !== undefined && appliesFrom <= previous.appliesFrom) {
    return fail(
      issue(
        'out-of-range',
        `appliesFrom: ${appliesFrom} must be after phase ${previous.number}'s first point ${previous.appliesFrom}`,
        'appliesFrom',
      ),
    );
  }
  const known = r.known === undefined ? {} : { mean: r.known.mean, sigma: r.known.sigma };
  const limits = baselineLimits(chart.settings, plotted.value, r.baseline, r.removeOutOfControl, known);
  if (!limits.ok) return limits;
  const phase: SpcPhase = {
    number: chart.phases.length + 1,
    startedAtMs: r.atMs,
    reason: r.reason,
    appliesFrom,
    baseline: { first: r.baseline.first, last: r.baseline.last },
    excluded: limits.value.excluded,
    limits: limits.value.limits,
  };
  return ok({ settings: chart.settings, phases: [...chart.phases, phase] });
}
