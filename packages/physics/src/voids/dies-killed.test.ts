import { describe, expect, it } from 'vitest';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { defaultParams } from '../params.js';
import { diesKilledBy } from './dies-killed.js';

const params = defaultParams;
const dies = dieGrid(params);
const layout = padLayout(params);
// full 1000 x 1000 array at p = 10: pad centres span ±4995 µm; Rt = 2.5 * 2/3 µm
const half = 4995;
const rt = 2.5 * (2 / 3);
const idAt = (cx: number, cy: number) => dies.findIndex((d) => d.cx === cx && d.cy === cy);

describe('diesKilledBy', () => {
  it('a disc kills exactly when it comes within Rt of the pad-centre rectangle', () => {
    const die = idAt(5500, 5500);
    const edgeX = 5500 + half;
    const r = 50;
    expect(diesKilledBy(params, layout, dies, [{ x: edgeX + r + rt - 0.01, y: 5500, r }])).toEqual([die]);
    expect(diesKilledBy(params, layout, dies, [{ x: edgeX + r + rt + 0.01, y: 5500, r }])).toEqual([]);
    // in the street between two dies, reaching both
    const both = diesKilledBy(params, layout, dies, [{ x: 11000, y: 5500, r: 510 }]);
    expect(both).toEqual([idAt(5500, 5500), idAt(16500, 5500)].sort((a, b) => a - b));
  });

  it('a void of several discs kills the union of their dies, each once', () => {
    const a = { x: 5500, y: 5500, r: 10 };
    const b = { x: 5600, y: 5500, r: 10 };
    const c = { x: 27500, y: -5500, r: 10 };
    expect(diesKilledBy(params, layout, dies, [a, b, c])).toEqual(
      [idAt(5500, 5500), idAt(27500, -5500)].sort((x, y) => x - y),
    );
  });

  it('a huge disc kills every die it overlaps (compared with a per-die distance check)', () => {
    const disc = { x: 40000, y: -20000, r: 30000 };
    const expected = dies
      .filter((d) => {
        const dx = Math.max(Math.abs(disc.x - d.cx) - half, 0);
        const dy = Math.max(Math.abs(disc.y - d.cy) - half, 0);
        return Math.hypot(dx, dy) < disc.r + rt;
      })
      .map((d) => d.id);
    expect(diesKilledBy(params, layout, dies, [disc])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(20);
  });
});
