import { describe, expect, it } from 'vitest';
import { chartConstants } from './spc-constants.js';

// Montgomery, Introduction to Statistical Quality Control, 7th ed., Appendix VI "Factors for
// Constructing Variables Control Charts" (the same values as ASTM STP 15D and NIST/SEMATECH
// e-Handbook §6.3.2), printed to 3 decimals (c4 to 4). Columns: n, A2, A3, c4, B3, B4, d2, d3, D3, D4.
const APPENDIX_VI: readonly (readonly number[])[] = [
  [2, 1.88, 2.659, 0.7979, 0, 3.267, 1.128, 0.853, 0, 3.267],
  [3, 1.023, 1.954, 0.8862, 0, 2.568, 1.693, 0.888, 0, 2.574],
  [4, 0.729, 1.628, 0.9213, 0, 2.266, 2.059, 0.88, 0, 2.282],
  [5, 0.577, 1.427, 0.94, 0, 2.089, 2.326, 0.864, 0, 2.114],
  [6, 0.483, 1.287, 0.9515, 0.03, 1.97, 2.534, 0.848, 0, 2.004],
  [7, 0.419, 1.182, 0.9594, 0.118, 1.882, 2.704, 0.833, 0.076, 1.924],
  [8, 0.373, 1.099, 0.965, 0.185, 1.815, 2.847, 0.82, 0.136, 1.864],
  [9, 0.337, 1.032, 0.9693, 0.239, 1.761, 2.97, 0.808, 0.184, 1.816],
  [10, 0.308, 0.975, 0.9727, 0.284, 1.716, 3.078, 0.797, 0.223, 1.777],
  [15, 0.223, 0.789, 0.9823, 0.428, 1.572, 3.472, 0.756, 0.347, 1.653],
  [20, 0.18, 0.68, 0.9869, 0.51, 1.49, 3.735, 0.729, 0.415, 1.585],
  [25, 0.153, 0.606, 0.9896, 0.565, 1.435, 3.931, 0.708, 0.459, 1.541],
];

describe('chartConstants', () => {
  it.each(APPENDIX_VI)('n = %i matches Montgomery Appendix VI to its printed precision', (n, ...row) => {
    const c = chartConstants(n ?? 0);
    const [A2, A3, c4, B3, B4, d2, d3, D3, D4] = row;
    // The table rounds (and for D3/D4 works from rounded d2, d3): within 1 unit of its last digit.
    expect(Math.abs(c.A2 - (A2 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.A3 - (A3 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.c4 - (c4 ?? 0))).toBeLessThanOrEqual(0.0001);
    expect(Math.abs(c.B3 - (B3 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.B4 - (B4 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.d2 - (d2 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.d3 - (d3 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.D3 - (D3 ?? 0))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(c.D4 - (D4 ?? 0))).toBeLessThanOrEqual(0.001);
  });

  it('n = 2 matches the closed forms', () => {
    // R = |X1 − X2| with X1 − X2 ~ N(0, 2σ²): E[R] = 2σ/√π, E[R²] = 2σ², so d2 = 2/√π and
    // d3 = √(2 − 4/π); c4(2) = √(2/π) (Γ(1)/Γ(1/2) = 1/√π).
    const c = chartConstants(2);
    expect(c.d2).toBeCloseTo(2 / Math.sqrt(Math.PI), 6);
    expect(c.d3).toBeCloseTo(Math.sqrt(2 - 4 / Math.PI), 9);
    expect(c.c4).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
  });

  it('c4 follows its gamma-function definition for odd n too', () => {
    // c4(3) = √(2/2)·Γ(3/2)/Γ(1) = √π/2 = 0.886227; c4(5) = √(2/4)·Γ(5/2)/Γ(2) = (3√π/4)/√2 = 0.939986.
    expect(chartConstants(3).c4).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
    expect(chartConstants(5).c4).toBeCloseTo((3 * Math.sqrt(Math.PI)) / 4 / Math.SQRT2, 12);
  });

  it('covers subgroup sizes 2..50 and refuses others', () => {
    for (let n = 2; n <= 50; n += 12) {
      const c = chartConstants(n);
      expect(c.A2).toBeCloseTo(3 / (c.d2 * Math.sqrt(n)), 12);
      expect(c.D4 - 1).toBeCloseTo(1 - (c.D3 === 0 ? 1 - (3 * c.d3) / c.d2 : c.D3), 12);
    }
    expect(() => chartConstants(1)).toThrow(RangeError);
    expect(() => chartConstants(51)).toThrow(RangeError);
    expect(() => chartConstants(2.5)).toThrow(RangeError);
  });
});
