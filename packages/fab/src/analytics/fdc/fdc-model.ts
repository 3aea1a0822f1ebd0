// An FDC model learned from golden runs (docs/fab.md, "FDC"): per (recipe, step) the mean and standard
// deviation of every feature, its univariate limits (mean ± k sd), and the multivariate model of
// Hotelling's T² (mean vector, covariance, the pseudo-inverse used, the upper control limit for a new
// run). Versioned, plain JSON (fdc-model-codec.ts reads it back).
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import { type FdcRun, TRACE_STATISTICS, type TraceStatistic, type TraceThresholds } from './fdc-types.js';
import { goldenPrecision } from './golden-precision.js';
import { stepFeatures, thresholdOf } from './run-features.js';
import { t2UpperLimit } from './t2-limit.js';

/** Format tag of a serialised model. */
export const FDC_MODEL_FORMAT = 'bondline-fdc-model';

/** Defaults of learnFdcModel's options (docs/fab.md, "FDC" says why). */
export const FDC_DEFAULTS = {
  kSigma: 4,
  alpha: 0.0027,
  eigenTolerance: 1e-9,
  /** Max and min are extremes of the samples, skewed: they get univariate limits only. */
  t2Statistics: ['mean', 'slope', 'timeAbove'],
} as const satisfies Record<string, unknown>;

/** The model of one recipe step. Arrays run over `features`; matrices are rows of arrays. */
export interface FdcStepModel {
  readonly recipe: string;
  readonly step: string;
  /** Golden runs the step was learned from (m). */
  readonly runs: number;
  /** Threshold of `timeAbove` per trace, in the trace's units. */
  readonly thresholds: Readonly<Record<string, number>>;
  /** `ChamberPressure.mean`, ... sorted. */
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly sd: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly covariance: readonly (readonly number[])[];
  /** Indices into `features` of those in T² (they vary over the golden runs). */
  readonly t2Features: readonly number[];
  /** Pseudo-inverse of the correlation matrix of the T² features (standardised units). */
  readonly precision: readonly (readonly number[])[];
  /** Rank of that correlation matrix: T²'s p. */
  readonly rank: number;
  /** Phase II upper control limit of T² at the model's alpha; 0 when no feature varies. */
  readonly t2Ucl: number;
}

export interface FdcModel {
  readonly format: typeof FDC_MODEL_FORMAT;
  readonly version: number;
  readonly createdMs: number;
  readonly goldenRunIds: readonly string[];
  readonly kSigma: number;
  readonly alpha: number;
  readonly eigenTolerance: number;
  /** Every feature of the model: `recipe/step/trace.statistic`. */
  readonly features: readonly string[];
  readonly steps: readonly FdcStepModel[];
}

export interface LearnFdcOptions {
  /** The model's version number (the caller keeps the sequence). */
  readonly version: number;
  /** When it was made, ms since the epoch (injected: the model code reads no clock). */
  readonly createdMs: number;
  /** Univariate limits at mean ± kSigma sd (default 4). */
  readonly kSigma?: number;
  /** False-alarm probability of T² per step of a golden run (default 0.0027). */
  readonly alpha?: number;
  /** Eigenvalues of the correlation matrix below this x the largest are dropped (default 1e-9). */
  readonly eigenTolerance?: number;
  /** Thresholds of `timeAbove`; a trace without one uses the golden runs' mean of it in the step. */
  readonly thresholds?: TraceThresholds;
  /** The summary statistics the model keeps of every trace (default all of TRACE_STATISTICS). */
  readonly statistics?: readonly TraceStatistic[];
  /** Those of them that enter T² (default mean, slope, timeAbove); the rest get univariate limits only. */
  readonly t2Statistics?: readonly TraceStatistic[];
}

export type FdcLearnIssueCode = 'no-golden-runs' | 'too-few-golden-runs' | 'invalid-option';

/** Learn a model from golden runs; a (recipe, step) with too few runs for its features is refused. */
export function learnFdcModel(
  golden: readonly FdcRun[],
  options: LearnFdcOptions,
): Result<FdcModel, FdcLearnIssueCode> {
  const kSigma = options.kSigma ?? FDC_DEFAULTS.kSigma;
  const alpha = options.alpha ?? FDC_DEFAULTS.alpha;
  const eigenTolerance = options.eigenTolerance ?? FDC_DEFAULTS.eigenTolerance;
  const bad: Issue<FdcLearnIssueCode>[] = [];
  if (!(kSigma > 0)) bad.push(issue('invalid-option', `kSigma: ${kSigma} must be above 0`, 'kSigma'));
  if (!(alpha > 0 && alpha < 1))
    bad.push(issue('invalid-option', `alpha: ${alpha} must be in (0, 1)`, 'alpha'));
  if (!(eigenTolerance > 0 && eigenTolerance < 1)) {
    bad.push(
      issue('invalid-option', `eigenTolerance: ${eigenTolerance} must be in (0, 1)`, 'eigenTolerance'),
    );
  }
  if (!Number.isSafeInteger(options.version) || options.version < 1) {
    bad.push(issue('invalid-option', `version: ${options.version} must be a whole number from 1`, 'version'));
  }
  if (bad.length > 0) return { ok: false, issues: bad };
  if (golden.length === 0) return fail(issue('no-golden-runs', 'no golden runs to learn from'));
  const groups = new Map<string, { recipe: string; step: string; steps: FdcRun['steps'][number][] }>();
  for (const run of golden) {
    for (const s of run.steps) {
      if (Object.keys(s.traces).length === 0) continue;
      const key = `${run.recipe}\u0000${s.step}`;
      const g = groups.get(key) ?? { recipe: run.recipe, step: s.step, steps: [] };
      groups.set(key, g);
      g.steps.push(s);
    }
  }
  const steps: FdcStepModel[] = [];
  const issues: Issue<FdcLearnIssueCode>[] = [];
  for (const g of [...groups.values()].sort((a, b) => cmp(a.recipe, b.recipe) || cmp(a.step, b.step))) {
    const learned = learnStep(g.recipe, g.step, g.steps, { kSigma, alpha, eigenTolerance, options });
    if (learned.ok) steps.push(learned.value);
    else issues.push(...learned.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return ok({
    format: FDC_MODEL_FORMAT,
    version: options.version,
    createdMs: options.createdMs,
    goldenRunIds: golden.map((r) => r.pairId),
    kSigma,
    alpha,
    eigenTolerance,
    features: steps.flatMap((s) => s.features.map((f) => `${s.recipe}/${s.step}/${f}`)),
    steps,
  });
}

interface StepSettings {
  readonly kSigma: number;
  readonly alpha: number;
  readonly eigenTolerance: number;
  readonly options: LearnFdcOptions;
}

function learnStep(
  recipe: string,
  step: string,
  runs: readonly FdcRun['steps'][number][],
  settings: StepSettings,
): Result<FdcStepModel, FdcLearnIssueCode> {
  const thresholds: Record<string, number> = {};
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of runs) {
    for (const [trace, series] of Object.entries(r.traces)) {
      const acc = sums.get(trace) ?? { sum: 0, n: 0 };
      sums.set(trace, acc);
      for (const v of series.values) {
        acc.sum += v;
        acc.n++;
      }
    }
  }
  for (const [trace, acc] of sums) {
    if (acc.n > 0)
      thresholds[trace] = thresholdOf(settings.options.thresholds ?? {}, step, trace, acc.sum / acc.n);
  }
  const perRun = runs.map((r) => stepFeatures(r, (trace) => thresholds[trace]).values);
  // Only features every golden run of the step has: a trace missing from one run is left out.
  const kept = new Set<string>(settings.options.statistics ?? TRACE_STATISTICS);
  const features = [...(perRun[0]?.keys() ?? [])]
    .filter((f) => kept.has(statisticOf(f)) && perRun.every((v) => v.has(f)))
    .sort(cmp);
  const m = perRun.length;
  const where = `${recipe}/${step}`;
  if (m < 2 || features.length === 0) {
    return fail(
      issue(
        'too-few-golden-runs',
        `${where}: ${m} golden run(s) with ${features.length} common feature(s); need 2 and 1`,
        where,
      ),
    );
  }
  const inT2 = new Set<string>(settings.options.t2Statistics ?? FDC_DEFAULTS.t2Statistics);
  const g = goldenPrecision(
    perRun.map((v) => features.map((f) => v.get(f) ?? 0)),
    settings.eigenTolerance,
    (j) => inT2.has(statisticOf(features[j] ?? '')),
  );
  // Centred golden rows span at most m - 1 dimensions, so rank < m: the F limit always exists.
  const k = settings.kSigma;
  return ok({
    recipe,
    step,
    runs: m,
    thresholds,
    features,
    mean: g.mean,
    sd: g.sd,
    lower: g.mean.map((mu, j) => mu - k * (g.sd[j] ?? 0)),
    upper: g.mean.map((mu, j) => mu + k * (g.sd[j] ?? 0)),
    covariance: g.covariance,
    t2Features: g.t2Features,
    precision: g.precision,
    rank: g.rank,
    t2Ucl: g.rank > 0 ? t2UpperLimit(g.rank, m, settings.alpha) : 0,
  });
}

function statisticOf(feature: string): string {
  return feature.slice(feature.lastIndexOf('.') + 1);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
