// Every (state, event) pair of each table: the legal ones move where E30 says, the rest are refused
// and leave the state unchanged. The expected moves are written out again here from E30's figures
// (communication: fig. 4.2 transitions 1-10; control: fig. 4.3 transitions 1-12), not read from the
// tables under test.

import { TransitionTable } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import {
  type CommunicationEvent,
  type CommunicationState,
  communicationMachine,
} from './communication-state.js';
import {
  CONTROL_TRANSITIONS,
  type ControlEvent,
  type ControlState,
  ControlStateMachine,
} from './control-state.js';
import { ProcessingStateMachine } from './processing-state.js';

const COMM_STATES: CommunicationState[] = ['disabled', 'wait-cra', 'wait-delay', 'communicating'];
const COMM_EVENTS: CommunicationEvent[] = [
  'enable',
  'disable',
  'cra-accepted',
  'cra-failed',
  'delay-expired',
  'cr-received',
  'link-lost',
];
const COMM_EXPECTED: Record<string, CommunicationState> = {
  'disabled enable': 'wait-cra',
  'wait-cra disable': 'disabled',
  'wait-delay disable': 'disabled',
  'communicating disable': 'disabled',
  'wait-cra cra-accepted': 'communicating',
  'wait-cra cra-failed': 'wait-delay',
  'wait-delay delay-expired': 'wait-cra',
  'wait-cra cr-received': 'communicating',
  'wait-delay cr-received': 'communicating',
  'communicating cr-received': 'communicating',
  'communicating link-lost': 'wait-delay',
};

describe('communication state table', () => {
  for (const s of COMM_STATES) {
    for (const e of COMM_EVENTS) {
      const want = COMM_EXPECTED[`${s} ${e}`];
      it(`${s} + ${e} -> ${want ?? 'refused'}`, () => {
        const m = communicationMachine(s);
        const r = m.fire(e);
        if (want === undefined) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.issues[0]?.code).toBe('illegal-transition');
          expect(m.state).toBe(s);
        } else {
          expect(r).toEqual({ ok: true, value: { from: s, to: want, event: e } });
          expect(m.state).toBe(want);
        }
      });
    }
  }
});

const CTRL_STATES: ControlState[] = [
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];
const CTRL_EXPECTED: Record<string, ControlState> = {
  'equipment-offline operator-online': 'attempt-online', // 3
  'attempt-online attempt-ok-local': 'online-local', // 5 with switch LOCAL
  'attempt-online attempt-ok-remote': 'online-remote', // 5 with switch REMOTE
  'attempt-online attempt-failed-equipment': 'equipment-offline', // 4
  'attempt-online attempt-failed-host': 'host-offline', // 4
  'online-local operator-offline': 'equipment-offline', // 12
  'online-remote operator-offline': 'equipment-offline', // 12
  'host-offline operator-offline': 'equipment-offline', // 6
  'online-local host-offline': 'host-offline', // 11
  'online-remote host-offline': 'host-offline', // 11
  'host-offline host-online-local': 'online-local', // 10
  'host-offline host-online-remote': 'online-remote', // 10
  'online-remote operator-local': 'online-local', // 9
  'online-local operator-remote': 'online-remote', // 8
};
const CTRL_EVENTS = [...new Set(CONTROL_TRANSITIONS.map((t) => t.on))] as ControlEvent[];

describe('control state table', () => {
  it('has exactly the E30 moves', () => {
    expect(CONTROL_TRANSITIONS.length).toBe(Object.keys(CTRL_EXPECTED).length);
  });
  for (const s of CTRL_STATES) {
    for (const e of CTRL_EVENTS) {
      const want = CTRL_EXPECTED[`${s} ${e}`];
      it(`${s} + ${e} -> ${want ?? 'refused'}`, () => {
        const m = new TransitionTable('control', CONTROL_TRANSITIONS, s);
        const r = m.fire(e);
        expect(r.ok).toBe(want !== undefined);
        expect(m.state).toBe(want ?? s);
      });
    }
  }
});

describe('ControlStateMachine', () => {
  it('operator online goes through ATTEMPT ON-LINE into the switch position', () => {
    const m = new ControlStateMachine({
      initial: 'equipment-offline',
      onlineFailed: 'equipment-offline',
      remote: true,
    });
    expect(m.operatorOnline().ok).toBe(true);
    expect(m.state).toBe('attempt-online');
    expect(m.attemptResult(true).ok).toBe(true);
    expect(m.state).toBe('online-remote');
  });
  it('a failed attempt falls back to the configured offline substate', () => {
    const m = new ControlStateMachine({
      initial: 'equipment-offline',
      onlineFailed: 'host-offline',
      remote: false,
    });
    m.operatorOnline();
    m.attemptResult(false);
    expect(m.state).toBe('host-offline');
    expect(m.hostOnline().ok).toBe(true);
    expect(m.state).toBe('online-local');
  });
  it('the LOCAL/REMOTE switch moves while offline without a state change, and flips online substates', () => {
    const m = new ControlStateMachine({
      initial: 'host-offline',
      onlineFailed: 'equipment-offline',
      remote: false,
    });
    expect(m.setRemote(true)).toBeUndefined();
    expect(m.state).toBe('host-offline');
    m.hostOnline();
    expect(m.state).toBe('online-remote');
    expect(m.setRemote(false)?.ok).toBe(true);
    expect(m.state).toBe('online-local');
  });
  it('refuses S1F15 while already offline and S1F17 while online', () => {
    const m = new ControlStateMachine({
      initial: 'online-local',
      onlineFailed: 'equipment-offline',
      remote: false,
    });
    expect(m.hostOnline().ok).toBe(false);
    expect(m.hostOffline().ok).toBe(true);
    expect(m.hostOffline().ok).toBe(false);
    expect(m.state).toBe('host-offline');
  });
});

describe('ProcessingStateMachine', () => {
  const model = {
    states: ['IDLE', 'SETUP', 'EXECUTING', 'PAUSE'],
    initial: 'IDLE',
    transitions: [
      { from: 'IDLE', on: 'START', to: 'EXECUTING', ceid: 300 },
      { from: 'EXECUTING', on: 'STOP', to: 'IDLE', ceid: 301 },
      { from: 'EXECUTING', on: 'PAUSE', to: 'PAUSE' },
      { from: 'PAUSE', on: 'RESUME', to: 'EXECUTING' },
    ],
  };
  it('moves along declared transitions, remembers the previous state and names the event', () => {
    const m = new ProcessingStateMachine(model);
    const r = m.fire('START');
    expect(r).toMatchObject({ ok: true, value: { from: 'IDLE', to: 'EXECUTING', ceid: 300 } });
    expect(m.previous).toBe('IDLE');
    expect(m.stateIndex).toBe(2);
    const p = m.fire('PAUSE');
    expect(p.ok && p.value.ceid).toBe(undefined);
  });
  it('refuses undeclared moves', () => {
    const m = new ProcessingStateMachine(model);
    expect(m.can('STOP')).toBe(false);
    expect(m.fire('STOP').ok).toBe(false);
    expect(m.state).toBe('IDLE');
  });
  it('rejects a model that names undeclared states', () => {
    expect(() => new ProcessingStateMachine({ ...model, initial: 'NOPE' })).toThrow(TypeError);
    expect(
      () => new ProcessingStateMachine({ ...model, transitions: [{ from: 'IDLE', on: 'X', to: 'GONE' }] }),
    ).toThrow(TypeError);
  });
  it('a table refuses two moves for one event', () => {
    expect(
      () =>
        new TransitionTable(
          't',
          [
            { from: 'a', on: 'e', to: 'b' },
            { from: 'a', on: 'e', to: 'c' },
          ],
          'a',
        ),
    ).toThrow(TypeError);
  });
});
