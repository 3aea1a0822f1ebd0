// Judge a series against a chart's frozen phases: each point against the limits of the phase in
// force at its index, the run rules restarting at each phase (their runs are about one set of
// limits). Out: plain JSON-friendly points, limits and violations (docs/fab.md §8.4).
//
// A phase's segment is always evaluated from its first point, so a run that began before `from`
// is seen whole; `from` only trims what is returned. One pass per segment: a phase of a million
// points is judged in tens of milliseconds (packages/fab/README.md §SPC), so the store can judge
// the current phase again on each new point instead of keeping rule state.
import { fail, issue, ok, type Result } from '@bondline/core';
import { type CusumPoint, cusumPoints } from './cusum-chart.js';
import { type EwmaPoint, ewmaPoints } from './ewma-chart.js';
import type { RunRuleId } from './rule-config.js';
import { ruleViolations, type ViolationSide } from './rule-hits.js';
import { evaluateRules } from './run-rules.js';
import { plotSeries, type SeriesIssueCode, type SpcSeries } from './series.js';
import type { SpcChart } from './spc-phases.js';

/** A plotted point with the limits of its phase. */
export interface SpcPoint {
  readonly index: number;
  readonly phase: number;
  readonly value: number;
  readonly center: number;
  readonly lcl: number;
  readonly ucl: number;
}

/**
 * A rule id: the run rules, a range / moving range / standard deviation beyond its limits, an EWMA
 * statistic beyond its limits, or a CUSUM sum beyond the decision interval.
 */
export type SpcRuleId = RunRuleId | 'dispersion-limit' | 'ewma-limit' | 'cusum-upper' | 'cusum-lower';

/** A violation: which rule, on which chart of the pair, the points that make it up. */
export interface SpcViolation {
  readonly rule: SpcRuleId;
  readonly description: string;
  readonly chart: 'location' | 'dispersion' | 'ewma' | 'cusum';
  readonly phase: number;
  /** The point that completed it. */
  readonly index: number;
  /** Its window, first to `index`. */
  readonly indexes: readonly number[];
  readonly side?: ViolationSide;
}

/** Everything a chart shows for the judged range. */
export interface SpcJudgement {
  readonly kind: SpcChart['settings']['kind'];
  /** I or X-bar points (empty for EWMA and CUSUM). */
  readonly location: SpcPoint[];
  /** MR, R or S points (MR has none at a phase's first point). */
  readonly dispersion: SpcPoint[];
  readonly ewma: (EwmaPoint & { readonly phase: number })[];
  readonly cusum: (CusumPoint & { readonly phase: number })[];
  readonly violations: SpcViolation[];
}

export interface JudgeOptions {
  /** Return points and violations completed at this series index or later (default 0). */
  readonly from?: number;
}

/** Judge `series` against `chart`'s phases. Points before the first phase applies are not judged. */
export function judge(
  chart: SpcChart,
  series: SpcSeries,
  options: JudgeOptions = {},
): Result<SpcJudgement, SeriesIssueCode | 'no-phase'> {
  const s = chart.settings;
  if (chart.phases.length === 0)
    return fail(issue('no-phase', 'the chart has no phase yet: start one on a baseline', 'phases'));
  const plotted = plotSeries(s, series);
  if (!plotted.ok) return plotted;
  const { location, dispersion } = plotted.value;
  const from = options.from ?? 0;
  const out: SpcJudgement = {
    kind: s.kind,
    location: [],
    dispersion: [],
    ewma: [],
    cusum: [],
    violations: [],
  };
  const phases = chart.phases;
  for (let p = 0; p < phases.length; p++) {
    const phase = phases[p];
    if (phase === undefined) continue;
    const start = phase.appliesFrom;
    const end = Math.min(location.length, phases[p + 1]?.appliesFrom ?? location.length);
    if (start >= end || end <= from) continue;
    const L = phase.limits;
    const segment = location.subarray(start, end);
    if (s.kind === 'ewma') {
      const pts = ewmaPoints(segment, { mean: L.mean, sigma: L.sigma, lambda: s.lambda, L: s.L }, start);
      for (const pt of pts) {
        if (pt.index < from) continue;
        out.ewma.push({ ...pt, phase: phase.number });
        if (pt.statistic > pt.ucl || pt.statistic < pt.lcl) {
          out.violations.push({
            rule: 'ewma-limit',
            description: `EWMA statistic beyond its limits (lambda ${s.lambda}, L ${s.L})`,
            chart: 'ewma',
            phase: phase.number,
            index: pt.index,
            indexes: [pt.index],
            side: pt.statistic > pt.ucl ? 'above' : 'below',
          });
        }
      }
      continue;
    }
    if (s.kind === 'cusum') {
      const pts = cusumPoints(segment, { mean: L.mean, sigma: L.sigma, k: s.k, h: s.h }, start);
      let prevUp = 0;
      let prevLo = 0;
      for (const pt of pts) {
        // A signal when a sum crosses H; its window is the run of non-zero sums that built it.
        const crossUp = pt.upper > pt.limit && prevUp <= pt.limit;
        const crossLo = pt.lower > pt.limit && prevLo <= pt.limit;
        prevUp = pt.upper;
        prevLo = pt.lower;
        if (pt.index < from) continue;
        out.cusum.push({ ...pt, phase: phase.number });
        if (crossUp)
          out.violations.push(cusumViolation('cusum-upper', pt, pt.upperRun, s.k, s.h, phase.number));
        if (crossLo)
          out.violations.push(cusumViolation('cusum-lower', pt, pt.lowerRun, s.k, s.h, phase.number));
      }
      continue;
    }
    const lb = L.location;
    const db = L.dispersion;
    const firstOut = Math.max(start, from);
    for (let i = firstOut; i < end; i++) {
      out.location.push({ index: i, phase: phase.number, value: location[i] as number, ...lb });
    }
    // A moving range needs the previous point in the same phase.
    const dStart = s.kind === 'imr' ? Math.max(firstOut, start + 1) : firstOut;
    const hits: SpcViolation[] = [];
    for (let i = dStart; i < end; i++) {
      const d = dispersion[i] as number;
      out.dispersion.push({ index: i, phase: phase.number, value: d, ...db });
      if (d > db.ucl || d < db.lcl) {
        hits.push({
          rule: 'dispersion-limit',
          description: `${s.kind === 'imr' ? 'moving range' : s.kind === 'xbar-r' ? 'range' : 'standard deviation'} beyond its control limits`,
          chart: 'dispersion',
          phase: phase.number,
          index: i,
          indexes: s.kind === 'imr' ? [i - 1, i] : [i],
          side: d > db.ucl ? 'above' : 'below',
        });
      }
    }
    const ruleHits = evaluateRules(segment, L.mean, L.locationSigma, s.rules, start);
    for (const h of ruleViolations(ruleHits, s.rules, from)) {
      out.violations.push({ ...h, chart: 'location', phase: phase.number });
    }
    out.violations.push(...hits);
  }
  // Both charts' violations in the order their completing points arrived.
  out.violations.sort((a, b) => a.index - b.index);
  return ok(out);
}

function cusumViolation(
  rule: 'cusum-upper' | 'cusum-lower',
  pt: CusumPoint,
  run: number,
  k: number,
  h: number,
  phase: number,
): SpcViolation {
  const indexes: number[] = [];
  for (let j = pt.index - run + 1; j <= pt.index; j++) indexes.push(j);
  return {
    rule,
    description: `CUSUM ${rule === 'cusum-upper' ? 'upper' : 'lower'} sum beyond h = ${h} sigma (k = ${k})`,
    chart: 'cusum',
    phase,
    index: pt.index,
    indexes,
    side: rule === 'cusum-upper' ? 'above' : 'below',
  };
}
