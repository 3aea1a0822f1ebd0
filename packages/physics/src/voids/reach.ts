import type { VoidParams } from '../params.js';
import { lineNearRectInto, type Rect } from './rect.js';

const span = new Float64Array(2);

/**
 * Probability, over the Pareto particle thickness, that the void of a particle
 * at a given position reaches a die's critical region (docs/physics.md §3).
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
const REACH_EPS = 1e-6;

/** Step of the upward march in s = sqrt(t) before bisecting for the first reach. */
const SCAN_RATIO = 1.15;

export function reachTarget(v: VoidParams, rt: number, rects: readonly Rect[]): ReachTarget {
  const q = 2 * (v.z - 1);
  const s0 = Math.sqrt(v.t0);
  return { v, rt, rects, s0, q, sCap: s0 * REACH_EPS ** (-1 / q) };
}

/** The s at which the main disc of a particle at (px, py) first reaches the target (<= s0: always). */
export function mainThreshold(tg: ReachTarget, px: number, py: number, rho: number): number {
  // squared distance to the nearest rectangle, inlined: this runs at every quadrature point
  let d2 = Number.POSITIVE_INFINITY;
  for (const r of tg.rects) {
    const dx = px < r.x0 ? r.x0 - px : px > r.x1 ? px - r.x1 : 0;
    const dy = py < r.y0 ? r.y0 - py : py > r.y1 ? py - r.y1 : 0;
    const e = dx * dx + dy * dy;
    if (e < d2) d2 = e;
  }
  return (Math.sqrt(d2) - tg.rt) / (tg.v.kR * rho + tg.v.kR0);
}

/**
 * True when some tail disc of the void with root-thickness s reaches the target. `spans`, when given,
 * holds per rectangle (2k, 2k+1) a parameter interval along the ray that contains every disc centre
 * able to reach it (NaN: none), precomputed for the largest disc radius a search will try, so the
 * threshold search does not recompute it at every trial s.
 */
export function tailReaches(
  tg: ReachTarget,
  px: number,
  py: number,
  rho: number,
  ux: number,
  uy: number,
  s: number,
  spans?: Float64Array,
): boolean {
  const v = tg.v;
  const n = Math.round(v.kN * rho * s);
  if (n <= 0) return false;
  const step = (v.kL * rho * s) / n;
  const r1 = Math.sqrt((6 * v.kS * rho * s) / (Math.PI * n * (n + 1) * (2 * n + 1)));
  const rects = tg.rects;
  for (let k = 0; k < rects.length; k++) {
    const rect = rects[k] as Rect;
    let lo: number;
    let hi: number;
    if (spans === undefined) {
      // only discs whose centres lie where the ray passes within the largest disc radius of the rectangle
      if (!lineNearRectInto(rect, px, py, ux, uy, r1 * n + tg.rt, span)) continue;
      lo = span[0] as number;
      hi = span[1] as number;
    } else {
      lo = spans[2 * k] as number;
      hi = spans[2 * k + 1] as number;
      if (!(lo <= hi)) continue;
    }
    const jLo = Math.max(1, Math.ceil(lo / step));
    const jHi = Math.min(n, Math.floor(hi / step));
    // distance to the rectangle inlined and compared squared: this is the innermost loop of the lambdas
    const { x0, y0, x1, y1 } = rect;
    for (let j = jLo; j <= jHi; j++) {
      const qx = px + ux * step * j;
      const qy = py + uy * step * j;
      const dx = qx < x0 ? x0 - qx : qx > x1 ? qx - x1 : 0;
      const dy = qy < y0 ? y0 - qy : qy > y1 ? qy - y1 : 0;
      const reach = r1 * (n - j + 1) + tg.rt;
      if (dx * dx + dy * dy < reach * reach) return true;
    }
  }
  return false;
}

/** Scratch for the per-rectangle spans of one threshold search (grown to the largest target). */
let spanScratch = new Float64Array(8);

/**
 * The smallest s in [s0, sLimit) at which the tail reaches the target, or
 * Infinity: march up by 15% steps to the first reaching s, then bisect to a relative 1e-4 (error in P < 4e-4).
 */
function tailThreshold(tg: ReachTarget, px: number, py: number, rho: number, sLimit: number): number {
  const v = tg.v;
  if (!(rho > 0) || v.kN <= 0 || v.kL <= 0) return Number.POSITIVE_INFINITY;
  const hi0 = Math.min(sLimit, tg.sCap);
  if (hi0 <= tg.s0) return Number.POSITIVE_INFINITY;
  const ux = px / rho;
  const uy = py / rho;
  // largest tail disc possible below hi0: n = 1 puts the whole area S in one disc
  const rMax = Math.sqrt((v.kS * rho * hi0) / Math.PI);
  // every trial s below hi0 has discs no wider than rMax, so these spans bound all of its disc tests
  if (spanScratch.length < 2 * tg.rects.length) spanScratch = new Float64Array(2 * tg.rects.length);
  const spans = spanScratch;
  let nearest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < tg.rects.length; k++) {
    spans[2 * k] = Number.NaN;
    spans[2 * k + 1] = Number.NaN;
    if (
      lineNearRectInto(tg.rects[k] as Rect, px, py, ux, uy, rMax + tg.rt, span) &&
      (span[1] as number) > 0
    ) {
      nearest = Math.min(nearest, Math.max(0, span[0] as number));
      spans[2 * k] = span[0] as number;
      spans[2 * k + 1] = span[1] as number;
    }
  }
  if (!Number.isFinite(nearest)) return Number.POSITIVE_INFINITY;
  // the tail tip (at kL rho s) must get past the nearest approach: kL rho s >= nearest
  const sStart = Math.max(tg.s0, nearest / (v.kL * rho));
  if (sStart >= hi0) return Number.POSITIVE_INFINITY;
  if (tailReaches(tg, px, py, rho, ux, uy, sStart, spans)) return sStart;
  // March up in steps of SCAN_RATIO to the first s that reaches, then bisect: reach is not strictly
  // monotone (a tail disc can pass beside a die, n jumps by one), and the first reach is what counts.
  let lo = sStart;
  let hi = Math.min(hi0, sStart * SCAN_RATIO);
  while (!tailReaches(tg, px, py, rho, ux, uy, hi, spans)) {
    if (hi >= hi0) return Number.POSITIVE_INFINITY;
    lo = hi;
    hi = Math.min(hi0, hi * SCAN_RATIO);
  }
  while (hi - lo > 1e-4 * hi) {
    const mid = 0.5 * (lo + hi);
    if (tailReaches(tg, px, py, rho, ux, uy, mid, spans)) hi = mid;
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
