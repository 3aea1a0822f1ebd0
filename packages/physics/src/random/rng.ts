/**
 * Seeded pseudo-random generator: xoshiro128** 1.1 (Blackman & Vigna, 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c), period 2^128 - 1.
 *
 * Why this one: it runs on 32-bit integer arithmetic (Math.imul), which V8
 * executes without BigInt allocation, and passes BigCrush. A 53-bit double
 * takes two outputs.
 *
 * Seeding (documented so other implementations can reproduce a run): the seed
 * is a non-negative integer below 2^53. Its low and high 32-bit words are fed
 * to SplitMix32 (the 32-bit finaliser of MurmurHash3 applied to a Weyl
 * sequence with increment 0x9e3779b9) to fill the four state words, so nearby
 * seeds give unrelated streams and the state is never all zero.
 */
export interface Rng {
  /** Next raw 32-bit output, as an unsigned integer in [0, 2^32). */
  nextU32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
}

/** The generator with an explicit 4-word state (for known-answer tests). */
export function xoshiro128ss(s0: number, s1: number, s2: number, s3: number): Rng {
  let a = s0 | 0;
  let b = s1 | 0;
  let c = s2 | 0;
  let d = s3 | 0;
  if ((a | b | c | d) === 0) throw new RangeError('xoshiro128**: state must not be all zero');
  const nextU32 = (): number => {
    const x = Math.imul(b, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return result >>> 0;
  };
  return {
    nextU32,
    uniform(): number {
      const hi = nextU32() >>> 5; // 27 bits
      const lo = nextU32() >>> 6; // 26 bits
      return (hi * 67108864 + lo) / 9007199254740992;
    },
  };
}

/** SplitMix32 step: returns [output, next Weyl state]. */
function splitMix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [z >>> 0, next];
}

/** A generator seeded from an integer seed in [0, 2^53) (see the module comment). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let w = lo ^ Math.imul(hi, 0x27d4eb2f);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [out, next] = splitMix32(w);
    words.push(out);
    w = next;
    if (i === 1) w ^= hi; // mix the high word in again so (lo, hi) pairs do not collide trivially
  }
  const [a, b, c, d] = words as [number, number, number, number];
  // SplitMix32 is a bijection of its state, so four zero outputs cannot happen in a row; guard anyway.
  return (a | b | c | d) === 0 ? xoshiro128ss(1, 0, 0, 0) : xoshiro128ss(a, b, c, d);
}
