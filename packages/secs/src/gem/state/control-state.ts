// E30 control state model (section 4.3): OFF-LINE {EQUIPMENT OFF-LINE, ATTEMPT ON-LINE, HOST OFF-LINE}
// and ON-LINE {LOCAL, REMOTE}. Which online substate is entered is the operator's LOCAL/REMOTE switch,
// so the table has one event per target and `ControlStateMachine` picks the right one.

import { type FireResult, type Transition, TransitionTable } from '@bondline/core';

export type ControlState =
  | 'equipment-offline'
  | 'attempt-online'
  | 'host-offline'
  | 'online-local'
  | 'online-remote';

export type ControlEvent =
  /** Operator switches to online: the equipment sends S1F1 (transition 3). */
  | 'operator-online'
  /** S1F2 received: enter the online substate of the LOCAL/REMOTE switch (5). */
  | 'attempt-ok-local'
  | 'attempt-ok-remote'
  /** S1F1 failed: go to the configured offline substate (4). */
  | 'attempt-failed-equipment'
  | 'attempt-failed-host'
  /** Operator switches to offline (6, 12). */
  | 'operator-offline'
  /** Host sends S1F15 (request offline, 11). */
  | 'host-offline'
  /** Host sends S1F17 (request online, 10). */
  | 'host-online-local'
  | 'host-online-remote'
  /** Operator LOCAL/REMOTE switch (8, 9). */
  | 'operator-local'
  | 'operator-remote';

export const CONTROL_TRANSITIONS: readonly Transition<ControlState, ControlEvent>[] = [
  { from: 'equipment-offline', on: 'operator-online', to: 'attempt-online' },
  { from: 'attempt-online', on: 'attempt-ok-local', to: 'online-local' },
  { from: 'attempt-online', on: 'attempt-ok-remote', to: 'online-remote' },
  { from: 'attempt-online', on: 'attempt-failed-equipment', to: 'equipment-offline' },
  { from: 'attempt-online', on: 'attempt-failed-host', to: 'host-offline' },
  { from: 'online-local', on: 'operator-offline', to: 'equipment-offline' },
  { from: 'online-remote', on: 'operator-offline', to: 'equipment-offline' },
  { from: 'host-offline', on: 'operator-offline', to: 'equipment-offline' },
  { from: 'online-local', on: 'host-offline', to: 'host-offline' },
  { from: 'online-remote', on: 'host-offline', to: 'host-offline' },
  { from: 'host-offline', on: 'host-online-local', to: 'online-local' },
  { from: 'host-offline', on: 'host-online-remote', to: 'online-remote' },
  { from: 'online-remote', on: 'operator-local', to: 'online-local' },
  { from: 'online-local', on: 'operator-remote', to: 'online-remote' },
];

/** The equipment's configuration of the control state model. */
export interface ControlConfig {
  /** State at start-up (E30: configurable; EQUIPMENT OFF-LINE, HOST OFF-LINE or an online substate). */
  initial: ControlState;
  /** Offline substate to fall back to when an attempt online fails. */
  onlineFailed: 'equipment-offline' | 'host-offline';
  /** The operator LOCAL/REMOTE switch position. */
  remote: boolean;
}

/** E30 ONLINE substates are true for the two online states. */
export const isOnline = (s: ControlState): boolean => s === 'online-local' || s === 'online-remote';

/** Control state with the operator's LOCAL/REMOTE switch. */
export class ControlStateMachine {
  private readonly table: TransitionTable<ControlState, ControlEvent>;
  private remoteSwitch: boolean;

  constructor(private readonly config: ControlConfig) {
    this.table = new TransitionTable('control state', CONTROL_TRANSITIONS, config.initial);
    this.remoteSwitch = config.remote;
  }

  get state(): ControlState {
    return this.table.state;
  }

  /** The position of the LOCAL/REMOTE switch. */
  get remote(): boolean {
    return this.remoteSwitch;
  }

  /** Operator requests ONLINE: moves to ATTEMPT ON-LINE (the caller then sends S1F1). */
  operatorOnline(): FireResult<ControlState, ControlEvent> {
    return this.table.fire('operator-online');
  }

  /** Outcome of the S1F1 sent in ATTEMPT ON-LINE. */
  attemptResult(succeeded: boolean): FireResult<ControlState, ControlEvent> {
    if (succeeded) return this.table.fire(this.remoteSwitch ? 'attempt-ok-remote' : 'attempt-ok-local');
    return this.table.fire(
      this.config.onlineFailed === 'host-offline' ? 'attempt-failed-host' : 'attempt-failed-equipment',
    );
  }

  operatorOffline(): FireResult<ControlState, ControlEvent> {
    return this.table.fire('operator-offline');
  }

  /** S1F15 from the host. */
  hostOffline(): FireResult<ControlState, ControlEvent> {
    return this.table.fire('host-offline');
  }

  /** S1F17 from the host. */
  hostOnline(): FireResult<ControlState, ControlEvent> {
    return this.table.fire(this.remoteSwitch ? 'host-online-remote' : 'host-online-local');
  }

  /**
   * Operator flips the LOCAL/REMOTE switch. The switch moves in every state; the state changes only
   * when online (in an offline state the position decides the next online substate).
   */
  setRemote(remote: boolean): FireResult<ControlState, ControlEvent> | undefined {
    this.remoteSwitch = remote;
    if (!isOnline(this.table.state)) return undefined;
    if ((this.table.state === 'online-remote') === remote) return undefined;
    return this.table.fire(remote ? 'operator-remote' : 'operator-local');
  }
}
