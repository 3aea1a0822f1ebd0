import { describe, expect, it } from 'vitest';
import { E10Tracker } from './e10-tracker.js';

describe('E10Tracker', () => {
  it('tracks the tool and each module apart', () => {
    const tr = new E10Tracker();
    expect(tr.add('TOOL', 'standby', 0).ok).toBe(true);
    expect(tr.add('BD1', 'standby', 0).ok).toBe(true);
    expect(tr.add('BD1', 'standby', 0).ok).toBe(false);
    expect(tr.entities()).toEqual(['TOOL', 'BD1']);
    expect(tr.transition('TOOL', 'productive', 10).ok).toBe(true);
    expect(tr.transition('BD1', 'productive', 20).ok).toBe(true);
    expect(tr.transition('BD1', 'unscheduled-down', 80).ok).toBe(true);
    expect(tr.state('BD1')).toBe('unscheduled-down');
    expect(tr.state('TOOL')).toBe('productive');
    expect(tr.metrics('BD1', 100)?.times).toMatchObject({
      standby: 20,
      productive: 60,
      'unscheduled-down': 20,
    });
    expect(tr.metrics('TOOL', 100)?.times).toMatchObject({ standby: 10, productive: 90 });
    const unknown = tr.transition('PL9', 'standby', 0);
    expect(unknown.ok ? '' : unknown.issues[0]?.code).toBe('unknown-entity');
    expect(tr.metrics('PL9', 0)).toBeUndefined();
    expect(tr.state('PL9')).toBeUndefined();
  });
});
