import { describe, expect, it } from 'vitest';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { logNormalCdf } from '../math/normal.js';
import { type BondParams, defaultParams } from '../params.js';
import type { Die } from '../results.js';
import { overlayCertainlyFails, overlayLogPassBound } from './certain-failure.js';
import { dieOverlayLogPass } from './die-log-pass.js';
import { overlayLimits } from './limits.js';

const layout = padLayout(defaultParams);
const { dmax } = overlayLimits(defaultParams);
const sigma = defaultParams.overlay.sigmaR;
const centre: Die = { id: 0, col: 0, row: 0, cx: 0, cy: 0 };

describe('overlayLogPassBound (docs/physics.md §2.3)', () => {
  it('bounds the pad sum from above for translations on both sides of dmax', () => {
    // a pure translation moves every pad alike: the pad sum is cheap to compare with
    for (const z of [-5, -4, -3, -2.9, -1, 0, 1, 3, 10, 30, 38, 39, 45, 80]) {
      const sys = { tx: dmax + z * sigma, ty: 0, theta: 0, m: 0 };
      const exact = dieOverlayLogPass(defaultParams, layout, centre, sys);
      const bound = overlayLogPassBound(defaultParams, layout, centre, sys);
      expect(bound).toBeGreaterThanOrEqual(exact);
      expect(overlayCertainlyFails(defaultParams, layout, centre, sys)).toBe(bound < -746);
      if (bound < -746) expect(Math.exp(exact)).toBe(0);
    }
    // half of the 1e6 pads at Phi(-z) each: 5e5 log Phi(2.9) = -933 is certain, 5e5 log Phi(3) = -675
    // is not, nor 4 sigma inside dmax (-16)
    const at = (z: number) => ({ tx: dmax + z * sigma, ty: 0, theta: 0, m: 0 });
    expect(overlayCertainlyFails(defaultParams, layout, centre, at(-2.9))).toBe(true);
    expect(overlayCertainlyFails(defaultParams, layout, centre, at(-3))).toBe(false);
    expect(overlayCertainlyFails(defaultParams, layout, centre, at(-4))).toBe(false);
  });

  it('bounds a die on the far side of the overlay cliff, where the pad sum costs the most', () => {
    // 20 µrad at p = 10: a die centre ~120 mm out is displaced ~2.4 µm, 5 sigmaR past dmax = 2.30 µm
    const sys = { tx: 0, ty: 0, theta: 2e-5, m: 0 };
    const die = dieGrid(defaultParams).find(
      (d) => Math.abs(Math.hypot(d.cx, d.cy) * 2e-5 - 2.4) < 0.05,
    ) as Die;
    const exact = dieOverlayLogPass(defaultParams, layout, die, sys);
    const bound = overlayLogPassBound(defaultParams, layout, die, sys);
    expect(bound).toBeGreaterThanOrEqual(exact);
    expect(bound).toBeLessThan(-746);
    expect(Math.exp(exact)).toBe(0);
  });

  it('finds the worst pad at a corner when the die is rotated and stretched', () => {
    // 40 µrad turns a die at 100 mm by 4 µm: certain failure there, not at the centre
    const sys = { tx: 0, ty: 0, theta: 4e-5, m: 0 };
    const far = dieGrid(defaultParams).find((d) => Math.hypot(d.cx, d.cy) > 100_000) as Die;
    expect(overlayCertainlyFails(defaultParams, layout, far, sys)).toBe(true);
    expect(overlayCertainlyFails(defaultParams, layout, centre, sys)).toBe(false);
    // a die whose centre pads pass but whose corner pads are far out: the corner decides
    const stretched = { tx: 0, ty: 0, theta: 0, m: 8e-4 }; // 800 ppm: 4 µm at a 5 mm die corner
    expect(overlayCertainlyFails(defaultParams, layout, centre, stretched)).toBe(true);
  });

  it('allows for redundant copies and says nothing without random misalignment', () => {
    const redundant: BondParams = {
      ...defaultParams,
      pads: { ...defaultParams.pads, layout: { blockUm: 10000, redundantCopies: 4, rows: [['redundant']] } },
    };
    const rl = padLayout(redundant);
    const sys = { tx: dmax + 39 * sigma, ty: 0, theta: 0, m: 0 };
    const exact = dieOverlayLogPass(redundant, rl, centre, sys);
    expect(overlayLogPassBound(redundant, rl, centre, sys)).toBeGreaterThanOrEqual(exact);
    // the worst copy's bound times 4 copies: log Phi(-39) + log 4
    expect(overlayLogPassBound(redundant, rl, centre, sys)).toBeCloseTo(logNormalCdf(-39) + Math.log(4), 9);
    const exactOnly = { ...defaultParams, overlay: { ...defaultParams.overlay, sigmaR: 0 } };
    expect(overlayLogPassBound(exactOnly, padLayout(exactOnly), centre, sys)).toBe(0);
  });
});
