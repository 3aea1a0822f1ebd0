import { density, type LambdaContext, panelIntegral, panels } from './lambda-context.js';
import { mainReachProbability } from './reach.js';
import type { Rect } from './rect.js';
import { rectDiscArea } from './rect-disc-area.js';

/*
 * The main-disc part of a die's lambda: inside the critical region's bounding box, and outside it along
 * rays leaving the box (4 edge strips, 4 corner sectors), each ray integrated out to the wafer edge.
 */

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

/** Integral of density x P(main disc reaches) along a ray to the wafer edge (times tau in corner sectors: polar Jacobian). */
function rayIntegral(
  c: LambdaContext,
  ox: number,
  oy: number,
  ux: number,
  uy: number,
  corner: boolean,
): number {
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
    // adds less than 1e-5 of the ray's total the rest (a geometric series for z > 2) is negligible.
    if (a > c.d1 && Math.abs(seg * h) < 1e-5 * sum) break;
  }
  return sum;
}

/** Expected particles in a rectangle where every void reaches (P = 1): exact, edge band included. */
function certainArea(c: LambdaContext, r: Rect): number {
  const area = (r.x1 - r.x0) * (r.y1 - r.y0);
  const band = c.D1 > 0 ? area - rectDiscArea(r, c.rBand) : 0;
  return c.D0 * area + c.D1 * band;
}

/** Sorted grid lines inside [lo, hi]: the region edges and, a plateau width out, the kinks of P. */
function gridLines(lo: number, hi: number, edges: readonly number[]): number[] {
  const lines = [lo, hi];
  for (const e of edges) if (e > lo && e < hi) lines.push(e);
  return [...new Set(lines)].sort((a, b) => a - b);
}

/**
 * Inside the bounding box of the critical region. One rectangle: P = 1, exact. Several (a block
 * layout): the box is cut on the blocks' edges and on the lines a plateau width outside them, where P
 * starts to fall; cells inside a block are exact, the others (gaps) get a 3-point Gauss rule on
 * sub-cells of at most 500 µm.
 */
export function interior(c: LambdaContext, box: Rect): number {
  const rects = c.tg.rects;
  if (rects.length === 1) return certainArea(c, box);
  const xs = gridLines(
    box.x0,
    box.x1,
    rects.flatMap((r) => [r.x0, r.x1, r.x0 - c.d1, r.x1 + c.d1]),
  );
  const ys = gridLines(
    box.y0,
    box.y1,
    rects.flatMap((r) => [r.y0, r.y1, r.y0 - c.d1, r.y1 + c.d1]),
  );
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const xa = xs[i] as number;
    const xb = xs[i + 1] as number;
    for (let j = 0; j + 1 < ys.length; j++) {
      const ya = ys[j] as number;
      const yb = ys[j + 1] as number;
      const mx = 0.5 * (xa + xb);
      const my = 0.5 * (ya + yb);
      if (rects.some((r) => mx > r.x0 && mx < r.x1 && my > r.y0 && my < r.y1)) {
        sum += certainArea(c, { x0: xa, y0: ya, x1: xb, y1: yb });
        continue;
      }
      const nx = Math.max(1, Math.ceil((xb - xa) / 500));
      const ny = Math.max(1, Math.ceil((yb - ya) / 500));
      sum += panelIntegral(c, ya, yb, ny, (y) =>
        panelIntegral(c, xa, xb, nx, (x) => density(c, x, y) * mainReachProbability(c.tg, x, y)),
      );
    }
  }
  return sum;
}

/** Main-disc reach outside the bounding box: 4 edge strips and 4 corner sectors of rays. */
export function mainOutside(c: LambdaContext, b: Rect, per10mm: number): number {
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
