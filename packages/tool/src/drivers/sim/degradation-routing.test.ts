// docs/tool.md §5.5, "Where the degradation goes": particles onto the wafer the step handled; overlay
// drift, align noise and edge-void probability with the wafer into its pair's bond; the time factor on
// the step; a stopped step's own effect on its wafers, once.
import { describe, expect, it } from 'vitest';
import type { Harness } from '../../controller/controller-harness.test-util.js';
import { harness, runToEnd } from '../../controller/controller-harness.test-util.js';
import type { FaultRule } from './scripted-faults.test-util.js';

/** The substrate of the n-th step (1-based) started at `moduleId`. */
function nth(h: Harness, moduleId: string, n: number): string {
  const s = h.of('step-started').filter((x) => x.moduleId === moduleId)[n - 1];
  if (s === undefined) throw new Error(`no step ${n} at ${moduleId}`);
  return s.substrateIds[0] ?? '';
}

describe('where a step degradation goes (docs/tool.md §5.5)', () => {
  it('puts particles on the wafer handled and carries drift, noise and edge voids into its pair', async () => {
    const rules: FaultRule[] = [
      {
        moduleId: 'PA1',
        fromCall: 3,
        degradation: { overlayDrift: { Tx: 40 }, extraParticles: 2, faultIds: ['PA-D'] },
      },
      {
        moduleId: 'FL1',
        fromCall: 1,
        degradation: { alignNoiseFactor: 1.5, edgeVoidProbability: 0.5, faultIds: ['FL-D'] },
      },
      {
        moduleId: 'BD1',
        fromCall: 1,
        degradation: { alignNoiseFactor: 2, edgeVoidProbability: 0.2, faultIds: ['BD-D'] },
      },
      {
        moduleId: 'PL1',
        fromCall: 2,
        degradation: { extraParticles: 3, overlayDrift: { Mag: 0.1 }, faultIds: ['PL-D'] },
      },
      { moduleId: 'CL1', fromCall: 4, degradation: { timeFactor: 3, faultIds: ['CL-D'] } },
    ];
    const h = harness({ faults: rules });
    await runToEnd(h, 'D', 4);
    const pa3 = nth(h, 'PA1', 3);
    const fl1 = nth(h, 'FL1', 1);
    const pl2 = nth(h, 'PL1', 2);
    const cl4 = nth(h, 'CL1', 4);

    // Particles: a handling step's go on through handle() on that wafer; plasma puts its own on itself.
    expect(h.physics.callsOf('handle').map((c) => [c.id, c.moduleId])).toEqual([[pa3, 'PA1']]);
    expect(h.physics.callsOf('plasma').find((c) => c.id === pl2)?.degradation?.extraParticles).toBe(3);
    // The FakePhysics turns every particle into a void at the bond: two on pa3's pair, three on pl2's.
    const voidsOf = (id: string) =>
      h
        .of('pair-result')
        .find((p) => p.topId === id || p.bottomId === id)
        ?.bond.voids.filter((v) => v.cause === 'particle').length;
    expect(new Set([pa3, pl2, fl1]).size).toBe(3);
    expect(voidsOf(pa3)).toBe(2);
    expect(voidsOf(pl2)).toBe(3);

    // Pair parts: each wafer's reach its own pair's bond once, combined with the bonder's own.
    const first = h.physics.callsOf('bond')[0];
    expect(first?.id.split('+')).toContain(fl1);
    // Bond 1: the flipper's noise 1.5 and edge voids 0.5 with the bonder's 2 and 0.2: 3, 1 - 0.5 × 0.8.
    expect(first?.degradation?.alignNoiseFactor).toBeCloseTo(3, 12);
    expect(first?.degradation?.edgeVoidProbability).toBeCloseTo(0.6, 12);
    // The pre-aligner's drift reaches pa3's bond only, and the plasma's Mag drift pl2's.
    for (const b of h.physics.callsOf('bond')) {
      const ids = b.id.split('+');
      const tx = b.degradation?.overlayDrift?.Tx ?? 0;
      const mag = b.degradation?.overlayDrift?.Mag ?? 0;
      expect(tx).toBe(ids.includes(pa3) ? 40 : 0);
      expect(mag).toBeCloseTo(ids.includes(pl2) ? 0.1 : 0, 12);
    }
    const paPair = h.of('pair-result').find((p) => p.topId === pa3 || p.bottomId === pa3);
    const other = h.of('pair-result').find((p) => p !== paPair && p.topId !== pl2 && p.bottomId !== pl2);
    expect((paPair?.overlay.Tx ?? 0) - (other?.overlay.Tx ?? 0)).toBeCloseTo(40, 6);

    // The time factor: clean's 4th step takes three times its recipe time (within the 2 % jitter, 5 sigma).
    const cleans = h.of('step-ended').filter((s) => s.moduleId === 'CL1');
    const slow = cleans.find((s) => s.substrateIds[0] === cl4)?.durationS ?? 0;
    const nominal = cleans.filter((s) => s.substrateIds[0] !== cl4).map((s) => s.durationS);
    const mean = nominal.reduce((a, b) => a + b, 0) / nominal.length;
    expect(slow / mean).toBeGreaterThan(3 * 0.9);
    expect(slow / mean).toBeLessThan(3 * 1.1);
  });

  it("leaves a stopped step's own effect on its wafers: at the bonder on the pair once, at the retry", async () => {
    const h = harness({
      faults: [
        {
          moduleId: 'BD1',
          fromCall: 2,
          alarm: { faultId: 'BD-STALL', recovery: 'auto-retry', recoveryS: 30 },
          degradation: { edgeVoidProbability: 0.8, faultIds: ['BD-STALL'] },
        },
        {
          moduleId: 'FL1',
          fromCall: 1,
          alarm: { faultId: 'FL-SLIP', recovery: 'auto-retry', recoveryS: 30 },
          degradation: { extraParticles: 1, faultIds: ['FL-SLIP'] },
        },
      ],
    });
    await runToEnd(h, 'S', 3);
    const bonds = h.physics.callsOf('bond');
    // Bond 2 was stopped before it began: the retry is the only bond of that pair and sees 0.8 once.
    expect(bonds.map((b) => b.id)).toEqual(['S-T01+S-B01', 'S-T02+S-B02', 'S-T03+S-B03']);
    expect(bonds.map((b) => b.degradation?.edgeVoidProbability ?? 0)).toEqual([0, 0.8, 0]);
    // The flipper's stopped step left its particle on the wafer it held (the first top wafer).
    expect(h.physics.callsOf('handle').map((c) => [c.id, c.moduleId])).toEqual([['S-T01', 'FL1']]);
    expect(h.of('pair-result').map((p) => p.index)).toEqual([1, 2, 3]);
  });
});
