import type { OverlayFitError } from './fit-error.js';
import type { TermDef } from './models.js';
import type { OverlaySite } from './site.js';
import { type Scales, solveTerms } from './solve-terms.js';

export type Criterion = 'aic' | 'bic';

/**
 * Backward elimination of polynomial terms per axis by an information
 * criterion for Gaussian residuals: AIC = m ln(RSS/m) + 2k, BIC = m ln(RSS/m)
 * + k ln m (m sites, k terms of that axis). Starting from all terms, the term
 * whose removal lowers the criterion most is dropped, until no removal lowers
 * it. The constant terms (cx_00, cy_00) are always kept.
 */
export function selectTerms(
  wafer: string,
  sites: readonly OverlaySite[],
  terms: readonly TermDef[],
  scales: Scales,
  criterion: Criterion,
): { ok: true; terms: TermDef[]; dropped: string[] } | { ok: false; error: OverlayFitError } {
  const m = sites.length;
  const penalty = criterion === 'aic' ? 2 : Math.log(m);
  const kept: TermDef[] = [];
  const dropped: string[] = [];
  for (const axis of ['x', 'y'] as const) {
    let current = terms.filter((t) => t[axis] !== undefined);
    const score = (ts: TermDef[]) => {
      const r = solveTerms(wafer, sites, ts, scales);
      if (!r.ok) return r;
      const rss = axis === 'x' ? r.solution.rssX : r.solution.rssY;
      return { ok: true as const, ic: m * Math.log(Math.max(rss / m, 1e-300)) + penalty * ts.length };
    };
    const base = score(current);
    if (!base.ok) return base;
    let best = base.ic;
    for (;;) {
      let bestIdx = -1;
      for (let i = 0; i < current.length; i++) {
        if (/_00$/.test((current[i] as TermDef).name)) continue;
        const s = score(current.filter((_, j) => j !== i));
        if (s.ok && s.ic < best) {
          best = s.ic;
          bestIdx = i;
        }
      }
      if (bestIdx < 0) break;
      dropped.push((current[bestIdx] as TermDef).name);
      current = current.filter((_, j) => j !== bestIdx);
    }
    kept.push(...current);
  }
  return { ok: true, terms: kept, dropped };
}
