import { describe, expect, it } from 'vitest';
import { padLayout } from '../geometry/pad-layout.js';
import { normalCdf } from '../math/normal.js';
import { defaultParams } from '../params.js';
import { adhesionModel, loadMomentIntegral, normalisedLoad } from './adhesion.js';
import { annealClosureNm } from './anneal-closure.js';
import { copperLogYield, padCopperLog } from './copper-yield.js';
import { recessWindow } from './recess-window.js';

describe('anneal closure', () => {
  it('zeta0 = 0.106 nm/K * 275 K = 29.15 nm at the defaults (docs/physics.md §4)', () => {
    expect(annealClosureNm(defaultParams.copper)).toBeCloseTo(29.15, 10);
  });
});

describe('adhesion model', () => {
  it('1.5-moment integral: at s = 0 it is 2^(1/4) Gamma(5/4) = 1.0779', () => {
    // Gamma(5/4) = 0.9064024770554771
    expect(loadMomentIntegral(0)).toBeCloseTo(2 ** 0.25 * 0.9064024770554771, 10);
  });
  it('theta = (E/2 / w) sqrt((sqrt2 sigma)^3 / Ra) and P(s*) = 0', () => {
    const c = defaultParams.copper;
    const m = adhesionModel(c);
    expect(m.theta).toBeCloseTo((36.5e9 / 1.3) * Math.sqrt((Math.SQRT2 * 1e-9) ** 3 / 2e-6), 8);
    expect(Math.abs(normalisedLoad(m.sStar, m.theta, c.c))).toBeLessThan(1e-12);
    expect(normalisedLoad(m.sStar - 0.1, m.theta, c.c)).toBeGreaterThan(0);
    expect(normalisedLoad(m.sStar + 0.1, m.theta, c.c)).toBeLessThan(0);
  });
  it('zeta1 floors at 0 at the defaults (sigmaMax / (kPeel Dcu) exceeds dish0)', () => {
    const m = adhesionModel(defaultParams.copper);
    const dcu = Math.PI / 16;
    expect(m.sigmaMax / (6.66e15 * dcu)).toBeGreaterThan(75e-9);
    expect(recessWindow(defaultParams).zeta1Nm).toBe(0);
  });
});

describe('copper yield', () => {
  // Independent: g ~ N(-20, sqrt 2) nm, window [-29.15, 0]: 1 - q = Phi(-9.15/sqrt2) + Phi(-20/sqrt2).
  const oneMinusQ = normalCdf(-9.15 / Math.SQRT2) + normalCdf(-20 / Math.SQRT2);
  it('1 - q ~ 5e-11 at the defaults', () => {
    const { logGood, logBad } = padCopperLog(defaultParams);
    expect(oneMinusQ).toBeGreaterThan(4.5e-11);
    expect(oneMinusQ).toBeLessThan(5.5e-11);
    expect(-logGood / oneMinusQ).toBeCloseTo(1, 9);
    expect(Math.exp(logBad) / oneMinusQ).toBeCloseTo(1, 9);
  });
  it('Ycu = 0.99995 for 1e6 pads and 0.99511 for 1e8 pads', () => {
    const y6 = Math.exp(copperLogYield(defaultParams, padLayout(defaultParams)));
    expect(y6).toBeCloseTo(0.99995, 5);
    const p1 = { ...defaultParams, pads: { ...defaultParams.pads, p: 1 } };
    expect(Math.exp(copperLogYield(p1, padLayout(p1)))).toBeCloseTo(0.99511, 5);
  });
  it('a redundant logical pad fails only when all its copies fail', () => {
    const layout = { blockUm: 10000, redundantCopies: 2, rows: [['redundant' as const]] };
    const p = { ...defaultParams, pads: { ...defaultParams.pads, layout } };
    const l = padLayout(p);
    expect(l.criticalLogicalPads).toBe(500000);
    expect(copperLogYield(p, l)).toBeCloseTo(-500000 * oneMinusQ * oneMinusQ, 25);
  });
});

describe('roughness bound when it binds (zeta1 > 0)', () => {
  // Reference values from an independent computation (python, composite Simpson on [s, s + 40] with
  // 20000 intervals and bisection for P(s*) = 0, written from docs/physics.md §4 alone):
  // theta = 1.055861637674257, s* = -2.60369941820243, A* = 0.5729015599046254,
  // sigmaMax = 1.4410116152128553e8 Pa; with kPeel = 1.1e16 (p = 10, Dcu = pi/16):
  // zeta1 = 2e9 (75e-9 - sigmaMax / (kPeel Dcu)) = 16.56342015187653 nm.
  const p = { ...defaultParams, copper: { ...defaultParams.copper, kPeel: 1.1e16 } };

  it('matches the adhesion model computed independently', () => {
    const m = adhesionModel(p.copper);
    expect(m.sStar).toBeCloseTo(-2.60369941820243, 8);
    expect(m.aStar / 0.5729015599046254).toBeCloseTo(1, 9);
    expect(m.sigmaMax / 1.4410116152128553e8).toBeCloseTo(1, 9);
    expect(recessWindow(p).zeta1Nm).toBeCloseTo(16.56342015187653, 6);
  });

  it('loses pads on both sides of the window: 1 - q = Phi(-9.15/sqrt2) + Phi(-(20 - zeta1)/sqrt2)', () => {
    const oneMinusQ = normalCdf(-9.15 / Math.SQRT2) + normalCdf(-(20 - 16.56342015187653) / Math.SQRT2);
    expect(oneMinusQ).toBeCloseTo(0.00754880916, 9); // the python reference, same formula
    const { logGood } = padCopperLog(p);
    expect(-Math.expm1(logGood) / oneMinusQ).toBeCloseTo(1, 8);
  });
});
