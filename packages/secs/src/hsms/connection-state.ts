// The E37 connection state machine as a table. Anything not in the table is refused.

/** E37 connection states. */
export type HsmsState = 'not-connected' | 'not-selected' | 'selected';

/** What moves the state. */
export type HsmsStateEvent = 'connected' | 'select' | 'deselect' | 'disconnected';

const TABLE: Readonly<Record<HsmsState, Partial<Record<HsmsStateEvent, HsmsState>>>> = {
  'not-connected': { connected: 'not-selected' },
  'not-selected': { select: 'selected', disconnected: 'not-connected' },
  selected: { deselect: 'not-selected', disconnected: 'not-connected' },
};

export type Transition =
  | { ok: true; from: HsmsState; to: HsmsState }
  | { ok: false; from: HsmsState; event: HsmsStateEvent };

/** The state after `event` in `state`, or a refusal when E37 does not allow the move. */
export function nextState(state: HsmsState, event: HsmsStateEvent): Transition {
  const to = TABLE[state][event];
  return to === undefined ? { ok: false, from: state, event } : { ok: true, from: state, to };
}

/** Holds the current state and only moves along the table. */
export class ConnectionStateMachine {
  private current: HsmsState = 'not-connected';

  get state(): HsmsState {
    return this.current;
  }

  /** Apply an event; returns the transition (refused ones leave the state unchanged). */
  fire(event: HsmsStateEvent): Transition {
    const t = nextState(this.current, event);
    if (t.ok) this.current = t.to;
    return t;
  }
}
