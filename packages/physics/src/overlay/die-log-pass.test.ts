import { describe, expect, it } from 'vitest';
import { type PadLayout, padLayout } from '../geometry/pad-layout.js';
import { riceLogTails } from '../math/rice.js';
import { type BondParams, defaultParams } from '../params.js';
import type { Die } from '../results.js';
import { dieOverlaySum, type SystematicOverlay } from './die-log-pass.js';
import { overlayLimits } from './limits.js';
import { riceTable, riceTableEval } from './rice-table.js';

/** Pitch 1 µm, sigmaR 0.035: per-pad fail ~1e-9, so the sum is far from 0 (docs/physics.md §2 case). */
function fineParams(W: number, L: number, layout?: BondParams['pads']['layout']): BondParams {
  const pads = { ...defaultParams.pads, p: 1, ...(layout === undefined ? {} : { layout }) };
  return {
    ...defaultParams,
    die: { W, L, s: 100 },
    pads,
    overlay: { ...defaultParams.overlay, sigmaR: 0.035 },
  };
}

/**
 * Exact pad-by-pad sum: every pad's displacement from the field, log P from a
 * per-pad evaluator; redundant logical pads of c copies as log(1 - Q^c).
 */
function exactSum(
  params: BondParams,
  layout: PadLayout,
  die: Die,
  s: SystematicOverlay,
  logTails: (a: number) => { logSf: number; logCdf: number },
): number {
  const sigma = params.overlay.sigmaR;
  const p = params.pads.p;
  let total = 0;
  for (const r of layout.regions) {
    let sum = 0;
    for (let j = 0; j < r.ny; j++) {
      for (let i = 0; i < r.nx; i++) {
        const x = die.cx + r.x0 + i * p;
        const y = die.cy + r.y0 + j * p;
        const dx = s.tx - s.theta * y + s.m * x;
        const dy = s.ty + s.theta * x + s.m * y;
        const t = logTails(Math.hypot(dx, dy) / sigma);
        sum += r.copies === 1 ? t.logCdf : Math.log1p(-Math.exp(r.copies * t.logSf));
      }
    }
    total += (sum * r.logicalPads) / (r.nx * r.ny);
  }
  return total;
}

// Near the wafer centre, so a strong rotation varies the pass probability across the die
// while the die-centre displacement stays a few sigma.
const die: Die = { id: 0, col: 0, row: 0, cx: 200, cy: -100 };

describe('per-die overlay log pass', () => {
  it('matches the exact pad-by-pad sum on 1e4 pads (direct Rice quadrature per pad)', () => {
    const params = fineParams(100, 100);
    const layout = padLayout(params);
    // A strong rotation so the pass probability varies across the die.
    const s = { tx: 0.02, ty: -0.01, theta: 3e-4, m: -1e-4 };
    const b = overlayLimits(params).dmax / 0.035;
    const exactB = exactSum(params, layout, die, s, (a) => riceLogTails(a, b));
    const q = dieOverlaySum(params, layout, die, s);
    expect(exactB).toBeLessThan(-1e-6);
    expect(Math.abs(q.logPass - exactB) / Math.abs(exactB)).toBeLessThan(1e-8);
    expect(Math.abs(q.logPass - exactB)).toBeLessThanOrEqual(q.errorBound + 1e-8 * Math.abs(exactB));
  });

  it('matches the exact sum on 1e6 pads with redundant blocks (tabulated per-pad values)', () => {
    const layout = {
      blockUm: 250,
      redundantCopies: 2,
      rows: [
        ['critical', 'redundant', 'critical', 'empty'],
        ['redundant', 'redundant', 'critical', 'critical'],
        ['critical', 'empty', 'critical', 'redundant'],
        ['critical', 'critical', 'critical', 'critical'],
      ] as BondParams['pads']['layout'] extends infer T ? (T extends { rows: infer R } ? R : never) : never,
    };
    const params = fineParams(1000, 1000, layout);
    const pl = padLayout(params);
    expect(pl.criticalPads + pl.redundantPads).toBeGreaterThan(7e5);
    const table = riceTable(overlayLimits(params).dmax / 0.035);
    const out = new Float64Array(4);
    const tab = (a: number): { logSf: number; logCdf: number } => {
      riceTableEval(table, a, out);
      return { logSf: out[0] as number, logCdf: out[2] as number };
    };
    for (const s of [
      { tx: 0.03, ty: 0.02, theta: 3e-5, m: 2e-5 },
      { tx: -0.05, ty: 0.01, theta: -4e-5, m: 1e-5 },
    ]) {
      const exact = exactSum(params, pl, die, s, tab);
      const q = dieOverlaySum(params, pl, die, s);
      expect(Math.abs(q.logPass - exact) / Math.abs(exact)).toBeLessThan(1e-9);
    }
  });

  it('is exactly 0 when every pad is certain to pass and -Infinity-free at defaults', () => {
    const l = padLayout(defaultParams);
    const q = dieOverlaySum(defaultParams, l, die, { tx: 0.01, ty: 0, theta: 5e-8, m: 5e-8 });
    expect(q.logPass).toBe(0);
  });

  it('sigmaR = 0: pass iff the worst corner pad is within dmax', () => {
    const p = { ...defaultParams, overlay: { ...defaultParams.overlay, sigmaR: 0 } };
    const l = padLayout(p);
    const dmax = overlayLimits(p).dmax;
    const centre: Die = { id: 0, col: 0, row: 0, cx: 0, cy: 0 };
    expect(dieOverlaySum(p, l, centre, { tx: dmax - 0.01, ty: 0, theta: 0, m: 0 }).logPass).toBe(0);
    expect(dieOverlaySum(p, l, centre, { tx: dmax + 0.01, ty: 0, theta: 0, m: 0 }).logPass).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

// At 0.2 µm pitch a 10 mm die holds 50000 x 50000 = 2.5e9 pads: no pad-by-pad sum is possible, but a
// pure translation moves every pad by the same vector, so the exact sum is N log(1 - Q1(|t|/sigma,
// dmax/sigma)) (and log(1 - Q1^c) per logical pad of c copies): a closed form independent of the grid rule.
describe('per-die overlay log pass at 0.2 µm pitch (2.5e9 pads)', () => {
  const base: BondParams = {
    ...defaultParams,
    pads: { ...defaultParams.pads, p: 0.2 },
    overlay: { ...defaultParams.overlay, sigmaR: 0.008 },
  };
  const offCentre: Die = { id: 0, col: 0, row: 0, cx: 104500, cy: -82500 };

  it('equals N log P(pass) for a pure translation', () => {
    const l = padLayout(base);
    expect(l.criticalPads).toBe(50000 * 50000);
    const dmax = overlayLimits(base).dmax;
    for (const [tx, ty] of [
      [0.012, 0],
      [0.01, -0.009],
      [0, 0.02],
    ] as const) {
      const exact = l.criticalPads * riceLogTails(Math.hypot(tx, ty) / 0.008, dmax / 0.008).logCdf;
      const got = dieOverlaySum(base, l, offCentre, { tx, ty, theta: 0, m: 0 });
      expect(exact).toBeLessThan(-1e-3); // a case where pads do fail
      expect(Math.abs(got.logPass / exact - 1)).toBeLessThan(1e-8);
    }
  });

  it('counts redundant logical pads as log(1 - Q^c) each for a pure translation', () => {
    // 2 mm blocks: a critical frame around a 3 x 3 redundant core, two copies per logical pad.
    const layout = {
      blockUm: 2000,
      redundantCopies: 2,
      rows: [
        ['critical', 'critical', 'critical', 'critical', 'critical'],
        ['critical', 'redundant', 'redundant', 'redundant', 'critical'],
        ['critical', 'redundant', 'redundant', 'redundant', 'critical'],
        ['critical', 'redundant', 'redundant', 'redundant', 'critical'],
        ['critical', 'critical', 'critical', 'critical', 'critical'],
      ] as ('critical' | 'redundant' | 'empty')[][],
    };
    const p = { ...base, pads: { ...base.pads, layout } };
    const l = padLayout(p);
    // 16 critical blocks of 10000 x 10000 pads; 9 redundant blocks of 1e8 pads = 4.5e8 logical pads.
    expect(l.criticalPads).toBe(16 * 1e8);
    expect(l.criticalLogicalPads).toBe(16 * 1e8 + 4.5e8);
    const dmax = overlayLimits(p).dmax;
    const t = riceLogTails(0.015 / 0.008, dmax / 0.008);
    const exact = 16e8 * t.logCdf + 4.5e8 * Math.log1p(-Math.exp(2 * t.logSf));
    const got = dieOverlaySum(p, l, offCentre, { tx: 0.015, ty: 0, theta: 0, m: 0 }).logPass;
    expect(Math.abs(got / exact - 1)).toBeLessThan(1e-8);
  });
});
