import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { lineNearRect, rectDistance } from './rect.js';

describe('rectDistance', () => {
  it('is 0 inside, the gap along an edge, the corner distance diagonally', () => {
    const r = { x0: 0, y0: 0, x1: 10, y1: 4 };
    expect(rectDistance(r, 5, 2)).toBe(0);
    expect(rectDistance(r, 5, 7)).toBe(3);
    expect(rectDistance(r, -2, 1)).toBe(2);
    expect(rectDistance(r, 13, 8)).toBe(5);
  });
});

describe('lineNearRect', () => {
  it('agrees with sampling the line densely (random lines, random deltas)', () => {
    const rng = createRng(5);
    const r = { x0: -3, y0: -1, x1: 4, y1: 2 };
    for (let k = 0; k < 200; k++) {
      const px = 20 * rng.uniform() - 10;
      const py = 20 * rng.uniform() - 10;
      const a = 2 * Math.PI * rng.uniform();
      const ux = Math.cos(a);
      const uy = Math.sin(a);
      const delta = 3 * rng.uniform();
      const span = lineNearRect(r, px, py, ux, uy, delta);
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let t = -40; t <= 40; t += 0.002) {
        if (rectDistance(r, px + ux * t, py + uy * t) <= delta) {
          lo = Math.min(lo, t);
          hi = Math.max(hi, t);
        }
      }
      if (span === null) expect(lo).toBe(Number.POSITIVE_INFINITY);
      else {
        expect(Math.abs(span[0] - lo)).toBeLessThan(0.01);
        expect(Math.abs(span[1] - hi)).toBeLessThan(0.01);
      }
    }
  });
});
