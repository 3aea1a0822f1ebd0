import { fitWafer } from '@bondline/align';
import type { BondParams } from '@bondline/physics';
import { createRng } from '@bondline/physics';
import { beforeAll, describe, expect, it } from 'vitest';
import { bondStep } from './bond-step.js';
import { inspectStep } from './inspect-step.js';
import { MarkAligner } from './mark-aligner.js';
import { SILICON_CTE_PPM_PER_K } from './overlay-terms.js';
import type { Particle, WaferSurface } from './process-physics.js';
import { bonder, demoBond, inspection, NO_OFFSETS, twinWith } from './twin.test-util.js';

let bond: BondParams;
beforeAll(async () => {
  bond = await demoBond();
});

const particle = (xMm: number, yMm: number, diameterUm: number): Particle => ({
  xMm,
  yMm,
  diameterUm,
  source: 'incoming',
});
const top: WaferSurface = { id: 'L1-T01', role: 'top', particles: [particle(50, 50, 0.1)] };
const bottom: WaferSurface = { id: 'L1-B01', role: 'bottom', particles: [particle(-20, 80, 4)] };
const twin = twinWith();

describe('bondStep', () => {
  it('bonds an aligned pair: voids of both surfaces, and the trace of the chamber', () => {
    const out = bondStep(createRng(1), twin, bond, new MarkAligner(twin), top, bottom, bonder, {
      moduleId: 'BD1',
      r2rOffsets: NO_OFFSETS,
      degradation: {},
    });
    expect(out).toMatchObject({ topId: 'L1-T01', bottomId: 'L1-B01', aligned: true });
    expect(out.registration.attempts).toBe(1);
    expect(out.voids.map((v) => [v.xMm, v.yMm])).toEqual([
      [-50, 50],
      [-20, 80],
    ]);
    expect(out.trace.bondForceN).toBeCloseTo(bonder.pinForceN, 0);
    expect(out.trace.chamberPressurePa).toBeCloseTo(101_325, -3);
    // the chuck temperature is the one that makes the thermal magnification (Mag minus the run-out)
    const thermal =
      out.realised.Mag - bond.overlay.kMag * (bonder.bowUm - twin.bottomChuckBowUm) - bond.overlay.M0;
    expect(((out.trace.chuckTemperatureC ?? 0) - 23) * SILICON_CTE_PPM_PER_K).toBeCloseTo(thermal, 9);
    expect(out.trace.markScoreTop).toBeGreaterThan(0.9);
  });

  it('takes its translation from the registration residuals: without stage noise |(Tx, Ty)| is at most their sum', () => {
    const still = twinWith({ stageNoiseNm: 0 });
    const rng = createRng(2);
    const aligner = new MarkAligner(still);
    for (let k = 0; k < 20; k++) {
      const out = bondStep(rng, still, bond, aligner, top, bottom, bonder, {
        moduleId: 'BD1',
        r2rOffsets: NO_OFFSETS,
        degradation: {},
      });
      const { topResidualNm, bottomResidualNm } = out.registration;
      expect(Math.hypot(out.realised.Tx, out.realised.Ty)).toBeLessThanOrEqual(
        topResidualNm + bottomResidualNm + 1e-9,
      );
      expect(topResidualNm).toBeGreaterThan(0);
    }
  });

  it('refuses to bond when no mark registers within the retries: no voids, no force', () => {
    const out = bondStep(createRng(3), twin, bond, new MarkAligner(twin), top, bottom, bonder, {
      moduleId: 'BD1',
      r2rOffsets: NO_OFFSETS,
      degradation: { alignNoiseFactor: 200 },
    });
    expect(out).toMatchObject({ aligned: false, voids: [] });
    expect(out.registration.attempts).toBe(1 + bonder.alignRetries);
    expect(out.trace.bondForceN).toBe(0);
  });

  it("drops a fault's extra particles on the pair just before contact", () => {
    const out = bondStep(createRng(4), twin, bond, new MarkAligner(twin), top, bottom, bonder, {
      moduleId: 'BD1',
      r2rOffsets: NO_OFFSETS,
      degradation: { extraParticles: 30 },
    });
    expect(out.voids.length).toBeGreaterThan(2 + 10);
  });
});

describe('inspectStep', () => {
  const bonded = () =>
    bondStep(createRng(5), twin, bond, new MarkAligner(twin), top, bottom, bonder, {
      moduleId: 'BD1',
      r2rOffsets: NO_OFFSETS,
      degradation: { overlayDrift: { Tx: 40 } },
    });

  it('measures the sites of the recipe, reports the voids above the threshold, and the die yield', () => {
    const b = bonded();
    const m = inspectStep(createRng(6), twin, bond, 'L1-S01', b, { ...inspection, voidThresholdUm: 200 }, {});
    expect(m.sites).toHaveLength(inspection.sites);
    expect(m.sites.every((s) => s.wafer === 'L1-S01')).toBe(true);
    // the 0.1 µm particle's void is ~64 µm across, the 4 µm one's ~970 µm (docs/physics.md §3)
    expect(m.voids).toHaveLength(1);
    expect([m.sites.length, m.voids.length]).toEqual([inspection.sites, 1]);
    expect(Object.keys(m.trace)).toEqual(['stageTemperatureC']);
    const fit = fitWafer('L1-S01', m.sites, { model: '4' });
    if (!fit.ok) throw new Error(fit.issues[0]?.message);
    expect(Math.abs((fit.value.terms.Tx?.value ?? 0) - b.realised.Tx)).toBeLessThan(
      4 * (fit.value.terms.Tx?.stderr ?? 0),
    );
    expect(m.yield).toBeGreaterThan(0.9);
  });

  it("treats an inspection fault's overlay drift as a metrology bias: the sites move, the dies do not", () => {
    const b = bonded();
    const clean = inspectStep(createRng(7), twin, bond, 'L1-S01', b, inspection, {});
    const biased = inspectStep(createRng(7), twin, bond, 'L1-S01', b, inspection, {
      overlayDrift: { Ty: 500 },
    });
    biased.sites.forEach((s, i) => {
      expect(s.dy - (clean.sites[i]?.dy ?? 0)).toBeCloseTo(500, 9);
    });
    expect(biased.dieYield).toEqual(clean.dieYield);
  });

  it('refuses a pair that was never bonded', () => {
    const b = { ...bonded(), aligned: false };
    expect(() => inspectStep(createRng(8), twin, bond, 'L1-S01', b, inspection, {})).toThrow(/never bonded/);
  });
});
