import { describe, expect, it } from 'vitest';
import { defaultParams } from '../params.js';
import { pareto } from '../random/distributions.js';
import { createRng } from '../random/rng.js';
import { reachProbability, reachTarget } from './reach.js';
import { rectDistance } from './rect.js';
import { voidDiscs } from './void-discs.js';

// The per-position reach probability (threshold thickness + Pareto survival) against direct sampling of
// thicknesses and testing every disc of the void: an independent route through void-discs.ts.
describe('reachProbability', () => {
  const v = defaultParams.voids;
  const rt = 2.5 * (2 / 3);
  // an edge die's pad-centre rectangle, centred at (126500, 60500)
  const rect = { x0: 126500 - 4995, y0: 60500 - 4995, x1: 126500 + 4995, y1: 60500 + 4995 };
  const tg = reachTarget(v, rt, [rect]);
  const sampled = (x: number, y: number, n: number, seed: number): number => {
    const rng = createRng(seed);
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const discs = voidDiscs(defaultParams, x, y, pareto(rng, v.t0, v.z));
      if (discs.some((d) => rectDistance(rect, d.x, d.y) < d.r + rt)) hits++;
    }
    return hits / n;
  };
  const dir = Math.hypot(126500, 60500);
  const ux = 126500 / dir;
  const uy = 60500 / dir;

  const positions: [string, number, number][] = [
    ['inside the region', 126500, 60500],
    ['150 µm outside an edge (main disc, P ~ 0.09)', 126500 + 4995 + 150, 60500],
    ['170 µm outside the outer corner (P ~ 0.05)', 126500 + 4995 + 120, 60500 + 4995 + 120],
    ['2 mm radially inward (tail reach)', 126500 - ux * 9000, 60500 - uy * 9000],
    ['6 mm radially inward (tail reach)', 126500 - ux * 13000, 60500 - uy * 13000],
    ['inward and to the side of the wedge', 126500 - ux * 9000 - uy * 5200, 60500 - uy * 9000 + ux * 5200],
  ];
  positions.forEach(([name, x, y], k) => {
    it(name, () => {
      const p = reachProbability(tg, x, y);
      const n = 20000;
      const s = sampled(x, y, n, 300 + k);
      expect(Math.abs(p - s)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n) + 1e-3);
    });
  });

  it('the tail raises the probability for particles radially inward of the die', () => {
    const x = 126500 - ux * 9000;
    const y = 60500 - uy * 9000;
    const noTail = reachTarget({ ...v, kN: 0, kL: 0, kS: 0 }, rt, [rect]);
    expect(reachProbability(tg, x, y)).toBeGreaterThan(10 * reachProbability(noTail, x, y));
  });
});
