import { describe, expect, it } from 'vitest';
import { FaultEngine } from './fault-engine.js';
import { withFixes } from './fault-profile.js';
import { alarmPoint, catalogueOf, profileOf, silentPoint } from './faults.test-util.js';
import { withRateOverrides } from './rate-overrides.js';

const catalogue = catalogueOf([
  alarmPoint('PL-RF-001', 'plasma'),
  silentPoint('PL-VAC-002', 'plasma', { edgeVoidProbability: 0.1 }),
]);
const base = {
  ...profileOf({ 'PL-RF-001': { per: 'step', rate: 0.01 }, 'PL-VAC-002': { per: 'step', rate: 0.2 } }),
  fixes: [
    {
      id: 'FIX-001',
      date: '2024-01-01',
      faultId: 'PL-VAC-002',
      kind: 'hardware' as const,
      revision: 'ECN-1',
      change: 'seal',
      effect: 'retire' as const,
    },
  ],
};
const retired = {
  ...base,
  rates: new Map([...base.rates, ['PL-VAC-002', { per: 'step' as const, rate: 0 }]]),
};

describe('withRateOverrides', () => {
  it('replaces the rate after the fixes (a retired point fires again) and keeps the others', () => {
    const r = withRateOverrides(retired, new Map([['PL-VAC-002', { per: 'step', rate: 1 }]]), catalogue);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.rates.get('PL-VAC-002')).toEqual({ per: 'step', rate: 1 });
    expect(r.value.rates.get('PL-RF-001')).toEqual({ per: 'step', rate: 0.01 });
    expect(r.value.name).toBe('test+PL-VAC-002');
    // The profile given is not changed, and its fix records stay as they were.
    expect(retired.rates.get('PL-VAC-002')).toEqual({ per: 'step', rate: 0 });
    expect(r.value.fixes).toEqual(retired.fixes);
  });

  it('the overridden silent point is active from the first step; without the override never', () => {
    const forced = withRateOverrides(retired, new Map([['PL-VAC-002', { per: 'step', rate: 1 }]]), catalogue);
    if (!forced.ok) throw new Error('refused');
    const site = { moduleId: 'PL1', kind: 'plasma' as const, countSinceMaintenance: 0 };
    const a = new FaultEngine({ catalogue, profile: forced.value, seed: 3 });
    const b = new FaultEngine({ catalogue, profile: retired, seed: 3 });
    for (let i = 0; i < 20; i++) {
      // Probability 1 per step (docs/tool.md §5.3: p = min(1, r)): active at every step.
      expect(a.atStep({ ...site, atS: i * 10 }).degradation.faultIds).toEqual(['PL-VAC-002']);
      expect(b.atStep({ ...site, atS: i * 10 }).degradation.faultIds).toBeUndefined();
    }
  });

  it('refuses ids the catalogue does not have, each named', () => {
    const r = withRateOverrides(
      withFixes(base, 0),
      new Map([
        ['PL-VAC-999', { per: 'step', rate: 1 }],
        ['BD-X-001', { per: 'hour', rate: 2 }],
      ]),
      catalogue,
    );
    expect(r).toMatchObject({
      ok: false,
      issues: [
        { code: 'unknown-fault', path: 'PL-VAC-999', message: expect.stringContaining('PL-VAC-999') },
        { code: 'unknown-fault', path: 'BD-X-001' },
      ],
    });
  });

  it('no overrides: the profile itself', () => {
    expect(withRateOverrides(base, new Map(), catalogue)).toEqual({ ok: true, value: base });
  });
});
