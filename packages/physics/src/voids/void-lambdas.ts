import type { PadLayout } from '../geometry/pad-layout.js';
import { gaussLegendre } from '../math/gauss-legendre.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import { voidTargetRects } from './layout-rects.js';
import { mainReachProbability, type ReachTarget, reachTarget, tailExtraProbability } from './reach.js';
import { boundingRect, type Rect } from './rect.js';
import { rectDiscArea } from './rect-disc-area.js';

/**
 * Expected number of killing particles per die (PHYSICS.md §3):
 * lambda = integral over the wafer of density(x) * P(void from x reaches the
 * die's critical region), so Yvoid = exp(-lambda) for the Poisson process.
 *
 * The integral is split where the integrand changes character, so that each
 * piece is smooth and a fixed Gauss-Legendre rule is accurate:
 * - inside the critical region P = 1: exact areas (rectangle ∩ edge band in
 *   closed form);
 * - main disc outside it: rays leaving the region's boundary (4 edge strips,
 *   4 corner sectors) integrated out to the wafer edge, segments doubling in
 *   length away from the die (the survival falls as distance^-2(z-1)),
 *   broken at the edge-band circle;
 * - tail extra (the tail reaches but the main disc does not): only particles
 *   radially inward of the die, so polar coordinates about the wafer centre
 *   over the die's angular wedge, broken at the die corners' angles.
 */
export interface VoidLambdaOptions {
  /** Gauss points per segment (default 4). */
  order?: number;
  /** Edge panels per 10 mm of region edge (default 4). */
  panelsPer10mm?: number;
}

/**
 * Expected killing particles per die, indexed like `dies` (from `dieGrid`).
 * The void reaches a die when it comes within Rt of any pad-bearing region of
 * `layout` (critical or redundant: a void wipes out every copy under it).
 * Linear in D0 and D1.
 */
export function voidLambdas(
  params: BondParams,
  layout: PadLayout,
  dies: readonly Die[],
  options: VoidLambdaOptions = {},
): Float64Array {
  const out = new Float64Array(dies.length);
  const rt = layout.Rt;
  const critical = voidTargetRects(layout);
  // The model is isotropic about the wafer centre, so lambda is unchanged by the 8 symmetries of the
  // square that map the die grid onto itself; dies whose critical regions coincide under one share it.
  const memo = new Map<string, number>();
  for (let i = 0; i < dies.length; i++) {
    const d = dies[i] as Die;
    const rects = critical.map((r) => ({
      x0: r.x0 + d.cx,
      y0: r.y0 + d.cy,
      x1: r.x1 + d.cx,
      y1: r.y1 + d.cy,
    }));
    const key = canonicalKey(rects);
    let lambda = memo.get(key);
    if (lambda === undefined) {
      lambda = dieLambda(params, reachTarget(params.voids, rt, rects), options);
      memo.set(key, lambda);
    }
    out[i] = lambda;
  }
  return out;
}

const SYMMETRIES: ((x: number, y: number) => [number, number])[] = [
  (x, y) => [x, y],
  (x, y) => [-x, y],
  (x, y) => [x, -y],
  (x, y) => [-x, -y],
  (x, y) => [y, x],
  (x, y) => [-y, x],
  (x, y) => [y, -x],
  (x, y) => [-y, -x],
];

/** The smallest serialisation of a rectangle set over the 8 symmetries (coordinates to 1 nm). */
function canonicalKey(rects: readonly Rect[]): string {
  let best = '';
  for (const f of SYMMETRIES) {
    const parts = rects.map((r) => {
      const [ax, ay] = f(r.x0, r.y0);
      const [bx, by] = f(r.x1, r.y1);
      const q = (v: number) => Math.round(v * 1000);
      return `${q(Math.min(ax, bx))},${q(Math.min(ay, by))},${q(Math.max(ax, bx))},${q(Math.max(ay, by))}`;
    });
    const key = parts.sort().join(';');
    if (best === '' || key < best) best = key;
  }
  return best;
}

interface Ctx {
  R: number;
  /** Inner radius of the edge band (R - wEdge), and the densities. */
  rBand: number;
  D0: number;
  D1: number;
  gx: Float64Array;
  gw: Float64Array;
  tg: ReachTarget;
  /** Length scale of the P = 1 plateau around the region (µm). */
  d1: number;
}

function density(c: Ctx, x: number, y: number): number {
  const r2 = x * x + y * y;
  if (r2 >= c.R * c.R) return 0;
  return c.D1 > 0 && r2 >= c.rBand * c.rBand ? c.D0 + c.D1 : c.D0;
}

/** Positive roots tau of |o + tau u| = a (u unit), sorted. */
function circleCrossings(ox: number, oy: number, ux: number, uy: number, a: number): number[] {
  const b = ox * ux + oy * uy;
  const disc = b * b - (ox * ox + oy * oy - a * a);
  if (disc < 0) return [];
  const sq = Math.sqrt(disc);
  return [-b - sq, -b + sq].filter((t) => t > 0);
}

/** Segment breaks from `start` to `end`, doubling away from `start` (first length `first`), plus extra cuts. */
function doublingBreaks(start: number, end: number, first: number, cuts: readonly number[]): number[] {
  const out = [start];
  let len = first;
  for (let t = start + first; t < end; len *= 2, t += len) out.push(t);
  out.push(end);
  for (const c of cuts) if (c > start && c < end) out.push(c);
  return out.sort((a, b) => a - b);
}

/** Integral of f(tau) * tau^jacobianPower along a ray from its origin to the wafer edge. */
function rayIntegral(c: Ctx, ox: number, oy: number, ux: number, uy: number, corner: boolean): number {
  const exit = circleCrossings(ox, oy, ux, uy, c.R);
  const tEnd = exit.length > 0 ? (exit[exit.length - 1] as number) : 0;
  if (tEnd <= 0) return 0;
  const cuts = c.D1 > 0 ? circleCrossings(ox, oy, ux, uy, c.rBand) : [];
  const breaks = doublingBreaks(0, tEnd, c.d1, cuts);
  let sum = 0;
  for (let k = 0; k + 1 < breaks.length; k++) {
    const a = breaks[k] as number;
    const b = breaks[k + 1] as number;
    const h = 0.5 * (b - a);
    const m = 0.5 * (a + b);
    let seg = 0;
    for (let g = 0; g < c.gx.length; g++) {
      const t = m + h * (c.gx[g] as number);
      const x = ox + ux * t;
      const y = oy + uy * t;
      const f = density(c, x, y) * mainReachProbability(c.tg, x, y);
      seg += (c.gw[g] as number) * (corner ? f * t : f);
    }
    sum += seg * h;
    // Segments double in length away from the die while the survival falls as d^-2(z-1): once a segment
    // adds less than 1e-7 of the ray's total the rest (a geometric series for z > 2) is negligible.
    if (a > c.d1 && Math.abs(seg * h) < 1e-7 * sum) break;
  }
  return sum;
}

function panels(len: number, per10mm: number): number {
  return Math.max(1, Math.ceil((len / 10000) * per10mm));
}

/** Integral over a parameter interval split into `n` panels of the Gauss rule. */
function panelIntegral(c: Ctx, a: number, b: number, n: number, f: (u: number) => number): number {
  let sum = 0;
  const w = (b - a) / n;
  for (let p = 0; p < n; p++) {
    const m = a + (p + 0.5) * w;
    for (let g = 0; g < c.gx.length; g++) sum += (c.gw[g] as number) * f(m + 0.5 * w * (c.gx[g] as number));
  }
  return sum * 0.5 * w;
}

function dieLambda(params: BondParams, tg: ReachTarget, options: VoidLambdaOptions): number {
  const v = params.voids;
  const R = params.wafer.R;
  const { nodes: gx, weights: gw } = gaussLegendre(options.order ?? 4);
  const per10mm = options.panelsPer10mm ?? 4;
  const box = boundingRect(tg.rects);
  const plateau =
    tg.rt + (v.kR * Math.hypot(0.5 * (box.x0 + box.x1), 0.5 * (box.y0 + box.y1)) + v.kR0) * tg.s0;
  const c: Ctx = {
    R,
    rBand: Math.max(0, R - v.wEdge),
    D0: v.D0,
    D1: v.wEdge > 0 ? v.D1 : 0,
    gx,
    gw,
    tg,
    d1: Math.max(plateau, 1),
  };
  if (c.D0 === 0 && c.D1 === 0) return 0;
  return interior(c, box, per10mm) + mainOutside(c, box, per10mm) + tailExtra(c, box, per10mm);
}

/** Inside the bounding box of the critical region. */
function interior(c: Ctx, box: Rect, per10mm: number): number {
  const rects = c.tg.rects;
  if (rects.length === 1) {
    const area = (box.x1 - box.x0) * (box.y1 - box.y0);
    const band = c.D1 > 0 ? area - rectDiscArea(box, c.rBand) : 0;
    return c.D0 * area + c.D1 * band;
  }
  // several critical blocks: gaps between them may exceed the plateau, integrate P over the box
  const nx = 4 * panels(box.x1 - box.x0, per10mm);
  const ny = 4 * panels(box.y1 - box.y0, per10mm);
  return panelIntegral(c, box.y0, box.y1, ny, (y) =>
    panelIntegral(c, box.x0, box.x1, nx, (x) => density(c, x, y) * mainReachProbability(c.tg, x, y)),
  );
}

/** Main-disc reach outside the bounding box: 4 edge strips and 4 corner sectors of rays. */
function mainOutside(c: Ctx, b: Rect, per10mm: number): number {
  const nx = panels(b.x1 - b.x0, per10mm);
  const ny = panels(b.y1 - b.y0, per10mm);
  let sum = 0;
  sum += panelIntegral(c, b.x0, b.x1, nx, (x) => rayIntegral(c, x, b.y0, 0, -1, false));
  sum += panelIntegral(c, b.x0, b.x1, nx, (x) => rayIntegral(c, x, b.y1, 0, 1, false));
  sum += panelIntegral(c, b.y0, b.y1, ny, (y) => rayIntegral(c, b.x0, y, -1, 0, false));
  sum += panelIntegral(c, b.y0, b.y1, ny, (y) => rayIntegral(c, b.x1, y, 1, 0, false));
  const corners: [number, number, number][] = [
    [b.x1, b.y1, 0],
    [b.x0, b.y1, 0.5 * Math.PI],
    [b.x0, b.y0, Math.PI],
    [b.x1, b.y0, 1.5 * Math.PI],
  ];
  for (const [cx, cy, a0] of corners) {
    sum += panelIntegral(c, a0, a0 + 0.5 * Math.PI, 2, (a) =>
      rayIntegral(c, cx, cy, Math.cos(a), Math.sin(a), true),
    );
  }
  return sum;
}

/** Tail extra over the angular wedge of particles radially inward of the region. */
function tailExtra(c: Ctx, b: Rect, per10mm: number): number {
  const v = c.tg.v;
  if (v.kN <= 0 || v.kL <= 0 || v.kS <= 0) return 0;
  const cx = 0.5 * (b.x0 + b.x1);
  const cy = 0.5 * (b.y0 + b.y1);
  // the widest tail disc any particle below sCap can have sets the wedge padding
  const pad = Math.sqrt((v.kS * c.R * c.tg.sCap) / Math.PI) + c.tg.rt;
  const g = { x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad };
  let lo: number;
  let hi: number;
  const cuts: number[] = [];
  if (g.x0 <= 0 && g.x1 >= 0 && g.y0 <= 0 && g.y1 >= 0) {
    lo = -Math.PI;
    hi = Math.PI;
  } else {
    const phiC = Math.atan2(cy, cx);
    const rel = (x: number, y: number) => {
      let d = Math.atan2(y, x) - phiC;
      if (d > Math.PI) d -= 2 * Math.PI;
      if (d < -Math.PI) d += 2 * Math.PI;
      return d;
    };
    const grown = [rel(g.x0, g.y0), rel(g.x1, g.y0), rel(g.x0, g.y1), rel(g.x1, g.y1)];
    lo = phiC + Math.min(...grown);
    hi = phiC + Math.max(...grown);
    for (const [x, y] of [
      [b.x0, b.y0],
      [b.x1, b.y0],
      [b.x0, b.y1],
      [b.x1, b.y1],
    ] as const) {
      cuts.push(phiC + rel(x, y));
    }
  }
  const breaks = [lo, hi, ...cuts.filter((a) => a > lo && a < hi)].sort((p, q) => p - q);
  const span = Math.hypot(b.x1 - b.x0, b.y1 - b.y0);
  let sum = 0;
  for (let k = 0; k + 1 < breaks.length; k++) {
    const a = breaks[k] as number;
    const bb = breaks[k + 1] as number;
    if (bb <= a) continue;
    // panels by the arc length the interval spans at the region's distance (at least the region's size, at most twice its diagonal)
    const n = panels(Math.min((bb - a) * Math.max(Math.hypot(cx, cy), span), 2 * span), per10mm);
    sum += panelIntegral(c, a, bb, n, (phi) => radialTail(c, b, Math.cos(phi), Math.sin(phi)));
  }
  return sum;
}

/** Integral over rho of density * tail-extra probability * rho along the direction (ux, uy). */
function radialTail(c: Ctx, b: Rect, ux: number, uy: number): number {
  // where the radial line meets the box (or passes closest to it): the integrand peaks just inside of it
  let tA = Number.POSITIVE_INFINITY;
  let tB = 0;
  const clip = (p0: number, p1: number, u: number, lo: number, hi: number): [number, number] => {
    if (u === 0) return lo >= 0 && p0 <= 0 && p1 >= 0 ? [lo, hi] : [1, 0];
    const ta = p0 / u;
    const tb = p1 / u;
    return [Math.max(lo, Math.min(ta, tb)), Math.min(hi, Math.max(ta, tb))];
  };
  let [l, h] = clip(b.x0, b.x1, ux, 0, c.R);
  [l, h] = clip(b.y0, b.y1, uy, l, h);
  if (l <= h) {
    tA = l;
    tB = h;
  } else {
    // closest approach of the line to the box centre
    const t = Math.max(0, Math.min(c.R, 0.5 * (b.x0 + b.x1) * ux + 0.5 * (b.y0 + b.y1) * uy));
    tA = t;
    tB = t;
  }
  const end = c.tg.rects.length > 1 ? tB : tA;
  if (tA <= 0 && end <= 0) return 0;
  // breaks doubling inward from tA, plus the band circle
  const breaks = [0, tA, end];
  for (let len = c.d1, t = tA - len; t > 0; len *= 2, t -= len) breaks.push(t);
  if (c.D1 > 0 && c.rBand > 0 && c.rBand < end) breaks.push(c.rBand);
  const sorted = [...new Set(breaks.filter((t) => t >= 0 && t <= end))].sort((p, q) => p - q);
  let sum = 0;
  // walk inward from the die: the tail's reach falls off with distance, so stop once negligible
  for (let k = sorted.length - 2; k >= 0; k--) {
    const a = sorted[k] as number;
    const bb = sorted[k + 1] as number;
    const hh = 0.5 * (bb - a);
    const m = 0.5 * (a + bb);
    let seg = 0;
    for (let g = 0; g < c.gx.length; g++) {
      const rho = m + hh * (c.gx[g] as number);
      const x = ux * rho;
      const y = uy * rho;
      seg += (c.gw[g] as number) * hh * density(c, x, y) * tailExtraProbability(c.tg, x, y) * rho;
    }
    sum += seg;
    if (bb < tA - 4 * c.d1 && seg < 1e-7 * sum) break;
  }
  return sum;
}
