// The features of a run's step: every summary statistic of every trace (docs/fab.md, "FDC").
import {
  featureName,
  type RunStep,
  TRACE_STATISTICS,
  type TraceStatistic,
  type TraceSummary,
  type TraceThresholds,
} from './fdc-types.js';
import { summariseTrace } from './trace-summary.js';

/** Feature values of one step by feature name (`ChamberPressure.mean`), with the summaries they came from. */
export interface StepFeatures {
  readonly values: ReadonlyMap<string, number>;
  readonly summaries: Readonly<Record<string, TraceSummary>>;
}

/**
 * The threshold of `trace` in `step`: the configured `step/trace`, else the configured `trace`, else
 * `fallback` (the model's learned default: the golden runs' mean of the trace in the step).
 */
export function thresholdOf(
  thresholds: TraceThresholds,
  step: string,
  trace: string,
  fallback: number,
): number {
  return thresholds[`${step}/${trace}`] ?? thresholds[trace] ?? fallback;
}

/** Summaries and feature values of a step, each trace with its threshold (traces without one, or with a non-finite value, are skipped). */
export function stepFeatures(
  step: RunStep,
  thresholdFor: (trace: string) => number | undefined,
): StepFeatures {
  const values = new Map<string, number>();
  const summaries: Record<string, TraceSummary> = {};
  for (const [trace, series] of Object.entries(step.traces)) {
    const threshold = thresholdFor(trace);
    if (threshold === undefined) continue;
    const s = summariseTrace(series, threshold);
    // A trace with a value that is not finite has no usable summary: it counts as missing.
    if (s === undefined || !Number.isFinite(s.mean + s.max + s.min + s.slope + s.timeAboveS)) continue;
    summaries[trace] = s;
    for (const stat of TRACE_STATISTICS) values.set(featureName(trace, stat), statistic(s, stat));
  }
  return { values, summaries };
}

function statistic(s: TraceSummary, stat: TraceStatistic): number {
  switch (stat) {
    case 'mean':
      return s.mean;
    case 'max':
      return s.max;
    case 'min':
      return s.min;
    case 'slope':
      return s.slope;
    case 'timeAbove':
      return s.timeAboveS;
  }
}
