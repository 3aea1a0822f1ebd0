import { describe, expect, it } from 'vitest';
import { checkStability } from './stability.js';

describe('checkStability', () => {
  it('EWMA: stable iff 0 < w·xi < 2 over the assumed range, and says why', () => {
    expect(
      checkStability({ kind: 'ewma', w: 0.5, gain: 1, target: 0, gainRatioRange: [0.5, 3.9] }).stable,
    ).toBe(true);
    const r = checkStability({ kind: 'ewma', w: 0.8, gain: 1, target: 0, gainRatioRange: [0.5, 3] });
    expect(r.stable).toBe(false);
    expect(r.unstableAt).toBeGreaterThanOrEqual(2.5);
    expect(r.unstableAt).toBeLessThan(2.52);
    expect(r.message).toMatch(/xi in \(0, 2\.5\)/);
    // A sign error in the model gain (xi < 0) is always unstable.
    expect(checkStability({ kind: 'ewma', w: 0.2, gain: 1, target: 0, gainRatioRange: [-1, 1] }).stable).toBe(
      false,
    );
  });
  it('double EWMA with matched gain is stable; a large drift weight with a high gain ratio is not', () => {
    expect(checkStability({ kind: 'dewma', w: 0.3, w2: 0.2, gain: 1, target: 0 }).stable).toBe(true);
    expect(
      checkStability({ kind: 'dewma', w: 0.9, w2: 0.9, gain: 1, target: 0, gainRatioRange: [1, 2] }).stable,
    ).toBe(false);
  });
});
