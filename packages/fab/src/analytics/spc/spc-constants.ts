// Control-chart constants for subgroups of n normal observations, computed rather than copied from
// a table so that every subgroup size has full precision and no transcription slips:
//
// - d2(n) = E[R/σ] = ∫ [1 − Φ(x)^n − (1 − Φ(x))^n] dx (Tippett 1925; Montgomery, Introduction to
//   Statistical Quality Control, 7th ed., §6.2 and Appendix VI).
// - d3(n) = SD[R/σ], from E[(R/σ)²] = ∫∫ P(min ≤ min(s,t), max > max(s,t)) ds dt
//   = ∫∫ [1 − (1 − Φ(a))^n − Φ(b)^n + (Φ(b) − Φ(a))^n] ds dt with a = min(s,t), b = max(s,t).
// - c4(n) = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2), by the exact recurrence of the gamma ratio.
// - A2 = 3/(d2√n), A3 = 3/(c4√n), B3/B4 = 1 ∓ 3√(1−c4²)/c4, D3/D4 = 1 ∓ 3 d3/d2 (lower ones
//   floored at 0), Montgomery 7th ed. §6.2–6.3.
//
// The tests compare them with Montgomery's Appendix VI to its printed precision.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** The constants of one subgroup size. */
export interface ChartConstants {
  readonly n: number;
  readonly d2: number;
  readonly d3: number;
  readonly c4: number;
  readonly A2: number;
  readonly A3: number;
  readonly B3: number;
  readonly B4: number;
  readonly D3: number;
  readonly D4: number;
}

/** Smallest and largest subgroup size supported. */
export const MIN_SUBGROUP_SIZE = 2;
export const MAX_SUBGROUP_SIZE = 50;

// Integration grid: the integrands are negligible beyond ±8 for n ≤ 50 (n·Φ(−8) < 1e-13).
const HALF_WIDTH = 8;
const STEP = 0.02;

const cache = new Map<number, ChartConstants>();
let grid: Float64Array | undefined;

function cdfGrid(): Float64Array {
  if (grid !== undefined) return grid;
  const m = Math.round((2 * HALF_WIDTH) / STEP) + 1;
  grid = new Float64Array(m);
  for (let i = 0; i < m; i++) grid[i] = normalCdf(-HALF_WIDTH + i * STEP, 0, 1);
  return grid;
}

/** c4(n) through g(n) = Γ(n/2)/Γ((n−1)/2): g(2) = 1/√π, g(3) = √π/2, g(n+2) = g(n)·n/(n−1). */
function c4Of(n: number): number {
  let g = n % 2 === 0 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
  for (let k = n % 2 === 0 ? 2 : 3; k < n; k += 2) g *= k / (k - 1);
  return Math.sqrt(2 / (n - 1)) * g;
}

/**
 * d2 and d3 by the trapezoid rule on a 0.02 grid (the single integral is smooth: its trapezoid
 * error is negligible). The double integrand is symmetric in (s, t), so the sum runs over s ≤ t with
 * the diagonal counted once; its kink along the diagonal leaves an O(h²) error, which one
 * Richardson step removes (d3(2) then agrees with √(2 − 4/π) to 1e-12).
 */
function rangeMoments(n: number): { d2: number; d3: number } {
  const F = cdfGrid();
  const m = F.length;
  let e1 = 0;
  for (let i = 0; i < m; i++) {
    const f = F[i] ?? 0;
    const w = i === 0 || i === m - 1 ? 0.5 : 1;
    e1 += w * (1 - f ** n - (1 - f) ** n);
  }
  e1 *= STEP;
  // The double sum on the grid (e2) and on every other node (e2c, step 2h): the diagonal kink makes
  // the error c·h², and Richardson's (4·e2 − e2c)/3 removes that term.
  let e2 = 0;
  let e2c = 0;
  const Fn = new Float64Array(m);
  for (let i = 0; i < m; i++) Fn[i] = (F[i] ?? 0) ** n;
  for (let i = 0; i < m; i++) {
    const a = F[i] ?? 0;
    const tailA = (1 - a) ** n;
    const even = i % 2 === 0;
    // Diagonal: 1 − (1−a)^n − a^n (the last term vanishes).
    const diag = 0.5 * (1 - tailA - (Fn[i] ?? 0));
    e2 += diag;
    if (even) e2c += diag;
    for (let j = i + 1; j < m; j++) {
      const v = 1 - tailA - (Fn[j] ?? 0) + ((F[j] ?? 0) - a) ** n;
      e2 += v;
      if (even && j % 2 === 0) e2c += v;
    }
  }
  // Off-diagonal cells count twice (s < t and t < s).
  e2 = (4 * (e2 * 2 * STEP * STEP) - e2c * 2 * (2 * STEP) * (2 * STEP)) / 3;
  return { d2: e1, d3: Math.sqrt(Math.max(0, e2 - e1 * e1)) };
}

/**
 * The constants for subgroup size n (2..50). Throws a RangeError outside that range: callers
 * validate subgroup sizes with the chart settings first, so a bad n here is a programmer error.
 */
export function chartConstants(n: number): ChartConstants {
  if (!Number.isInteger(n) || n < MIN_SUBGROUP_SIZE || n > MAX_SUBGROUP_SIZE) {
    throw new RangeError(`subgroup size ${n} is outside ${MIN_SUBGROUP_SIZE}..${MAX_SUBGROUP_SIZE}`);
  }
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const { d2, d3 } = rangeMoments(n);
  const c4 = c4Of(n);
  const sqrtN = Math.sqrt(n);
  const bSpread = (3 * Math.sqrt(1 - c4 * c4)) / c4;
  const out: ChartConstants = {
    n,
    d2,
    d3,
    c4,
    A2: 3 / (d2 * sqrtN),
    A3: 3 / (c4 * sqrtN),
    B3: Math.max(0, 1 - bSpread),
    B4: 1 + bSpread,
    D3: Math.max(0, 1 - (3 * d3) / d2),
    D4: 1 + (3 * d3) / d2,
  };
  cache.set(n, out);
  return out;
}
