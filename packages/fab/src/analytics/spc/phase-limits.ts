// Limits of a phase from its baseline (phase I), optionally with out-of-control points removed and
// the limits recomputed until none is left (docs/fab.md §8.3).
//
// σ is estimated within: MR̄/d2(2) from the moving ranges of consecutive baseline points both kept
// (I-MR, EWMA, CUSUM), R̄/d2(n) (X-bar R) or S̄/c4(n) (X-bar S); or it is given ("standard given").
// Both bands then come from σ: location μ ± 3σ/√n, range or moving range d2σ ± 3d3σ, standard
// deviation c4σ ± 3σ√(1 − c4²), lower ones floored at 0. With σ estimated these are exactly the
// tabulated forms (x̄̄ ± A2R̄, D3R̄..D4R̄, B3S̄..B4S̄; Montgomery 7th ed. §6.2–6.3); with σ given they
// are the D1/D2 and B5/B6 forms.
import { fail, issue, ok, type Result } from '@bondline/core';
import { type ChartSettings, isSubgrouped } from './chart-settings.js';
import type { PlottedSeries } from './series.js';
import { chartConstants } from './spc-constants.js';

/** A centre line and its control limits. */
export interface Band {
  readonly center: number;
  readonly lcl: number;
  readonly ucl: number;
}

/** What a phase froze: the process mean and sigma and the bands drawn from them. */
export interface PhaseLimits {
  /** In-control mean μ₀ (grand mean, or given). */
  readonly mean: number;
  /** Process standard deviation of one observation (within, or given). */
  readonly sigma: number;
  /** How sigma was obtained. */
  readonly sigmaFrom: 'moving-range' | 'range' | 'std-dev' | 'given';
  /** Standard deviation of the plotted location statistic: σ, or σ/√n for subgroup means. */
  readonly locationSigma: number;
  /** I or X-bar band (also the I band EWMA and CUSUM use to screen their baseline). */
  readonly location: Band;
  /** MR, R or S band. */
  readonly dispersion: Band;
  /** Baseline points (or subgroups) the estimate used. */
  readonly used: number;
}

export type LimitsIssueCode = 'baseline-too-short' | 'zero-variation';

/** A baseline: inclusive series index range. */
export interface BaselineRange {
  readonly first: number;
  readonly last: number;
}

/** Mean and/or sigma known from elsewhere (a target, a long history). */
export interface KnownStandard {
  readonly mean?: number | undefined;
  readonly sigma?: number | undefined;
}

const MAX_PASSES = 100;

/** The limits estimated on the kept points of a baseline. */
function estimateLimits(
  settings: ChartSettings,
  plotted: PlottedSeries,
  baseline: BaselineRange,
  kept: Uint8Array,
  known: KnownStandard = {},
): Result<PhaseLimits, LimitsIssueCode> {
  const { location, dispersion } = plotted;
  let count = 0;
  let sum = 0;
  let dSum = 0;
  let dCount = 0;
  for (let i = baseline.first; i <= baseline.last; i++) {
    if (kept[i] !== 1) continue;
    count++;
    sum += location[i] as number;
    if (isSubgrouped(settings)) {
      dSum += dispersion[i] as number;
      dCount++;
    } else if (i > baseline.first && kept[i - 1] === 1) {
      dSum += dispersion[i] as number;
      dCount++;
    }
  }
  const n = isSubgrouped(settings) ? settings.subgroupSize : 1;
  const c = chartConstants(Math.max(2, n));
  let sigma: number;
  let sigmaFrom: PhaseLimits['sigmaFrom'];
  if (known.sigma !== undefined) {
    sigma = known.sigma;
    sigmaFrom = 'given';
  } else {
    if (dCount === 0) {
      return fail(
        issue(
          'baseline-too-short',
          `baseline ${baseline.first}..${baseline.last}: needs at least ${isSubgrouped(settings) ? 'one subgroup' : 'two consecutive points'} kept to estimate sigma`,
          'baseline',
        ),
      );
    }
    const dBar = dSum / dCount;
    sigmaFrom =
      settings.kind === 'xbar-s' ? 'std-dev' : settings.kind === 'xbar-r' ? 'range' : 'moving-range';
    sigma = settings.kind === 'xbar-s' ? dBar / c.c4 : dBar / c.d2;
  }
  if (count === 0 && known.mean === undefined) {
    return fail(
      issue('baseline-too-short', `baseline ${baseline.first}..${baseline.last}: no point kept`, 'baseline'),
    );
  }
  if (!(sigma > 0)) {
    return fail(
      issue(
        'zero-variation',
        `baseline ${baseline.first}..${baseline.last}: the points do not vary (sigma 0), so no control limits can be drawn`,
        'baseline',
      ),
    );
  }
  const mean = known.mean ?? sum / count;
  const locationSigma = sigma / Math.sqrt(n);
  const spread = settings.kind === 'xbar-s' ? Math.sqrt(1 - c.c4 * c.c4) : c.d3;
  const dCenter = (settings.kind === 'xbar-s' ? c.c4 : c.d2) * sigma;
  return ok({
    mean,
    sigma,
    sigmaFrom,
    locationSigma,
    location: { center: mean, lcl: mean - 3 * locationSigma, ucl: mean + 3 * locationSigma },
    dispersion: {
      center: dCenter,
      lcl: Math.max(0, dCenter - 3 * spread * sigma),
      ucl: dCenter + 3 * spread * sigma,
    },
    used: count,
  });
}

/**
 * Phase I with removal: estimate, drop the kept baseline points outside the location band (and, for
 * subgroups, those whose range or standard deviation is outside its band), estimate again, until no
 * point is dropped. A moving range outside its band implicates two points and drops neither.
 */
export function baselineLimits(
  settings: ChartSettings,
  plotted: PlottedSeries,
  baseline: BaselineRange,
  removeOutOfControl: boolean,
  known: KnownStandard = {},
): Result<{ limits: PhaseLimits; excluded: number[] }, LimitsIssueCode> {
  const kept = new Uint8Array(plotted.location.length);
  kept.fill(1, baseline.first, baseline.last + 1);
  const excluded: number[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const r = estimateLimits(settings, plotted, baseline, kept, known);
    if (!r.ok || !removeOutOfControl) return r.ok ? ok({ limits: r.value, excluded }) : r;
    const { location: loc, dispersion: disp } = r.value;
    let dropped = 0;
    for (let i = baseline.first; i <= baseline.last; i++) {
      if (kept[i] !== 1) continue;
      const x = plotted.location[i] as number;
      const d = plotted.dispersion[i] as number;
      const out = x < loc.lcl || x > loc.ucl || (isSubgrouped(settings) && (d < disp.lcl || d > disp.ucl));
      if (out) {
        kept[i] = 0;
        excluded.push(i);
        dropped++;
      }
    }
    if (dropped === 0) return ok({ limits: r.value, excluded: excluded.sort((a, b) => a - b) });
  }
  const last = estimateLimits(settings, plotted, baseline, kept, known);
  return last.ok ? ok({ limits: last.value, excluded: excluded.sort((a, b) => a - b) }) : last;
}
