import { describe, expect, it } from 'vitest';
import type { RealTime } from '../clock/real-time.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { FAKE_BASE_OVERLAY } from '../drivers/sim/fake-physics.test-util.js';
import { harness, runToEnd } from './controller-harness.test-util.js';
import type { Location, SubstrateRecord } from './tool-api.js';

const where = (l: Location) => ('module' in l ? l.module : `${l.carrier}#${l.slot}`);

/** The places a substrate went through, in order. */
const route = (r: SubstrateRecord | undefined) => r?.history.map((h) => where(h.location));

describe('ToolController: a lot', () => {
  it('tracks every pair: three ids, the stack back in its slot, complete histories', async () => {
    const h = harness();
    const summary = await runToEnd(h, 'L1', 25);
    expect(summary).toMatchObject({ lotId: 'L1', recipe: 'T-BOND', pairs: 25, outcome: 'completed' });
    const records = new Map(h.tool.substrates().map((r) => [r.id, r]));
    expect(records.size).toBe(75);
    const pairs = h.of('pair-result');
    expect(pairs.map((p) => p.index)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const p of pairs) {
      const n = String(p.index).padStart(2, '0');
      expect([p.pairId, p.topId, p.bottomId, p.stackId]).toEqual([
        `L1-P${n}`,
        `L1-T${n}`,
        `L1-B${n}`,
        `L1-S${n}`,
      ]);
      expect(p.destination).toEqual({ carrier: 'L1-STK', slot: p.index });
      const stack = records.get(p.stackId);
      expect(stack?.parts).toEqual({ topId: p.topId, bottomId: p.bottomId });
      expect(stack?.location).toEqual(p.destination);
      // The wafers are where their stack is; their own histories end at the bonder.
      expect(records.get(p.topId)?.location).toEqual(p.destination);
      expect(route(records.get(p.topId))).toEqual([
        `L1-TOP#${p.index}`,
        'TR1',
        'PA1',
        'TR1',
        'PL1',
        'TR1',
        'CL1',
        'TR1',
        'FL1',
        'TR1',
        'BD1',
      ]);
      expect(route(records.get(p.bottomId))).toEqual([
        `L1-BOT#${p.index}`,
        'TR1',
        'PA1',
        'TR1',
        'PL1',
        'TR1',
        'CL1',
        'TR1',
        'BD1',
      ]);
      expect(route(stack)).toEqual(['BD1', 'TR1', 'IN1', 'TR1', `L1-STK#${p.index}`]);
      for (const r of [records.get(p.topId), records.get(p.bottomId), stack]) {
        const hist = r?.history ?? [];
        // Each entry closes when the next opens; only a stack's last entry (its slot) stays open.
        hist.forEach((e, i) => {
          const next = hist[i + 1];
          if (next !== undefined) expect(e.outS).toBe(next.inS);
          if (e.outS !== undefined) expect(e.outS).toBeGreaterThanOrEqual(e.inS);
        });
        expect(hist.at(-1)?.outS === undefined).toBe(r?.kind === 'stack');
      }
      const top = records.get(p.topId)?.history ?? [];
      expect(top.find((e) => where(e.location) === 'PL1')?.results).toMatchObject({
        rfForwardW: 300,
        particles: 0,
      });
      expect(stack?.history[0]?.results).toMatchObject({ bondForceN: 8, attempts: 1 });
      expect(stack?.history.find((e) => where(e.location) === 'IN1')?.results).toMatchObject({
        yield: 1,
        sites: 13,
      });
    }
  });

  it('emits events in virtual time order, a step-ended for every step-started, trace samples of the physics', async () => {
    const h = harness();
    await runToEnd(h, 'L2', 4);
    const times = h.events.map((e) =>
      e.name === 'pair-result' ? e.payload.doneS : e.name === 'lot-ended' ? e.payload.endedS : e.payload.atS,
    );
    times.forEach((t, i) => {
      if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1] as number);
    });
    expect(h.events[0]?.name).toBe('process-state');
    expect(h.events.at(-1)?.name).toBe('lot-ended');
    expect(h.of('step-started').length).toBe(h.of('step-ended').length);
    const names = new Set(h.of('trace').map((t) => `${t.moduleId}.${t.name}`));
    for (const n of [
      'PL1.rfForwardW',
      'PL1.rfReflectedW',
      'PL1.chamberPressurePa',
      'BD1.bondForceN',
      'BD1.chamberPressurePa',
      'BD1.chuckTemperatureC',
    ]) {
      expect(names).toContain(n);
    }
    const bondEnd = h.of('step-ended').find((s) => s.moduleId === 'BD1');
    expect(bondEnd?.trace).toEqual({ bondForceN: 8, chamberPressurePa: 95000, chuckTemperatureC: 23 });
    expect(h.of('process-state').map((p) => p.to)).toEqual(['setup', 'executing', 'idle']);
    expect(
      h
        .of('e10-state')
        .filter((e) => e.entity === 'HB1')
        .map((e) => e.to),
    ).toEqual(['productive', 'standby']);
  });

  it('processes each wafer once and fits the overlay from the metrology sites (4-term model)', async () => {
    const h = harness();
    const offsets = { Tx: 2, Ty: -3, Rot: 0.1, Mag: -0.05 };
    expect(h.tool.setR2rOffsets(offsets).ok).toBe(true);
    await runToEnd(h, 'L3', 6);
    expect(
      h.physics
        .callsOf('plasma')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['T', 'B'].flatMap((r) => [1, 2, 3, 4, 5, 6].map((i) => `L3-${r}0${i}`)).sort());
    expect(h.physics.callsOf('bond')).toHaveLength(6);
    expect(h.physics.callsOf('inspect')).toHaveLength(6);
    // The fake metrology is the exact 4-term field of the realised terms (FakePhysics.inspect), so the
    // fit returns them to rounding: base overlay minus the R2R offsets the aligner applied.
    for (const p of h.of('pair-result')) {
      expect(p.overlay.Tx).toBeCloseTo(FAKE_BASE_OVERLAY.Tx - offsets.Tx, 6);
      expect(p.overlay.Ty).toBeCloseTo(FAKE_BASE_OVERLAY.Ty - offsets.Ty, 6);
      expect(p.overlay.Rot).toBeCloseTo(FAKE_BASE_OVERLAY.Rot - offsets.Rot, 6);
      expect(p.overlay.Mag).toBeCloseTo(FAKE_BASE_OVERLAY.Mag - offsets.Mag, 6);
      expect(p.yield).toBe(1);
    }
  });

  it('is reproducible from its seed, and the seed matters', async () => {
    const run = async (seed: number) => {
      const h = harness({ seed });
      await runToEnd(h, 'L4', 5);
      return JSON.stringify(h.events, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
    };
    const a = await run(11);
    expect(await run(11)).toBe(a);
    expect(await run(12)).not.toBe(a);
  });

  it('runs the same lot whatever the pacing (here a factor of 600 against a real time that never waits)', async () => {
    let nowMs = 0;
    const instant: RealTime = {
      nowMs: () => nowMs,
      setTimer: (ms, fn) => {
        const t = setImmediate(() => {
          nowMs += ms;
          fn();
        });
        return () => clearImmediate(t);
      },
      yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
    };
    const paced = harness({
      clock: new VirtualClock({ pacing: { mode: 'factor', factor: 600 }, realTime: instant }),
    });
    const fast = harness();
    await Promise.all([runToEnd(paced, 'L6', 3), runToEnd(fast, 'L6', 3)]);
    expect(paced.events).toEqual(fast.events);
    // The paced clock slept for the lot: its real time is its virtual time over 600.
    expect(nowMs).toBeCloseTo((fast.of('lot-ended')[0]?.endedS ?? 0) * (1000 / 600), 3);
  });

  it('answers status with the lot, module states and substrates', async () => {
    const h = harness();
    const seen: ReturnType<typeof h.tool.status>[] = [];
    h.tool.on('pair-result', (p) => {
      if (p.index === 2) seen.push(h.tool.status());
    });
    await runToEnd(h, 'L5', 4);
    const s = seen[0];
    expect(s?.processState).toBe('executing');
    expect(s?.lot).toEqual({ lotId: 'L5', recipe: 'T-BOND', pairs: 4, done: 2 });
    expect(s?.pairsDone).toBe(2);
    // Every substrate of the lot is in exactly one place (a module or a carrier at a load port).
    const ids = s?.modules.flatMap((m) => m.substrateIds) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    for (const n of ['01', '02', '03', '04']) {
      const stacked = ids.includes(`L5-S${n}`);
      expect([stacked, ids.includes(`L5-T${n}`), ids.includes(`L5-B${n}`)]).toEqual(
        stacked ? [true, false, false] : [false, true, true],
      );
    }
    const after = h.tool.status();
    expect(after.processState).toBe('idle');
    expect(after.lot).toBeUndefined();
    expect(after.modules.find((m) => m.id === 'LP3')?.substrateIds).toEqual([
      'L5-S01',
      'L5-S02',
      'L5-S03',
      'L5-S04',
    ]);
  });
});
