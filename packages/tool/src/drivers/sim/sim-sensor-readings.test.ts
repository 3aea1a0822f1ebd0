// Sensor readings while a step runs (docs/tool.md §7.8): a plasma or clean step of the simulated tool
// reports a fresh reading of its module's sensors every twin `sensorPeriodS`, strictly inside the step,
// from the twin's own sensor model; the same seed gives the same readings, and the step's outcome is
// the same with readings on or off.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/virtual-clock.js';
import { clean, demoBond, plasma, twinWith } from '../../sim/twin.test-util.js';
import { createTwinPhysics } from '../../sim/twin-physics.js';
import type { StepCallbacks, StepDone } from '../driver-types.js';
import { createSimDrivers } from './create-sim-drivers.js';
import { ScriptedFaults } from './scripted-faults.test-util.js';

const MODULES = [
  { id: 'LP1', kind: 'loadport' as const },
  { id: 'PL1', kind: 'plasma' as const },
  { id: 'CL1', kind: 'clean' as const },
];

interface Reading {
  atS: number;
  trace: Record<string, number>;
}

async function run(seed: number, sensorPeriodS: number) {
  const clock = new VirtualClock();
  const twin = twinWith({ timeJitter: 0, sensorPeriodS });
  const physics = createTwinPhysics({ bond: await demoBond(), twin, seed });
  const drivers = createSimDrivers(MODULES, { clock, physics, faults: new ScriptedFaults([]), twin, seed });
  const lp = drivers.get('LP1');
  const pl = drivers.get('PL1');
  const cl = drivers.get('CL1');
  if (lp?.kind !== 'loadport' || pl?.kind !== 'plasma' || cl?.kind !== 'clean') throw new Error('modules');
  const wafer = { id: 'T1', kind: 'top' as const };
  const step = <R>(start: (cb: StepCallbacks<R>) => void) =>
    new Promise<{ readings: Reading[]; done: StepDone<R> | undefined; t0: number }>((resolve) => {
      const readings: Reading[] = [];
      const t0 = clock.nowS;
      start({
        reading: (trace) => readings.push({ atS: clock.nowS - t0, trace }),
        done: (done) => resolve({ readings, done, t0 }),
        alarm: () => resolve({ readings, done: undefined, t0 }),
      });
    });
  // The wafer enters the twin through a load port (dock and map), as in sim-drivers.test.ts.
  const contents = [{ slot: 1, substrate: wafer }];
  await step<null>((cb) => lp.dock({ id: 'C1', role: 'top', slots: 25, contents }, cb));
  await step<{ carrierId: string; occupied: number[] }>((cb) => lp.map('C1', cb));
  const p = await step<null>((cb) => pl.activate(wafer, plasma, cb));
  const c = await step<null>((cb) => cl.clean(wafer, clean, cb));
  return { p, c };
}

describe('sensor readings while a step runs', () => {
  it('a plasma step of 30 s read every 1 s: 29 readings at 1..29 s, around the recipe set points', async () => {
    const { p, c } = await run(7, 1);
    expect(p.readings.map((r) => r.atS)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    // The clean step is rinseS + dryS = 30 + 20 s (twin.test-util.ts): 49 readings.
    expect(c.readings).toHaveLength(49);
    for (const r of p.readings) {
      expect(Object.keys(r.trace).sort()).toEqual(['chamberPressurePa', 'rfForwardW', 'rfReflectedW']);
      // pressure noise is 1 % (plasma-step.ts): 10 sd is 4 Pa around the recipe's 40 Pa.
      expect(Math.abs((r.trace.chamberPressurePa ?? 0) - plasma.pressurePa)).toBeLessThan(4);
      // forward power noise 0.3 %: 10 sd is 9 W around 300 W.
      expect(Math.abs((r.trace.rfForwardW ?? 0) - plasma.rfPowerW)).toBeLessThan(9);
    }
    for (const r of c.readings) expect(Object.keys(r.trace).sort()).toEqual(['rinseFlowLpm', 'spinRpm']);
    // Fresh noise each reading: no two pressures equal.
    expect(new Set(p.readings.map((r) => r.trace.chamberPressurePa)).size).toBe(29);
  });

  it('the same seed gives the same readings; the step outcome does not depend on them', async () => {
    const a = await run(11, 1);
    const b = await run(11, 1);
    const off = await run(11, 0);
    expect(b.p.readings).toEqual(a.p.readings);
    expect(off.p.readings).toEqual([]);
    expect(off.p.done?.trace).toEqual(a.p.done?.trace);
    expect(off.c.done?.trace).toEqual(a.c.done?.trace);
    const other = await run(12, 1);
    expect(other.p.readings).not.toEqual(a.p.readings);
  });
});
