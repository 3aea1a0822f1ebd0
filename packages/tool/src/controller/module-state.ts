// A module's state machine (docs/tool.md §1) as a refusing table: the controller cannot, by a bug,
// start a step in a module that is in fault or take a busy module into maintenance.
import { type Transition, TransitionTable } from '@bondline/core';
import type { ModuleState } from './tool-api.js';

/**
 * start/end: a step (or a load port's dock, map, undock, or a robot operation) begins and ends.
 * alarm: the module stopped with an alarm, the substrate inside is held. recover: the alarm was
 * cleared. maintain/maintained: maintenance (scheduled, or as a fault's recovery) begins and ends.
 * hold/release: an abort leaves the module holding its substrate until it is taken out.
 * take-down/bring-up: out of service and back.
 */
export type ModuleEvent =
  | 'start'
  | 'end'
  | 'alarm'
  | 'recover'
  | 'maintain'
  | 'maintained'
  | 'hold'
  | 'release'
  | 'take-down'
  | 'bring-up';

const ROWS: readonly Transition<ModuleState, ModuleEvent>[] = [
  { from: 'idle', on: 'start', to: 'busy' },
  { from: 'busy', on: 'end', to: 'idle' },
  { from: 'idle', on: 'alarm', to: 'fault' },
  { from: 'busy', on: 'alarm', to: 'fault' },
  { from: 'fault', on: 'recover', to: 'idle' },
  { from: 'fault', on: 'maintain', to: 'maintenance' },
  { from: 'idle', on: 'maintain', to: 'maintenance' },
  { from: 'maintenance', on: 'maintained', to: 'idle' },
  { from: 'idle', on: 'hold', to: 'held' },
  { from: 'busy', on: 'hold', to: 'held' },
  { from: 'held', on: 'release', to: 'idle' },
  { from: 'idle', on: 'take-down', to: 'down' },
  { from: 'held', on: 'take-down', to: 'down' },
  { from: 'fault', on: 'take-down', to: 'down' },
  { from: 'maintenance', on: 'take-down', to: 'down' },
  { from: 'down', on: 'bring-up', to: 'idle' },
];

/** A fresh module state machine, idle. */
export function moduleStateMachine(moduleId: string): TransitionTable<ModuleState, ModuleEvent> {
  return new TransitionTable<ModuleState, ModuleEvent>(`module ${moduleId}`, ROWS, 'idle');
}
