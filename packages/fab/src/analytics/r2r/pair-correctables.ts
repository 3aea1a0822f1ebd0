// What the R2R loop measures on a pair: the correctables (Tx, Ty nm, Rot µrad, Mag ppm) of a 4-term
// overlay fit (@bondline/align, with its robust pass) of the pair's stored site map. The 4-term model
// fits exactly the terms the aligner acts on, from wafer positions alone (no field grid needed).
import { type Correctables, correctablesFromFit, fitWafer, type OverlaySite } from '@bondline/align';
import { fail, issue, ok, type Result } from '@bondline/core';
import type { NumericMap } from '../../store/map-codec.js';

export type PairFitIssueCode = 'no-overlay-map' | 'fit-failed';

export interface PairCorrectables {
  readonly terms: Correctables;
  /** Sites fitted, and sites the robust pass rejected. */
  readonly sites: number;
  readonly rejected: number;
  /** |mean| + 3 sigma of the fit residuals, x and y, nm. */
  readonly residualM3s: readonly [number, number];
}

/** Fit a stored overlay map ([sites, 4] of X µm, Y µm, dx nm, dy nm); non-finite rows are skipped. */
export function pairCorrectables(
  pairId: string,
  map: NumericMap | undefined,
  robustK: number,
): Result<PairCorrectables, PairFitIssueCode> {
  if (map === undefined || map.dims.length !== 2 || map.dims[1] !== 4)
    return fail(issue('no-overlay-map', `pair ${pairId} has no overlay site map of [sites, 4]`));
  const n = map.dims[0] ?? 0;
  const sites: OverlaySite[] = [];
  for (let i = 0; i < n; i++) {
    const [X, Y, dx, dy] = [0, 1, 2, 3].map((k) => Number(map.data[i * 4 + k]));
    if ([X, Y, dx, dy].every(Number.isFinite))
      sites.push({
        wafer: pairId,
        X: X as number,
        Y: Y as number,
        dx: dx as number,
        dy: dy as number,
        line: i + 1,
      });
  }
  const fit = fitWafer(pairId, sites, { model: '4', robust: { k: robustK } });
  if (!fit.ok)
    return fail(issue('fit-failed', `pair ${pairId}: ${fit.issues.map((i) => i.message).join('; ')}`));
  const terms = correctablesFromFit(fit.value);
  if (terms === undefined) return fail(issue('fit-failed', `pair ${pairId}: the fit has no correctables`));
  const r = fit.value.residual;
  return ok({
    terms,
    sites: fit.value.sites.length,
    rejected: fit.value.rejected.length,
    residualM3s: [r.x.mean3sigma, r.y.mean3sigma],
  });
}
