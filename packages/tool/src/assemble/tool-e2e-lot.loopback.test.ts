// A lot end to end through GEM (issue 10, "Tests"): a Bondline host over loopback HSMS brings the
// assembled simulated tool online remote, links reports to every event, selects BOND-STD and starts
// a 5-pair lot. Every pair is tracked, every expected event arrives with its report data (counts per
// CEID as docs/tool.md §7.6 gives them), and the yields GEM reports are what the physics gives for
// the pair's realised inputs.
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolEventName } from '../controller/tool-api.js';
import { CEID, stepCeids } from '../gem/gem-ids.js';
import { pairDieYield } from '../sim/die-yield.js';
import { type E2eRig, eventsOf, hostLot, hostSetUp, profileFile, startE2e } from './tool-e2e.test-util.js';

let rig: E2eRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const N = 5;

describe('a lot through GEM, end to end', () => {
  it('tracks every pair, reports every event with its data, and the physics yields', async () => {
    // A tool without faults (every point rated 0): the counts of a lot without alarms are exact.
    rig = await startE2e({ seed: 3, profile: (dir) => profileFile(dir, 'healthy', {}) });
    const r = rig;
    const emitted = new Map<string, number>();
    for (const name of ['step-started', 'module-state', 'e10-state', 'process-state'] as ToolEventName[]) {
      r.tool.controller.on(name, (e) => {
        const key = name === 'step-started' && 'kind' in e ? `${name}:${String(e.kind)}` : name;
        emitted.set(key, (emitted.get(key) ?? 0) + 1);
      });
    }
    await hostSetUp(r);
    const before = r.events.length;
    const lotEnded = await hostLot(r, 'E2E', N);
    const lot = r.events.slice(before);

    // Every pair once: three distinct ids each, the stack back in its slot.
    const results = eventsOf(r, CEID.pairResult);
    expect(results.map((e) => e.values.PairId)).toEqual([
      'E2E-P01',
      'E2E-P02',
      'E2E-P03',
      'E2E-P04',
      'E2E-P05',
    ]);
    const ids = results.flatMap((e) => [e.values.TopId, e.values.BottomId, e.values.StackId]);
    expect(new Set(ids).size).toBe(3 * N);
    const substrates = r.tool.controller.substrates();
    for (const [i, e] of results.entries()) {
      const n = String(i + 1).padStart(2, '0');
      expect([e.values.TopId, e.values.BottomId, e.values.StackId]).toEqual([
        `E2E-T${n}`,
        `E2E-B${n}`,
        `E2E-S${n}`,
      ]);
      const stack = substrates.find((s) => s.id === e.values.StackId);
      expect(stack?.parts).toEqual({ topId: e.values.TopId, bottomId: e.values.BottomId });
      expect(stack?.location).toEqual({ carrier: String(e.values.StackSlot).split(':')[0], slot: i + 1 });
      expect(e.values.StackSlot).toBe(`${String(e.values.StackSlot).split(':')[0]}:${i + 1}`);
      expect(e.values.LotId).toBe('E2E');
      expect(e.values.PairRecipe).toBe('BOND-STD');
    }

    // The yield GEM reported is the physics' die map of the pair's realised terms, voids and seed
    // (docs/tool.md §4.5: pairDieYield gives the same map again), and the tool's own record.
    expect(r.pairs).toHaveLength(N);
    for (const [i, e] of results.entries()) {
      const p = r.pairs[i];
      if (p === undefined || p.metrology.yieldSeed === undefined)
        throw new Error(`pair ${i} has no yield seed`);
      const again = pairDieYield(r.tool.config.bond, p.bond.realised, p.bond.voids, p.metrology.yieldSeed);
      expect(e.values.PairYield).toBe(again.yield);
      expect(again.map.causes).toEqual(p.metrology.dieYield.causes);
      expect(e.values.OverlayTx).toBe(p.overlay.Tx);
      expect(e.values.VoidCount).toBe(p.metrology.voids.length);
    }
    const mean = r.pairs.reduce((s, p) => s + p.yield, 0) / N;
    expect(lotEnded.values).toMatchObject({
      LotPairsDone: N,
      LotOutcome: 'completed',
      LotBottleneck: 'bonder',
    });
    expect(lotEnded.values.LotYield).toBeCloseTo(mean, 12);

    // Counts per CEID (docs/tool.md §7.6), for a lot without alarms or failed alignments.
    expect(r.alarms).toEqual([]);
    const count = (ceid: number) => lot.filter((e) => e.ceid === ceid).length;
    expect([count(CEID.lotStarted), count(CEID.lotEnded), count(CEID.pairResult)]).toEqual([1, 1, N]);
    const perPair = { prealigner: 2, plasma: 2, clean: 2, flipper: 1, bonder: 1, inspection: 1 } as const;
    for (const [kind, k] of Object.entries(perPair)) {
      const { started, ended } = stepCeids(kind as keyof typeof perPair);
      expect([count(started), count(ended)], kind).toEqual([k * N, k * N]);
    }
    const lp = stepCeids('loadport');
    expect([count(lp.started), count(lp.ended)]).toEqual([9, 9]);
    expect(count(CEID.substrateMoved)).toBe(22 * N);
    // The schedule's own: one event per robot operation and per state change the controller made.
    const robot = stepCeids('robot');
    expect([count(robot.started), count(robot.ended)]).toEqual([
      emitted.get('step-started:robot'),
      emitted.get('step-started:robot'),
    ]);
    expect(count(CEID.moduleStateChanged)).toBe(emitted.get('module-state'));
    expect(count(CEID.e10StateChanged)).toBe(emitted.get('e10-state'));
    expect(count(CEID.processStateChanged)).toBe(3);
    // Each step event carries its own module and substrates.
    const bonds = lot.filter((e) => e.ceid === stepCeids('bonder').ended);
    expect(bonds.map((e) => e.values.StepSubstrates)).toEqual(
      results.map((e) => `${String(e.values.TopId)},${String(e.values.BottomId)}`),
    );
    expect(bonds.every((e) => e.values.StepModule === 'BD1')).toBe(true);
    // Nothing the binding could not place: every module, trace value and alarm is in the model.
    expect(r.issues).toEqual([]);
  });
});
