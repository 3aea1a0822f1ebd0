import { describe, expect, it } from 'vitest';
import { summariseTrace } from './trace-summary.js';

describe('summariseTrace', () => {
  it('gives count, mean, max, min, slope and time above threshold as computed by hand', () => {
    // Samples at 0, 1, 2, 3 s of 1, 3, 2, 6; threshold 2.5. By hand:
    // mean 12 / 4 = 3; max 6; min 1.
    // slope: t mean 1.5, Σ(t - 1.5)(v - 3) = (-1.5)(-2) + (-0.5)(0) + (0.5)(-1) + (1.5)(3) = 7,
    //   Σ(t - 1.5)² = 5, so 7 / 5 = 1.4 per second.
    // time above 2.5, linear between samples: 0-1 s (1 → 3) above from 0.75 s: 0.25 s; 1-2 s (3 → 2)
    //   above until 1.5 s: 0.5 s; 2-3 s (2 → 6) above from 2.125 s: 0.875 s; in all 1.625 s.
    const s = summariseTrace({ timesMs: [10_000, 11_000, 12_000, 13_000], values: [1, 3, 2, 6] }, 2.5);
    expect(s).toEqual({
      count: 4,
      mean: 3,
      max: 6,
      min: 1,
      slope: expect.any(Number),
      timeAboveS: expect.any(Number),
      threshold: 2.5,
    });
    expect(s?.slope).toBeCloseTo(1.4, 12);
    expect(s?.timeAboveS).toBeCloseTo(1.625, 12);
  });

  it('counts a whole segment above, none at the threshold itself, and uneven sample spacing', () => {
    // 0 s: 5, 0.5 s: 5, 2.5 s: 1 with threshold 1: above for 0.5 s, then 5 → 1 over 2 s, above until
    // the end (1 is not above 1): 0.5 + 2 = 2.5 s. Slope: t mean 1, Σ(t - 1)(v - 11/3) =
    // (-1)(4/3) + (-0.5)(4/3) + (1.5)(-8/3) = -6, Σ(t - 1)² = 1 + 0.25 + 2.25 = 3.5, -6 / 3.5.
    const s = summariseTrace({ timesMs: [0, 500, 2500], values: [5, 5, 1] }, 1);
    expect(s?.timeAboveS).toBeCloseTo(2.5, 12);
    expect(s?.slope).toBeCloseTo(-6 / 3.5, 12);
    expect(summariseTrace({ timesMs: [0, 1000], values: [1, 1] }, 1)?.timeAboveS).toBe(0);
  });

  it('handles one sample (no slope, no time) and none (undefined)', () => {
    expect(summariseTrace({ timesMs: [5], values: [7] }, 0)).toEqual({
      count: 1,
      mean: 7,
      max: 7,
      min: 7,
      slope: 0,
      timeAboveS: 0,
      threshold: 0,
    });
    expect(summariseTrace({ timesMs: [], values: [] }, 0)).toBeUndefined();
  });
});
