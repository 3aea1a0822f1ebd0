import { describe, expect, it } from 'vitest';
import { normal, pareto, poisson } from './distributions.js';
import { createRng } from './rng.js';

describe('normal', () => {
  it('has the requested mean and sigma (5-sigma bounds on the sample moments)', () => {
    const rng = createRng(1);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = normal(rng, 3, 2);
      s += x;
      s2 += (x - 3) ** 2;
      s4 += ((x - 3) / 2) ** 4;
    }
    expect(Math.abs(s / n - 3)).toBeLessThan((5 * 2) / Math.sqrt(n));
    // var of the sample variance of N(0, 4) is 2*16/n
    expect(Math.abs(s2 / n - 4)).toBeLessThan(5 * Math.sqrt(32 / n));
    // kurtosis 3 (var of x^4 for N(0,1) is 105 - 9 = 96)
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });
});

describe('pareto', () => {
  it('follows the survival (t0/t)^(z-1) at several thresholds', () => {
    const rng = createRng(2);
    const n = 100000;
    const t0 = 0.1;
    const z = 3;
    const xs = Float64Array.from({ length: n }, () => pareto(rng, t0, z));
    for (const t of [0.1, 0.15, 0.3, 1]) {
      const p = (t0 / t) ** (z - 1);
      const frac = xs.filter((x) => x >= t).length / n;
      expect(Math.abs(frac - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
    }
  });
});

/** Poisson pmf computed by the recurrence in log space (independent of the sampler's code). */
function pmf(mu: number, k: number): number {
  let lp = -mu;
  for (let i = 1; i <= k; i++) lp += Math.log(mu / i);
  return Math.exp(lp);
}

describe('poisson', () => {
  for (const mu of [0.3, 4, 9.9, 10, 35, 707, 7068.6]) {
    it(`mean ${mu}: sample mean/variance and a chi-square test on the pmf`, () => {
      const rng = createRng(Math.round(mu * 1000));
      const n = 10000;
      const counts = new Map<number, number>();
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(rng, mu);
        if (!(Number.isInteger(k) && k >= 0)) throw new Error(`bad deviate ${k}`);
        counts.set(k, (counts.get(k) ?? 0) + 1);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(mu / n));
      // the sample variance of a Poisson has variance ~ (mu + 2 mu^2)/n
      expect(Math.abs(variance - mu)).toBeLessThan(5 * Math.sqrt((mu + 2 * mu * mu) / n));
      // chi-square over bins with expected count >= 20 (+ the two tails pooled)
      const lo = Math.max(0, Math.floor(mu - 4 * Math.sqrt(mu)));
      const hi = Math.ceil(mu + 4 * Math.sqrt(mu)) + 2;
      let chi2 = 0;
      let dof = -1;
      let pooledE = 0;
      let pooledO = 0;
      let inside = 0;
      for (let k = lo; k <= hi; k++) {
        const e = n * pmf(mu, k);
        const o = counts.get(k) ?? 0;
        inside += o;
        if (e >= 20) {
          chi2 += (o - e) ** 2 / e;
          dof++;
        } else {
          pooledE += e;
          pooledO += o;
        }
      }
      let pIn = 0;
      for (let k = lo; k <= hi; k++) pIn += pmf(mu, k);
      pooledE += n * (1 - pIn);
      pooledO += n - inside;
      if (pooledE >= 5) {
        chi2 += (pooledO - pooledE) ** 2 / pooledE;
        dof++;
      }
      // chi-square mean dof, sd sqrt(2 dof): 5 sd bound
      expect(chi2).toBeLessThan(dof + 5 * Math.sqrt(2 * dof));
    });
  }

  it('rejects a negative or NaN mean', () => {
    expect(() => poisson(createRng(1), -1)).toThrow(RangeError);
    expect(() => poisson(createRng(1), Number.NaN)).toThrow(RangeError);
    expect(poisson(createRng(1), 0)).toBe(0);
  });
});
