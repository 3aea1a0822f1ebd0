import { describe, expect, it } from 'vitest';
import { connectionStateMachine, type HsmsState, type HsmsStateEvent } from './connection-state.js';

describe('HSMS connection state machine', () => {
  it('follows E37: NOT CONNECTED -> NOT SELECTED -> SELECTED -> NOT SELECTED -> NOT CONNECTED', () => {
    const m = connectionStateMachine();
    expect(m.state).toBe('not-connected');
    const moves: [HsmsStateEvent, HsmsState, HsmsState][] = [
      ['connected', 'not-connected', 'not-selected'],
      ['select', 'not-selected', 'selected'],
      ['deselect', 'selected', 'not-selected'],
      ['disconnected', 'not-selected', 'not-connected'],
    ];
    for (const [event, from, to] of moves)
      expect(m.fire(event)).toEqual({ ok: true, value: { from, to, event } });
  });

  it('refuses every move outside the table and keeps the state', () => {
    const allowed = new Set([
      'not-connected/connected',
      'not-selected/select',
      'not-selected/disconnected',
      'selected/deselect',
      'selected/disconnected',
    ]);
    const paths: Record<HsmsState, HsmsStateEvent[]> = {
      'not-connected': [],
      'not-selected': ['connected'],
      selected: ['connected', 'select'],
    };
    for (const [s, path] of Object.entries(paths) as [HsmsState, HsmsStateEvent[]][]) {
      for (const e of ['connected', 'select', 'deselect', 'disconnected'] as const) {
        const m = connectionStateMachine();
        for (const p of path) m.fire(p);
        const r = m.fire(e);
        expect(r.ok, `${s}/${e}`).toBe(allowed.has(`${s}/${e}`));
        if (!r.ok) {
          expect(r.issues[0]?.code).toBe('illegal-transition');
          expect(m.state).toBe(s);
        }
      }
    }
  });
});
