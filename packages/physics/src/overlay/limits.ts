import { padRadii } from '../geometry/pad-radii.js';
import { brentRoot } from '../math/root-brent.js';
import type { BondParams } from '../params.js';
import { lensArea } from './lens-area.js';

/** Overlay displacement limits (µm), docs/physics.md §2. */
export interface OverlayLimits {
  /** Contact-area limit: lens area equals C pi Rt^2. */
  dCA: number;
  /** Bridging limit (1-K) p - Rt + (2K-1) Rb. */
  dCD: number;
  /** min(dCA, dCD), floored at 0. */
  dmax: number;
}

/**
 * Centre distance dCA (µm) at which two pads of radii Rb, Rt overlap by the
 * area fraction C of the top pad (0 <= C <= 1): the lens area falls
 * monotonically from pi min(Rb,Rt)^2 at |Rb-Rt| to 0 at Rb+Rt, so the root is
 * bracketed there and found by Brent's method to ~1e-13 µm.
 */
export function contactAreaLimit(Rb: number, Rt: number, C: number): number {
  if (!(C >= 0 && C <= 1)) throw new RangeError(`contactAreaLimit: C must be in [0, 1], got ${C}`);
  const target = C * Math.PI * Rt * Rt;
  const lo = Math.abs(Rb - Rt);
  const hi = Rb + Rt;
  const g = (d: number): number => lensArea(Rb, Rt, d) - target;
  if (g(lo) <= 0) return lo;
  if (g(hi) >= 0) return hi;
  return brentRoot(g, lo, hi, 1e-13 * Math.max(1, hi));
}

/** dCA, dCD and dmax (µm) for the parameters' pads and constraints. */
export function overlayLimits(params: BondParams): OverlayLimits {
  const { Rb, Rt } = padRadii(params);
  const { C, K } = params.overlay;
  const p = params.pads.p;
  const dCA = contactAreaLimit(Rb, Rt, C);
  const dCD = (1 - K) * p - Rt + (2 * K - 1) * Rb;
  return { dCA, dCD, dmax: Math.max(0, Math.min(dCA, dCD)) };
}
