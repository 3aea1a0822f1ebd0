import type { PadLayout } from '../geometry/pad-layout.js';
import { gaussLegendre } from '../math/gauss-legendre.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import type { LambdaContext } from './lambda-context.js';
import { interior, mainOutside } from './lambda-main.js';
import { tailExtra } from './lambda-tail.js';
import { voidTargetRects } from './layout-rects.js';
import { type ReachTarget, reachTarget } from './reach.js';
import { boundingRect, type Rect } from './rect.js';

/**
 * Expected number of killing particles per die (docs/physics.md §3):
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
  /**
   * Gauss points per segment (default 3 for one pad region: with the segments broken at the kinks it
   * is within 0.4% per die and -0.1% on the wafer mean of 8- and 12-point rules; 6 for block layouts,
   * whose gaps leave longer segments between kinks).
   */
  order?: number;
  /** Edge panels per 10 mm of region edge (default 4). */
  panelsPer10mm?: number;
  /** Angular panels of the tail wedge per 10 mm of arc at the die (default 1). */
  tailPanelsPer10mm?: number;
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
function dieLambda(params: BondParams, tg: ReachTarget, options: VoidLambdaOptions): number {
  const v = params.voids;
  const R = params.wafer.R;
  // block layouts leave long gap segments between the blocks' kinks: a higher order keeps them accurate
  const { nodes: gx, weights: gw } = gaussLegendre(options.order ?? (tg.rects.length > 1 ? 6 : 3));
  const per10mm = options.panelsPer10mm ?? 4;
  const box = boundingRect(tg.rects);
  const plateau =
    tg.rt + (v.kR * Math.hypot(0.5 * (box.x0 + box.x1), 0.5 * (box.y0 + box.y1)) + v.kR0) * tg.s0;
  const c: LambdaContext = {
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
  return interior(c, box) + mainOutside(c, box, per10mm) + tailExtra(c, box, options.tailPanelsPer10mm ?? 1);
}
