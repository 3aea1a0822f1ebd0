// What of the equipment survives a restart (see state-store.ts), taken from and put back into the
// live objects. Restoring drops anything the current model no longer declares.

import type { LimitVariable } from '../limits/limit-definitions.js';
import { LimitsMonitor } from '../limits/limits-monitor.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { ControlStateMachine } from '../state/control-state.js';
import type { DataIdCounter } from './data-id.js';
import type { EquipmentTime } from './equipment-time.js';
import type { ReportTable } from './report-table.js';
import type { PersistedEquipmentState } from './state-store.js';
import type { VariableStore } from './variable-store.js';

export interface PersistedParts {
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly alarmEnabled: Set<number>;
  readonly control: ControlStateMachine;
  /** Replaced by one rebuilt from stored definitions on restore. */
  limits: LimitsMonitor;
  readonly limitVariables: readonly LimitVariable[];
  readonly time: EquipmentTime;
  readonly dataIds: DataIdCounter;
}

/** Every persisted item as it is now. */
export function snapshotState(p: PersistedParts): PersistedEquipmentState {
  return {
    constants: p.vars.constantValues(),
    reports: p.reports.snapshot(),
    alarmsEnabled: [...p.alarmEnabled],
    control: { remote: p.control.remote },
    limits: p.limits.snapshot(),
    clock: { offsetMs: p.time.offsetMs },
    dataId: { reservedThrough: p.dataIds.mark },
  };
}

/**
 * Apply what the store holds; items it does not hold keep the model's defaults. The DATAID counter
 * resumes above the stored mark (reserving a new block, which the caller should save at once).
 */
export function restoreState(p: PersistedParts, s: PersistedEquipmentState): void {
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
  if (s.limits !== undefined) p.limits = new LimitsMonitor(p.limitVariables, s.limits);
  if (s.clock !== undefined) p.time.offsetMs = s.clock.offsetMs;
  p.dataIds.resumeAfter(s.dataId?.reservedThrough ?? 0);
}
