import { describe, expect, it } from 'vitest';
import { mean3Sigma } from './overlay-spread.js';

describe('mean3Sigma', () => {
  it('is |mean| + 3 sample sigma (hand-computed, as align residual-stats.test.ts)', () => {
    // align's case: 1, -1, 2, 2: mean 1, deviations 0, -2, 1, 1, sample variance 6/3 = 2.
    expect(mean3Sigma([1, -1, 2, 2])).toBeCloseTo(1 + 3 * Math.SQRT2, 14);
    // -1, -3: mean -2, sample sigma sqrt 2, so 2 + 3 sqrt 2.
    expect(mean3Sigma([-1, -3])).toBeCloseTo(2 + 3 * Math.SQRT2, 12);
  });

  it('is |value| for one site and 0 for none', () => {
    expect(mean3Sigma([-4.5])).toBe(4.5);
    expect(mean3Sigma([])).toBe(0);
  });
});
