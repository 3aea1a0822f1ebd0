import type { BondParams } from '../params.js';
import type { Die } from '../results.js';

/**
 * Mean (µm) and covariance (µm²) of the systematic displacement at a bonded
 * point (x, y) over wafer pairs (docs/physics.md §2): d = (Tx - theta y + M x,
 * Ty + theta x + M y) with Tx, Ty, theta, B independent normals and
 * M = (kMag B + M0) 1e-6, so M has mean (kMag muB + M0) 1e-6 and standard
 * deviation |kMag| sigmaB 1e-6 (not its square).
 */
export interface DisplacementSpread {
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/** Mean magnification and its standard deviation (dimensionless). */
export function magnificationMoments(params: BondParams): { mean: number; sd: number } {
  const o = params.overlay;
  return { mean: (o.kMag * o.muB + o.M0) * 1e-6, sd: Math.abs(o.kMag) * o.sigmaB * 1e-6 };
}

/** Spread of the systematic displacement at a die's centre. */
export function displacementSpread(params: BondParams, die: Pick<Die, 'cx' | 'cy'>): DisplacementSpread {
  const o = params.overlay;
  const M = magnificationMoments(params);
  const { cx: x, cy: y } = die;
  const vt = o.sigmaTheta * o.sigmaTheta;
  const vm = M.sd * M.sd;
  return {
    mx: o.muTx - o.muTheta * y + M.mean * x,
    my: o.muTy + o.muTheta * x + M.mean * y,
    sxx: o.sigmaTx * o.sigmaTx + y * y * vt + x * x * vm,
    syy: o.sigmaTy * o.sigmaTy + x * x * vt + y * y * vm,
    sxy: x * y * (vm - vt),
  };
}
