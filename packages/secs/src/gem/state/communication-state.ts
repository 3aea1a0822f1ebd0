// E30 communication state model (section 4.2): DISABLED, and within ENABLED the NOT COMMUNICATING
// substates WAIT CRA / WAIT DELAY, then COMMUNICATING. Both sides may initiate with S1F13.

import { type Transition, TransitionTable } from '@bondline/core';

export type CommunicationState = 'disabled' | 'wait-cra' | 'wait-delay' | 'communicating';

export type CommunicationEvent =
  /** Operator enables communication; we send S1F13 at once. */
  | 'enable'
  | 'disable'
  /** Our S1F13 got S1F14 with COMMACK 0. */
  | 'cra-accepted'
  /** Our S1F13 got no reply (T3), a refusal or the link went down: wait the retry delay. */
  | 'cra-failed'
  /** The establish-communications delay expired: send S1F13 again. */
  | 'delay-expired'
  /** The peer sent S1F13 and we answered COMMACK 0. */
  | 'cr-received'
  /** The link was lost while communicating. */
  | 'link-lost';

const COMMUNICATION_TRANSITIONS: readonly Transition<CommunicationState, CommunicationEvent>[] = [
  { from: 'disabled', on: 'enable', to: 'wait-cra' },
  { from: 'wait-cra', on: 'disable', to: 'disabled' },
  { from: 'wait-delay', on: 'disable', to: 'disabled' },
  { from: 'communicating', on: 'disable', to: 'disabled' },
  { from: 'wait-cra', on: 'cra-accepted', to: 'communicating' },
  { from: 'wait-cra', on: 'cra-failed', to: 'wait-delay' },
  { from: 'wait-delay', on: 'delay-expired', to: 'wait-cra' },
  { from: 'wait-cra', on: 'cr-received', to: 'communicating' },
  { from: 'wait-delay', on: 'cr-received', to: 'communicating' },
  // E30 4.2.3.3: S1F13 while communicating is answered and the state stays.
  { from: 'communicating', on: 'cr-received', to: 'communicating' },
  { from: 'communicating', on: 'link-lost', to: 'wait-delay' },
];

/** A communication state machine, starting DISABLED (call `fire('enable')`) or at `initial`. */
export function communicationMachine(
  initial: CommunicationState = 'disabled',
): TransitionTable<CommunicationState, CommunicationEvent> {
  return new TransitionTable('communication state', COMMUNICATION_TRANSITIONS, initial);
}
