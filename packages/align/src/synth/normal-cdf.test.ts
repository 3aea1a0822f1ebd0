import { describe, expect, it } from 'vitest';
import { erf, normalCdf, normalCdfIntegral } from './normal-cdf.js';

describe('erf / normalCdf', () => {
  it('matches tabulated values (Abramowitz & Stegun table 7.1, 15 digits)', () => {
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBeCloseTo(0.520499877813047, 14);
    expect(erf(1)).toBeCloseTo(0.842700792949715, 14);
    expect(erf(2)).toBeCloseTo(0.995322265018953, 14);
    expect(erf(-1.5)).toBeCloseTo(-0.966105146475311, 14);
    expect(1 - erf(4)).toBeCloseTo(1.541725790028002e-8, 15);
  });

  it('Phi(1.959963984540054) = 0.975 (the two-sided 95% quantile)', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
  });

  it('Psi differences equal a numerical integral of Phi (Simpson, 2000 panels)', () => {
    const a = -2.3;
    const b = 1.7;
    const n = 2000;
    const h = (b - a) / n;
    let s = normalCdf(a) + normalCdf(b);
    for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * normalCdf(a + i * h);
    expect(normalCdfIntegral(b) - normalCdfIntegral(a)).toBeCloseTo((s * h) / 3, 11);
    expect(normalCdfIntegral(20)).toBe(20);
    expect(normalCdfIntegral(-20)).toBe(0);
  });
});
