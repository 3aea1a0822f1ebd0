import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padLayout } from '../geometry/pad-layout.js';
import { defaultParams } from '../params.js';
import type { Die } from '../results.js';
import { dieOverlaySum } from './die-log-pass.js';
import { overlayLimits } from './limits.js';
import { riceTable, riceTableEval } from './rice-table.js';

// Every pad counts: on random small arrays and random fields (including rotations strong
// enough to move pads by several sigma across the die), the pad-grid quadrature equals the
// explicit sum over every pad of the same per-pad values, within its stated bound.
describe('overlay pad sum, property', () => {
  it('equals the explicit pad-by-pad sum on random arrays and fields', () => {
    const out = new Float64Array(4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: -0.08, max: 0.08, noNaN: true }),
        fc.double({ min: -0.08, max: 0.08, noNaN: true }),
        fc.double({ min: -3e-4, max: 3e-4, noNaN: true }),
        fc.double({ min: -3e-4, max: 3e-4, noNaN: true }),
        (nx, ny, tx, ty, theta, m) => {
          const p = {
            ...defaultParams,
            die: { W: nx, L: ny, s: 10 },
            pads: { ...defaultParams.pads, p: 1 },
            overlay: { ...defaultParams.overlay, sigmaR: 0.035 },
          };
          const layout = padLayout(p);
          const die: Die = { id: 0, col: 0, row: 0, cx: 37, cy: -21 };
          const sys = { tx, ty, theta, m };
          const table = riceTable(overlayLimits(p).dmax / 0.035);
          let exact = 0;
          for (let j = 0; j < ny; j++) {
            for (let i = 0; i < nx; i++) {
              const x = die.cx + (i - (nx - 1) / 2);
              const y = die.cy + (j - (ny - 1) / 2);
              riceTableEval(table, Math.hypot(tx - theta * y + m * x, ty + theta * x + m * y) / 0.035, out);
              exact += out[2] as number;
            }
          }
          const q = dieOverlaySum(p, layout, die, sys);
          expect(Math.abs(q.logPass - exact)).toBeLessThanOrEqual(
            q.errorBound + 1e-9 * Math.abs(exact) + 1e-300,
          );
        },
      ),
      { numRuns: 150, seed: 20261124 },
    );
  });
});
