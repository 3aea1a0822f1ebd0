import { describe, expect, it } from 'vitest';
import { discreteGauss, gaussErrorFactor } from './discrete-gauss.js';

function exactSum(N: number, f: (u: number) => number): number {
  let s = 0;
  for (let i = 0; i < N; i++) s += f(i - (N - 1) / 2);
  return s;
}

describe('discrete Gauss rule over a pad row', () => {
  it('sums polynomials up to degree 2k-1 exactly', () => {
    for (const [N, k] of [
      [7, 3],
      [100, 4],
      [1000, 5],
      [12345, 6],
    ] as const) {
      const r = discreteGauss(N, k);
      for (let deg = 0; deg <= 2 * k - 1; deg++) {
        const f = (u: number): number => (u + 0.3 * N) ** deg;
        let q = 0;
        for (let i = 0; i < k; i++) q += (r.weights[i] as number) * f(r.nodes[i] as number);
        const ex = exactSum(N, f);
        expect(Math.abs(q - ex)).toBeLessThan(1e-11 * Math.abs(ex));
      }
    }
  });
  it('is the points themselves when k >= N', () => {
    const r = discreteGauss(3, 5);
    expect(Array.from(r.nodes)).toEqual([-1, 0, 1]);
    expect(Array.from(r.weights)).toEqual([1, 1, 1]);
  });
  it('has an error within the stated factor for an exponential', () => {
    const N = 2001;
    for (const lambda of [0.5, 3, 8]) {
      const rate = lambda / (N - 1);
      const ex = exactSum(N, (u) => Math.exp(rate * u));
      for (const k of [2, 3, 5]) {
        const r = discreteGauss(N, k);
        let q = 0;
        for (let i = 0; i < k; i++) q += (r.weights[i] as number) * Math.exp(rate * (r.nodes[i] as number));
        expect(Math.abs(q - ex) / ex).toBeLessThanOrEqual(gaussErrorFactor(lambda, k) + 1e-14); // + rounding floor
      }
    }
  });
});
