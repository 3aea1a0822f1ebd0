// Alarms and their recovery (docs/tool.md §1). An alarm stops the module with its substrates inside
// (held: never lost, never processed twice, since a simulated step that alarms did nothing to them);
// recovery is a retry after recoveryS, an operator's clear (or the simulated operator's, after
// recoveryS), or a maintenance of recoveryS. Once recovered the module is idle with the same
// substrates, and the scheduling pass redoes the step, so the lot goes on where it stopped.
// Scheduled maintenance (every N wafers of a plasma or clean module) uses the same path without an alarm.
import type { AlarmingFault } from '../faults/fault-source.js';
import type { ModuleRuntime } from './module-runtime.js';
import type { ToolRuntime } from './tool-runtime.js';

export function raiseAlarm(
  rt: ToolRuntime,
  m: ModuleRuntime,
  fault: AlarmingFault,
  substrateIds: readonly string[],
): void {
  // The alarm is known before the state moves: its recovery decides the module's E10 state.
  m.alarm = fault;
  m.fire('alarm');
  for (const id of substrateIds) rt.tracker.addFaults(id, [fault.faultId]);
  rt.bus.emit('alarm', { fault, set: true, atS: rt.nowS });
  switch (fault.recovery) {
    case 'auto-retry':
      m.recoveryTimer = rt.clock.after(fault.recoveryS, () => rt.bus.batch(() => recover(rt, m)));
      return;
    case 'operator-clear':
      if (rt.operator === 'simulated') {
        m.recoveryTimer = rt.clock.after(fault.recoveryS, () => rt.bus.batch(() => recover(rt, m)));
      }
      return;
    case 'maintenance':
      m.maintenance = 'fault';
      m.fire('maintain');
      m.recoveryTimer = rt.clock.after(fault.recoveryS, () =>
        rt.bus.batch(() => {
          maintained(m);
          recover(rt, m);
        }),
      );
      return;
  }
}

/** Clear the module's alarm now: the module goes idle and the alarm is reported cleared. */
export function recover(rt: ToolRuntime, m: ModuleRuntime): void {
  const fault = m.alarm;
  if (fault === undefined) return;
  m.recoveryTimer?.cancel();
  m.recoveryTimer = undefined;
  m.alarm = undefined;
  if (m.state === 'maintenance') {
    m.fire('maintained');
    m.maintenance = undefined;
  } else {
    m.fire('recover');
  }
  m.driver.recovered(fault.faultId);
  rt.bus.emit('alarm', { fault, set: false, atS: rt.nowS });
  // With no lot running (it was aborted meanwhile) the module keeps its substrates, held.
  const running = rt.process.state !== 'idle' && rt.process.state !== 'aborting';
  if (!running && m.contents.length > 0) m.fire('hold');
  rt.kick();
}

/** Scheduled maintenance of an empty, idle module: maintenanceS of scheduled down, wear counters reset. */
export function startScheduledMaintenance(rt: ToolRuntime, m: ModuleRuntime): void {
  m.maintenance = 'scheduled';
  m.fire('maintain');
  rt.clock.after(rt.maintenanceS, () =>
    rt.bus.batch(() => {
      maintained(m);
      m.fire('maintained');
      m.maintenance = undefined;
      rt.kick();
    }),
  );
}

function maintained(m: ModuleRuntime): void {
  m.driver.maintained();
  m.sinceMaintenance = 0;
}
