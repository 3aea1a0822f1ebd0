import type { VoidParams } from '../params.js';
import { lineNearRectInto, type Rect, rectDistance } from './rect.js';

const span = new Float64Array(2);

/**
 * Probability, over the Pareto particle thickness, that the void of a particle
 * at a given position reaches a die's critical region (PHYSICS.md §3).
 *
 * Work in s = sqrt(t): the main disc radius grows linearly in s, the tail
 * length linearly, the tail disc radii as sqrt(s) (for fixed n). Reach is
 * treated as monotone in s (a larger particle's void reaches at least as far;
 * true for the main disc, and for the tail because its discs sit at nearly
 * fixed spacing kL/kN along the ray while growing), so the probability is the
 * Pareto survival at the threshold: P(s >= s*) = (s0/s*)^(2(z-1)).
 * The integer tail count n = round(kN rho s) is evaluated exactly at each trial
 * s of the threshold search.
 */
export interface ReachTarget {
  v: VoidParams;
  /** Top pad radius Rt (µm). */
  rt: number;
  /** Critical pad-centre rectangles in wafer coordinates (µm). */
  rects: readonly Rect[];
  /** sqrt(t0) and the survival exponent q = 2(z-1). */
  s0: number;
  q: number;
  /** Thickness root beyond which the survival is negligible (< `eps`): thresholds are searched below it. */
  sCap: number;
}

/** Survival below which a threshold search stops (absolute probability per particle). */
export const REACH_EPS = 1e-6;

/** Step of the upward march in s = sqrt(t) before bisecting for the first reach. */
const SCAN_RATIO = 1.15;

export function reachTarget(v: VoidParams, rt: number, rects: readonly Rect[]): ReachTarget {
  const q = 2 * (v.z - 1);
  const s0 = Math.sqrt(v.t0);
  return { v, rt, rects, s0, q, sCap: s0 * REACH_EPS ** (-1 / q) };
}

/** The s at which the main disc of a particle at (px, py) first reaches the target (<= s0: always). */
export function mainThreshold(tg: ReachTarget, px: number, py: number, rho: number): number {
  let d = Number.POSITIVE_INFINITY;
  for (const r of tg.rects) d = Math.min(d, rectDistance(r, px, py));
  return (d - tg.rt) / (tg.v.kR * rho + tg.v.kR0);
}

/** True when some tail disc of the void with root-thickness s reaches the target. */
export function tailReaches(
  tg: ReachTarget,
  px: number,
  py: number,
  rho: number,
  ux: number,
  uy: number,
  s: number,
): boolean {
  const v = tg.v;
  const n = Math.round(v.kN * rho * s);
  if (n <= 0) return false;
  const step = (v.kL * rho * s) / n;
  const r1 = Math.sqrt((6 * v.kS * rho * s) / (Math.PI * n * (n + 1) * (2 * n + 1)));
  for (const rect of tg.rects) {
    // only discs whose centres lie where the ray passes within the largest disc radius of the rectangle
    if (!lineNearRectInto(rect, px, py, ux, uy, r1 * n + tg.rt, span)) continue;
    const jLo = Math.max(1, Math.ceil((span[0] as number) / step));
    const jHi = Math.min(n, Math.floor((span[1] as number) / step));
    for (let j = jLo; j <= jHi; j++) {
      if (rectDistance(rect, px + ux * step * j, py + uy * step * j) < r1 * (n - j + 1) + tg.rt) return true;
    }
  }
  return false;
}

/**
 * The smallest s in [s0, sLimit) at which the tail reaches the target, or
 * Infinity: march up by 15% steps to the first reaching s, then bisect to a relative 1e-4 (error in P < 4e-4).
 */
export function tailThreshold(tg: ReachTarget, px: number, py: number, rho: number, sLimit: number): number {
  const v = tg.v;
  if (!(rho > 0) || v.kN <= 0 || v.kL <= 0) return Number.POSITIVE_INFINITY;
  const hi0 = Math.min(sLimit, tg.sCap);
  if (hi0 <= tg.s0) return Number.POSITIVE_INFINITY;
  const ux = px / rho;
  const uy = py / rho;
  // largest tail disc possible below hi0: n = 1 puts the whole area S in one disc
  const rMax = Math.sqrt((v.kS * rho * hi0) / Math.PI);
  let nearest = Number.POSITIVE_INFINITY;
  for (const r of tg.rects) {
    if (lineNearRectInto(r, px, py, ux, uy, rMax + tg.rt, span) && (span[1] as number) > 0) {
      nearest = Math.min(nearest, Math.max(0, span[0] as number));
    }
  }
  if (!Number.isFinite(nearest)) return Number.POSITIVE_INFINITY;
  // the tail tip (at kL rho s) must get past the nearest approach: kL rho s >= nearest
  const sStart = Math.max(tg.s0, nearest / (v.kL * rho));
  if (sStart >= hi0) return Number.POSITIVE_INFINITY;
  if (tailReaches(tg, px, py, rho, ux, uy, sStart)) return sStart;
  // March up in steps of SCAN_RATIO to the first s that reaches, then bisect: reach is not strictly
  // monotone (a tail disc can pass beside a die, n jumps by one), and the first reach is what counts.
  let lo = sStart;
  let hi = Math.min(hi0, sStart * SCAN_RATIO);
  while (!tailReaches(tg, px, py, rho, ux, uy, hi)) {
    if (hi >= hi0) return Number.POSITIVE_INFINITY;
    lo = hi;
    hi = Math.min(hi0, hi * SCAN_RATIO);
  }
  while (hi - lo > 1e-4 * hi) {
    const mid = 0.5 * (lo + hi);
    if (tailReaches(tg, px, py, rho, ux, uy, mid)) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Probability that the void of a particle at (px, py) reaches the target (main disc or tail). */
export function reachProbability(tg: ReachTarget, px: number, py: number): number {
  const rho = Math.sqrt(px * px + py * py);
  const sM = mainThreshold(tg, px, py, rho);
  if (sM <= tg.s0) return 1;
  const sT = tailThreshold(tg, px, py, rho, sM);
  return (tg.s0 / Math.min(sM, sT)) ** tg.q;
}

/** Probability that only the main disc reaches (closed form; used for the main part of the integral). */
export function mainReachProbability(tg: ReachTarget, px: number, py: number): number {
  const sM = mainThreshold(tg, px, py, Math.sqrt(px * px + py * py));
  return sM <= tg.s0 ? 1 : (tg.s0 / sM) ** tg.q;
}

/** Extra probability contributed by the tail: P(reach) - P(main reaches). */
export function tailExtraProbability(tg: ReachTarget, px: number, py: number): number {
  const rho = Math.sqrt(px * px + py * py);
  const sM = mainThreshold(tg, px, py, rho);
  if (sM <= tg.s0) return 0;
  const sT = tailThreshold(tg, px, py, rho, sM);
  return sT < sM ? (tg.s0 / sT) ** tg.q - (tg.s0 / sM) ** tg.q : 0;
}
