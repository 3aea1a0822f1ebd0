import { describe, expect, it } from 'vitest';
import type { StepCallbacks } from '../drivers/driver-types.js';
import type { LoadPortDriver, SlotMap } from '../drivers/module-drivers.js';
import { FakePhysics } from '../drivers/sim/fake-physics.test-util.js';
import { alarmRule } from '../drivers/sim/scripted-faults.test-util.js';
import { type Harness, harness, runToEnd, testConfig } from './controller-harness.test-util.js';

/** Every pair once, none lost: 3 distinct ids per pair, every stack in its slot. */
function expectAllPairs(h: Harness, lotId: string, pairs: number): void {
  const results = h.of('pair-result');
  expect(results.map((p) => p.stackId)).toEqual(
    Array.from({ length: pairs }, (_, i) => `${lotId}-S${String(i + 1).padStart(2, '0')}`),
  );
  const records = h.tool.substrates();
  expect(new Set(records.map((r) => r.id)).size).toBe(3 * pairs);
  for (const p of results) expect(records.find((r) => r.id === p.stackId)?.location).toEqual(p.destination);
}

/** The substrate in `moduleId` and the module's state, when the alarm `faultId` is raised. */
function atAlarm(h: Harness, faultId: string) {
  const seen: { atS: number; inside: string[]; state: string | undefined; location: unknown }[] = [];
  h.tool.on('alarm', (a) => {
    if (!a.set || a.fault.faultId !== faultId) return;
    const m = h.tool.status().modules.find((x) => x.id === a.fault.moduleId);
    const inside = m?.substrateIds ?? [];
    seen.push({
      atS: a.atS,
      inside,
      state: m?.state,
      location: h.tool.substrates().find((r) => r.id === inside[0])?.location,
    });
  });
  return seen;
}

describe('ToolController faults', () => {
  it('an alarming fault mid-lot holds the wafer, retries by itself after recoveryS, and the lot resumes', async () => {
    const h = harness({ faults: [alarmRule('PL1', 5, 'auto-retry', 120)] });
    const seen = atAlarm(h, 'PL1-TEST');
    await runToEnd(h, 'F1', 8);
    expectAllPairs(h, 'F1', 8);
    expect(seen).toEqual([
      { atS: expect.any(Number), inside: ['F1-T03'], state: 'fault', location: { module: 'PL1' } },
    ]);
    const t = seen[0]?.atS ?? 0;
    const alarms = h.of('alarm').map((a) => [a.fault.faultId, a.set, a.atS]);
    expect(alarms).toEqual([
      ['PL1-TEST', true, t],
      ['PL1-TEST', false, t + 120],
    ]);
    expect(h.faults.clearedLog).toEqual([{ faultId: 'PL1-TEST', moduleId: 'PL1', atS: t + 120 }]);
    // Processed exactly once: the alarmed attempt did nothing to the wafer.
    expect(h.physics.callsOf('plasma').filter((c) => c.id === 'F1-T03')).toHaveLength(1);
    expect(h.physics.callsOf('plasma')).toHaveLength(16);
    expect(h.of('pair-result').find((p) => p.index === 3)?.faults).toEqual(['PL1-TEST']);
    // The step starts, the fault point fires at its start, the retry starts it again.
    expect(
      h
        .of('module-state')
        .filter((m) => m.moduleId === 'PL1' && m.atS >= t && m.atS <= t + 120)
        .map((m) => m.to),
    ).toEqual(['busy', 'fault', 'idle', 'busy']);
    // An auto-retry alarm is an assist, not a failure (docs/tool.md §6): PL1 is never down.
    expect(
      h
        .of('e10-state')
        .filter((e) => e.entity === 'PL1')
        .map((e) => e.to),
    ).not.toContain('unscheduled-down');
  });

  it('an operator-clear alarm waits for clearAlarm; the lot resumes then', async () => {
    const h = harness({ faults: [alarmRule('CL1', 4, 'operator-clear', 60)] });
    const seen = atAlarm(h, 'CL1-TEST');
    h.tool.on('alarm', (a) => {
      if (!a.set) return;
      expect(h.tool.status().activeAlarms.map((f) => f.faultId)).toEqual(['CL1-TEST']);
      expect(h.tool.clearAlarm('CL1-OTHER').ok).toBe(false);
      h.clock.after(1000, () => expect(h.tool.clearAlarm('CL1-TEST').ok).toBe(true));
    });
    await runToEnd(h, 'F2', 6);
    expectAllPairs(h, 'F2', 6);
    const t = seen[0]?.atS ?? 0;
    expect(seen[0]).toMatchObject({ inside: ['F2-B02'], state: 'fault' });
    expect(h.of('alarm').map((a) => [a.set, a.atS])).toEqual([
      [true, t],
      [false, t + 1000],
    ]);
    expect(h.of('step-started').find((s) => s.moduleId === 'CL1' && s.atS > t)?.atS).toBe(t + 1000);
    expect(h.physics.callsOf('clean').filter((c) => c.id === 'F2-B02')).toHaveLength(1);
  });

  it('the simulated operator clears operator-clear alarms after recoveryS', async () => {
    const h = harness({ faults: [alarmRule('CL1', 4, 'operator-clear', 300)], operator: 'simulated' });
    await runToEnd(h, 'F3', 4);
    expectAllPairs(h, 'F3', 4);
    const [set, cleared] = h.of('alarm');
    expect(cleared?.atS).toBe((set?.atS ?? 0) + 300);
  });

  it('a maintenance recovery takes the module through maintenance; clearAlarm cannot cut it short', async () => {
    const h = harness({ faults: [alarmRule('BD1', 3, 'maintenance', 900)] });
    const seen = atAlarm(h, 'BD1-TEST');
    h.tool.on('alarm', (a) => {
      if (a.set) expect(h.tool.clearAlarm('BD1-TEST').ok ? '' : 'refused').toBe('refused');
    });
    await runToEnd(h, 'F4', 5);
    expectAllPairs(h, 'F4', 5);
    expect(seen[0]?.inside.sort()).toEqual(['F4-B03', 'F4-T03']);
    const t = seen[0]?.atS ?? 0;
    expect(
      h
        .of('module-state')
        .filter((m) => m.moduleId === 'BD1' && m.atS >= t && m.atS <= t + 900)
        .map((m) => m.to),
    ).toEqual(['busy', 'fault', 'maintenance', 'idle', 'busy']);
    expect(h.faults.maintainedLog).toEqual([{ moduleId: 'BD1', atS: t + 900 }]);
    expect(h.physics.callsOf('bond')).toHaveLength(5);
    expect(h.of('pair-result').find((p) => p.index === 3)?.faults).toEqual(['BD1-TEST']);
  });

  it('a robot alarm holds the wafers on its arms until the retry', async () => {
    const h = harness({ faults: [alarmRule('TR1', 41, 'auto-retry', 45)] });
    const seen: { ids: string[]; where: unknown[] }[] = [];
    h.tool.on('alarm', (a) => {
      if (!a.set) return;
      const ids = h.tool.status().modules.find((m) => m.id === 'TR1')?.substrateIds ?? [];
      seen.push({ ids, where: ids.map((id) => h.tool.substrates().find((r) => r.id === id)?.location) });
    });
    await runToEnd(h, 'F5', 6);
    expectAllPairs(h, 'F5', 6);
    expect(h.of('alarm').map((a) => a.set)).toEqual([true, false]);
    expect(seen[0]?.ids.length).toBeGreaterThan(0);
    expect(seen[0]?.where.every((l) => JSON.stringify(l) === '{"module":"TR1"}')).toBe(true);
    // The alarm is in the record of every pair whose wafer was on the arms.
    const held = new Set((seen[0]?.ids ?? []).map((id) => Number(id.slice(-2))));
    for (const p of h.of('pair-result')) expect(p.faults.includes('TR1-TEST')).toBe(held.has(p.index));
  });

  it('an abort during a fault leaves the wafer held once the alarm is cleared', async () => {
    const h = harness({ faults: [alarmRule('CL1', 3, 'operator-clear', 60)] });
    h.tool.on('alarm', (a) => {
      if (a.set) expect(h.tool.abort().ok).toBe(true);
    });
    const summary = await runToEnd(h, 'F10', 4);
    expect(summary.outcome).toBe('aborted');
    expect(h.tool.status().modules.find((m) => m.id === 'CL1')?.state).toBe('fault');
    expect(h.tool.clearHeld().ok).toBe(false);
    expect(h.tool.clearAlarm('CL1-TEST').ok).toBe(true);
    const cl = h.tool.status().modules.find((m) => m.id === 'CL1');
    expect([cl?.state, cl?.substrateIds]).toEqual(['held', ['F10-T02']]);
    expect(h.tool.clearHeld().ok).toBe(true);
    expect(h.tool.substrates().find((r) => r.id === 'F10-T02')?.location).toEqual({
      carrier: 'F10-TOP',
      slot: 2,
    });
  });

  it('a silent fault raises nothing and reaches the physics as degradation; only the data shows it', async () => {
    const h = harness({
      faults: [
        {
          moduleId: 'PL1',
          fromCall: 3,
          toCall: 4,
          degradation: { extraParticles: 2, faultIds: ['PL-SILENT'] },
        },
        { moduleId: 'BD1', fromCall: 2, degradation: { overlayDrift: { Tx: 40 }, faultIds: ['BD-DRIFT'] } },
      ],
    });
    await runToEnd(h, 'F6', 4);
    expectAllPairs(h, 'F6', 4);
    expect(h.of('alarm')).toEqual([]);
    const plasma = h.physics.callsOf('plasma');
    expect(plasma.map((c) => c.degradation?.faultIds ?? [])).toEqual([
      [],
      [],
      ['PL-SILENT'],
      ['PL-SILENT'],
      [],
      [],
      [],
      [],
    ]);
    expect(h.physics.callsOf('bond')[1]?.degradation?.overlayDrift).toEqual({ Tx: 40 });
    const [p1, p2] = h.of('pair-result');
    expect(p1?.faults).toEqual([]);
    expect(p2?.faults.sort()).toEqual(['BD-DRIFT', 'PL-SILENT']);
    expect(p2?.metrology.voids).toHaveLength(4);
    expect(p2?.yield).toBeLessThan(1);
    expect(p2?.overlay.Tx).toBeCloseTo((p1?.overlay.Tx ?? 0) + 40, 6);
  });

  it('escalates the third failed alignment of a pair in a row to a recalibration (maintenance)', async () => {
    const h = harness({ physics: new FakePhysics({ failAlignments: 4 }) });
    await runToEnd(h, 'F9', 2);
    expectAllPairs(h, 'F9', 2);
    expect(
      h
        .of('alarm')
        .filter((a) => a.set)
        .map((a) => [a.fault.faultId, a.fault.recovery]),
    ).toEqual([
      ['BD-ALIGN-061', 'auto-retry'],
      ['BD-ALIGN-061', 'auto-retry'],
      ['BD-ALIGN-062', 'maintenance'],
      ['BD-ALIGN-061', 'auto-retry'],
    ]);
    expect(h.physics.callsOf('bond').map((c) => c.id)).toEqual([
      ...Array(5).fill('F9-T01+F9-B01'),
      'F9-T02+F9-B02',
    ]);
    // The recalibration is a failure of the bonder in E10's sense: 1800 s unscheduled down.
    expect(
      h.tool.e10Figures().modules.find((m) => m.entity === 'BD1')?.metrics.times['unscheduled-down'],
    ).toBeCloseTo(1800, 6);
    // The aligner's own alarms are not the fault source's to clear.
    expect(h.faults.clearedLog).toEqual([]);
  });

  it('a failed alignment raises the bonder alarm, the pair is held and aligned again', async () => {
    const h = harness({ physics: new FakePhysics({ failAlignments: 1 }) });
    await runToEnd(h, 'F7', 3);
    expectAllPairs(h, 'F7', 3);
    expect(h.of('alarm').map((a) => [a.fault.faultId, a.set])).toEqual([
      ['BD-ALIGN-061', true],
      ['BD-ALIGN-061', false],
    ]);
    expect(h.physics.callsOf('bond').map((c) => c.id)).toEqual([
      'F7-T01+F7-B01',
      'F7-T01+F7-B01',
      'F7-T02+F7-B02',
      'F7-T03+F7-B03',
    ]);
    expect(h.faults.clearedLog).toEqual([]);
  });

  it('maintains plasma and clean every maintenanceEveryWafers wafers, empty, as scheduled down', async () => {
    const h = harness({ config: testConfig({ maintenanceEveryWafers: 6 }), maintenanceS: 600 });
    await runToEnd(h, 'F8', 10);
    expectAllPairs(h, 'F8', 10);
    const count = (id: string) => h.faults.maintainedLog.filter((m) => m.moduleId === id).length;
    expect([count('PL1'), count('CL1'), count('BD1')]).toEqual([3, 3, 0]);
    const pl = h
      .of('e10-state')
      .filter((e) => e.entity === 'PL1')
      .map((e) => e.to);
    expect(pl.filter((s) => s === 'scheduled-down')).toHaveLength(3);
    for (const m of h.of('module-state').filter((x) => x.to === 'maintenance')) {
      expect(
        h.tool
          .substrates()
          .some((r) =>
            r.history.some(
              (e) =>
                'module' in e.location &&
                e.location.module === m.moduleId &&
                e.inS < m.atS &&
                (e.outS ?? Infinity) > m.atS,
            ),
          ),
      ).toBe(false);
    }
  });

  it('a slot map that is not the job aborts the lot before any wafer moves', async () => {
    const h = harness({
      drivers: (d) => {
        const lp = d.get('LP2') as LoadPortDriver;
        const map = lp.map.bind(lp);
        lp.map = (carrierId: string, cb: StepCallbacks<SlotMap>) =>
          map(carrierId, {
            ...cb,
            done: (done) =>
              cb.done({
                ...done,
                result: { carrierId, occupied: done.result.occupied.filter((s) => s !== 2) },
              }),
          });
      },
    });
    const summary = await runToEnd(h, 'F9', 3);
    expect(summary).toMatchObject({ outcome: 'aborted', pairs: 0 });
    expect(h.of('substrate-moved')).toEqual([]);
    expect(h.tool.status().processState).toBe('idle');
  });
});
