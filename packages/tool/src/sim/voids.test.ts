import { createRng, defaultParams, discsOfMeasuredVoid, mainRadius, voidDiscs } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { bondWaveFactor, edgeVoids } from './edge-voids.js';
import { particleVoids } from './particle-voids.js';
import type { Particle } from './process-physics.js';
import { bonder, twinWith } from './twin.test-util.js';

const p = (xMm: number, yMm: number, diameterUm: number): Particle => ({
  xMm,
  yMm,
  diameterUm,
  source: 'incoming',
});

describe('particleVoids', () => {
  it("gives each particle physics' main void, top-wafer particles mirrored (docs/physics.md §1.3, §3)", () => {
    const voids = particleVoids(defaultParams, [p(100, 20, 1)], [p(-50, -30, 4), p(150.5, 0, 1)]);
    // the particle beyond R = 150 mm leaves no void
    expect(voids).toHaveLength(2);
    const [top, bottom] = voids as [(typeof voids)[0], (typeof voids)[0]];
    expect([top.xMm, top.yMm, top.cause]).toEqual([-100, 20, 'particle']);
    const rhoTop = Math.hypot(100_000, 20_000);
    expect(top.diameterUm).toBeCloseTo(2 * mainRadius(defaultParams.voids, rhoTop, 1), 9);
    // (kR rho + kR0) sqrt(t) at rho = 58.3 mm, t = 4 µm: (10.5 + 230) x 2 = 481 µm radius
    expect(bottom.diameterUm).toBeCloseTo(2 * (1.8e-4 * Math.hypot(50_000, 30_000) + 230) * 2, 9);
  });

  it("gives back the particle's whole void, tail included, from the main disc", () => {
    for (const [x, y, t] of [
      [120, -40, 2],
      [3, 1, 0.1],
      [-140, 10, 9],
    ] as const) {
      const [v] = particleVoids(defaultParams, [], [p(x, y, t)]);
      if (v === undefined) throw new Error('no void');
      const expected = voidDiscs(defaultParams, x * 1000, y * 1000, t);
      const got = discsOfMeasuredVoid(defaultParams, v);
      expect(got).toHaveLength(expected.length);
      got.forEach((d, i) => {
        const e = expected[i] as (typeof expected)[0];
        expect(d.x).toBeCloseTo(e.x, 6);
        expect(d.y).toBeCloseTo(e.y, 6);
        expect(d.r).toBeCloseTo(e.r, 6);
      });
    }
    const edge = discsOfMeasuredVoid(defaultParams, { xMm: 148, yMm: 0, diameterUm: 2000, cause: 'edge' });
    expect(edge).toEqual([{ x: 148_000, y: 0, r: 1000 }]);
  });
});

describe('edge voids', () => {
  it('are nominal at 3 zones and a 1 s delay, likelier with fewer zones or an off delay', () => {
    expect(bondWaveFactor(bonder)).toBe(1);
    expect(bondWaveFactor({ ...bonder, vacuumZones: 5 })).toBe(1);
    expect(bondWaveFactor({ ...bonder, vacuumZones: 1 })).toBe(4);
    expect(bondWaveFactor({ ...bonder, initiationDelayS: 3 })).toBe(5);
    expect(bondWaveFactor({ ...bonder, initiationDelayS: 0 })).toBe(2);
  });

  it('happen with the twin probability x the bond-wave factor, plus the faults', () => {
    const rng = createRng(7);
    const n = 2000;
    const rate = (twinP: number, params = bonder, faultP = 0) => {
      const twin = twinWith({ edgeVoidProbability: twinP });
      let hits = 0;
      for (let k = 0; k < n; k++) {
        if (edgeVoids(rng, twin, defaultParams, params, { edgeVoidProbability: faultP }).length > 0) hits++;
      }
      return hits / n;
    };
    const se = (q: number) => Math.sqrt((q * (1 - q)) / n);
    expect(Math.abs(rate(0.05) - 0.05)).toBeLessThan(4 * se(0.05));
    expect(Math.abs(rate(0.05, { ...bonder, vacuumZones: 1 }) - 0.2)).toBeLessThan(4 * se(0.2));
    expect(Math.abs(rate(0.05, bonder, 0.25) - 0.3)).toBeLessThan(4 * se(0.3));
    expect(rate(0)).toBe(0);
  });

  it('form a ring near the edge, caused by the wave or by the faults', () => {
    const rng = createRng(8);
    const R = defaultParams.wafer.R / 1000;
    const wave = edgeVoids(rng, twinWith({ edgeVoidProbability: 1 }), defaultParams, bonder, {});
    expect(wave.length).toBeGreaterThan(Math.floor((0.25 * 2 * Math.PI * R) / 4) - 1);
    for (const v of wave) {
      expect(v.cause).toBe('edge');
      const rho = Math.hypot(v.xMm, v.yMm);
      expect(rho).toBeGreaterThanOrEqual(R - 3);
      expect(rho).toBeLessThanOrEqual(R - 1);
      expect(v.diameterUm).toBeGreaterThanOrEqual(500);
      expect(v.diameterUm).toBeLessThanOrEqual(2500);
    }
    const fault = edgeVoids(rng, twinWith({ edgeVoidProbability: 0 }), defaultParams, bonder, {
      edgeVoidProbability: 1,
    });
    expect(fault.length).toBeGreaterThan(0);
    expect(fault.every((v) => v.cause === 'fault')).toBe(true);
  });
});
