import { describe, expect, it } from 'vitest';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { gaussLegendre } from '../math/gauss-legendre.js';
import { normalPdf } from '../math/normal.js';
import { riceCdf } from '../math/rice.js';
import { type BondParams, defaultParams } from '../params.js';
import { dieOverlayLogPass } from './die-log-pass.js';
import { discProbability, planDiscProbability } from './disc-probability.js';
import { expectedOverlay } from './expected-overlay.js';
import { displacementSpread } from './systematic-spread.js';

/** PHYSICS issue case: pitch 1 µm, sigmaR 0.035, sigmaT 0.05 — overlay losses vary across the wafer. */
const fine: BondParams = {
  ...defaultParams,
  pads: { ...defaultParams.pads, p: 1 },
  overlay: { ...defaultParams.overlay, sigmaR: 0.035, sigmaTx: 0.05, sigmaTy: 0.05 },
};

/** Tensor composite Gauss–Legendre over a box, f given the point (x, y). */
function box2d(
  f: (x: number, y: number) => number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  panels = 48,
): number {
  const { nodes, weights } = gaussLegendre(8);
  const hx = (x1 - x0) / panels;
  const hy = (y1 - y0) / panels;
  const xs: number[] = [];
  const wx: number[] = [];
  const ys: number[] = [];
  const wy: number[] = [];
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < 8; i++) {
      xs.push(x0 + (p + 0.5 + 0.5 * (nodes[i] as number)) * hx);
      wx.push(0.5 * hx * (weights[i] as number));
      ys.push(y0 + (p + 0.5 + 0.5 * (nodes[i] as number)) * hy);
      wy.push(0.5 * hy * (weights[i] as number));
    }
  }
  let s = 0;
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++)
      s += (wx[i] as number) * (wy[j] as number) * f(xs[i] as number, ys[j] as number);
  }
  return s;
}

describe('disc probability of the systematic displacement', () => {
  it('isotropic: equals the Rice CDF', () => {
    const plan = planDiscProbability({ mx: 0.03, my: -0.01, sxx: 0.05 ** 2, syy: 0.05 ** 2, sxy: 0 });
    expect(plan.isoVar).toBeDefined();
    for (const r of [0.01, 0.05, 0.2]) {
      expect(discProbability(plan, r)).toBeCloseTo(riceCdf(Math.hypot(0.03, 0.01), r, 0.05), 12);
    }
  });
  it('anisotropic and correlated: equals Cartesian integration of the density over the disc', () => {
    const s = { mx: 0.02, my: 0.01, sxx: 0.03 ** 2, syy: 0.015 ** 2, sxy: 0.3 * 0.03 * 0.015 };
    const plan = planDiscProbability(s);
    expect(plan.isoVar).toBeUndefined();
    const det = s.sxx * s.syy - s.sxy * s.sxy;
    const dens = (x: number, y: number): number => {
      const dx = x - s.mx;
      const dy = y - s.my;
      const q = (s.syy * dx * dx - 2 * s.sxy * dx * dy + s.sxx * dy * dy) / det;
      return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    };
    for (const r of [0.01, 0.03, 0.08]) {
      // Disc in polar coordinates (independent of the closed-form radial step).
      const ref = box2d(
        (rho, phi) => rho * dens(rho * Math.cos(phi), rho * Math.sin(phi)),
        0,
        r,
        0,
        2 * Math.PI,
      );
      expect(discProbability(plan, r)).toBeCloseTo(ref, 10);
    }
  });
});

describe('expected overlay yield per die', () => {
  it('matches brute-force integration of exp(S) over the die-centre displacement', () => {
    const dies = dieGrid(fine);
    const layout = padLayout(fine);
    const e = expectedOverlay(fine, layout, dies);
    const theta = fine.overlay.muTheta;
    const m = (fine.overlay.kMag * fine.overlay.muB + fine.overlay.M0) * 1e-6;
    // The centre die and an edge die. Independent: integrate over (tx, ty) of the die centre with
    // the isotropic normal density and the per-die sum evaluated at that exact displacement.
    for (const k of [Math.floor(dies.length / 2), 0]) {
      const d = dies[k]!;
      const s = displacementSpread(fine, d);
      const sd = Math.sqrt(s.sxx);
      const at = { ...d, cx: 0, cy: 0 };
      const ref = box2d(
        (x, y) =>
          (normalPdf((x - s.mx) / sd) *
            normalPdf((y - s.my) / sd) *
            Math.exp(dieOverlayLogPass(fine, layout, at, { tx: x, ty: y, theta, m }))) /
          (sd * sd),
        s.mx - 8 * sd,
        s.mx + 8 * sd,
        s.my - 8 * sd,
        s.my + 8 * sd,
        20,
      );
      expect(Math.abs((e.yield[k] as number) - ref)).toBeLessThan(2e-5);
      expect(e.errorEstimate[k]).toBeLessThan(1e-3);
    }
  });
  it('anisotropic spread (sigmaTx != sigmaTy, correlated rotation/magnification) matches brute force', () => {
    const p: BondParams = {
      ...fine,
      overlay: { ...fine.overlay, sigmaTx: 0.05, sigmaTy: 0.02, sigmaTheta: 1e-7, muTx: 0.01 },
    };
    const dies = dieGrid(p);
    const layout = padLayout(p);
    const e = expectedOverlay(p, layout, dies);
    const k = 3; // an edge die: rotation spread adds anisotropic, correlated variance
    const d = dies[k]!;
    const s = displacementSpread(p, d);
    expect(Math.abs(s.sxy)).toBeGreaterThan(1e-6 * s.sxx);
    const det = s.sxx * s.syy - s.sxy * s.sxy;
    const theta = p.overlay.muTheta;
    const m = (p.overlay.kMag * p.overlay.muB + p.overlay.M0) * 1e-6;
    const at = { ...d, cx: 0, cy: 0 };
    const ref = box2d(
      (x, y) => {
        const dx = x - s.mx;
        const dy = y - s.my;
        const q = (s.syy * dx * dx - 2 * s.sxy * dx * dy + s.sxx * dy * dy) / det;
        const dens = Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        return dens * Math.exp(dieOverlayLogPass(p, layout, at, { tx: x, ty: y, theta, m }));
      },
      s.mx - 8 * Math.sqrt(s.sxx),
      s.mx + 8 * Math.sqrt(s.sxx),
      s.my - 8 * Math.sqrt(s.syy),
      s.my + 8 * Math.sqrt(s.syy),
      20,
    );
    expect(Math.abs((e.yield[k] as number) - ref)).toBeLessThan(2e-5);
  });
  it('no spread at all: the yield is the pass probability at the mean displacement', () => {
    const p: BondParams = {
      ...fine,
      overlay: { ...fine.overlay, sigmaTx: 0, sigmaTy: 0, sigmaTheta: 0, sigmaB: 0, muTx: 0.01 },
    };
    const dies = dieGrid(p).slice(0, 3);
    const e = expectedOverlay(p, padLayout(p), dies);
    const theta = p.overlay.muTheta;
    const m = (p.overlay.kMag * p.overlay.muB + p.overlay.M0) * 1e-6;
    for (let k = 0; k < dies.length; k++) {
      const d = dies[k]!;
      const ref = Math.exp(dieOverlayLogPass(p, padLayout(p), d, { tx: 0.01, ty: 0, theta, m }));
      expect(e.yield[k]).toBeCloseTo(ref, 12);
    }
  });
  it('is 1 to machine precision at the defaults (pads 115 sigma from failing)', () => {
    const dies = dieGrid(defaultParams);
    const e = expectedOverlay(defaultParams, padLayout(defaultParams), dies);
    expect(Math.min(...e.yield)).toBe(1);
  });
});
