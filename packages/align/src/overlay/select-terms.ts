import type { Result } from '@bondline/core';
import type { OverlayFitIssueCode } from './fit-issue.js';
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
): Result<{ terms: TermDef[]; dropped: string[] }, OverlayFitIssueCode> {
  const m = sites.length;
  const penalty = criterion === 'aic' ? 2 : Math.log(m);
  const kept: TermDef[] = [];
  const dropped: string[] = [];
  for (const axis of ['x', 'y'] as const) {
    let current = terms.filter((t) => t[axis] !== undefined);
    const score = (ts: TermDef[]): Result<number, OverlayFitIssueCode> => {
      const r = solveTerms(wafer, sites, ts, scales);
      if (!r.ok) return r;
      const rss = axis === 'x' ? r.value.rssX : r.value.rssY;
      return { ok: true, value: m * Math.log(Math.max(rss / m, 1e-300)) + penalty * ts.length };
    };
    const base = score(current);
    if (!base.ok) return base;
    let best = base.value;
    for (;;) {
      let bestIdx = -1;
      for (let i = 0; i < current.length; i++) {
        if (/_00$/.test((current[i] as TermDef).name)) continue;
        const s = score(current.filter((_, j) => j !== i));
        if (s.ok && s.value < best) {
          best = s.value;
          bestIdx = i;
        }
      }
      if (bestIdx < 0) break;
      dropped.push((current[bestIdx] as TermDef).name);
      current = current.filter((_, j) => j !== bestIdx);
    }
    kept.push(...current);
  }
  return { ok: true, value: { terms: kept, dropped } };
}
