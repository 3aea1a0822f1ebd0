import type { ReachTarget } from './reach.js';

/** State shared by the pieces of one die's lambda integral (see void-lambdas.ts). */
export interface LambdaContext {
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

export function density(c: LambdaContext, x: number, y: number): number {
  const r2 = x * x + y * y;
  if (r2 >= c.R * c.R) return 0;
  return c.D1 > 0 && r2 >= c.rBand * c.rBand ? c.D0 + c.D1 : c.D0;
}

export function panels(len: number, per10mm: number): number {
  return Math.max(1, Math.ceil((len / 10000) * per10mm));
}

/** Integral over a parameter interval split into `n` panels of the Gauss rule. */
export function panelIntegral(
  c: LambdaContext,
  a: number,
  b: number,
  n: number,
  f: (u: number) => number,
): number {
  let sum = 0;
  const w = (b - a) / n;
  for (let p = 0; p < n; p++) {
    const m = a + (p + 0.5) * w;
    for (let g = 0; g < c.gx.length; g++) sum += (c.gw[g] as number) * f(m + 0.5 * w * (c.gx[g] as number));
  }
  return sum * 0.5 * w;
}
