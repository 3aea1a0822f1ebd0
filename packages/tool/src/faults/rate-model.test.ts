import { describe, expect, it } from 'vitest';
import { firingProbability } from './rate-model.js';

describe('firingProbability', () => {
  it('per step: the scaled rate, capped at 1', () => {
    expect(firingProbability({ per: 'step', rate: 0.01 }, 1, 0, 5)).toBe(0.01);
    expect(firingProbability({ per: 'step', rate: 0.01 }, 3, 0, 5)).toBeCloseTo(0.03, 15);
    expect(firingProbability({ per: 'step', rate: 0.5 }, 4, 0, 5)).toBe(1);
    expect(firingProbability({ per: 'step', rate: 0 }, 4, 1000, 5)).toBe(0);
  });

  it('wear: the rate doubles after wearDoublingCount substrates and grows linearly', () => {
    const r = { per: 'step' as const, rate: 0.01, wearDoublingCount: 200 };
    expect(firingProbability(r, 1, 0, 0)).toBeCloseTo(0.01, 15);
    expect(firingProbability(r, 1, 200, 0)).toBeCloseTo(0.02, 15);
    expect(firingProbability(r, 1, 500, 0)).toBeCloseTo(0.035, 15);
  });

  it('per hour: a Poisson process over the time since the previous step', () => {
    // 3.6 per hour over 1000 s: expected 1 firing; P(at least one) = 1 - e^-1 = 0.6321205588 (Poisson).
    expect(firingProbability({ per: 'hour', rate: 3.6 }, 1, 0, 1000)).toBeCloseTo(0.6321205588, 9);
    // Small exposures: p ~ rate x dt (0.1 per hour over 36 s: 1e-3, less the second-order term 5e-7).
    expect(firingProbability({ per: 'hour', rate: 0.1 }, 1, 0, 36)).toBeCloseTo(0.001 - 5e-7, 9);
    expect(firingProbability({ per: 'hour', rate: 5 }, 1, 0, 0)).toBe(0);
  });
});
