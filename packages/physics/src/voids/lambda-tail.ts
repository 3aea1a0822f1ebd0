import { density, type LambdaContext, panelIntegral, panels } from './lambda-context.js';
import { mainThreshold, tailExtraProbability, tailReaches } from './reach.js';
import type { Rect } from './rect.js';

/** Tail extra over the angular wedge of particles radially inward of the region. */
export function tailExtra(c: LambdaContext, b: Rect, per10mm: number): number {
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
    // the tail wedge changes character at the angles of the corners of every block
    for (const r of c.tg.rects) {
      cuts.push(
        phiC + rel(r.x0, r.y0),
        phiC + rel(r.x1, r.y0),
        phiC + rel(r.x0, r.y1),
        phiC + rel(r.x1, r.y1),
      );
    }
  }
  const breaks = [lo, hi, ...cuts.filter((a) => a > lo && a < hi)].sort((p, q) => p - q);
  const span = Math.hypot(b.x1 - b.x0, b.y1 - b.y0);
  let sum = 0;
  for (let k = 0; k + 1 < breaks.length; k++) {
    const a = breaks[k] as number;
    const bb = breaks[k + 1] as number;
    if (bb <= a) continue;
    // panels by the arc the interval spans at the region's distance, between its size and twice its diagonal
    const n = panels(Math.min((bb - a) * Math.max(Math.hypot(cx, cy), span), 2 * span), per10mm);
    sum += panelIntegral(c, a, bb, n, (phi) => radialTail(c, b, Math.cos(phi), Math.sin(phi)));
  }
  return sum;
}

/** Integral over rho of density * tail-extra probability * rho along the direction (ux, uy). */
function radialTail(c: LambdaContext, b: Rect, ux: number, uy: number): number {
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
  // The integrand has two kinks along the line that a Gauss rule must not straddle: where the main disc
  // of the thinnest particle stops reaching (inside it the tail adds nothing) and, further in, where the
  // thinnest particle's tail stops reaching (between the two the tail extra is exactly 1 - P(main)).
  const rhoMain = lastInward(0, tA, (rho) => mainThreshold(c.tg, ux * rho, uy * rho, rho) <= c.tg.s0);
  const rhoTail = lastInward(0, rhoMain, (rho) =>
    tailReaches(c.tg, ux * rho, uy * rho, rho, ux, uy, c.tg.s0),
  );
  const breaks = [0, tA, end, rhoMain, rhoTail];
  for (let len = 0.25 * c.d1, t = rhoMain - len; t > 0; len *= 2, t -= len) breaks.push(t);
  for (let len = 0.25 * c.d1, t = rhoTail - len; t > 0 && t > rhoTail - 8 * c.d1; len *= 2, t -= len)
    breaks.push(t);
  if (c.tg.rects.length > 1) {
    // a block layout: every block the line crosses starts its own plateau and tail profile inward of it
    for (const r of c.tg.rects) {
      let [ra, rb] = clip(r.x0, r.x1, ux, 0, c.R);
      [ra, rb] = clip(r.y0, r.y1, uy, ra, rb);
      if (ra > rb) continue;
      breaks.push(ra, rb);
      for (let len = 0.25 * c.d1, t = ra - len; t > 0 && t > ra - 8 * c.d1; len *= 2, t -= len)
        breaks.push(t);
    }
  }
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
    if (bb < rhoTail && seg < 1e-5 * sum) break;
  }
  return sum;
}

/**
 * Smallest rho in [lo, hi] from which `inside(rho)` holds up to hi, by bisection to 0.5 µm, assuming
 * inside(hi) and a single change along the line (true for the distance to a convex region); returns hi
 * when inside(hi) is false and lo when inside holds all the way down.
 */
function lastInward(lo: number, hi: number, inside: (rho: number) => boolean): number {
  if (hi <= lo || !inside(hi)) return hi;
  if (inside(lo)) return lo;
  let a = lo;
  let b = hi;
  while (b - a > 0.01) {
    const m = 0.5 * (a + b);
    if (inside(m)) b = m;
    else a = m;
  }
  return b;
}
