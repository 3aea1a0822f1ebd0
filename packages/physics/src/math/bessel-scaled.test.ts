import { describe, expect, it } from 'vitest';
import { besselI0e, besselI1e } from './bessel-scaled.js';

// Independent: I_n(z) = (1/pi) int_0^pi e^{z cos t} cos(n t) dt (A&S 9.6.19), scaled by e^{-z};
// the trapezoid rule on this periodic integrand converges geometrically.
function integralScaled(n: number, z: number): number {
  const m = 4000;
  let s = 0;
  for (let k = 0; k <= m; k++) {
    const t = (Math.PI * k) / m;
    const f = Math.exp(z * (Math.cos(t) - 1)) * Math.cos(n * t);
    s += k === 0 || k === m ? f / 2 : f;
  }
  return s / m;
}

describe('scaled Bessel I0, I1', () => {
  it('matches tabulated values at z = 1 (A&S table 9.8)', () => {
    expect(besselI0e(1) * Math.E).toBeCloseTo(1.2660658777520082, 14);
    expect(besselI1e(1) * Math.E).toBeCloseTo(0.5651591039924851, 14);
  });
  it('matches the integral representation across the series/asymptotic switch', () => {
    for (const z of [0, 0.3, 2, 9, 16.9, 17.1, 40, 300]) {
      expect(Math.abs(besselI0e(z) / integralScaled(0, z) - 1)).toBeLessThan(1e-12);
      if (z > 0) expect(Math.abs(besselI1e(z) / integralScaled(1, z) - 1)).toBeLessThan(1e-12);
    }
  });
  it('rejects negative arguments', () => {
    expect(() => besselI0e(-1)).toThrow(RangeError);
  });
});
