// What of the equipment survives a restart (see state-store.ts), taken from and put back into the
// live objects. Restoring drops anything the current model no longer declares.

import type { LimitVariable } from '../limits/limit-definitions.js';
import { LimitsMonitor } from '../limits/limits-monitor.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { ControlStateMachine } from '../state/control-state.js';
import type { ReportTable } from './report-table.js';
import type { PersistedEquipmentState } from './state-store.js';
import type { VariableStore } from './variable-store.js';

export interface PersistedParts {
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly alarmEnabled: Set<number>;
  readonly control: ControlStateMachine;
  readonly limits: LimitsMonitor;
}

/** Every persisted item as it is now. */
export function snapshotState(p: PersistedParts): PersistedEquipmentState {
  return {
    constants: p.vars.constantValues(),
    reports: p.reports.snapshot(),
    alarmsEnabled: [...p.alarmEnabled],
    control: { remote: p.control.remote },
    limits: p.limits.snapshot(),
  };
}

/**
 * Apply what the store holds; items it does not hold keep the model's defaults. Returns the limits
 * monitor rebuilt from stored definitions, or undefined when none were stored.
 */
export function restoreState(
  p: PersistedParts,
  s: PersistedEquipmentState,
  limitVars: readonly LimitVariable[],
): LimitsMonitor | undefined {
  if (s.constants !== undefined) {
    const ok = new Map<number, Value>();
    for (const [k, v] of Object.entries(s.constants)) {
      const id = Number(k);
      const c = p.vars.constant(id);
      if (c !== undefined && typeof v === typeof c.default) ok.set(id, v);
    }
    p.vars.setConstants(ok);
  }
  if (s.reports !== undefined) p.reports.restore(s.reports);
  if (s.alarmsEnabled !== undefined) {
    p.alarmEnabled.clear();
    for (const a of s.alarmsEnabled) if (p.model.alarms.some((x) => x.id === a)) p.alarmEnabled.add(a);
  }
  // E30 4.3: power-up enters the configured initial state; the saved switch picks its ONLINE substate.
  if (s.control !== undefined) p.control.setRemote(s.control.remote);
  return s.limits === undefined ? undefined : new LimitsMonitor(limitVars, s.limits);
}
