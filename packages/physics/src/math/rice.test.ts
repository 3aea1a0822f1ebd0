import { describe, expect, it } from 'vitest';
import { integrateGL } from './gauss-legendre.js';
import { normalCdf, normalPdf } from './normal.js';
import { marcumQ1, riceCdf, riceLogTails } from './rice.js';

// Independent of the Bessel-integral form: integrate the offset Gaussian over the disc in
// Cartesian slices x in [-b, b]; for each x the y-extent is +-sqrt(b^2 - x^2).
// With x = b sin(u) the square-root endpoint singularity disappears.
function cdfCartesian(a: number, b: number): number {
  return integrateGL(
    (u) => {
      const x = b * Math.sin(u);
      const hy = b * Math.cos(u);
      return normalPdf(x - a) * (normalCdf(hy) - normalCdf(-hy)) * b * Math.cos(u);
    },
    -Math.PI / 2,
    Math.PI / 2,
    20,
    64,
  );
}
// Survival as a sum of positive parts (no cancellation): outside the slab |x| <= b plus the
// parts of the slab beyond the circle.
function sfCartesian(a: number, b: number): number {
  const slab = integrateGL(
    (u) => {
      const x = b * Math.sin(u);
      const hy = b * Math.cos(u);
      return normalPdf(x - a) * 2 * normalCdf(-hy) * b * Math.cos(u);
    },
    -Math.PI / 2,
    Math.PI / 2,
    20,
    64,
  );
  return slab + normalCdf(a - b) + normalCdf(-a - b);
}

describe('Rice CDF / Marcum Q1', () => {
  it('is exact at a = 0: Q1(0, b) = exp(-b^2/2)', () => {
    for (const b of [0.1, 1, 3, 10, 115]) {
      expect(riceLogTails(0, b).logSf).toBeCloseTo(-(b * b) / 2, 9);
    }
  });
  it('matches Cartesian integration of the offset Gaussian over the disc', () => {
    for (const [a, b] of [
      [0.5, 1],
      [2, 2],
      [3, 2],
      [1, 4],
      [6, 3],
      [0.1, 0.1],
    ] as const) {
      expect(riceCdf(a, b, 1)).toBeCloseTo(cdfCartesian(a, b), 12);
      expect(marcumQ1(a, b)).toBeCloseTo(1 - cdfCartesian(a, b), 12);
    }
  });
  it('keeps relative precision in the far tails', () => {
    for (const [a, b] of [
      [2, 12],
      [5, 20],
      [1, 9],
    ] as const) {
      const ref = Math.log(sfCartesian(a, b));
      expect(Math.abs(riceLogTails(a, b).logSf - ref)).toBeLessThan(1e-9);
      // log P(pass) = log1p(-Q) must not round to 0 when Q ~ 1e-20.
      expect(Math.abs(riceLogTails(a, b).logCdf / -Math.exp(ref) - 1)).toBeLessThan(1e-9);
    }
    // CDF side: the pad is almost surely out (a >> b); compare with the slab integral.
    const ref = Math.log(cdfCartesian(12, 2));
    expect(Math.abs(riceLogTails(12, 2).logCdf - ref)).toBeLessThan(1e-9);
  });
  it('rejects negative arguments', () => {
    expect(() => riceLogTails(-1, 1)).toThrow(RangeError);
  });
});
