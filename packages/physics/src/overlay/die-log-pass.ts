import type { PadLayout, PadRegion } from '../geometry/pad-layout.js';
import { discreteGauss, gaussErrorFactor } from '../math/discrete-gauss.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import { overlayLimits } from './limits.js';
import { type RiceTable, riceTable, riceTableEval } from './rice-table.js';

/**
 * Systematic overlay terms of one wafer pair: translation tx, ty (µm),
 * rotation theta (rad), magnification m (dimensionless, (kMag B + M0) 1e-6).
 */
export interface SystematicOverlay {
  tx: number;
  ty: number;
  theta: number;
  m: number;
}

/** Relative error target of the per-axis pad-grid quadrature. */
const REL_TOL = 1e-12;
/** Largest rule per axis panel; beyond it the axis is split into panels. */
const K_MAX = 16;

interface OverlayContext {
  sigma: number;
  dmax: number;
  table: RiceTable | undefined;
}

const contexts = new WeakMap<BondParams, OverlayContext>();

/** dmax, sigmaR and the Rice table for a parameter set (params are treated as immutable). */
function contextOf(params: BondParams): OverlayContext {
  let ctx = contexts.get(params);
  if (ctx === undefined) {
    const { dmax } = overlayLimits(params);
    const sigma = params.overlay.sigmaR;
    ctx = { sigma, dmax, table: sigma > 0 && dmax > 0 ? riceTable(dmax / sigma) : undefined };
    contexts.set(params, ctx);
  }
  return ctx;
}

/** Result of a die's overlay sum with its quadrature error bound (both natural-log units). */
export interface DieOverlaySum {
  logPass: number;
  errorBound: number;
}

const tails = new Float64Array(4);

/**
 * Natural log of the probability that every critical logical pad of the die
 * passes overlay, given the systematic terms (docs/physics.md §2). Each pad passes
 * with the Rice CDF at dmax of its systematic displacement; the log is summed
 * over every pad of every region by a discrete Gauss rule on the pad grid
 * (exact for polynomials of degree 2k-1 in the pad index), so the cost
 * depends on the number of layout regions, never on the pad count.
 */
export function dieOverlayLogPass(
  params: BondParams,
  layout: PadLayout,
  die: Die,
  sys: SystematicOverlay,
): number {
  return dieOverlaySum(params, layout, die, sys).logPass;
}

/**
 * As dieOverlayLogPass, with a bound on the quadrature error: per region
 * axis, factor(lambda, k) * sum|log P| where lambda = rate * span is the
 * growth of log|log P| across the row (see gaussErrorFactor), plus the
 * interpolation error of the Rice table, which is not included here
 * (measured < 1e-9 relative in the tests).
 */
export function dieOverlaySum(
  params: BondParams,
  layout: PadLayout,
  die: Die,
  sys: SystematicOverlay,
): DieOverlaySum {
  const ctx = contextOf(params);
  let logPass = 0;
  let errorBound = 0;
  for (const region of layout.regions) {
    if (region.logicalPads === 0) continue;
    const r = regionSum(ctx, region, layout.pitchUm, die, sys);
    logPass += r.logPass;
    errorBound += r.errorBound;
  }
  return { logPass, errorBound };
}

function regionSum(
  ctx: OverlayContext,
  reg: PadRegion,
  p: number,
  die: Die,
  sys: SystematicOverlay,
): DieOverlaySum {
  const { tx, ty, theta, m } = sys;
  const rcx = die.cx + 0.5 * (reg.x0 + reg.x1);
  const rcy = die.cy + 0.5 * (reg.y0 + reg.y1);
  const dcx = tx - theta * rcy + m * rcx;
  const dcy = ty + theta * rcx + m * rcy;
  const hx = 0.5 * (reg.x1 - reg.x0);
  const hy = 0.5 * (reg.y1 - reg.y0);
  const scale = Math.hypot(theta, m);
  const weightPerPad = reg.logicalPads / (reg.nx * reg.ny);
  if (ctx.table === undefined) {
    // sigmaR = 0 or dmax = 0: a pad passes iff its displacement is <= dmax. The displacement
    // length is convex over the rectangle, so the worst pad is a corner.
    let worst = 0;
    for (const sx of [-hx, hx]) {
      for (const sy of [-hy, hy]) {
        worst = Math.max(worst, Math.hypot(dcx - theta * sy + m * sx, dcy + theta * sx + m * sy));
      }
    }
    return { logPass: worst <= ctx.dmax && ctx.dmax > 0 ? 0 : Number.NEGATIVE_INFINITY, errorBound: 0 };
  }
  const sigma = ctx.sigma;
  const b = ctx.table.b;
  // Rate of change of log|log P| per sigma of displacement at the region centre.
  const aC = Math.hypot(dcx, dcy) / sigma;
  riceTableEval(ctx.table, aC, tails);
  const rate = Math.max(Math.abs(tails[1] as number), Math.abs(tails[3] as number)) * reg.copies + 1;
  const spanX = (2 * hx * scale) / sigma;
  const spanY = (2 * hy * scale) / sigma;
  // Everything underflows: the region's total fail mass is below 1e-300 at its worst pad.
  const aWorst = aC + 0.5 * (spanX + spanY);
  if (aWorst < b) {
    riceTableEval(ctx.table, aWorst, tails, false);
    if ((tails[0] as number) * reg.copies + Math.log(reg.nx * reg.ny) < -690)
      return { logPass: 0, errorBound: 1e-300 };
  }
  const ax = axisRule(reg.nx, spanX * (rate + spanX), p);
  const ay = axisRule(reg.ny, spanY * (rate + spanY), p);
  let sum = 0;
  let sumAbs = 0;
  const c = reg.copies;
  for (let j = 0; j < ay.nodes.length; j++) {
    const vy = ay.nodes[j] as number;
    const wy = ay.weights[j] as number;
    for (let i = 0; i < ax.nodes.length; i++) {
      const ux = ax.nodes[i] as number;
      const dx = dcx - theta * vy + m * ux;
      const dy = dcy + theta * ux + m * vy;
      riceTableEval(ctx.table, Math.hypot(dx, dy) / sigma, tails, false);
      const f = c === 1 ? (tails[2] as number) : logAnyCopyPasses(tails[0] as number, tails[2] as number, c);
      const w = (ax.weights[i] as number) * wy;
      sum += w * f;
      sumAbs += w * Math.abs(f);
    }
  }
  const errorBound = (ax.errFactor + ay.errFactor) * sumAbs * weightPerPad;
  return { logPass: sum * weightPerPad, errorBound };
}

/** log(1 - Pfail^c) for a logical pad of c copies at the same displacement. */
function logAnyCopyPasses(logFail: number, logPass: number, c: number): number {
  const lf = c * logFail;
  if (lf < -0.7) return Math.log1p(-Math.exp(lf));
  // All copies likely fail: 1 - (1 - P)^c = -expm1(c log1p(-P)).
  return Math.log(-Math.expm1(c * Math.log1p(-Math.exp(logPass))));
}

interface AxisRule {
  /** Offsets from the region centre (µm). */
  nodes: Float64Array;
  weights: Float64Array;
  errFactor: number;
}

/**
 * Pad-grid rule along one axis of n pads at pitch p: the smallest k with
 * error factor <= REL_TOL; when lambda is too large for K_MAX nodes the row
 * is split into panels of consecutive pads, each with its own discrete rule.
 */
function axisRule(n: number, lambda: number, p: number): AxisRule {
  const panels = Math.min(n, Math.max(1, Math.ceil(lambda / 8)));
  const lam = lambda / panels;
  let k = 1;
  while (k < K_MAX && gaussErrorFactor(lam, k) > REL_TOL) k++;
  const errFactor = k >= n ? 0 : gaussErrorFactor(lam, k);
  const key = `${n}|${k}|${panels}|${p}`;
  let hit = axisCache.get(key);
  if (hit === undefined) {
    hit = buildAxis(n, k, panels, p);
    if (axisCache.size > 4096) axisCache.clear();
    axisCache.set(key, hit);
  }
  return { nodes: hit.nodes, weights: hit.weights, errFactor };
}

const axisCache = new Map<string, { nodes: Float64Array; weights: Float64Array }>();

function buildAxis(
  n: number,
  k: number,
  panels: number,
  p: number,
): { nodes: Float64Array; weights: Float64Array } {
  const base = Math.floor(n / panels);
  const extra = n - base * panels;
  const nodes: number[] = [];
  const weights: number[] = [];
  let start = 0;
  for (let q = 0; q < panels; q++) {
    const len = base + (q < extra ? 1 : 0);
    const rule = discreteGauss(len, k);
    // Index of the panel's centre relative to the row centre.
    const centre = start + (len - 1) / 2 - (n - 1) / 2;
    for (let i = 0; i < rule.nodes.length; i++) {
      nodes.push((centre + (rule.nodes[i] as number)) * p);
      weights.push(rule.weights[i] as number);
    }
    start += len;
  }
  return { nodes: Float64Array.from(nodes), weights: Float64Array.from(weights) };
}
