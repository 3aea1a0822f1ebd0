import type { PadLayout } from '../geometry/pad-layout.js';
import { gaussLegendre } from '../math/gauss-legendre.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import { dieOverlaySum } from './die-log-pass.js';
import { discProbability, planDiscProbability } from './disc-probability.js';
import { displacementSpread, magnificationMoments } from './systematic-spread.js';

/** Options of the analytic overlay expectation. */
export interface ExpectedOverlayOptions {
  /** Radii at which the die's log pass is tabulated (default 1024). */
  gridPoints?: number;
  /** Gauss–Legendre nodes over the pass-probability mass (default 24; the estimate compares with half). */
  massNodes?: number;
}

/** Per-die analytic overlay yield and an error estimate for each. */
export interface ExpectedOverlay {
  yield: Float64Array;
  /** |Y(n nodes) - Y(n/2 nodes)| per die: an estimate of the quadrature error. */
  errorEstimate: Float64Array;
  /** Largest pad-grid quadrature bound met on the radius grid, in yield units. */
  padSumErrorBound: number;
}

/**
 * Expected overlay yield of every die over the random systematic terms
 * (docs/physics.md §2): E[exp(S)], S = sum over pads of log P(pad passes).
 *
 * Over one die the field is a translation d (the die-centre displacement)
 * plus the small in-die rotation/magnification, so S is a function h(|d|) =
 * exp(S) tabulated once for all dies at the mean rotation and magnification;
 * the spread of theta and M enters through the spread of d, which is a 2-D
 * normal per die (mean and covariance from its position). Then
 *   E = integral h dG = h(rmax) + integral_0^{h-mass} G(r(tau)) dtau,
 * G(r) = P(|d| <= r) for the die's normal, integrated by Gauss–Legendre over
 * the mass tau of the pass-probability drop: the nodes sit exactly where the
 * yield cliff is, whatever its radius. Cost: O(dies x nodes x angles), not
 * growing with the pad count.
 *
 * Neglected: the spread of the in-die variation (theta and M deviate from
 * their means by sigmaTheta, sigmaM, ~1e-8, changing |d| across a die by
 * ~1e-4 µm) and the direction of d relative to the die axes.
 */
export function expectedOverlay(
  params: BondParams,
  layout: PadLayout,
  dies: readonly Die[],
  options: ExpectedOverlayOptions = {},
): ExpectedOverlay {
  const gridPoints = options.gridPoints ?? 1024;
  const massNodes = options.massNodes ?? 24;
  const plans = dies.map((d) => planDiscProbability(displacementSpread(params, d)));
  let rMax = 0;
  for (const d of dies) {
    const s = displacementSpread(params, d);
    const sdMax = Math.sqrt(0.5 * (s.sxx + s.syy) + Math.hypot(0.5 * (s.sxx - s.syy), s.sxy));
    rMax = Math.max(rMax, Math.hypot(s.mx, s.my) + 10 * sdMax);
  }
  rMax = Math.max(rMax, 1e-9);
  const theta = params.overlay.muTheta;
  const m = magnificationMoments(params).mean;
  const origin: Die = { id: 0, col: 0, row: 0, cx: 0, cy: 0 };
  // h on the radius grid, forced non-increasing (a larger systematic offset never helps a pad).
  const radii = new Float64Array(gridPoints);
  const h = new Float64Array(gridPoints);
  let padSumErrorBound = 0;
  for (let i = 0; i < gridPoints; i++) {
    const r = (rMax * i) / (gridPoints - 1);
    const s = dieOverlaySum(params, layout, origin, { tx: r, ty: 0, theta, m });
    radii[i] = r;
    h[i] = Math.min(Math.exp(s.logPass), i > 0 ? (h[i - 1] as number) : 1);
    // In yield units: exp(S +- e) differs from exp(S) by about exp(S) e.
    padSumErrorBound = Math.max(padSumErrorBound, Math.exp(s.logPass) * s.errorBound);
  }
  const hEnd = h[gridPoints - 1] as number;
  const mass = (h[0] as number) - hEnd;
  const out = new Float64Array(dies.length);
  const err = new Float64Array(dies.length);
  if (mass <= 0) {
    out.fill(hEnd);
    return { yield: out, errorEstimate: err, padSumErrorBound };
  }
  const fine = massRadii(radii, h, mass, massNodes);
  const coarse = massRadii(radii, h, mass, Math.max(2, massNodes >> 1));
  for (let k = 0; k < dies.length; k++) {
    const plan = plans[k] as (typeof plans)[number];
    if (plan.fixed) {
      // No random systematic terms: the die sees exactly the mean field.
      const o = params.overlay;
      out[k] = Math.exp(
        dieOverlaySum(params, layout, dies[k] as Die, { tx: o.muTx, ty: o.muTy, theta, m }).logPass,
      );
      continue;
    }
    let yf = hEnd;
    for (let i = 0; i < fine.r.length; i++)
      yf += (fine.w[i] as number) * discProbability(plan, fine.r[i] as number);
    let yc = hEnd;
    for (let i = 0; i < coarse.r.length; i++)
      yc += (coarse.w[i] as number) * discProbability(plan, coarse.r[i] as number);
    out[k] = Math.min(1, Math.max(0, yf));
    err[k] = Math.abs(yf - yc);
  }
  return { yield: out, errorEstimate: err, padSumErrorBound };
}

/**
 * Gauss–Legendre nodes in the drop mass tau in [0, mass] of h (h(0) - h(r)
 * = tau), mapped back to radii by linear interpolation on the grid.
 */
function massRadii(
  radii: Float64Array,
  h: Float64Array,
  mass: number,
  n: number,
): { r: Float64Array; w: Float64Array } {
  const { nodes, weights } = gaussLegendre(n);
  const r = new Float64Array(n);
  const w = new Float64Array(n);
  const h0 = h[0] as number;
  let j = 1;
  for (let i = 0; i < n; i++) {
    const tau = 0.5 * mass * (1 + (nodes[i] as number));
    w[i] = 0.5 * mass * (weights[i] as number);
    const target = h0 - tau;
    while (j < h.length - 1 && (h[j] as number) > target) j++;
    const ha = h[j - 1] as number;
    const hb = h[j] as number;
    const t = ha > hb ? (ha - target) / (ha - hb) : 0;
    r[i] = (radii[j - 1] as number) + t * ((radii[j] as number) - (radii[j - 1] as number));
  }
  return { r, w };
}
