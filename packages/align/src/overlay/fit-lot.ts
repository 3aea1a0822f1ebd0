import { fail, failAll, type Issue, type Result } from '@bondline/core';
import type { OverlayFitIssueCode } from './fit-issue.js';
import { type FitOptions, fitWafer, type WaferFit } from './fit-wafer.js';
import { type AxisStats, axisStats } from './residual-stats.js';
import type { OverlaySite } from './site.js';

/** Spread of one term across the wafers of a lot. */
export interface TermSpread {
  /** Number of wafers that have the term (poly3 selection may drop it on some). */
  n: number;
  mean: number;
  /** Sample standard deviation across wafers (0 for one wafer). */
  sigma: number;
  unit: string;
}

export interface LotSummary {
  wafers: number;
  terms: Record<string, TermSpread>;
  /** Residual statistics of all sites of all wafers together. */
  residual: { x: AxisStats; y: AxisStats };
}

/** Every wafer's fit and the lot summary. */
export interface LotFit {
  wafers: WaferFit[];
  lot: LotSummary;
}

export type LotFitResult = Result<LotFit, OverlayFitIssueCode>;

/** Group sites by wafer id, keeping the order in which wafers first appear. */
export function groupByWafer(sites: readonly OverlaySite[]): Map<string, OverlaySite[]> {
  const groups = new Map<string, OverlaySite[]>();
  for (const s of sites) {
    const g = groups.get(s.wafer);
    if (g === undefined) groups.set(s.wafer, [s]);
    else g.push(s);
  }
  return groups;
}

/**
 * Fit every wafer of a lot on its own, then summarise: mean and sigma of each
 * term across wafers, and pooled residual statistics. Any wafer that cannot be
 * fitted makes the whole result a refusal listing the issues of every such wafer.
 */
export function fitLot(sites: readonly OverlaySite[], options: FitOptions): LotFitResult {
  const fits: WaferFit[] = [];
  const issues: Issue<OverlayFitIssueCode>[] = [];
  for (const [id, ws] of groupByWafer(sites)) {
    const r = fitWafer(id, ws, options);
    if (r.ok) fits.push(r.value);
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return failAll(issues);
  const lot = summariseLot(fits);
  const finite = Object.values(lot.terms).every((t) => Number.isFinite(t.mean) && Number.isFinite(t.sigma));
  if (!finite) {
    return fail({
      code: 'non-finite',
      message: "the lot summary overflowed: the wafers' terms are too large to average",
    });
  }
  return { ok: true, value: { wafers: fits, lot } };
}

/** Lot summary of already fitted wafers (at least one). */
export function summariseLot(fits: readonly WaferFit[]): LotSummary {
  const names: string[] = [];
  for (const f of fits) for (const name of Object.keys(f.terms)) if (!names.includes(name)) names.push(name);
  const terms: Record<string, TermSpread> = {};
  for (const name of names) {
    const vals = fits.flatMap((f) => (f.terms[name] === undefined ? [] : [f.terms[name].value]));
    const unit = fits.find((f) => f.terms[name] !== undefined)?.terms[name]?.unit ?? '';
    const n = vals.length;
    const mean = vals.reduce((s, v) => s + v, 0) / n;
    const sigma = n > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
    terms[name] = { n, mean, sigma, unit };
  }
  let total = 0;
  for (const f of fits) total += f.sites.length;
  const rx = new Float64Array(total);
  const ry = new Float64Array(total);
  const mx = new Float64Array(total);
  const my = new Float64Array(total);
  let at = 0;
  for (const f of fits) {
    rx.set(f.residualX, at);
    ry.set(f.residualY, at);
    for (const s of f.sites) {
      mx[at] = s.dx;
      my[at] = s.dy;
      at++;
    }
  }
  return { wafers: fits.length, terms, residual: { x: axisStats(rx, mx), y: axisStats(ry, my) } };
}
