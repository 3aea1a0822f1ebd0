import { describe, expect, it } from 'vitest';
import type { ModuleKind } from '../module-kind.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import { FaultEngine } from './fault-engine.js';
import type { FaultProfile } from './fault-profile.js';
import type { StepFaults, StepSite } from './fault-source.js';
import { alarmPoint, catalogueOf, profileOf, silentPoint } from './faults.test-util.js';

const site = (moduleId: string, kind: ModuleKind, atS: number, count = 0): StepSite => ({
  moduleId,
  kind,
  atS,
  countSinceMaintenance: count,
});

/** Steps a module `n` times `dtS` apart from `t0`, clearing every alarm at once; the answers in order. */
function run(
  engine: FaultEngine,
  moduleId: string,
  kind: ModuleKind,
  n: number,
  dtS = 10,
  t0 = 0,
  count = 0,
): StepFaults[] {
  const out: StepFaults[] = [];
  for (let i = 0; i < n; i++) {
    const r = engine.atStep(site(moduleId, kind, t0 + i * dtS, count));
    if (r.alarm !== undefined) engine.cleared(r.alarm.faultId, moduleId);
    out.push(r);
  }
  return out;
}

const alarms = (rs: StepFaults[], id?: string) =>
  rs.filter((r) => r.alarm !== undefined && (id === undefined || r.alarm.faultId === id)).length;

function engine(catalogue: FaultCatalogue, profile: FaultProfile, seed = 7): FaultEngine {
  return new FaultEngine({ catalogue, profile, seed });
}

describe('FaultEngine', () => {
  const mixed = catalogueOf([
    alarmPoint('PL-RF-001', 'plasma'),
    alarmPoint('PL-RF-002', 'plasma', 'warning'),
    silentPoint('PL-WALL-003', 'plasma', { extraParticles: 1, activeS: 30 }),
    silentPoint('CL-DIW-001', 'clean', { edgeVoidProbability: 0.1, activeS: 30 }),
  ]);
  const mixedProfile = profileOf({
    'PL-RF-001': { per: 'step', rate: 0.05 },
    'PL-RF-002': { per: 'hour', rate: 20 },
    'PL-WALL-003': { per: 'step', rate: 0.1 },
    'CL-DIW-001': { per: 'step', rate: 0.1 },
  });

  it('is deterministic from the seed and the calls; another seed gives other faults', () => {
    const a = run(engine(mixed, mixedProfile, 42), 'PL1', 'plasma', 500);
    const b = run(engine(mixed, mixedProfile, 42), 'PL1', 'plasma', 500);
    const c = run(engine(mixed, mixedProfile, 43), 'PL1', 'plasma', 500);
    expect(b).toEqual(a);
    expect(alarms(a)).toBeGreaterThan(0);
    expect(c).not.toEqual(a);
  });

  it('draws each module from its own stream: interleaving modules does not change either', () => {
    const e1 = engine(mixed, mixedProfile);
    const pl1: StepFaults[] = [];
    const cl1: StepFaults[] = [];
    for (let i = 0; i < 200; i++) {
      pl1.push(...run(e1, 'PL1', 'plasma', 1, 10, i * 10));
      cl1.push(...run(e1, 'CL1', 'clean', 1, 10, i * 10));
    }
    const e2 = engine(mixed, mixedProfile);
    const cl2 = run(e2, 'CL1', 'clean', 200);
    const pl2 = run(e2, 'PL1', 'plasma', 200);
    expect(pl2).toEqual(pl1);
    expect(cl2).toEqual(cl1);
  });

  it('fires a per-step point at its rate', () => {
    const cat = catalogueOf([alarmPoint('BD-PIN-001', 'bonder')]);
    const rs = run(
      engine(cat, profileOf({ 'BD-PIN-001': { per: 'step', rate: 0.1 } })),
      'BD1',
      'bonder',
      10_000,
    );
    // Binomial(10000, 0.1): mean 1000, sd sqrt(10000 x 0.1 x 0.9) = 30; allow 4.5 sd.
    expect(Math.abs(alarms(rs) - 1000)).toBeLessThan(135);
  });

  it('fires a per-hour point at its rate over the time between steps', () => {
    const cat = catalogueOf([alarmPoint('TR-MOVE-001', 'robot')]);
    const rs = run(
      engine(cat, profileOf({ 'TR-MOVE-001': { per: 'hour', rate: 36 } })),
      'TR1',
      'robot',
      10_000,
      10,
    );
    // p = 1 - exp(-36 x 10 / 3600) = 0.0951626; Binomial(10000, p): mean 951.6, sd 29.4; allow 4.5 sd.
    expect(Math.abs(alarms(rs) - 951.6)).toBeLessThan(132);
  });

  it('fires a wear-dependent point more often the more substrates since maintenance', () => {
    const cat = catalogueOf([alarmPoint('CL-SPIN-001', 'clean')]);
    const prof = profileOf({ 'CL-SPIN-001': { per: 'step', rate: 0.01, wearDoublingCount: 100 } });
    const fresh = alarms(run(engine(cat, prof), 'CL1', 'clean', 5000, 10, 0, 0));
    const worn = alarms(run(engine(cat, prof), 'CL1', 'clean', 5000, 10, 0, 900));
    // Binomial(5000, 0.01): 50 +- 7; at 900 substrates the rate is 0.01 x (1 + 9) = 0.1: 500 +- 21.
    expect(Math.abs(fresh - 50)).toBeLessThan(32);
    expect(Math.abs(worn - 500)).toBeLessThan(95);
  });

  it('returns the most severe alarm that fired, and none while the module has an alarm not cleared', () => {
    const cat = catalogueOf([
      alarmPoint('BD-ALIGN-001', 'bonder', 'warning'),
      alarmPoint('BD-ALIGN-002', 'bonder', 'critical'),
      alarmPoint('BD-ALIGN-003', 'bonder', 'error'),
    ]);
    const always = { per: 'step' as const, rate: 1 };
    const e = engine(
      cat,
      profileOf({ 'BD-ALIGN-001': always, 'BD-ALIGN-002': always, 'BD-ALIGN-003': always }),
    );
    const first = e.atStep(site('BD1', 'bonder', 0));
    expect(first.alarm?.faultId).toBe('BD-ALIGN-002');
    expect(first.alarm).toMatchObject({
      moduleId: 'BD1',
      text: 'BD-ALIGN-002 text',
      alcd: 4,
      recovery: 'auto-retry',
    });
    expect(e.activeAlarms().map((a) => a.faultId)).toEqual(['BD-ALIGN-002']);
    expect(e.atStep(site('BD1', 'bonder', 1)).alarm).toBeUndefined();
    e.cleared('BD-ALIGN-001', 'BD1'); // not the active alarm: ignored
    expect(e.atStep(site('BD1', 'bonder', 2)).alarm).toBeUndefined();
    e.cleared('BD-ALIGN-002', 'BD1');
    expect(e.activeAlarms()).toEqual([]);
    expect(e.atStep(site('BD1', 'bonder', 3)).alarm?.faultId).toBe('BD-ALIGN-002');
    e.maintained('BD1');
    expect(e.activeAlarms()).toEqual([]);
    expect(() => e.cleared('BD-NOPE-001', 'BD1')).toThrow(/not a fault point/);
  });

  it("adds an alarming point's own degradation to its step only", () => {
    const cat = catalogueOf([alarmPoint('PL-RF-001', 'plasma', 'error', { extraParticles: 3 })]);
    const e = engine(cat, profileOf({ 'PL-RF-001': { per: 'step', rate: 1 } }));
    const r = e.atStep(site('PL1', 'plasma', 0));
    expect(r.degradation).toEqual({ extraParticles: 3, faultIds: ['PL-RF-001'] });
    expect(e.atStep(site('PL1', 'plasma', 1)).degradation).toEqual({});
  });

  it("gives a step its alarm stops only the alarming point's effect; the silent points act on the retry", () => {
    const cat = catalogueOf([
      alarmPoint('PL-RF-001', 'plasma', 'error', { extraParticles: 3 }),
      silentPoint('PL-WALL-002', 'plasma', { particleRateFactor: 2 }),
    ]);
    const e = engine(
      cat,
      profileOf({ 'PL-RF-001': { per: 'step', rate: 1 }, 'PL-WALL-002': { per: 'step', rate: 1 } }),
    );
    const r = e.atStep(site('PL1', 'plasma', 0));
    expect(r.alarm?.faultId).toBe('PL-RF-001');
    expect(r.degradation).toEqual({ extraParticles: 3, faultIds: ['PL-RF-001'] });
    // The silent point fired too and stays active: the retried step gets its effect.
    expect(e.activeSilent('PL1', 0)).toEqual(['PL-WALL-002']);
  });

  it('keeps a fired silent point active for activeS, or until maintenance without it', () => {
    const cat = catalogueOf([
      silentPoint('BD-STAGE-001', 'bonder', { overlayDrift: { Tx: 60 }, activeS: 100 }),
      silentPoint('BD-STAGE-002', 'bonder', { overlayDrift: { Tx: 20, Mag: 0.3 } }),
    ]);
    // 10 000 per hour: the first step (3600 s after the start) fires both (p = 1 - e^-10000); a step
    // 1 ms later fires each with p = 1 - e^-0.0028 (about 0.3%). activeSilent looks without stepping.
    const burst = { per: 'hour' as const, rate: 10_000 };
    const e = engine(cat, profileOf({ 'BD-STAGE-001': burst, 'BD-STAGE-002': burst }));
    const at = (t: number) => e.atStep(site('BD1', 'bonder', t)).degradation;
    expect(at(3600)).toEqual({
      overlayDrift: { Tx: 80, Mag: 0.3 },
      faultIds: ['BD-STAGE-001', 'BD-STAGE-002'],
    });
    const quiet = engine(cat, profileOf({ 'BD-STAGE-001': burst, 'BD-STAGE-002': burst }));
    quiet.atStep(site('BD1', 'bonder', 3600));
    expect(quiet.activeSilent('BD1', 3650)).toEqual(['BD-STAGE-001', 'BD-STAGE-002']);
    expect(quiet.activeSilent('BD1', 3750)).toEqual(['BD-STAGE-002']);
    quiet.maintained('BD1');
    expect(quiet.activeSilent('BD1', 3750)).toEqual([]);
    expect(quiet.atStep(site('BD1', 'bonder', 3600.001)).degradation).toEqual({});
  });

  it('retiring one point leaves the firings of the others as they were (common random numbers)', () => {
    const cat = catalogueOf([
      silentPoint('FL-GRIP-001', 'flipper', { extraParticles: 1, activeS: 1 }),
      silentPoint('FL-GRIP-002', 'flipper', { extraParticles: 2, activeS: 1 }),
    ]);
    const both = profileOf({
      'FL-GRIP-001': { per: 'step', rate: 0.2 },
      'FL-GRIP-002': { per: 'step', rate: 0.2 },
    });
    const fixed = profileOf({
      'FL-GRIP-001': { per: 'step', rate: 0 },
      'FL-GRIP-002': { per: 'step', rate: 0.2 },
    });
    const firings = (p: FaultProfile, id: string) =>
      run(engine(cat, p), 'FL1', 'flipper', 300).map((r) => r.degradation.faultIds?.includes(id) ?? false);
    const before = firings(both, 'FL-GRIP-002');
    expect(before.filter(Boolean).length).toBeGreaterThan(30);
    expect(firings(fixed, 'FL-GRIP-002')).toEqual(before);
    expect(firings(fixed, 'FL-GRIP-001').some(Boolean)).toBe(false);
  });

  it('applies the profile scales', () => {
    const cat = catalogueOf([alarmPoint('IN-OVL-001', 'inspection')]);
    const rate = { 'IN-OVL-001': { per: 'step' as const, rate: 0.02 } };
    const off = run(
      engine(cat, profileOf(rate, { kindScale: { inspection: 0 } })),
      'IN1',
      'inspection',
      2000,
    );
    const tenfold = run(
      engine(cat, profileOf(rate, { rateScale: 5, kindScale: { inspection: 2 } })),
      'IN1',
      'inspection',
      2000,
    );
    expect(alarms(off)).toBe(0);
    // Binomial(2000, 0.2): 400 +- 18; allow 4.5 sd.
    expect(Math.abs(alarms(tenfold) - 400)).toBeLessThan(81);
  });

  it('refuses what only a programming error gives', () => {
    const cat = catalogueOf([alarmPoint('PL-RF-001', 'plasma')]);
    expect(() => engine(cat, profileOf({}))).toThrow(/no rate for PL-RF-001/);
    expect(
      () =>
        new FaultEngine({
          catalogue: cat,
          profile: profileOf({ 'PL-RF-001': { per: 'step', rate: 0 } }),
          seed: -1,
        }),
    ).toThrow(/seed/);
    const e = engine(cat, profileOf({ 'PL-RF-001': { per: 'step', rate: 0 } }));
    e.atStep(site('PL1', 'plasma', 100));
    expect(() => e.atStep(site('PL1', 'plasma', 50))).toThrow(/stepped at 100 s, then at 50 s/);
    expect(() => e.atStep(site('PL1', 'clean', 200))).toThrow(/PL1 is a plasma, not a clean/);
  });
});
