import { describe, expect, it } from 'vitest';
import { capability, chiSquareQuantile } from './capability.js';

/** n values with mean m and sample standard deviation s exactly: half at m − a, half at m + a. */
function sample(n: number, m: number, s: number): number[] {
  // Σ(x − m)² = n·a² = (n − 1)·s²  →  a = s·√((n − 1)/n).
  const a = s * Math.sqrt((n - 1) / n);
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? m - a : m + a));
}

describe('chiSquareQuantile', () => {
  // Percentage points of the chi-square distribution, Montgomery 7th ed. Appendix III (any
  // standard table, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.4), printed to 3 decimals.
  it.each([
    [0.025, 19, 8.907],
    [0.975, 19, 32.852],
    [0.95, 1, 3.841],
    [0.05, 10, 3.94],
    [0.95, 10, 18.307],
    [0.99, 100, 135.807],
    [0.005, 2, 0.01],
  ])('p = %d, %i degrees of freedom: %d', (p, df, expected) => {
    expect(chiSquareQuantile(p, df)).toBeCloseTo(expected, 3);
  });

  it('is accurate for a small n where Wilson–Hilferty is not: χ²(0.005; 1) = 3.927e-5', () => {
    // Table value 0.0000393 (Appendix III, df 1, 0.995 upper point). Wilson–Hilferty,
    // (1 − 2/9 − 2.5758·√(2/9))³ = (−0.4364)³, would give a negative value here.
    expect(chiSquareQuantile(0.005, 1)).toBeCloseTo(3.927e-5, 7);
  });
});

describe('capability', () => {
  it('Cp and its chi-square interval: Montgomery §8.3.6 worked example (USL 62, LSL 38, n = 20, s = 1.75)', () => {
    // Ĉp = 24/(6·1.75) = 2.2857 (Montgomery rounds to 2.29); 95 %: χ²(0.025; 19) = 8.907,
    // χ²(0.975; 19) = 32.852: 2.2857·√(8.907/19) = 1.565 ≤ Cp ≤ 2.2857·√(32.852/19) = 3.006
    // (Montgomery, from 2.29: 1.57 ≤ Cp ≤ 3.01).
    const r = capability(sample(20, 50, 1.75), { lsl: 38, usl: 62, sigmaWithin: 1.75 });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.cp?.value).toBeCloseTo(2.2857, 4);
    expect(r.value.cp?.lower).toBeCloseTo(1.565, 3);
    expect(r.value.cp?.upper).toBeCloseTo(3.006, 3);
    // With the overall SD equal to 1.75, Pp and its interval are the same numbers.
    expect(r.value.sigmaOverall).toBeCloseTo(1.75, 12);
    expect(r.value.pp?.lower).toBeCloseTo(1.565, 3);
  });

  it('Cpk of an off-centre process: Montgomery §8.3.3 (USL 62, LSL 38, μ 53, σ 2 → Cpk 1.5)', () => {
    // Cpu = (62 − 53)/(3·2) = 1.5, Cpl = (53 − 38)/(3·2) = 2.5, Cpk = min = 1.5; Cp = 24/12 = 2.
    const r = capability(sample(50, 53, 2), { lsl: 38, usl: 62, sigmaWithin: 2 });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.cpk.value).toBeCloseTo(1.5, 12);
    expect(r.value.cp?.value).toBeCloseTo(2, 12);
  });

  it("Cpk's interval by Bissell's approximation: Montgomery §8.3.6 worked example (n = 20, Ĉpk = 1.33)", () => {
    // 1.33·[1 ∓ 1.96·√(1/(9·20·1.33²) + 1/(2·19))] = 1.33·[1 ∓ 0.3364] → 0.88 ≤ Cpk ≤ 1.78
    // (Montgomery eq. 8.20 and its worked example). Here USL 62, μ 50, σw = 12/(3·1.33) so Ĉpk = 1.33.
    const r = capability(sample(20, 50, 3), { lsl: 38, usl: 62, sigmaWithin: 12 / (3 * 1.33) });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.cpk.value).toBeCloseTo(1.33, 12);
    expect(r.value.cpk.lower).toBeCloseTo(0.8826, 3);
    expect(r.value.cpk.upper).toBeCloseTo(1.7774, 3);
    // Ppk from the overall s = 3: 12/9 = 1.3333.
    expect(r.value.ppk.value).toBeCloseTo(4 / 3, 12);
  });

  it('one spec limit: Cpk is Cpu, Cp and Pp are null; Cpm with a target', () => {
    const r = capability(sample(10, 50, 2), { usl: 56, sigmaWithin: 2 });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.cp).toBeNull();
    expect(r.value.pp).toBeNull();
    expect(r.value.cpk.value).toBeCloseTo(1, 12);
    expect(r.value.cpm).toBeNull();
    // Cpm = (USL − LSL)/(6√(s² + (μ − T)²)) = 24/(6·√(4 + 1)) = 1.7889 (Montgomery eq. 8.23 form).
    const t = capability(sample(10, 50, 2), { lsl: 38, usl: 62, target: 51, sigmaWithin: 2 });
    expect(t.ok && t.value.cpm).toBeCloseTo(24 / (6 * Math.sqrt(5)), 12);
  });

  it('keeps a negative Cpk interval ordered', () => {
    // Mean 65 above USL 62: Cpk = −3/(3·1) = −1.
    const r = capability(sample(20, 65, 1), { lsl: 38, usl: 62, sigmaWithin: 1 });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.cpk.value).toBeCloseTo(-1, 12);
    expect(r.value.cpk.lower).toBeLessThan(-1);
    expect(r.value.cpk.upper).toBeGreaterThan(-1);
  });

  it('names bad input by field', () => {
    const both = capability([1, 2], { sigmaWithin: 1 });
    expect(!both.ok && both.issues.map((i) => i.path)).toEqual(['usl']);
    const crossed = capability([1, 2], { lsl: 5, usl: 4, sigmaWithin: 1 });
    expect(!crossed.ok && crossed.issues.map((i) => i.path)).toEqual(['lsl']);
    const conf = capability([1, 2], { usl: 4, sigmaWithin: 1, confidence: 1.2 });
    expect(!conf.ok && conf.issues.map((i) => [i.code, i.path])).toEqual([['out-of-range', 'confidence']]);
    const sig = capability([1, 2], { usl: 4, sigmaWithin: -1 });
    expect(!sig.ok && sig.issues.map((i) => i.path)).toEqual(['sigmaWithin']);
    const few = capability([1], { usl: 4, sigmaWithin: 1 });
    expect(!few.ok && few.issues[0]?.code).toBe('too-few');
    const flat = capability([1, 1, 1], { usl: 4, sigmaWithin: 1 });
    expect(!flat.ok && flat.issues[0]?.code).toBe('zero-variation');
    const nan = capability([1, Number.NaN], { usl: 4, sigmaWithin: 1 });
    expect(!nan.ok && nan.issues.map((i) => i.path)).toEqual(['values[1]']);
  });
});
