import { describe, expect, it } from 'vitest';
import { OperatorRandom } from './operator-random.js';

const draws = (seed: number, n: number): number[] => {
  const r = new OperatorRandom(seed);
  return Array.from({ length: n }, () => r.nextUint32());
};

describe('OperatorRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    expect(draws(1, 20)).toEqual(draws(1, 20));
    expect(draws(1, 20)).not.toEqual(draws(2, 20));
  });

  it('uniform stays in [lo, hi) and uniformInteger covers lo..hi inclusive', () => {
    const r = new OperatorRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const u = r.uniform(-2, 3);
      expect(u).toBeGreaterThanOrEqual(-2);
      expect(u).toBeLessThan(3);
      seen.add(r.uniformInteger(4, 6));
    }
    expect([...seen].sort()).toEqual([4, 5, 6]);
  });

  it('normal has the requested mean and standard deviation (20,000 draws, 3 standard errors)', () => {
    const r = new OperatorRandom(42);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 10)).toBeLessThan((3 * 2) / Math.sqrt(n));
    expect(Math.abs(sd - 2)).toBeLessThan((3 * 2) / Math.sqrt(2 * n));
  });
});
