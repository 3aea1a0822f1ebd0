// The plain data FDC works on (docs/fab.md, "FDC"): a run is one bonded pair's recipe steps, each with
// the traces sampled while it ran; everything here is JSON-serialisable and holds no clock or I/O.

/** The summary statistics FDC computes of one trace in one step, in this order. */
export const TRACE_STATISTICS = ['mean', 'max', 'min', 'slope', 'timeAbove'] as const;

export type TraceStatistic = (typeof TRACE_STATISTICS)[number];

/** One trace (a sampled variable) in one step: sample times (ms, ascending) and values. */
export interface TraceSeries {
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
}

/**
 * Summary of one trace in one step. Units are the trace's own: `slope` per second (least squares
 * against time), `timeAboveS` seconds the linearly interpolated trace spent above `threshold`.
 */
export interface TraceSummary {
  readonly count: number;
  readonly mean: number;
  readonly max: number;
  readonly min: number;
  readonly slope: number;
  readonly timeAboveS: number;
  readonly threshold: number;
}

/** One recipe step of a run: which module ran it, when, and its traces by name (module id stripped). */
export interface RunStep {
  /** `plasma.top`, `clean.bottom`, `bonder`, `inspection` (docs/fab.md, "FDC": how steps are named). */
  readonly step: string;
  readonly moduleId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly traces: Readonly<Record<string, TraceSeries>>;
}

/** One run: a bonded pair on a tool with its recipe, and its steps. */
export interface FdcRun {
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly steps: readonly RunStep[];
}

/**
 * Thresholds of `timeAbove`, per trace name (`ChamberPressure`), or per step and trace
 * (`plasma.top/ChamberPressure`, which wins), in the trace's units.
 */
export type TraceThresholds = Readonly<Record<string, number>>;

/** The feature name of a statistic of a trace: `ChamberPressure.mean`. */
export function featureName(trace: string, statistic: TraceStatistic): string {
  return `${trace}.${statistic}`;
}

/** The trace a feature name is of (`ChamberPressure.mean` → `ChamberPressure`). */
export function traceOfFeature(feature: string): string {
  const dot = feature.lastIndexOf('.');
  return dot < 0 ? feature : feature.slice(0, dot);
}
