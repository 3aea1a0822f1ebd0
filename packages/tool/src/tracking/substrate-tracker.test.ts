import { describe, expect, it } from 'vitest';
import { SubstrateTracker } from './substrate-tracker.js';

describe('SubstrateTracker', () => {
  it('keeps one closed history entry per place, with results where the step happened', () => {
    const t = new SubstrateTracker();
    t.add('L-T01', 'top', { carrier: 'C1', slot: 1 }, 0);
    t.move('L-T01', { module: 'TR1' }, 5);
    t.move('L-T01', { module: 'PL1' }, 8);
    t.annotate('L-T01', { rfForwardW: 300 });
    t.annotate('L-T01', { faults: 'PL-001' });
    const [r] = t.snapshot();
    expect(r?.location).toEqual({ module: 'PL1' });
    expect(r?.history).toEqual([
      { location: { carrier: 'C1', slot: 1 }, inS: 0, outS: 5 },
      { location: { module: 'TR1' }, inS: 5, outS: 8 },
      { location: { module: 'PL1' }, inS: 8, results: { rfForwardW: 300, faults: 'PL-001' } },
    ]);
  });

  it('merges top and bottom into a stack that names both; the wafers follow the stack', () => {
    const t = new SubstrateTracker();
    t.add('L-T01', 'top', { module: 'BD1' }, 0);
    t.add('L-B01', 'bottom', { module: 'BD1' }, 1);
    t.addFaults('L-T01', ['BD-A']);
    t.addFaults('L-B01', ['BD-A', 'CL-B']);
    t.merge('L-T01', 'L-B01', 'L-S01', 10);
    t.move('L-S01', { carrier: 'STK', slot: 1 }, 20);
    const byId = new Map(t.snapshot().map((r) => [r.id, r]));
    expect(byId.get('L-S01')?.parts).toEqual({ topId: 'L-T01', bottomId: 'L-B01' });
    expect(byId.get('L-T01')?.location).toEqual({ carrier: 'STK', slot: 1 });
    expect(byId.get('L-T01')?.history.at(-1)).toEqual({ location: { module: 'BD1' }, inS: 0, outS: 10 });
    expect(t.faults('L-S01')).toEqual(['BD-A', 'CL-B']);
    expect(t.stackOf('L-B01')).toBe('L-S01');
    expect(() => t.move('L-T01', { module: 'IN1' }, 30)).toThrow(/part of L-S01/);
  });

  it('refuses unknown and duplicate ids (programmer errors)', () => {
    const t = new SubstrateTracker();
    t.add('A', 'top', { module: 'X' }, 0);
    expect(() => t.add('A', 'top', { module: 'X' }, 0)).toThrow(/exists/);
    expect(() => t.location('B')).toThrow(/unknown/);
  });
});
