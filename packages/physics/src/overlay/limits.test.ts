import { describe, expect, it } from 'vitest';
import { integrateGL } from '../math/gauss-legendre.js';
import { defaultParams } from '../params.js';
import { lensArea } from './lens-area.js';
import { contactAreaLimit, overlayLimits } from './limits.js';

// Independent lens area: integrate the overlap of the two discs' vertical chords along x.
function lensNumeric(r1: number, r2: number, d: number): number {
  const lo = Math.max(-r1, d - r2);
  const hi = Math.min(r1, d + r2);
  if (hi <= lo) return 0;
  const chord = (x: number): number => {
    const h1 = Math.sqrt(Math.max(0, r1 * r1 - x * x));
    const h2 = Math.sqrt(Math.max(0, r2 * r2 - (x - d) * (x - d)));
    return 2 * Math.min(h1, h2);
  };
  return integrateGL(chord, lo, hi, 20, 400);
}

describe('lens area', () => {
  it('matches chord integration', () => {
    for (const [r1, r2, d] of [
      [2.5, 1.6675, 2.3],
      [1, 1, 1],
      [3, 1, 2.5],
      [1, 2, 0.5],
    ] as const) {
      expect(lensArea(r1, r2, d)).toBeCloseTo(lensNumeric(r1, r2, d), 6);
    }
  });
  it('is the smaller disc when contained and 0 when apart', () => {
    expect(lensArea(3, 1, 1)).toBeCloseTo(Math.PI, 14);
    expect(lensArea(1, 1, 2.01)).toBe(0);
  });
});

describe('overlay limits', () => {
  it('gives dCA = 2.30417 and dCD = 3.3325 for p = 10, Rb = 2.5, Rt = 2.5*0.667 (docs/physics.md §2)', () => {
    expect(contactAreaLimit(2.5, 2.5 * 0.667, 0.5)).toBeCloseTo(2.30417, 5);
    const p = { ...defaultParams, pads: { p: 10, botRatio: 0.5, topRatio: 0.667 } };
    const l = overlayLimits(p);
    expect(l.dCD).toBeCloseTo(3.3325, 12);
    expect(l.dmax).toBe(l.dCA);
  });
  it('solves the area condition', () => {
    const d = contactAreaLimit(2.5, 1.7, 0.3);
    expect(lensArea(2.5, 1.7, d) / (0.3 * Math.PI * 1.7 * 1.7)).toBeCloseTo(1, 10);
  });
});
