import { describe, expect, it } from 'vitest';
import { applyFixes, type FixRecord } from './fix-record.js';

const fix = (id: string, faultId: string, effect: FixRecord['effect']): FixRecord => ({
  id,
  date: '2024-01-01',
  faultId,
  kind: 'software',
  revision: 'TC 1.0.0',
  change: 'a change',
  effect,
});

describe('applyFixes', () => {
  const rates = new Map([
    ['A', { per: 'step' as const, rate: 0.02, wearDoublingCount: 100 }],
    ['B', { per: 'hour' as const, rate: 3 }],
  ]);

  it('retires a point (rate 0) and divides another, in order, without touching the input', () => {
    const out = applyFixes(rates, [
      fix('FIX-001', 'A', { reduceBy: 4 }),
      fix('FIX-002', 'B', 'retire'),
      fix('FIX-003', 'A', { reduceBy: 5 }),
    ]);
    expect(out.get('A')).toMatchObject({ per: 'step', wearDoublingCount: 100 });
    expect(out.get('A')?.rate).toBeCloseTo(0.02 / 20, 15);
    expect(out.get('B')).toEqual({ per: 'hour', rate: 0 });
    expect(rates.get('A')?.rate).toBe(0.02);
  });

  it('throws for a fix of a point without a rate (a programmer error: profiles are checked on load)', () => {
    expect(() => applyFixes(rates, [fix('FIX-001', 'C', 'retire')])).toThrow(/C has no rate/);
  });
});
