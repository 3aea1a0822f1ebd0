import { createRng, defaultParams } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import type { PairRegistration } from './align-pair.js';
import { realiseTerms } from './overlay-terms.js';
import { bonder, meanSe, NO_OFFSETS, twinWith } from './twin.test-util.js';

const reg: PairRegistration = {
  aligned: true,
  attempts: 1,
  top: { x: 3, y: -1 },
  bottom: { x: -2, y: 4 },
  topScore: 0.98,
  bottomScore: 0.98,
};
const quiet = twinWith({ stageNoiseNm: 0, rotationNoiseUrad: 0, thermalMagPpm: 0 });

describe('realiseTerms', () => {
  it('adds registration residuals, bow run-out, drift and subtracts the offsets (docs/physics.md §2.2 for kMag)', () => {
    const bond = { ...defaultParams, overlay: { ...defaultParams.overlay, kMag: 0.1, M0: 0.02 } };
    const { terms } = realiseTerms(createRng(1), quiet, bond, { ...bonder, bowUm: 34 }, reg, {
      moduleId: 'BD1',
      r2rOffsets: { Tx: 10, Ty: -10, Rot: 0.5, Mag: 0.1 },
      degradation: { overlayDrift: { Tx: 100, Rot: 2, Mag: 0.05 } },
    });
    // bottom - top residual: (-2 - 3, 4 - -1)
    expect(terms.Tx).toBeCloseTo(-5 + 100 - 10, 12);
    expect(terms.Ty).toBeCloseTo(5 + 10, 12);
    expect(terms.Rot).toBeCloseTo(2 - 0.5, 12);
    // run-out 0.1 ppm/µm x (34 - 30 µm chuck) + M0 0.02 ppm, + drift - offset
    expect(terms.Mag).toBeCloseTo(0.4 + 0.02 + 0.05 - 0.1, 12);
  });

  it('draws stage, rotation and thermal noise with the twin sigmas, stage and rotation scaled by alignNoiseFactor', () => {
    const twin = twinWith({ stageNoiseNm: 15, rotationNoiseUrad: 0.05, thermalMagPpm: 0.02 });
    const rng = createRng(2);
    const zero = { ...reg, top: { x: 0, y: 0 }, bottom: { x: 0, y: 0 } };
    const n = 3000;
    const draws = Array.from({ length: n }, () =>
      realiseTerms(rng, twin, defaultParams, { ...bonder, bowUm: 30 }, zero, {
        moduleId: 'BD1',
        r2rOffsets: NO_OFFSETS,
        degradation: { alignNoiseFactor: 2 },
      }),
    );
    // sample sd against sigma: relative standard error 1/sqrt(2n) = 1.3 %, 4 of them ~5 %
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
    expect(sd(draws.map((d) => d.terms.Tx)) / 30).toBeCloseTo(1, 1);
    expect(sd(draws.map((d) => d.terms.Ty)) / 30).toBeCloseTo(1, 1);
    expect(sd(draws.map((d) => d.terms.Rot)) / 0.1).toBeCloseTo(1, 1);
    expect(sd(draws.map((d) => d.terms.Mag)) / 0.02).toBeCloseTo(1, 1);
    expect(Math.abs(meanSe(draws.map((d) => d.terms.Tx)).mean)).toBeLessThan(4 * (30 / Math.sqrt(n)));
    // the Mag noise is the thermal one that was reported
    for (const d of draws.slice(0, 10)) expect(d.terms.Mag).toBe(d.thermalMagPpm);
  });
});
