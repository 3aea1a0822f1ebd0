import { describe, expect, it } from 'vitest';
import { rectDiscArea } from './rect-disc-area.js';

/** Midpoint-rule area on a fine grid: an independent, slow reference. */
function gridArea(r: { x0: number; y0: number; x1: number; y1: number }, a: number, n = 1500): number {
  const hx = (r.x1 - r.x0) / n;
  const hy = (r.y1 - r.y0) / n;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const x = r.x0 + (i + 0.5) * hx;
    for (let j = 0; j < n; j++) {
      const y = r.y0 + (j + 0.5) * hy;
      if (x * x + y * y < a * a) inside++;
    }
  }
  return inside * hx * hy;
}

describe('rectDiscArea', () => {
  it('closed-form cases: rectangle inside, disc inside, quarter and half discs, disjoint', () => {
    expect(rectDiscArea({ x0: -1, y0: -2, x1: 3, y1: 1 }, 10)).toBeCloseTo(12, 12);
    expect(rectDiscArea({ x0: -5, y0: -5, x1: 5, y1: 5 }, 2)).toBeCloseTo(Math.PI * 4, 12);
    expect(rectDiscArea({ x0: 0, y0: 0, x1: 10, y1: 10 }, 3)).toBeCloseTo((Math.PI * 9) / 4, 12);
    expect(rectDiscArea({ x0: -10, y0: 0, x1: 10, y1: 10 }, 3)).toBeCloseTo((Math.PI * 9) / 2, 12);
    expect(rectDiscArea({ x0: 5, y0: 5, x1: 6, y1: 6 }, 3)).toBe(0);
  });

  it('matches a fine grid count where the circle cuts the rectangle', () => {
    const cases = [
      { x0: 140000, y0: -5000, x1: 150000, y1: 5000 },
      { x0: 100000, y0: 95000, x1: 110000, y1: 105000 },
      { x0: -3000, y0: 143000, x1: 4000, y1: 149000 },
    ];
    for (const r of cases) {
      const ref = gridArea(r, 145000);
      expect(Math.abs(rectDiscArea(r, 145000) - ref)).toBeLessThan(2e-4 * (r.x1 - r.x0) * (r.y1 - r.y0));
    }
  });
});
