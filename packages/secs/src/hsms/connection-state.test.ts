import { describe, expect, it } from 'vitest';
import {
  ConnectionStateMachine,
  type HsmsState,
  type HsmsStateEvent,
  nextState,
} from './connection-state.js';

describe('HSMS connection state machine', () => {
  it('follows E37: NOT CONNECTED -> NOT SELECTED -> SELECTED -> NOT SELECTED -> NOT CONNECTED', () => {
    const m = new ConnectionStateMachine();
    expect(m.state).toBe('not-connected');
    expect(m.fire('connected')).toEqual({ ok: true, from: 'not-connected', to: 'not-selected' });
    expect(m.fire('select')).toEqual({ ok: true, from: 'not-selected', to: 'selected' });
    expect(m.fire('deselect')).toEqual({ ok: true, from: 'selected', to: 'not-selected' });
    expect(m.fire('disconnected')).toEqual({ ok: true, from: 'not-selected', to: 'not-connected' });
  });

  it('refuses every move outside the table and keeps the state', () => {
    const allowed = new Set([
      'not-connected/connected',
      'not-selected/select',
      'not-selected/disconnected',
      'selected/deselect',
      'selected/disconnected',
    ]);
    const states: HsmsState[] = ['not-connected', 'not-selected', 'selected'];
    const events: HsmsStateEvent[] = ['connected', 'select', 'deselect', 'disconnected'];
    for (const s of states) {
      for (const e of events) expect(nextState(s, e).ok, `${s}/${e}`).toBe(allowed.has(`${s}/${e}`));
    }
    const m = new ConnectionStateMachine();
    expect(m.fire('select')).toEqual({ ok: false, from: 'not-connected', event: 'select' });
    expect(m.state).toBe('not-connected');
  });
});
