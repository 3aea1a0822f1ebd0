import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fitWafer } from './fit-wafer.js';
import { synthesiseSites } from './synthetic-sites.js';

// Values in the range seen on bonders: translations ±100 nm, scale/rotation ±5 ppm/µrad,
// field terms ±20 ppm/µrad. Generated data come from the docs/align.md §2 formulas written out in
// synthetic-sites.ts, independently of the model tables used by the fit.
const wafer = fc.double({ min: -5, max: 5, noNaN: true });
const field = fc.double({ min: -20, max: 20, noNaN: true });
const trans = fc.double({ min: -100, max: 100, noNaN: true });

describe('fitWafer properties', () => {
  it('recovers any 10-term distortion exactly (1e-9 of the largest term contribution)', () => {
    fc.assert(
      fc.property(
        fc.record({
          Tx: trans,
          Ty: trans,
          Mx: wafer,
          My: wafer,
          Rx: wafer,
          Ry: wafer,
          mx: field,
          my: field,
          rx: field,
          ry: field,
        }),
        (t) => {
          const sites = synthesiseSites({ wafer: 'W', terms: t, perField: 2 });
          const r = fitWafer('W', sites, { model: '10' });
          if (!r.ok) return false;
          // Absolute tolerance scaled to the data: 1e-9 of a 100 nm / 150 mm-radius signal.
          return Object.entries(t).every(
            ([k, v]) => Math.abs((r.value.terms[k]?.value as number) - v) < 1e-7,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('4-term with noise: every term within 4 standard errors', () => {
    fc.assert(
      fc.property(trans, trans, wafer, wafer, fc.integer({ min: 1, max: 1e6 }), (Tx, Ty, rot, mag, seed) => {
        const sites = synthesiseSites({
          wafer: 'W',
          terms: { Tx, Ty, Mx: mag, My: mag, Rx: rot, Ry: rot },
          noiseNm: 3,
          seed,
          perField: 1,
        });
        const r = fitWafer('W', sites, { model: '4' });
        if (!r.ok) return false;
        const want: Record<string, number> = { Tx, Ty, Rot: rot, Mag: mag };
        return Object.entries(want).every(
          ([k, v]) =>
            Math.abs((r.value.terms[k]?.value as number) - v) < 4 * (r.value.terms[k]?.stderr as number),
        );
      }),
      // 4 terms × 30 runs at 4 sigma: a chance failure has probability ~0.8 %, so the seeds are fixed.
      { numRuns: 30, seed: 20261124 },
    );
  });
});
