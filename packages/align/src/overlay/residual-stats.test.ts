import { describe, expect, it } from 'vitest';
import { axisStats } from './residual-stats.js';

describe('axisStats', () => {
  it('matches hand-computed values', () => {
    // residuals 1, -1, 2, 2: mean 1, deviations 0,-2,1,1 -> sample var 6/3 = 2.
    // measured 0, 2, 4, 6: mean 3, SS_tot = 9+1+1+9 = 20; SS_res = 1+1+4+4 = 10 -> R² = 0.5.
    const s = axisStats([1, -1, 2, 2], [0, 2, 4, 6]);
    expect(s.n).toBe(4);
    expect(s.mean).toBeCloseTo(1, 15);
    expect(s.sigma).toBeCloseTo(Math.SQRT2, 15);
    expect(s.mean3sigma).toBeCloseTo(1 + 3 * Math.SQRT2, 14);
    expect(s.maxAbs).toBe(2);
    expect(s.r2).toBeCloseTo(0.5, 15);
  });
  it('gives r2 null, not NaN, when the measured values are constant', () => {
    expect(axisStats([0, 0], [3, 3]).r2).toBeNull();
    expect(axisStats([5], [3]).sigma).toBe(0);
  });
});
