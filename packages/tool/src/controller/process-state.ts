// The tool's processing state (GEM PROCESSING STATE as this tool defines it; docs/tool.md §1) as a
// refusing table. Commands that are not allowed in the current state are refused before they act.
import { type Transition, TransitionTable } from '@bondline/core';
import type { ProcessState } from './tool-api.js';

/**
 * start: a lot was accepted (setup docks and maps its carriers); ready: setup done. pause → pausing
 * until the steps in progress end → paused. stop: start no new pair. complete: the last pair is out
 * and the carriers undocked. abort → aborting → aborted: everything stops where it is.
 */
export type ProcessEvent =
  | 'start'
  | 'ready'
  | 'pause'
  | 'paused'
  | 'resume'
  | 'stop'
  | 'complete'
  | 'abort'
  | 'aborted';

const ROWS: readonly Transition<ProcessState, ProcessEvent>[] = [
  { from: 'idle', on: 'start', to: 'setup' },
  { from: 'setup', on: 'ready', to: 'executing' },
  { from: 'executing', on: 'pause', to: 'pausing' },
  { from: 'pausing', on: 'paused', to: 'paused' },
  { from: 'pausing', on: 'resume', to: 'executing' },
  { from: 'paused', on: 'resume', to: 'executing' },
  { from: 'setup', on: 'stop', to: 'stopping' },
  { from: 'executing', on: 'stop', to: 'stopping' },
  { from: 'pausing', on: 'stop', to: 'stopping' },
  { from: 'paused', on: 'stop', to: 'stopping' },
  { from: 'executing', on: 'complete', to: 'idle' },
  { from: 'stopping', on: 'complete', to: 'idle' },
  { from: 'setup', on: 'abort', to: 'aborting' },
  { from: 'executing', on: 'abort', to: 'aborting' },
  { from: 'pausing', on: 'abort', to: 'aborting' },
  { from: 'paused', on: 'abort', to: 'aborting' },
  { from: 'stopping', on: 'abort', to: 'aborting' },
  { from: 'aborting', on: 'aborted', to: 'idle' },
];

/** A fresh process state machine, idle. */
export function processStateMachine(): TransitionTable<ProcessState, ProcessEvent> {
  return new TransitionTable<ProcessState, ProcessEvent>('process state', ROWS, 'idle');
}
