// Runs one step of one module through its driver (docs/tool.md §1): the module goes busy, the step
// starts, and the driver reports either `done` (the module goes idle, results go into the
// substrates' histories, trace values go out as samples) or `alarm` (the module stops, holding its
// substrates; see fault-recovery.ts). Sensor readings while the step runs go out as trace samples too.
// Reports from a step an abort cut short are ignored.
import type { StepCallbacks, StepDone } from '../drivers/driver-types.js';
import { raiseAlarm } from './fault-recovery.js';
import type { ModuleRuntime } from './module-runtime.js';
import type { ToolRuntime } from './tool-runtime.js';

export interface StepSpec<R> {
  /** Substrates the step works on: the step's events name them, its results go into their histories. */
  substrateIds: string[];
  /** Call the driver. */
  invoke(cb: StepCallbacks<R>): void;
  /** The step finished (after the module went idle and the step-ended event). */
  onDone(done: StepDone<R>): void;
}

export function runStep<R>(rt: ToolRuntime, m: ModuleRuntime, spec: StepSpec<R>): void {
  const startS = rt.nowS;
  const generation = m.generation;
  // A fault acts on everything the module holds: a robot stopped during a move holds its wafers.
  const affected = [...new Set([...spec.substrateIds, ...m.contents])];
  m.stepStartS = startS;
  m.fire('start');
  rt.bus.emit('step-started', {
    moduleId: m.id,
    kind: m.kind,
    substrateIds: [...spec.substrateIds],
    atS: startS,
  });
  spec.invoke({
    reading: (trace) =>
      rt.bus.batch(() => {
        if (generation !== m.generation) return;
        const atS = rt.nowS;
        for (const [name, value] of Object.entries(trace))
          rt.bus.emit('trace', { moduleId: m.id, name, value, atS });
      }),
    done: (d) =>
      rt.bus.batch(() => {
        if (generation !== m.generation) return;
        const atS = rt.nowS;
        m.fire('end');
        m.busy.add(startS, atS);
        m.sinceMaintenance++;
        const results: Record<string, number | string> = { ...d.results };
        if (d.faultIds.length > 0) results.faults = d.faultIds.join(' ');
        if (Object.keys(results).length > 0)
          for (const id of spec.substrateIds) rt.tracker.annotate(id, results);
        for (const id of affected) rt.tracker.addFaults(id, d.faultIds);
        rt.bus.emit('step-ended', {
          moduleId: m.id,
          kind: m.kind,
          substrateIds: [...spec.substrateIds],
          atS,
          durationS: atS - startS,
          trace: { ...d.trace },
        });
        for (const [name, value] of Object.entries(d.trace))
          rt.bus.emit('trace', { moduleId: m.id, name, value, atS });
        spec.onDone(d);
        rt.kick();
      }),
    alarm: (fault) =>
      rt.bus.batch(() => {
        if (generation !== m.generation) return;
        raiseAlarm(rt, m, fault, affected);
        rt.kick();
      }),
  });
}
