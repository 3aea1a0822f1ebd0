// Checking a run against an FDC model (docs/fab.md, "FDC"): per step, which features are outside
// their univariate limits, and Hotelling's T² with the contribution of each feature,
// c_j = z_j (R⁺ z)_j in standardised units (so Σ c_j = T²; a c_j may be negative), summed per trace.
// A step with T² above its limit or a feature outside its limits is a fault: it names the pair, the
// step and its traces ranked (traces with a feature outside its limits first, then by contribution).
import { fail, issue, type Result } from '@bondline/core';
import type { FdcModel, FdcStepModel } from './fdc-model.js';
import { type FdcRun, type TraceSummary, traceOfFeature } from './fdc-types.js';
import { stepFeatures } from './run-features.js';

/** A feature outside its limits: its value, the limits, and how many golden sd from the mean. */
export interface OutOfLimits {
  readonly feature: string;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  /** (value - mean) / sd; absent for a feature constant in the golden runs. */
  readonly z?: number;
}

/** One trace's part in a step's check. */
export interface TraceContribution {
  readonly trace: string;
  /** Σ of its features' c_j. */
  readonly contribution: number;
  /** contribution / T² (0 when T² is 0). */
  readonly share: number;
  readonly outOfLimits: readonly string[];
}

export interface StepCheck {
  readonly step: string;
  readonly moduleId: string;
  readonly t2: number;
  readonly t2Ucl: number;
  readonly t2Exceeded: boolean;
  readonly outOfLimits: readonly OutOfLimits[];
  /** Per feature of T²: c_j. */
  readonly contributions: Readonly<Record<string, number>>;
  /** Traces ranked as a fault ranks them. */
  readonly traces: readonly TraceContribution[];
  /** Features of the model the run's step does not have (taken at their golden mean in T²). */
  readonly missingFeatures: readonly string[];
  readonly summaries: Readonly<Record<string, TraceSummary>>;
}

/** What drove a flagged step. */
export interface FdcFault {
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly step: string;
  readonly moduleId: string;
  readonly t2: number;
  readonly t2Ucl: number;
  readonly reasons: readonly ('t2' | 'limits')[];
  /** Traces with a positive contribution or a feature outside its limits, ranked. */
  readonly traces: readonly TraceContribution[];
}

export interface RunCheck {
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly modelVersion: number;
  readonly flagged: boolean;
  readonly steps: readonly StepCheck[];
  /** Steps of the model the run does not have. */
  readonly missingSteps: readonly string[];
  readonly faults: readonly FdcFault[];
}

export type FdcCheckIssueCode = 'unknown-recipe';

/** Check one run; a recipe the model has no step of is refused. */
export function checkRun(model: FdcModel, run: FdcRun): Result<RunCheck, FdcCheckIssueCode> {
  const models = model.steps.filter((s) => s.recipe === run.recipe);
  if (models.length === 0) {
    return fail(
      issue(
        'unknown-recipe',
        `model v${model.version} has no step of recipe ${run.recipe} (pair ${run.pairId})`,
        'recipe',
      ),
    );
  }
  const steps: StepCheck[] = [];
  const missingSteps: string[] = [];
  const faults: FdcFault[] = [];
  for (const sm of models) {
    const rs = run.steps.find((s) => s.step === sm.step);
    if (rs === undefined) {
      missingSteps.push(sm.step);
      continue;
    }
    const f = stepFeatures(rs, (trace) => sm.thresholds[trace]);
    const c = checkStep(sm, rs.moduleId, f.values, f.summaries);
    steps.push(c);
    if (c.t2Exceeded || c.outOfLimits.length > 0) {
      faults.push({
        pairId: run.pairId,
        toolId: run.toolId,
        recipe: run.recipe,
        step: c.step,
        moduleId: c.moduleId,
        t2: c.t2,
        t2Ucl: c.t2Ucl,
        reasons: [
          ...(c.t2Exceeded ? (['t2'] as const) : []),
          ...(c.outOfLimits.length > 0 ? (['limits'] as const) : []),
        ],
        traces: c.traces.filter((t) => t.contribution > 0 || t.outOfLimits.length > 0),
      });
    }
  }
  return {
    ok: true,
    value: {
      pairId: run.pairId,
      toolId: run.toolId,
      recipe: run.recipe,
      modelVersion: model.version,
      flagged: faults.length > 0,
      steps,
      missingSteps,
      faults,
    },
  };
}

function checkStep(
  sm: FdcStepModel,
  moduleId: string,
  values: ReadonlyMap<string, number>,
  summaries: Readonly<Record<string, TraceSummary>>,
): StepCheck {
  const outOfLimits: OutOfLimits[] = [];
  const missingFeatures: string[] = [];
  sm.features.forEach((feature, j) => {
    const v = values.get(feature);
    if (v === undefined) {
      missingFeatures.push(feature);
      return;
    }
    const mean = sm.mean[j] ?? 0;
    const sd = sm.sd[j] ?? 0;
    const lower = sm.lower[j] ?? mean;
    const upper = sm.upper[j] ?? mean;
    const constant = !(sd > 0 && sd > 1e-12 * Math.abs(mean));
    // A feature constant in the golden runs: any change beyond rounding is outside.
    const slack = constant ? 1e-9 * Math.max(1, Math.abs(mean)) : 0;
    if (v < lower - slack || v > upper + slack) {
      outOfLimits.push(
        constant
          ? { feature, value: v, lower, upper }
          : { feature, value: v, lower, upper, z: (v - mean) / sd },
      );
    }
  });
  const contributions: Record<string, number> = {};
  let t2 = 0;
  const z = sm.t2Features.map((j) => {
    const v = values.get(sm.features[j] ?? '');
    return v === undefined ? 0 : (v - (sm.mean[j] ?? 0)) / (sm.sd[j] ?? 1);
  });
  sm.t2Features.forEach((j, a) => {
    const row = sm.precision[a] ?? [];
    let w = 0;
    for (let b = 0; b < z.length; b++) w += (row[b] ?? 0) * (z[b] ?? 0);
    const cj = (z[a] ?? 0) * w;
    contributions[sm.features[j] ?? ''] = cj;
    t2 += cj;
  });
  const byTrace = new Map<string, { contribution: number; outOfLimits: string[] }>();
  for (const feature of sm.features) {
    const t = traceOfFeature(feature);
    const acc = byTrace.get(t) ?? { contribution: 0, outOfLimits: [] };
    byTrace.set(t, acc);
    acc.contribution += contributions[feature] ?? 0;
  }
  for (const o of outOfLimits) byTrace.get(traceOfFeature(o.feature))?.outOfLimits.push(o.feature);
  const traces = [...byTrace.entries()]
    .map(([trace, a]) => ({
      trace,
      contribution: a.contribution,
      share: t2 > 0 ? a.contribution / t2 : 0,
      outOfLimits: a.outOfLimits,
    }))
    .sort(
      (a, b) =>
        Number(b.outOfLimits.length > 0) - Number(a.outOfLimits.length > 0) ||
        b.contribution - a.contribution,
    );
  return {
    step: sm.step,
    moduleId,
    t2,
    t2Ucl: sm.t2Ucl,
    t2Exceeded: sm.rank > 0 && t2 > sm.t2Ucl,
    outOfLimits,
    contributions,
    traces,
    missingFeatures,
    summaries,
  };
}
