// SEMI E10 states as the controller derives them from module and process states (docs/tool.md §1).
// The E10 tracker (MTBF, MTTR, availability) builds on these transitions.
import type { E10State, ModuleState, ProcessState } from './tool-api.js';

/** Why a module is in maintenance: its schedule, or a fault's recovery. */
export type MaintenanceCause = 'scheduled' | 'fault';

/** A module's E10 state. */
export function moduleE10(state: ModuleState, maintenance: MaintenanceCause | undefined): E10State {
  switch (state) {
    case 'busy':
      return 'productive';
    case 'idle':
    case 'held':
      return 'standby';
    case 'maintenance':
      return maintenance === 'scheduled' ? 'scheduled-down' : 'unscheduled-down';
    case 'fault':
    case 'down':
      return 'unscheduled-down';
  }
}

/** The tool's E10 state: down while any module is in fault, productive while a lot runs, else standby. */
export function toolE10(process: ProcessState, modules: readonly ModuleState[]): E10State {
  if (modules.some((m) => m === 'fault' || m === 'down')) return 'unscheduled-down';
  if (process === 'idle' || process === 'paused') return 'standby';
  return 'productive';
}
