import { describe, expect, it } from 'vitest';
import { defaultParams } from '../params.js';
import { dieGrid } from './die-grid.js';

const with3200 = { ...defaultParams, die: { W: 3200, L: 3200, s: 1000 } };

// Independent count: every tile centre on the symmetric grid, all four corners tested.
function bruteCount(R: number, e: number, W: number, L: number, s: number): number {
  const n = Math.floor((2 * R) / (W + s)) + 1;
  const m = Math.floor((2 * R) / (L + s)) + 1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const cx = (i - (n - 1) / 2) * (W + s);
      const cy = (j - (m - 1) / 2) * (L + s);
      const corners = [
        [cx - W / 2, cy - L / 2],
        [cx + W / 2, cy - L / 2],
        [cx - W / 2, cy + L / 2],
        [cx + W / 2, cy + L / 2],
      ];
      if (corners.every(([x, y]) => Math.hypot(x as number, y as number) < R - e)) count++;
    }
  }
  return count;
}

describe('dieGrid', () => {
  it('gives the docs/physics.md §1 counts: 540 dies of 10 mm, 3900 of 3.2 mm', () => {
    expect(dieGrid(defaultParams)).toHaveLength(540);
    expect(dieGrid(with3200)).toHaveLength(3900);
  });
  it('agrees with a corner-by-corner count for other sizes and an edge exclusion', () => {
    for (const [W, L, s, e] of [
      [7000, 5000, 500, 3000],
      [20000, 20000, 100, 0],
      [1234, 4321, 80, 1500],
    ] as const) {
      const p = { ...defaultParams, wafer: { R: 150000, e }, die: { W, L, s } };
      expect(dieGrid(p)).toHaveLength(bruteCount(150000, e, W, L, s));
    }
  });
  it('is symmetric about the wafer centre and ids index the list', () => {
    const dies = dieGrid(defaultParams);
    const sx = dies.reduce((a, d) => a + d.cx, 0);
    const sy = dies.reduce((a, d) => a + d.cy, 0);
    expect(Math.abs(sx)).toBeLessThan(1e-6);
    expect(Math.abs(sy)).toBeLessThan(1e-6);
    expect(dies.map((d) => d.id)).toEqual(dies.map((_, i) => i));
  });
});
