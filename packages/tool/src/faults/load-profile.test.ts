import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultCatalogue } from './fault-catalogue.js';
import { withFixes } from './fault-profile.js';
import { alarmPoint, catalogueOf, silentPoint, tempFiles } from './faults.test-util.js';
import { applyFixes } from './fix-record.js';
import { loadCatalogue } from './load-catalogue.js';
import { loadProfile } from './load-profile.js';

const small = catalogueOf([
  alarmPoint('PL-RF-001', 'plasma'),
  alarmPoint('PL-RF-002', 'plasma'),
  silentPoint('BD-STAGE-001', 'bonder', { overlayDrift: { Tx: 50 } }),
]);

const RATES = `rates:
  PL-RF-001: { perStep: 0.01 }
  PL-RF-002: { perHour: 2, wearDoublingCount: 100 }
  BD-STAGE-001: { perStep: 0.02 }
`;

const fix = (id: string, date: string, faultId: string, effect: string) => `  - id: ${id}
    date: ${date}
    faultId: ${faultId}
    kind: software
    revision: TC 1.0.1
    change: A change
    effect: ${effect}
`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function load(files: Record<string, string>, spec: string, catalogue: FaultCatalogue = small) {
  const t = await tempFiles(files);
  cleanup = t.done;
  return { result: await loadProfile(join(t.dir, spec), catalogue), dir: t.dir };
}

async function refusal(
  files: Record<string, string>,
  spec: string,
): Promise<{ code: string; message: string }[]> {
  const { result, dir } = await load(files, spec);
  if (result.ok) throw new Error('expected the profile to be refused');
  return result.issues.map((i) => ({ code: i.code, message: i.message.replaceAll(dir, '<dir>') }));
}

describe('the shipped profiles', () => {
  let catalogue: FaultCatalogue;
  beforeAll(async () => {
    const c = await loadCatalogue();
    if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
    catalogue = c.value;
  });

  it('immature gives every point of the catalogue a rate, most of them active', async () => {
    const r = await loadProfile('immature', catalogue);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.rates.size).toBe(catalogue.points.length);
    // Every point but the aligner's own registration alarm (BD-ALIGN-061: the twin's registration raises it, never the engine).
    const idle = [...r.value.rates].filter(([, x]) => x.rate === 0).map(([id]) => id);
    expect(idle).toEqual(['BD-ALIGN-061']);
    expect(r.value.fixes).toEqual([]);
  });

  it('mature is immature plus its fix records, and its first k fixes replay the learning curve', async () => {
    const im = await loadProfile('immature', catalogue);
    const ma = await loadProfile('mature', catalogue);
    if (!im.ok || !ma.ok) throw new Error('profiles');
    expect(ma.value.baseRates).toEqual(im.value.rates);
    expect(ma.value.fixes.length).toBeGreaterThanOrEqual(100);
    expect(ma.value.rates).toEqual(applyFixes(im.value.rates, ma.value.fixes));
    expect(withFixes(ma.value, 0).rates).toEqual(im.value.rates);
    expect(withFixes(ma.value, ma.value.fixes.length).rates).toEqual(ma.value.rates);
    // Every silent point is retired or reduced at least 20-fold by the mature profile.
    for (const p of catalogue.points.filter((x) => !x.effect.stopsModule)) {
      const before = im.value.rates.get(p.id)?.rate ?? 0;
      expect(ma.value.rates.get(p.id)?.rate ?? 0, p.id).toBeLessThanOrEqual(before / 20);
    }
    const dates = ma.value.fixes.map((f) => f.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('refuses a bare name that is not shipped', async () => {
    const r = await loadProfile('nightly', catalogue);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['unknown-profile']);
  });
});

describe('loadProfile from files', () => {
  it('reads rates, scales and fixes, and applies the fixes in order', async () => {
    const { result } = await load(
      {
        'base.yaml': `name: base\nrateScale: 2\nkindScale: { plasma: 0.5 }\n${RATES}`,
        'later.yaml': `name: later\nbase: base.yaml\nfixes:\n${fix('FIX-001', '2024-02-01', 'PL-RF-001', '{ reduceBy: 4 }')}${fix('FIX-002', '2024-02-03', 'BD-STAGE-001', 'retire')}`,
      },
      'later.yaml',
    );
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const p = result.value;
    expect(p.name).toBe('later');
    expect(p.rateScale).toBe(2);
    expect(p.kindScale).toEqual({ plasma: 0.5 });
    expect(p.baseRates.get('PL-RF-001')).toEqual({ per: 'step', rate: 0.01 });
    expect(p.rates.get('PL-RF-001')).toEqual({ per: 'step', rate: 0.0025 });
    expect(p.rates.get('PL-RF-002')).toEqual({ per: 'hour', rate: 2, wearDoublingCount: 100 });
    expect(p.rates.get('BD-STAGE-001')).toEqual({ per: 'step', rate: 0 });
    expect(withFixes(p, 1).rates.get('BD-STAGE-001')).toEqual({ per: 'step', rate: 0.02 });
  });

  it('names unknown fault ids and the points without a rate', async () => {
    const issues = await refusal(
      { 'p.yaml': 'name: p\nrates:\n  PL-RF-001: { perStep: 0.01 }\n  PL-RF-009: { perStep: 0.01 }\n' },
      'p.yaml',
    );
    expect(issues).toEqual([
      {
        code: 'unknown-fault',
        message: '<dir>/p.yaml:4:3: rates.PL-RF-009: PL-RF-009 is not a fault point of test',
      },
      {
        code: 'missing-rate',
        message:
          '<dir>/p.yaml:2:1: rates: 2 fault point(s) of the catalogue have no rate: PL-RF-002, BD-STAGE-001 (every point needs one; { perStep: 0 } leaves a point off)',
      },
    ]);
  });

  it('names a bad rate field', async () => {
    const issues = await refusal(
      {
        'p.yaml': 'name: p\nrates:\n  PL-RF-001: { perStep: 2 }\n  PL-RF-002: { perHour: 1, perStep: 0.1 }\n',
      },
      'p.yaml',
    );
    expect(issues.map((i) => i.message)).toEqual([
      '<dir>/p.yaml:3:16: rates.PL-RF-001.perStep: 2 is outside 0..1 (probability per step)',
      '<dir>/p.yaml:4:3: rates.PL-RF-002: give exactly one of perStep (probability per step) or perHour (firings per hour)',
    ]);
  });

  it('refuses fixes with an unknown point, a reused id, an earlier date or a retired point', async () => {
    const issues = await refusal(
      {
        'p.yaml': `name: p\n${RATES}fixes:\n${[
          fix('FIX-001', '2024-03-01', 'PL-RF-001', 'retire'),
          fix('FIX-002', '2024-03-02', 'PL-XX-001', 'retire'),
          fix('FIX-001', '2024-03-03', 'PL-RF-002', '{ reduceBy: 2 }'),
          fix('FIX-004', '2024-02-01', 'PL-RF-002', '{ reduceBy: 2 }'),
          fix('FIX-005', '2024-03-05', 'PL-RF-001', '{ reduceBy: 2 }'),
        ].join('')}`,
      },
      'p.yaml',
    );
    expect(issues.map((i) => i.code)).toEqual([
      'unknown-fault',
      'duplicate-fix',
      'fix-out-of-order',
      'already-retired',
    ]);
    expect(issues[3]?.message).toMatch(
      /fixes\[4\]\.faultId: PL-RF-001 is already retired by FIX-001; FIX-005 cannot change it/,
    );
  });

  it('refuses a fix effect that is neither retire nor a factor above 1', async () => {
    const issues = await refusal(
      {
        'p.yaml': `name: p\n${RATES}fixes:\n${fix('FIX-001', '2024-13-01', 'PL-RF-001', '{ reduceBy: 0.5 }')}`,
      },
      'p.yaml',
    );
    expect(issues.map((i) => i.message)).toEqual([
      '<dir>/p.yaml:8:5: fixes[0].date: "2024-13-01" is not a date written YYYY-MM-DD',
      '<dir>/p.yaml:13:5: fixes[0].effect: a mapping is not a fix effect: write retire, or { reduceBy: f } with f above 1 (the rate is divided by f)',
    ]);
  });

  it('needs rates or a base, not both', async () => {
    const issues = await refusal({ 'p.yaml': `name: p\nbase: immature\n${RATES}` }, 'p.yaml');
    expect(issues.map((i) => i.code)).toEqual(['base-or-rates']);
  });

  it('refuses a cycle of bases and names the chain', async () => {
    const issues = await refusal(
      { 'a.yaml': 'name: a\nbase: b.yaml\n', 'b.yaml': 'name: b\nbase: ./a.yaml\n' },
      'a.yaml',
    );
    expect(issues.map((i) => i.code)).toEqual(['bad-base', 'bad-base', 'base-cycle']);
    expect(issues[2]?.message).toBe(
      '<dir>/a.yaml: profiles name each other as base: <dir>/a.yaml -> <dir>/b.yaml -> <dir>/a.yaml',
    );
  });
});
