import { describe, expect, it } from 'vitest';
import { normalCdf } from '../math/normal.js';
import { defaultParams } from '../params.js';
import { analyticYield } from './analytic-yield.js';

describe('analyticYield', () => {
  const r = analyticYield(defaultParams);

  it('covers the 540 dies with dmax from docs/physics.md §2', () => {
    expect(r.dies).toHaveLength(540);
    expect(r.dCAUm).toBeCloseTo(2.3042, 3); // topRatio 2/3 (the 2.30417 check uses 0.667)
    expect(r.dmaxUm).toBe(Math.min(r.dCAUm, r.dCDUm));
  });
  it('multiplies independent mechanisms per die and averages over dies', () => {
    for (let i = 0; i < r.dies.length; i += 37) {
      const o = r.perDie.overlay[i] as number;
      const v = r.perDie.void[i] as number;
      const c = r.perDie.cu[i] as number;
      expect(r.perDie.total[i]).toBeCloseTo(o * v * c, 15);
      expect(v).toBeCloseTo(Math.exp(-(r.perDie.lambda[i] as number)), 15);
    }
    const mean = Array.from(r.perDie.total).reduce((a, b) => a + b, 0) / 540;
    expect(r.yield.total).toBeCloseTo(mean, 14);
  });
  it('gives Ycu = exp(-1e6 (1-q)) with 1 - q = Phi(-9.15/sqrt2) + Phi(-20/sqrt2) and overlay 1 at the defaults', () => {
    const oneMinusQ = normalCdf(-9.15 / Math.SQRT2) + normalCdf(-20 / Math.SQRT2);
    expect(r.yield.cu / Math.exp(-1e6 * oneMinusQ)).toBeCloseTo(1, 10);
    expect(r.yield.overlay).toBe(1);
  });
  it('charges lost dies to causes that add up to the yield loss', () => {
    const lost = r.lostBy.overlay + r.lostBy.void + r.lostBy.cu;
    expect(lost).toBeCloseTo(1 - r.yield.total, 14);
    expect(r.lostBy.void).toBeGreaterThan(r.lostBy.cu);
  });
  it('dies near the edge lose more to voids than the centre die (longer tails)', () => {
    let centre = 0;
    let edge = 0;
    r.dies.forEach((d, i) => {
      if (Math.hypot(d.cx, d.cy) < Math.hypot(r.dies[centre]!.cx, r.dies[centre]!.cy)) centre = i;
      if (Math.hypot(d.cx, d.cy) > Math.hypot(r.dies[edge]!.cx, r.dies[edge]!.cy)) edge = i;
    });
    expect(r.perDie.lambda[edge]).toBeGreaterThan(r.perDie.lambda[centre] as number);
  });
});
