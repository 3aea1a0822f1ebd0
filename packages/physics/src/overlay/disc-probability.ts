import { normalCdf } from '../math/normal.js';
import type { DisplacementSpread } from './systematic-spread.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** A 2-D normal prepared for disc probabilities: inverse covariance and the angle count. */
export interface DiscProbabilityPlan {
  ixx: number;
  iyy: number;
  ixy: number;
  gamma: number;
  norm: number;
  mx: number;
  my: number;
  cos: Float64Array;
  sin: Float64Array;
  /** Set when the covariance is isotropic to 1e-6: sigma^2 (µm^2) for the Poisson-mixture form. */
  isoVar: number | undefined;
  /** No spread at all (every standard deviation below 1e-12 µm): d is its mean. */
  fixed: boolean;
}

/**
 * Prepare P(|d| <= r) for d ~ N(mean, cov). A covariance with a zero
 * direction is widened by 1e-9 of its largest standard deviation (a
 * negligible change that keeps the inverse finite).
 */
export function planDiscProbability(s: DisplacementSpread): DiscProbabilityPlan {
  const big = Math.max(s.sxx, s.syy, 1e-300);
  const eps = big * 1e-18;
  const sxx = s.sxx + eps;
  const syy = s.syy + eps;
  const det = sxx * syy - s.sxy * s.sxy;
  const ixx = syy / det;
  const iyy = sxx / det;
  const ixy = -s.sxy / det;
  const gamma = s.mx * (ixx * s.mx + ixy * s.my) + s.my * (ixy * s.mx + iyy * s.my);
  // Angular integrand is periodic and analytic; its angular width is about sdMin / |mean|.
  const sdMin = Math.sqrt(Math.max(eps, 0.5 * (sxx + syy) - Math.hypot(0.5 * (sxx - syy), s.sxy)));
  const sdMax = Math.sqrt(0.5 * (sxx + syy) + Math.hypot(0.5 * (sxx - syy), s.sxy));
  const ratio = Math.hypot(s.mx, s.my) / sdMin + sdMax / sdMin;
  const n = Math.min(1024, 8 * Math.ceil(2 + 1.5 * ratio));
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const meanVar = 0.5 * (s.sxx + s.syy);
  const iso =
    meanVar > 0 &&
    Math.abs(s.sxx - s.syy) <= 1e-6 * meanVar &&
    Math.abs(s.sxy) <= 1e-6 * meanVar &&
    (s.mx * s.mx + s.my * s.my) / (2 * meanVar) <= 200;
  return {
    ixx,
    iyy,
    ixy,
    gamma,
    norm: 1 / (2 * Math.PI * Math.sqrt(det)),
    mx: s.mx,
    my: s.my,
    cos,
    sin,
    isoVar: iso ? meanVar : undefined,
    fixed: Math.max(s.sxx, s.syy) < 1e-24,
  };
}

/**
 * P(|d| <= r) (r in µm) for the planned 2-D normal: in polar coordinates the
 * radial integral along each direction is closed form (a Gaussian in rho
 * times rho, i.e. exponentials and normal CDFs); the angle is integrated by
 * the periodic trapezoid rule, which converges geometrically for this smooth
 * periodic integrand.
 */
export function discProbability(plan: DiscProbabilityPlan, r: number): number {
  if (!(r > 0)) return 0;
  if (plan.fixed) return Math.hypot(plan.mx, plan.my) <= r ? 1 : 0;
  if (plan.isoVar !== undefined) {
    const x = (r * r) / (2 * plan.isoVar);
    if (x < 600) return isotropicDisc((plan.mx * plan.mx + plan.my * plan.my) / (2 * plan.isoVar), x);
  }
  const { ixx, iyy, ixy, gamma, mx, my, cos, sin } = plan;
  let sum = 0;
  const n = cos.length;
  for (let k = 0; k < n; k++) {
    const ux = cos[k] as number;
    const uy = sin[k] as number;
    const alpha = ux * (ixx * ux + ixy * uy) + uy * (ixy * ux + iyy * uy);
    const beta = ux * (ixx * mx + ixy * my) + uy * (ixy * mx + iyy * my);
    const m0 = beta / alpha;
    const s0 = 1 / Math.sqrt(alpha);
    const kappa = Math.max(0, gamma - beta * m0);
    // int_0^r rho exp(-(rho-m0)^2 / (2 s0^2)) d rho
    const z0 = -m0 / s0;
    const z1 = (r - m0) / s0;
    const radial =
      s0 * s0 * (Math.exp(-0.5 * z0 * z0) - Math.exp(-0.5 * z1 * z1)) +
      m0 * s0 * SQRT_2PI * (normalCdf(z1) - normalCdf(z0));
    sum += Math.exp(-0.5 * kappa) * radial;
  }
  return Math.min(1, Math.max(0, plan.norm * sum * ((2 * Math.PI) / n)));
}

/**
 * Isotropic case, P(|d| <= r) = 1 - Q1(a, b) with lambda = a^2/2, x = b^2/2,
 * by the Poisson mixture of the noncentral chi-square with 2 degrees of freedom:
 * 1 - Q1 = sum_k Pois(k; lambda) P(Pois(x) >= k+1) (Johnson, Kotz &
 * Balakrishnan, "Continuous Univariate Distributions" vol. 2, ch. 29).
 * Terms stop once the Poisson(lambda) mass left is below 1e-17.
 */
function isotropicDisc(lambda: number, x: number): number {
  let pk = Math.exp(-lambda);
  let qk = Math.exp(-x);
  let cdfX = qk;
  let left = 1 - pk;
  let sum = pk * (1 - cdfX);
  const kMax = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 40);
  for (let k = 1; k <= kMax && left > 1e-17; k++) {
    pk *= lambda / k;
    qk *= x / k;
    cdfX += qk;
    left -= pk;
    sum += pk * Math.max(0, 1 - cdfX);
  }
  return Math.min(1, Math.max(0, sum));
}
