// The E37 connection state machine as a table (core's TransitionTable). Anything not in the table is
// refused.
import { type Transition, TransitionTable } from '@bondline/core';

/** E37 connection states. */
export type HsmsState = 'not-connected' | 'not-selected' | 'selected';

/** What moves the state. */
export type HsmsStateEvent = 'connected' | 'select' | 'deselect' | 'disconnected';

/** Every move E37 allows. */
const HSMS_TRANSITIONS: readonly Transition<HsmsState, HsmsStateEvent>[] = [
  { from: 'not-connected', on: 'connected', to: 'not-selected' },
  { from: 'not-selected', on: 'select', to: 'selected' },
  { from: 'not-selected', on: 'disconnected', to: 'not-connected' },
  { from: 'selected', on: 'deselect', to: 'not-selected' },
  { from: 'selected', on: 'disconnected', to: 'not-connected' },
];

/** A connection's state, starting NOT CONNECTED, moving only along HSMS_TRANSITIONS. */
export function connectionStateMachine(): TransitionTable<HsmsState, HsmsStateEvent> {
  return new TransitionTable('HSMS connection state', HSMS_TRANSITIONS, 'not-connected');
}
