import { fail, type Result } from '@bondline/core';
import { fitIssue, type OverlayFitIssueCode } from './fit-issue.js';
import type { TermDef } from './models.js';
import type { OverlaySite } from './site.js';
import { type Scales, solveTerms } from './solve-terms.js';

/** MAD-to-sigma factor for normal data: 1 / Φ⁻¹(3/4). */
const MAD_TO_SIGMA = 1.482602218505602;

/**
 * Iterative outlier rejection: fit, estimate a robust sigma per axis as
 * 1.4826 × median |r − median r|, drop every site whose dx or dy residual is
 * more than k robust sigmas from the median, refit, until nothing more is
 * dropped or `maxIterations` passes (default k = 4, 10 passes). The robust sigma
 * has a floor of 1e-9 × the largest |measured| so a near-exact fit does not
 * reject sites for rounding noise.
 */
export function robustReject(
  wafer: string,
  sites: readonly OverlaySite[],
  terms: readonly TermDef[],
  scales: Scales,
  options: { k?: number; maxIterations?: number },
): Result<{ kept: OverlaySite[]; rejected: OverlaySite[] }, OverlayFitIssueCode> {
  const k = options.k ?? 4;
  if (!(k > 0)) throw new RangeError(`robust k must be > 0 (got ${k})`);
  const maxIterations = options.maxIterations ?? 10;
  let kept = [...sites];
  const rejected: OverlaySite[] = [];
  let maxMeasured = 1e-12;
  for (const s of sites) maxMeasured = Math.max(maxMeasured, Math.abs(s.dx), Math.abs(s.dy));
  const floor = 1e-9 * maxMeasured;
  let solved = solveTerms(wafer, kept, terms, scales);
  if (!solved.ok) return solved;
  for (let it = 0; it < maxIterations; it++) {
    const { residualX, residualY } = solved.value;
    const cx = center(residualX, floor);
    const cy = center(residualY, floor);
    const next: OverlaySite[] = [];
    const out: OverlaySite[] = [];
    kept.forEach((s, i) => {
      const bad =
        Math.abs((residualX[i] as number) - cx.median) > k * cx.sigma ||
        Math.abs((residualY[i] as number) - cy.median) > k * cy.sigma;
      (bad ? out : next).push(s);
    });
    if (out.length === 0) break;
    const check = solveTerms(wafer, next, terms, scales);
    if (!check.ok) {
      const why = check.issues[0]!;
      const detail = `robust pass would reject ${rejected.length + out.length} of ${sites.length} sites, leaving too few or a degenerate layout (${why.message})`;
      return fail(fitIssue(why.code, wafer, detail));
    }
    rejected.push(...out);
    kept = next;
    solved = check;
  }
  return { ok: true, value: { kept, rejected } };
}

function center(r: Float64Array, floor: number): { median: number; sigma: number } {
  const med = median(Float64Array.from(r));
  const dev = Float64Array.from(r, (v) => Math.abs(v - med));
  return { median: med, sigma: Math.max(MAD_TO_SIGMA * median(dev), floor) };
}

function median(v: Float64Array): number {
  v.sort();
  const n = v.length;
  return n % 2 === 1 ? (v[(n - 1) / 2] as number) : ((v[n / 2 - 1] as number) + (v[n / 2] as number)) / 2;
}
