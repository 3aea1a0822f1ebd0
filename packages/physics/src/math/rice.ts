import { besselI0e } from './bessel-scaled.js';
import { gaussLegendre } from './gauss-legendre.js';

/** Natural logs of the Rice CDF and survival function at one point. */
export interface RiceLogTails {
  /** log P(|X| <= b) = log(1 - Q1(a, b)). */
  logCdf: number;
  /** log P(|X| > b) = log Q1(a, b). */
  logSf: number;
}

const NODES = 20;
/** The integrand's exponent is cut where it falls below e^-CUT of its peak. */
const CUT = 42;

/**
 * Integral over t in [0, T] of (b ± t) exp(-k t - t^2/2) I0e(a (b ± t)), by
 * composite Gauss–Legendre. Panels are graded so each spans ~8 e-folds of the
 * exponential factor, which keeps the 20-point rule at full double precision.
 */
function tailIntegral(a: number, b: number, k: number, sign: 1 | -1, T: number): number {
  const { nodes, weights } = gaussLegendre(NODES);
  const efolds = k * T + (T * T) / 2;
  const panels = Math.max(1, Math.min(32, Math.ceil(Math.max(efolds / 8, T / 3))));
  const h = T / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * h;
    let s = 0;
    for (let i = 0; i < NODES; i++) {
      const t = mid + 0.5 * h * (nodes[i] as number);
      const x = b + sign * t;
      s += (weights[i] as number) * x * Math.exp(-k * t - 0.5 * t * t) * besselI0e(a * x);
    }
    sum += 0.5 * h * s;
  }
  return sum;
}

/** Length T where k T + T^2/2 = CUT. */
function cutLength(k: number): number {
  return -k + Math.sqrt(k * k + 2 * CUT);
}

/**
 * Logs of the CDF and survival function of the Rice distribution in
 * normalised units: |X| for X ~ N((a, 0), I_2), at radius b (a, b >= 0).
 * The survival function is Marcum's Q1(a, b).
 *
 * Uses Q1(a, b) = int_b^inf x exp(-(x-a)^2/2) I0e(a x) dx with the peak factor
 * pulled out analytically, so log Q1 stays exact when Q1 ~ 1e-300 or far
 * below (no underflow); the CDF is integrated directly over [0, b] when it is
 * the small side (a > b), so log(1 - Q1) never cancels. Relative accuracy of
 * the smaller tail ~1e-13.
 */
export function riceLogTails(a: number, b: number): RiceLogTails {
  if (!(a >= 0) || !(b >= 0)) throw new RangeError(`riceLogTails: need a, b >= 0, got ${a}, ${b}`);
  if (b === 0) return { logCdf: Number.NEGATIVE_INFINITY, logSf: 0 };
  if (b >= a) {
    // Survival side: x = b + t, exponent -(b-a)^2/2 - (b-a) t - t^2/2.
    const k = b - a;
    const I = tailIntegral(a, b, k, 1, cutLength(k));
    const logSf = -0.5 * k * k + Math.log(I);
    const sf = Math.exp(logSf);
    if (sf < 0.5) return { logCdf: Math.log1p(-sf), logSf };
    // Small b with a <= b: the CDF is the smaller side; integrate it over [0, b].
    const cdf = headIntegral(a, b);
    return { logCdf: Math.log(cdf), logSf: Math.log1p(-cdf) };
  }
  // CDF side: x = b - t, t in [0, b], exponent -(a-b)^2/2 - (a-b) t - t^2/2.
  const k = a - b;
  const I = tailIntegral(a, b, k, -1, Math.min(b, cutLength(k)));
  const logCdf = -0.5 * k * k + Math.log(I);
  const cdf = Math.exp(logCdf);
  return { logCdf, logSf: cdf < 0.5 ? Math.log1p(-cdf) : Math.log(Math.max(0, headSf(a, b))) };
}

/** CDF integrated over [0, b] without factoring (used only when a <= b and b is small). */
function headIntegral(a: number, b: number): number {
  const { nodes, weights } = gaussLegendre(NODES);
  const panels = Math.max(1, Math.ceil(b));
  const h = b / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * h;
    for (let i = 0; i < NODES; i++) {
      const x = mid + 0.5 * h * (nodes[i] as number);
      sum += 0.5 * h * (weights[i] as number) * x * Math.exp(-0.5 * (x - a) * (x - a)) * besselI0e(a * x);
    }
  }
  return sum;
}

/** Survival integral over [b, inf) without the log factoring (used when a > b and the CDF is >= 1/2). */
function headSf(a: number, b: number): number {
  return Math.exp(-0.5 * (b - a) * (b - a)) * tailIntegral(a, b, b - a, 1, cutLength(Math.max(0, b - a)) + a);
}

/** Marcum Q-function Q1(a, b) (dimensionless a, b >= 0). */
export function marcumQ1(a: number, b: number): number {
  return Math.exp(riceLogTails(a, b).logSf);
}

/**
 * Rice CDF: probability that |(mu_x + e_x, mu_y + e_y)| <= r for e ~ N(0, sigma^2 I),
 * with nu = |mu| (µm) and r, sigma (µm).
 */
export function riceCdf(nu: number, r: number, sigma: number): number {
  return Math.exp(riceLogTails(nu / sigma, r / sigma).logCdf);
}
