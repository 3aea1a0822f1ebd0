import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ss } from './rng.js';

// Independent reference: the xoshiro128** recurrence written with BigInt and explicit 32-bit masking,
// transcribed from https://prng.di.unimi.it/xoshiro128starstar.c rather than from rng.ts.
function referenceOutputs(state: [number, number, number, number], count: number): number[] {
  const M = 0xffffffffn;
  const s = state.map((v) => BigInt(v));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const [s0, s1, s2, s3] = s as [bigint, bigint, bigint, bigint];
    out.push(Number((rotl((s1 * 5n) & M, 7n) * 9n) & M));
    const t = (s1 << 9n) & M;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    s[0] = n0;
    s[1] = n1;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11n);
  }
  return out;
}

describe('xoshiro128**', () => {
  it('first output from state (1,2,3,4) is rotl(2*5, 7)*9 = 11520', () => {
    expect(xoshiro128ss(1, 2, 3, 4).nextU32()).toBe(11520);
  });

  it('matches an independent BigInt implementation for 1000 outputs', () => {
    const states: [number, number, number, number][] = [
      [1, 2, 3, 4],
      [0xdeadbeef, 0x01234567, 0x89abcdef, 0xfedcba98],
    ];
    for (const st of states) {
      const rng = xoshiro128ss(...st);
      const got = Array.from({ length: 1000 }, () => rng.nextU32());
      expect(got).toEqual(referenceOutputs(st, 1000));
    }
  });

  it('refuses the all-zero state', () => {
    expect(() => xoshiro128ss(0, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('createRng', () => {
  it('same seed gives the same stream; different seeds differ', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 8 }, () => a.uniform());
    expect(Array.from({ length: 8 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 8 }, () => c.uniform())).not.toEqual(xa);
    const big = createRng(2 ** 40 + 42);
    expect(big.uniform()).not.toBe(createRng(42).uniform());
  });

  it('uniform() lies in [0,1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(7);
    const n = 100000;
    let sum = 0;
    let sum2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sum2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // standard error of the mean = sqrt(1/12/n) = 6.5e-4; allow 5 sigma
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sum2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});
