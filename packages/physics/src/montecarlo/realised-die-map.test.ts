import { describe, expect, it } from 'vitest';
import { analyticYield } from '../analytic/analytic-yield.js';
import { padLayout } from '../geometry/pad-layout.js';
import { dieOverlayLogPass } from '../overlay/die-log-pass.js';
import { type BondParams, defaultParams } from '../params.js';
import { pareto, poisson } from '../random/distributions.js';
import { createRng, type Rng } from '../random/rng.js';
import { type VoidDisc, voidDiscs } from '../voids/void-discs.js';
import { CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID } from './die-causes.js';
import { LotRun } from './lot-run.js';
import { realisedDieMap } from './realised-die-map.js';
import { drawSystematic } from './wafer-draw.js';

/**
 * A case where every mechanism decides some dies: a 2.2 µm mean translation sits on the overlay cliff
 * of a die of 1e6 pads (dmax = 2.304 µm at p = 10, docs/physics.md §2.1; a die fails once a pad's
 * fail probability reaches ~1e-6, 4.75 sigmaR inside dmax), and a 0.1 µrad rotation moves the edge
 * dies by ±15 nm across it; D0 = 1e-8 /µm² gives ~700 particles a pair (§3); a combined recess of
 * N(-21.8, 1.41) nm leaves a pad open with probability ~1e-7 (§4), Ycu ~ 0.9 for 1e6 pads.
 */
const mixed: BondParams = {
  ...defaultParams,
  overlay: { ...defaultParams.overlay, muTx: 2.2, muTheta: 1e-7 },
  voids: { ...defaultParams.voids, D0: 1e-8 },
  copper: { ...defaultParams.copper, dishTopMean: -10.9, dishBotMean: -10.9 },
};

/** The same params with the systematic terms fixed at their means (all sigmas 0). */
function fixedSystematic(p: BondParams): BondParams {
  return { ...p, overlay: { ...p.overlay, sigmaTx: 0, sigmaTy: 0, sigmaTheta: 0, sigmaB: 0 } };
}

/**
 * The particles of one pair drawn as LotRun draws them (docs/physics.md §3: Poisson count at D0 over
 * the wafer, rho^2 and the angle uniform, Pareto thickness), each turned into its void discs.
 */
function drawVoids(params: BondParams, rng: Rng): VoidDisc[][] {
  const R = params.wafer.R;
  const n = poisson(rng, params.voids.D0 * Math.PI * R * R);
  const out: VoidDisc[][] = [];
  for (let k = 0; k < n; k++) {
    const rho = Math.sqrt(rng.uniform() * R * R);
    const phi = 2 * Math.PI * rng.uniform();
    const t = pareto(rng, params.voids.t0, params.voids.z);
    out.push(voidDiscs(params, rho * Math.cos(phi), rho * Math.sin(phi), t));
  }
  return out;
}

function meanSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, se: sd / Math.sqrt(n) };
}

describe('realisedDieMap', () => {
  it("is LotRun's die map when given LotRun's systematic terms, voids and stream (docs/physics.md §5)", () => {
    const seen = new Set<number>();
    for (const seed of [3, 17, 404, 9001]) {
      const wafer = new LotRun(mixed, seed).next();
      const rng = createRng(seed);
      const sys = drawSystematic(mixed, rng);
      // LotRun draws the particles after two uniforms a die: replay that part of the stream apart.
      const replay = createRng(seed);
      drawSystematic(mixed, replay);
      const nd = wafer.causes.length;
      for (let i = 0; i < 2 * nd; i++) replay.uniform();
      const voids = drawVoids(mixed, replay);
      expect(voids.length).toBe(wafer.particles);
      const map = realisedDieMap(mixed, { sys, voids }, rng);
      expect(map.causes).toEqual(wafer.causes);
      expect(map.killers).toEqual(wafer.killers);
      expect(map.yield).toBe(wafer.yield);
      for (const c of map.causes) seen.add(c);
    }
    // the pairs reach every cause, so every branch of the comparison was exercised
    expect([...seen].sort()).toEqual([CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID, CAUSE_CU]);
  });

  it('agrees with the analytic model when the systematic terms are fixed (docs/physics.md §5: < 4 standard errors)', () => {
    const params = fixedSystematic(mixed);
    const a = analyticYield(params);
    const sys = drawSystematic(params, createRng(1)); // sigmas 0: the means, whatever the stream
    const rng = createRng(2026);
    const pairs = 60;
    const ov: number[] = [];
    const lam: number[] = [];
    const total: number[] = [];
    let expected = 0;
    for (let k = 0; k < pairs; k++) {
      const map = realisedDieMap(params, { sys, voids: drawVoids(params, rng) }, rng);
      const nd = map.dies.length;
      ov.push(map.causes.reduce((s, c) => s + (c === CAUSE_OVERLAY ? 0 : 1), 0) / nd);
      lam.push(map.killers.reduce((s, x) => s + x, 0) / nd);
      total.push(map.yield);
      expected = map.overlayPass.reduce((s, x) => s + x, 0) / nd;
    }
    // the drawn overlay survival against its own probabilities and the analytic expectation (§2.4)
    const o = meanSe(ov);
    expect(Math.abs(o.mean - expected)).toBeLessThan(4 * o.se + 1e-9);
    expect(Math.abs(expected - a.yield.overlay)).toBeLessThan(2e-3);
    expect(a.yield.overlay).toBeGreaterThan(0.3);
    expect(a.yield.overlay).toBeLessThan(0.95);
    // killers per die against lambda (§3), total yield against the analytic total (§5)
    const l = meanSe(lam);
    expect(Math.abs(l.mean - a.lambdaMean)).toBeLessThan(4 * l.se + 2e-3 * a.lambdaMean);
    const t = meanSe(total);
    expect(Math.abs(t.mean - a.yield.total)).toBeLessThan(4 * t.se + 2e-3);
  });

  it('gives the overlay pass probability of dieOverlayLogPass and the expected yield of its parts', () => {
    const params = mixed;
    const sys = { tx: 0.3, ty: -0.2, theta: 2e-6, m: 1e-6 };
    const disc = { x: 0, y: 0, r: 3000 };
    const map = realisedDieMap(params, { sys, voids: [[disc]] }, createRng(9));
    const layout = padLayout(params);
    let expected = 0;
    map.dies.forEach((d, i) => {
      const pass = Math.exp(dieOverlayLogPass(params, layout, d, sys));
      expect(map.overlayPass[i]).toBe(pass);
      if (map.killers[i] === 0) expected += pass * map.cuPass;
    });
    expect(map.expectedYield).toBeCloseTo(expected / map.dies.length, 12);
    // the default grid has 28 tiles a side, so the wafer centre is a street corner: a 3 mm void there reaches four dies
    expect(map.killers.reduce((s, x) => s + x, 0)).toBe(4);
  });

  it('is reproducible from its stream and counts a void once per die', () => {
    const sys = { tx: 0, ty: 0, theta: 0, m: 0 };
    const big = [
      { x: 0, y: 0, r: 3000 },
      { x: 100, y: 0, r: 3000 },
    ];
    const a = realisedDieMap(mixed, { sys, voids: [big] }, createRng(5));
    const b = realisedDieMap(mixed, { sys, voids: [big] }, createRng(5));
    expect(a.causes).toEqual(b.causes);
    expect(Math.max(...a.killers)).toBe(1);
    const two = realisedDieMap(mixed, { sys, voids: [big, big] }, createRng(5));
    expect(Math.max(...two.killers)).toBe(2);
  });
});
