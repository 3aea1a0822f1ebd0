import { describe, expect, it } from 'vitest';
import { type ModuleEvent, moduleStateMachine } from './module-state.js';
import { type ProcessEvent, processStateMachine } from './process-state.js';

describe('module state machine', () => {
  it('goes through a step, a fault with maintenance, an abort hold', () => {
    const m = moduleStateMachine('PL1');
    const path: ModuleEvent[] = [
      'start',
      'end',
      'start',
      'alarm',
      'maintain',
      'maintained',
      'start',
      'hold',
      'release',
    ];
    for (const e of path) expect(m.fire(e).ok).toBe(true);
    expect(m.state).toBe('idle');
  });

  it('refuses a step in fault, maintenance of a busy module, and ending a step never started', () => {
    const m = moduleStateMachine('CL1');
    expect(m.fire('end')).toEqual({
      ok: false,
      issues: [{ code: 'illegal-transition', message: "module CL1: 'end' is not allowed in state 'idle'" }],
    });
    m.fire('start');
    expect(m.fire('maintain').ok).toBe(false);
    m.fire('alarm');
    expect(m.fire('start').ok).toBe(false);
    expect(m.state).toBe('fault');
  });
});

describe('process state machine', () => {
  it('runs a lot with a pause, and stops from paused', () => {
    const p = processStateMachine();
    const path: ProcessEvent[] = [
      'start',
      'ready',
      'pause',
      'paused',
      'resume',
      'pause',
      'paused',
      'stop',
      'complete',
    ];
    for (const e of path) expect(p.fire(e).ok).toBe(true);
    expect(p.state).toBe('idle');
  });

  it('refuses resume when not paused, pause in setup, and a second start', () => {
    const p = processStateMachine();
    expect(p.fire('resume').ok).toBe(false);
    p.fire('start');
    expect(p.fire('pause').ok).toBe(false);
    expect(p.fire('start').ok).toBe(false);
    expect(p.fire('abort').ok).toBe(true);
    expect(p.fire('complete').ok).toBe(false);
    expect(p.fire('aborted').ok).toBe(true);
  });
});
