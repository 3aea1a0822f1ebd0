import { describe, expect, it } from 'vitest';
import { fUpperQuantile, t2UpperLimit } from './t2-limit.js';

describe('F quantiles and the T² limit', () => {
  it('matches tabulated upper percentage points of the F distribution', () => {
    // Montgomery, Introduction to Statistical Quality Control, Appendix Table V, and the NIST/SEMATECH
    // e-Handbook of Statistical Methods §1.3.6.7.2 (upper critical values of the F distribution).
    const table: [alpha: number, d1: number, d2: number, f: number][] = [
      [0.05, 1, 10, 4.96],
      [0.05, 2, 20, 3.49],
      [0.05, 5, 20, 2.71],
      [0.05, 10, 60, 1.99],
      [0.01, 2, 12, 6.93],
      [0.01, 3, 30, 4.51],
      [0.01, 4, 40, 3.83],
    ];
    for (const [alpha, d1, d2, f] of table) expect(fUpperQuantile(alpha, d1, d2)).toBeCloseTo(f, 2);
  });

  it('gives the phase II limit p(m+1)(m-1)/(m(m-p)) F(alpha; p, m-p)', () => {
    // Hand computation: p = 2, m = 30, alpha = 0.05: 2 x 31 x 29 / (30 x 28) = 2.140476, F(0.05; 2, 28)
    // = 3.34 (tables as above; 3.3404 unrounded), so the limit is 2.140476 x 3.3404 = 7.150.
    expect(t2UpperLimit(2, 30, 0.05)).toBeCloseTo(7.15, 2);
    // With many reference runs the limit tends to the chi-square quantile: chi²(0.05; 2) = 5.991.
    expect(t2UpperLimit(2, 1_000_000, 0.05)).toBeCloseTo(5.991, 2);
  });

  it('refuses what has no limit', () => {
    expect(() => t2UpperLimit(3, 3, 0.05)).toThrow(RangeError);
    expect(() => fUpperQuantile(1, 2, 3)).toThrow(RangeError);
  });
});
