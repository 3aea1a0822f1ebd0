// SEMI E10 states as the controller derives them from module and process states (docs/tool.md §1,
// §6). The E10 tracker (MTBF, MTTR, availability, utilisation) is fed with these transitions.
import type { Recovery } from '../faults/fault-source.js';
import type { E10State, ModuleState, ProcessState } from './tool-api.js';

/** Why a module is in maintenance: its schedule, or a fault's recovery. */
export type MaintenanceCause = 'scheduled' | 'fault';

/**
 * A module's E10 state. An alarm the controller retries by itself is an assist, not a failure
 * (docs/tool.md §6): the module keeps the E10 state it had (`current`). An alarm that needs an
 * operator or a maintenance is a failure: unscheduled down until it is cleared.
 */
export function moduleE10(
  state: ModuleState,
  maintenance: MaintenanceCause | undefined,
  alarm: Recovery | undefined,
  current: E10State,
): E10State {
  switch (state) {
    case 'busy':
      return 'productive';
    case 'idle':
    case 'held':
      return 'standby';
    case 'maintenance':
      return maintenance === 'scheduled' ? 'scheduled-down' : 'unscheduled-down';
    case 'fault':
      return alarm === 'auto-retry' ? current : 'unscheduled-down';
    case 'down':
      return 'unscheduled-down';
  }
}

/** The tool's E10 state: down while any module is unscheduled down, productive while a lot runs, else standby. */
export function toolE10(process: ProcessState, modules: readonly E10State[]): E10State {
  if (modules.some((m) => m === 'unscheduled-down')) return 'unscheduled-down';
  if (process === 'idle' || process === 'paused') return 'standby';
  return 'productive';
}
