import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock.js';
import type { AlarmingFault } from '../../faults/fault-source.js';
import { BOND_BOUND } from '../../schedule/test-recipes.test-util.js';
import type { PairMetrology } from '../../sim/process-physics.js';
import { twinParamsSchema } from '../../sim/twin-params.js';
import type { StepCallbacks, StepDone } from '../driver-types.js';
import type { AnyDriver } from '../module-drivers.js';
import { createSimDrivers } from './create-sim-drivers.js';
import { FakePhysics } from './fake-physics.test-util.js';
import { type FaultRule, ScriptedFaults } from './scripted-faults.test-util.js';

const MODULES = [
  { id: 'LP1', kind: 'loadport' as const },
  { id: 'TR1', kind: 'robot' as const },
  { id: 'PL1', kind: 'plasma' as const },
  { id: 'CL1', kind: 'clean' as const },
  { id: 'BD1', kind: 'bonder' as const },
  { id: 'IN1', kind: 'inspection' as const },
];
const P = BOND_BOUND.params;

function rig(timeJitter: number, rules: FaultRule[] = [], physics = new FakePhysics()) {
  const clock = new VirtualClock();
  const faults = new ScriptedFaults(rules);
  const drivers = createSimDrivers(MODULES, {
    clock,
    physics,
    faults,
    twin: twinParamsSchema.parse({ timeJitter }),
    seed: 5,
  });
  const get = <K extends AnyDriver['kind']>(id: string, kind: K) => {
    const d = drivers.get(id);
    if (d?.kind !== kind) throw new Error(id);
    return d as Extract<AnyDriver, { kind: K }>;
  };
  /** Run one step; resolves with how long it took and how it ended. */
  const step = <R>(start: (cb: StepCallbacks<R>) => void) =>
    new Promise<{ s: number; done?: StepDone<R>; alarm?: AlarmingFault }>((resolve) => {
      const t0 = clock.nowS;
      start({
        done: (done) => resolve({ s: clock.nowS - t0, done }),
        alarm: (alarm) => resolve({ s: clock.nowS - t0, alarm }),
      });
    });
  return { clock, faults, physics, get, step };
}

/** Bring two wafers into the twin through a load port (dock + map). */
async function withWafers(r: ReturnType<typeof rig>) {
  const lp = r.get('LP1', 'loadport');
  const contents = [
    { slot: 1, substrate: { id: 'T1', kind: 'top' as const } },
    { slot: 2, substrate: { id: 'B1', kind: 'bottom' as const } },
  ];
  const dock = await r.step<null>((cb) => lp.dock({ id: 'C1', role: 'top', slots: 25, contents }, cb));
  const map = await r.step<{ carrierId: string; occupied: number[] }>((cb) => lp.map('C1', cb));
  return { dock, map };
}

describe('simulated drivers', () => {
  it('take their recipe times exactly without variation', async () => {
    const r = rig(0);
    const { dock, map } = await withWafers(r);
    expect([dock.s, map.s, map.done?.result.occupied]).toEqual([8, 12, [1, 2]]);
    const t1 = { id: 'T1', kind: 'top' as const };
    const b1 = { id: 'B1', kind: 'bottom' as const };
    expect((await r.step<null>((cb) => r.get('PL1', 'plasma').activate(t1, P.plasma, cb))).s).toBe(
      P.plasma.timeS,
    );
    expect((await r.step<null>((cb) => r.get('CL1', 'clean').clean(t1, P.clean, cb))).s).toBe(
      P.clean.rinseS + P.clean.dryS,
    );
    const tr = r.get('TR1', 'robot');
    expect(
      (
        await r.step<null>((cb) =>
          tr.swap('PL1', { arm: 'A', substrate: t1 }, { arm: 'B', substrate: b1 }, P.robot, cb),
        )
      ).s,
    ).toBe(P.robot.pickS + P.robot.placeS);
    const bond = await r.step((cb) =>
      r
        .get('BD1', 'bonder')
        .bond({ top: t1, bottom: b1, stackId: 'S1' }, P.bonder, { Tx: 0, Ty: 0, Rot: 0, Mag: 0 }, cb),
    );
    expect(bond.s).toBe(P.bonder.alignS + P.bonder.initiationDelayS + P.bonder.bondS);
    const insp = await r.step<PairMetrology>((cb) =>
      r.get('IN1', 'inspection').inspect({ id: 'S1', kind: 'stack' }, P.inspection, cb),
    );
    expect(insp.s).toBe(P.inspection.scanS + P.inspection.sites * P.inspection.siteS);
    expect(insp.done?.result.sites).toHaveLength(P.inspection.sites);
  });

  it('vary step times by twin.timeJitter, seeded: mean and spread of 2000 robot moves', async () => {
    const r = rig(0.05);
    const tr = r.get('TR1', 'robot');
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) times.push((await r.step<null>((cb) => tr.move('PL1', P.robot, cb))).s);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sd = Math.sqrt(times.reduce((a, b) => a + (b - mean) ** 2, 0) / (times.length - 1));
    // Normal with sigma 0.05 × 2 s = 0.1 s: the mean is within 4 standard errors (4 × 0.1/√2000 ≈ 0.009 s),
    // the sample sd within 10 % (its relative standard error is 1/√(2·1999) ≈ 1.6 %).
    expect(Math.abs(mean - P.robot.moveS)).toBeLessThan(0.009);
    expect(sd / 0.1).toBeGreaterThan(0.9);
    expect(sd / 0.1).toBeLessThan(1.1);
  });

  it('stop on an alarming fault at the start without touching the wafer; pass silent degradation to the physics', async () => {
    const r = rig(0, [
      { moduleId: 'PL1', fromCall: 1, alarm: { faultId: 'PL-A', recovery: 'auto-retry', recoveryS: 10 } },
      {
        moduleId: 'PL1',
        fromCall: 2,
        degradation: { timeFactor: 1.5, extraParticles: 3, faultIds: ['PL-S'] },
      },
    ]);
    await withWafers(r);
    const pl = r.get('PL1', 'plasma');
    const t1 = { id: 'T1', kind: 'top' as const };
    const first = await r.step<null>((cb) => pl.activate(t1, P.plasma, cb));
    expect([first.s, first.alarm?.faultId, r.physics.callsOf('plasma').length]).toEqual([0, 'PL-A', 0]);
    pl.recovered('PL-A');
    const second = await r.step<null>((cb) => pl.activate(t1, P.plasma, cb));
    expect(second.s).toBe(1.5 * P.plasma.timeS);
    expect(second.done?.faultIds).toEqual(['PL-S']);
    expect(second.done?.results.particles).toBe(3);
    expect(r.physics.callsOf('plasma')[0]?.degradation?.extraParticles).toBe(3);
    // The alarmed attempt did not count as a processed wafer.
    expect(r.faults.steps.filter((s) => s.moduleId === 'PL1').map((s) => s.countSinceMaintenance)).toEqual([
      0, 0,
    ]);
    pl.maintained();
    expect(r.faults.clearedLog.map((c) => c.faultId)).toEqual(['PL-A']);
    expect(r.faults.maintainedLog.map((m) => m.moduleId)).toEqual(['PL1']);
  });

  it('report nothing for a step cut short by abort', async () => {
    const r = rig(0);
    const tr = r.get('TR1', 'robot');
    let reported = false;
    tr.move('PL1', P.robot, { done: () => (reported = true), alarm: () => (reported = true) });
    tr.abort();
    await r.clock.idle();
    expect(reported).toBe(false);
    expect((await r.step<null>((cb) => tr.move('PL1', P.robot, cb))).s).toBe(P.robot.moveS);
  });
});
