import type { BondParams, VoidParams } from '../params.js';

/** One disc of a void, in bonded wafer coordinates (µm). */
export interface VoidDisc {
  x: number;
  y: number;
  r: number;
}

/** Main void radius (µm) for a particle at distance rho (µm) from the centre, s = sqrt(t). */
export function mainRadius(v: VoidParams, rho: number, s: number): number {
  return (v.kR * rho + v.kR0) * s;
}

/** Number of tail discs n = round(kN * rho * sqrt(t)) (docs/physics.md §3). */
export function tailCount(v: VoidParams, rho: number, s: number): number {
  return Math.round(v.kN * rho * s);
}

/**
 * Radius r1 (µm) of the smallest tail disc when there are n >= 1 discs:
 * pi r1^2 n(n+1)(2n+1)/6 = S with S = kS*rho*sqrt(t), because disc j has
 * radius r1 (n-j+1) and the squares 1..n sum to n(n+1)(2n+1)/6.
 */
function tailUnitRadius(v: VoidParams, rho: number, s: number, n: number): number {
  return Math.sqrt((6 * v.kS * rho * s) / (Math.PI * n * (n + 1) * (2 * n + 1)));
}

/**
 * The discs of the void left by a particle of thickness t (µm) at (x, y)
 * (bonded coordinates, µm): the main disc first, then tail discs j = 1..n at
 * j*Ltail/n radially outward with radii r1 (n-j+1). Discs that lie wholly
 * outside the wafer (radius R) are clipped away; a disc crossing the edge is
 * kept whole (a renderer clips it at R; no die lies beyond R). When the step
 * between tail discs is at most r1 each disc lies inside the one before, and
 * only the first tail disc is returned (it covers the rest).
 */
export function voidDiscs(params: BondParams, x: number, y: number, t: number): VoidDisc[] {
  if (!(t > 0)) throw new RangeError(`particle thickness must be > 0 µm, got ${t}`);
  const v = params.voids;
  const R = params.wafer.R;
  const s = Math.sqrt(t);
  const rho = Math.hypot(x, y);
  const out: VoidDisc[] = [{ x, y, r: mainRadius(v, rho, s) }];
  const n = tailCount(v, rho, s);
  if (n > 0 && rho > 0) {
    const ux = x / rho;
    const uy = y / rho;
    const step = (v.kL * rho * s) / n;
    const r1 = tailUnitRadius(v, rho, s, n);
    // Disc j+1 lies inside disc j exactly when the step is at most the radius decrement r1; then every
    // later disc lies inside the first and adds nothing (with kL = 0 the loop would otherwise run n times).
    const last = step <= r1 ? 1 : n;
    for (let j = 1; j <= last; j++) {
      const cx = x + ux * step * j;
      const cy = y + uy * step * j;
      const r = r1 * (n - j + 1);
      // the tail runs outward, so once a disc is wholly outside the wafer all later ones are too
      if (Math.hypot(cx, cy) - r >= R) break;
      out.push({ x: cx, y: cy, r });
    }
  }
  return out;
}

/** A void as a scan measures it: centre (bonded mm), main disc diameter (µm), and its cause. */
export interface MeasuredVoid {
  readonly xMm: number;
  readonly yMm: number;
  readonly diameterUm: number;
  readonly cause: 'particle' | 'edge' | 'fault';
}

/**
 * The discs of a measured void, bonded µm, for the die-kill test (docs/physics.md §3). A particle
 * void's tail follows from its main disc: the radius (kR rho + kR0) sqrt(t) gives back the particle's
 * height t, and `voidDiscs` draws the main disc and the tail from it. Edge and fault voids of the bond
 * wave are single discs, as is a particle void whose height cannot be recovered (kR rho + kR0 <= 0).
 */
export function discsOfMeasuredVoid(params: BondParams, v: MeasuredVoid): VoidDisc[] {
  const x = v.xMm * 1000;
  const y = v.yMm * 1000;
  const r = v.diameterUm / 2;
  if (v.cause !== 'particle') return [{ x, y, r }];
  const per = params.voids.kR * Math.hypot(x, y) + params.voids.kR0;
  const s = r / per;
  if (!(per > 0) || !(s > 0) || !Number.isFinite(s)) return [{ x, y, r }];
  return voidDiscs(params, x, y, s * s);
}
