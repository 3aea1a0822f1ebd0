import { describe, expect, it } from 'vitest';
import { FaultEngine } from './fault-engine.js';
import type { StepFaults } from './fault-source.js';
import { alarmPoint, catalogueOf, profileOf, silentPoint } from './faults.test-util.js';
import type { FixRecord } from './fix-record.js';

const fix = (id: string, faultId: string, effect: FixRecord['effect']): FixRecord => ({
  id,
  date: '2026-01-05',
  faultId,
  kind: 'software',
  revision: 'TC 9.9.9',
  change: `fix of ${faultId}`,
  effect,
});

const catalogue = catalogueOf([
  alarmPoint('BD-PIN-001', 'bonder'),
  alarmPoint('BD-PIN-002', 'bonder'),
  silentPoint('BD-DRIFT-003', 'bonder', { extraParticles: 1 }),
]);
const profile = profileOf({
  'BD-PIN-001': { per: 'step', rate: 0.1 },
  'BD-PIN-002': { per: 'step', rate: 0.1 },
  'BD-DRIFT-003': { per: 'step', rate: 0.05 },
});

/** `n` bonder steps 10 s apart from `t0`, every alarm cleared at once. */
function steps(e: FaultEngine, n: number, t0: number): StepFaults[] {
  const out: StepFaults[] = [];
  for (let i = 0; i < n; i++) {
    const r = e.atStep({ moduleId: 'BD1', kind: 'bonder', atS: t0 + i * 10, countSinceMaintenance: 0 });
    if (r.alarm !== undefined) e.cleared(r.alarm.faultId, 'BD1');
    out.push(r);
  }
  return out;
}

const alarmsOf = (rs: StepFaults[], id: string) => rs.filter((r) => r.alarm?.faultId === id).length;

describe('FaultEngine.deployFixes', () => {
  it('retires a point from the next step on and leaves the other points firing as before', () => {
    const fixed = new FaultEngine({ catalogue, profile, seed: 3 });
    const plain = new FaultEngine({ catalogue, profile, seed: 3 });
    const before = steps(fixed, 500, 0);
    expect(steps(plain, 500, 0)).toEqual(before);
    expect(alarmsOf(before, 'BD-PIN-001')).toBeGreaterThan(0);

    fixed.deployFixes([fix('FIX-001', 'BD-PIN-001', 'retire')]);
    expect(fixed.rateOf('BD-PIN-001')).toEqual({ per: 'step', rate: 0 });
    const after = steps(fixed, 2000, 5000);
    const without = steps(plain, 2000, 5000);
    expect(alarmsOf(after, 'BD-PIN-001')).toBe(0);
    expect(alarmsOf(without, 'BD-PIN-001')).toBeGreaterThan(100);
    // Common random numbers: the other alarm fires at every step where it fired without the fix, and
    // also where both fired and the retired one won the tie (same severity, earlier in the catalogue).
    const firedPlain = without.flatMap((r, i) => (r.alarm?.faultId === 'BD-PIN-002' ? [i] : []));
    const firedFixed = new Set(after.flatMap((r, i) => (r.alarm?.faultId === 'BD-PIN-002' ? [i] : [])));
    expect(firedPlain.every((i) => firedFixed.has(i))).toBe(true);
  });

  it('divides a rate by reduceBy, on top of the fixes before', () => {
    const e = new FaultEngine({ catalogue, profile, seed: 3 });
    e.deployFixes([fix('FIX-001', 'BD-PIN-002', { reduceBy: 4 })]);
    e.deployFixes([fix('FIX-002', 'BD-PIN-002', { reduceBy: 5 })]);
    expect(e.rateOf('BD-PIN-002')).toEqual({ per: 'step', rate: 0.1 / 4 / 5 });
    // Returned when it fires (p = 0.1 / 20 = 0.005) and BD-PIN-001 (same severity, earlier in the
    // catalogue, p = 0.1) does not: Binomial(20000, 0.0045), mean 90, sd 9.5; allow 4.5 sd.
    const n = alarmsOf(steps(e, 20_000, 0), 'BD-PIN-002');
    expect(n).toBeGreaterThan(45);
    expect(n).toBeLessThan(135);
  });

  it('ends the fixed silent point where it is active', () => {
    const e = new FaultEngine({
      catalogue,
      profile: profileOf({ ...rates(), 'BD-DRIFT-003': { per: 'step', rate: 1 } }),
      seed: 3,
    });
    steps(e, 1, 0);
    expect(e.activeSilent('BD1', 0)).toEqual(['BD-DRIFT-003']);
    expect(e.activeSilentByModule(0)).toEqual(new Map([['BD1', ['BD-DRIFT-003']]]));
    e.deployFixes([fix('FIX-001', 'BD-DRIFT-003', 'retire')]);
    expect(e.activeSilent('BD1', 0)).toEqual([]);
    const later = steps(e, 100, 10);
    expect(
      later.every((r) => r.degradation.faultIds === undefined || r.degradation.faultIds.length === 0),
    ).toBe(true);
  });

  it('refuses a fix of a point it does not know, applying none of the batch', () => {
    const e = new FaultEngine({ catalogue, profile, seed: 3 });
    expect(() =>
      e.deployFixes([fix('FIX-001', 'BD-PIN-001', 'retire'), fix('FIX-002', 'XX-NONE-001', 'retire')]),
    ).toThrow(/FIX-002: fault point XX-NONE-001 has no rate/);
    expect(e.rateOf('BD-PIN-001')).toEqual({ per: 'step', rate: 0.1 });
  });
});

function rates() {
  return Object.fromEntries(profile.rates);
}
