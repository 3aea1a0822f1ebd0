import type { BondParams } from '@bondline/physics';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairDieYield } from './die-yield.js';
import { demoBond, meanSe, runPair, twinWith } from './twin.test-util.js';
import { createTwinPhysics } from './twin-physics.js';

let bond: BondParams;
beforeAll(async () => {
  bond = await demoBond();
});

describe('createTwinPhysics', () => {
  it('gives identical results for the same seed and call sequence, others for another seed', () => {
    const run = (seed: number) => {
      const twin = createTwinPhysics({ bond, twin: twinWith({ incomingParticles: 3 }), seed });
      return [1, 2, 3].map((n) =>
        runPair(twin, n, { surface: { extraParticles: 1 }, wafersSinceMaintenance: n }),
      );
    };
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
    // the runs did reach every part of the twin
    expect(a.every((p) => p.bond.aligned && p.metrology !== undefined)).toBe(true);
    expect(a.some((p) => p.bond.voids.length > 0)).toBe(true);
  });

  it('bonds a healthy lot above 0.95 yield per pair with examples/yield.yaml (docs/tool.md §4)', () => {
    const twin = createTwinPhysics({ bond, twin: twinWith(), seed: 2026 });
    for (let n = 1; n <= 12; n++) {
      const { bond: b, metrology } = runPair(twin, n);
      expect(b.aligned).toBe(true);
      expect(metrology?.yield).toBeGreaterThan(0.95);
    }
  });

  it('loses yield monotonically as a translation drift grows (dmax 0.23 µm at 1 µm pitch, docs/physics.md §2.1)', () => {
    const yieldsAt = (driftNm: number) => {
      // same seed, same calls: the same noise and the same per-die draws under every drift
      const twin = createTwinPhysics({ bond, twin: twinWith(), seed: 99 });
      const drawn: number[] = [];
      const expected: number[] = [];
      for (let n = 1; n <= 6; n++) {
        const m = runPair(twin, n, { bond: { overlayDrift: { Tx: driftNm } } }).metrology;
        drawn.push(m?.yield ?? Number.NaN);
        expected.push(m?.expectedYield ?? Number.NaN);
      }
      return { drawn: meanSe(drawn).mean, expected: meanSe(expected).mean };
    };
    const drifts = [0, 40, 80, 120, 160, 300];
    const ys = drifts.map(yieldsAt);
    for (let i = 1; i < ys.length; i++) {
      const [before, now] = [ys[i - 1], ys[i]] as [(typeof ys)[0], (typeof ys)[0]];
      expect(now.drawn).toBeLessThanOrEqual(before.drawn);
      expect(now.expected).toBeLessThanOrEqual(before.expected);
    }
    // the pads start to miss once the drift takes the edge pads within ~5 sigmaR (0.1 µm) of dmax
    expect(ys[0]?.drawn).toBeGreaterThan(0.95);
    expect(ys[3]?.drawn).toBeLessThan((ys[0]?.drawn ?? 0) - 0.1);
    expect(ys[5]?.drawn).toBeLessThan(0.05);
  });

  it("returns the realised terms to the healthy ones when the host's R2R offsets equal a constant drift", () => {
    const drift = { Tx: 400, Ty: -250, Rot: 0.8, Mag: 0.3 };
    const terms = (withDrift: boolean, withOffsets: boolean) => {
      const twin = createTwinPhysics({ bond, twin: twinWith(), seed: 5 });
      return Array.from({ length: 30 }, (_, k) => {
        const r = runPair(twin, k + 1, {
          bond: withDrift ? { overlayDrift: drift } : {},
          ...(withOffsets ? { offsets: drift } : {}),
        });
        return r.bond.realised;
      });
    };
    const healthy = terms(false, false);
    const drifted = terms(true, false);
    const corrected = terms(true, true);
    const runOutPpm = bond.overlay.kMag * 0.5 + bond.overlay.M0; // twin.test-util's bonder.bowUm
    for (const key of ['Tx', 'Ty', 'Rot', 'Mag'] as const) {
      const centre = key === 'Mag' ? runOutPpm : 0;
      const h = meanSe(healthy.map((t) => t[key] - centre));
      const d = meanSe(drifted.map((t) => t[key] - centre));
      const c = meanSe(corrected.map((t) => t[key] - centre));
      // the drift shows, the offsets take it out again; both means within 4 standard errors
      expect(Math.abs(d.mean - drift[key])).toBeLessThan(4 * d.se);
      expect(Math.abs(c.mean)).toBeLessThan(4 * c.se);
      expect(Math.abs(h.mean)).toBeLessThan(4 * h.se);
      // with the same stream the corrected pairs are the healthy ones, to rounding
      corrected.forEach((t, i) => {
        expect(t[key]).toBeCloseTo((healthy[i] as (typeof healthy)[0])[key], 9);
      });
    }
  });

  it("reports the die map and yield that physics gives for the pair's realised terms, voids and seed", () => {
    const twin = createTwinPhysics({ bond, twin: twinWith({ incomingParticles: 5 }), seed: 31 });
    for (let n = 1; n <= 4; n++) {
      const { bond: b, metrology } = runPair(twin, n, { bond: { overlayDrift: { Tx: 90 } } });
      if (metrology?.yieldSeed === undefined) throw new Error('no yield seed reported');
      const again = pairDieYield(bond, b.realised, b.voids, metrology.yieldSeed);
      expect(again.map).toEqual(metrology.dieYield);
      expect(again.yield).toBe(metrology.yield);
      expect(again.expectedYield).toBe(metrology.expectedYield);
    }
  });

  it('raises the void count with the particles wafers bring', () => {
    const voids = (incomingParticles: number) => {
      const twin = createTwinPhysics({
        bond,
        twin: twinWith({ incomingParticles, cleanRemoval: 0.5 }),
        seed: 8,
      });
      let count = 0;
      for (let n = 1; n <= 10; n++) count += runPair(twin, n).bond.voids.length;
      return count;
    };
    const few = voids(0.05);
    const many = voids(10);
    // 10 pairs x 2 wafers x 10 particles, half rinsed away: ~100 voids against ~0.5
    expect(many).toBeGreaterThan(60);
    expect(few).toBeLessThan(10);
  });
});
