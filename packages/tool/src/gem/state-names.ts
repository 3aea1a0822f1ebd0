// How the tool's states and module kinds are named in its equipment model (docs/tool.md §7). Records
// keyed by the tool's own types, so a state or kind added to the controller's seam fails to compile
// here until it has a GEM name.

import type { EquipmentModel } from '@bondline/secs';
import type { ProcessState } from '../controller/tool-api.js';
import type { ModuleKind } from '../module-kind.js';

/** GEM processing states (E30 4.4) of the tool's ProcessState, in the order the ProcessState SV counts them. */
export const PROCESS_STATE_NAMES: Readonly<Record<ProcessState, string>> = {
  idle: 'IDLE',
  setup: 'SETUP',
  executing: 'EXECUTING',
  pausing: 'PAUSING',
  paused: 'PAUSED',
  stopping: 'STOPPING',
  aborting: 'ABORTING',
};

/** The module kind as it appears in event names (PlasmaStepStarted). */
export const KIND_NAMES: Readonly<Record<ModuleKind, string>> = {
  loadport: 'LoadPort',
  robot: 'Robot',
  prealigner: 'Prealigner',
  plasma: 'Plasma',
  clean: 'Clean',
  flipper: 'Flipper',
  bonder: 'Bonder',
  inspection: 'Inspection',
};

/**
 * The processing state model of the equipment: the tool's states, and a transition from every state to
 * every other one, named after its target and reporting `ceid`. GEM's processing state mirrors the
 * controller's, whose own table refuses illegal moves; the mirror must follow whatever move the
 * controller reports, or the ProcessState SV would stop telling the truth.
 */
export function processingModel(ceid: number): EquipmentModel['processing'] {
  const states = Object.values(PROCESS_STATE_NAMES);
  const transitions = states.flatMap((from) =>
    states.filter((to) => to !== from).map((to) => ({ from, on: to, to, ceid })),
  );
  return { states, initial: PROCESS_STATE_NAMES.idle, transitions };
}
