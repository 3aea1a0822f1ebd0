import { describe, expect, it } from 'vitest';
import { TransitionTable } from './transition-table.js';

type S = 'idle' | 'busy' | 'fault';
type E = 'start' | 'done' | 'fail' | 'clear';
const rows = [
  { from: 'idle', on: 'start', to: 'busy' },
  { from: 'busy', on: 'done', to: 'idle' },
  { from: 'busy', on: 'fail', to: 'fault' },
  { from: 'fault', on: 'clear', to: 'idle' },
] as const;

describe('TransitionTable', () => {
  it('moves along its rows and says where it came from', () => {
    const t = new TransitionTable<S, E>('module', rows, 'idle');
    expect(t.fire('start')).toEqual({ ok: true, value: { from: 'idle', to: 'busy', event: 'start' } });
    expect(t.state).toBe('busy');
    expect(t.can('fail')).toBe(true);
    expect(t.peek('done')).toBe('idle');
  });

  it('refuses every move not in the table and stays', () => {
    const t = new TransitionTable<S, E>('module', rows, 'idle');
    for (const e of ['done', 'fail', 'clear'] as const) {
      expect(t.fire(e)).toEqual({
        ok: false,
        issues: [{ code: 'illegal-transition', message: `module: '${e}' is not allowed in state 'idle'` }],
      });
      expect(t.state).toBe('idle');
    }
  });

  it('throws on a table with two rows for one state and event (a programmer error)', () => {
    expect(
      () =>
        new TransitionTable<S, E>(
          'bad',
          [
            { from: 'idle', on: 'start', to: 'busy' },
            { from: 'idle', on: 'start', to: 'fault' },
          ],
          'idle',
        ),
    ).toThrow(TypeError);
  });
});
