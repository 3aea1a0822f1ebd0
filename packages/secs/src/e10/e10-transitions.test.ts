import { describe, expect, it } from 'vitest';
import { E10_REFUSED, E10_STATES, E10_TRANSITIONS, e10Table } from './e10-transitions.js';

describe('E10 transitions', () => {
  it('allows every move between two different states but the three refused ones', () => {
    // 6 states x 5 other states = 30 moves, less the 3 refused.
    expect(E10_TRANSITIONS).toHaveLength(27);
    for (const r of E10_REFUSED)
      expect(E10_TRANSITIONS.some((t) => t.from === r.from && t.to === r.to)).toBe(false);
    for (const s of E10_STATES) expect(E10_TRANSITIONS.some((t) => t.from === s && t.to === s)).toBe(false);
  });

  it('builds a refusing table', () => {
    const t = e10Table('TOOL', 'non-scheduled');
    expect(t.can('productive')).toBe(false);
    expect(t.fire('standby').ok).toBe(true);
    expect(t.fire('productive').ok).toBe(true);
  });
});
