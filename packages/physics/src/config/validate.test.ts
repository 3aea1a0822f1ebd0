import { describe, expect, it } from 'vitest';
import { defaultParams } from '../params.js';
import type { ConfigIssue } from './issues.js';
import { keySpecs } from './spec.js';
import { parseBondConfig } from './validate.js';

function issuesOf(raw: unknown): readonly ConfigIssue[] {
  const r = parseBondConfig(raw);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('parseBondConfig', () => {
  it('fills every default from docs/physics.md for an empty config', () => {
    const r = parseBondConfig({});
    expect(r.ok && r.value).toEqual(defaultParams);
  });

  it('keeps given values and defaults the rest of a section', () => {
    const r = parseBondConfig({ pads: { p: 3 }, overlay: { sigmaR: 0.05 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pads).toEqual({ ...defaultParams.pads, p: 3 });
    expect(r.value.overlay.sigmaR).toBe(0.05);
    expect(r.value.overlay.C).toBe(0.5);
  });

  it('accepts every documented default (the table and defaultParams agree)', () => {
    for (const s of keySpecs) {
      const v = (defaultParams[s.section] as unknown as Record<string, number>)[s.key];
      expect(typeof v, `${s.section}.${s.key}`).toBe('number');
      expect(parseBondConfig({ [s.section]: { [s.key]: v } }).ok, `${s.section}.${s.key}`).toBe(true);
    }
  });

  it('refuses a non-mapping document', () => {
    expect(issuesOf([1, 2])[0]?.code).toBe('not-an-object');
    expect(issuesOf('text')[0]?.code).toBe('not-an-object');
  });

  it('names an unknown section and lists the allowed ones', () => {
    const [i] = issuesOf({ wafers: { R: 1 } });
    expect(i?.code).toBe('unknown-section');
    expect(i?.path).toBe('wafers');
    expect(i?.message).toMatch(
      /^wafers: unknown section \(allowed: wafer, die, pads, overlay, voids, copper/,
    );
  });

  it('names an unknown key with a suggestion', () => {
    const issues = issuesOf({
      overlay: { sigmar: 0.1, sigmaRR: 1, zzz: 1 },
      die: { sigmaR: 0.1 },
      pads: { PITCH: 5 },
    });
    expect(issues.map((i) => i.code)).toEqual([
      'unknown-key',
      'unknown-key',
      'unknown-key',
      'unknown-key',
      'unknown-key',
    ]);
    expect(issues[0]?.message).toContain("did you mean 'sigmaR'");
    expect(issues[1]?.message).toContain("did you mean 'sigmaR'");
    expect(issues[2]?.message).not.toContain('did you mean');
    expect(issues[2]?.message).toContain('allowed in overlay: C, K, sigmaR');
    expect(issues[3]?.message).toContain("belongs in section 'overlay'");
    expect(issues[4]?.message).toContain("'pads.p'");
  });

  it('refuses a wrong type, naming unit and range', () => {
    const [i] = issuesOf({ pads: { p: '10um' } });
    expect(i).toMatchObject({ code: 'wrong-type', path: 'pads.p' });
    expect(i?.message).toBe(
      'pads.p: must be a finite number in µm (got the text "10um"); allowed [0.2, 1000] µm',
    );
    expect(issuesOf({ overlay: 3 })[0]).toMatchObject({ code: 'wrong-type', path: 'overlay' });
    expect(issuesOf({ wafer: { R: Number.NaN } })[0]?.code).toBe('wrong-type');
  });

  it('refuses values outside their physical range, open bounds included', () => {
    const issues = issuesOf({
      pads: { p: 0.1, botRatio: 0 },
      overlay: { C: 1.5, sigmaR: -1 },
      voids: { z: 1 },
    });
    expect(issues.map((i) => `${i.code}:${i.path}`)).toEqual([
      'out-of-range:pads.p',
      'out-of-range:pads.botRatio',
      'out-of-range:overlay.C',
      'out-of-range:overlay.sigmaR',
      'out-of-range:voids.z',
    ]);
    expect(issues[1]?.message).toContain('(0, 1]');
    expect(issues[0]?.message).toContain('0.1 µm is out of range (allowed [0.2, 1000] µm');
  });

  it('collects every issue of a file, not just the first', () => {
    const issues = issuesOf({ bogus: 1, die: { W: -5, Q: 1 }, copper: { Tanneal: 'hot' } });
    expect(issues).toHaveLength(4);
  });

  it('checks combinations: edge exclusion, die size, pitch, edge band, anneal temperature', () => {
    const issues = issuesOf({
      wafer: { R: 10000, e: 10000 },
      copper: { Troom: 30, Tanneal: 20 },
      voids: { D1: 1e-9 },
    });
    expect(issues.map((i) => i.path)).toEqual(['wafer.e', 'voids.D1', 'copper.Tanneal']);
    expect(issues.every((i) => i.code === 'inconsistent')).toBe(true);
    expect(issuesOf({ wafer: { R: 5000 }, die: { W: 8000, L: 8000 } })[0]?.path).toBe('die');
    expect(issuesOf({ die: { W: 100, L: 100 }, pads: { p: 200 } })[0]?.path).toBe('pads.p');
  });

  it('bounds the void model to plausible, finite work: z above 1.5, tail discs at least 1 µm apart', () => {
    // z <= 1.5 has an infinite mean void, and near 1 the Monte Carlo drew infinitely thick particles
    // whose tails never ended; discs closer than 1 µm made millions of them per thick particle.
    expect(issuesOf({ voids: { z: 1.5 } })[0]).toMatchObject({ code: 'out-of-range', path: 'voids.z' });
    expect(parseBondConfig({ voids: { z: 1.51 } }).ok).toBe(true);
    expect(issuesOf({ voids: { D0: 2e-6 } })[0]?.path).toBe('voids.D0');
    const [tail] = issuesOf({ voids: { kL: 0.001, kN: 0.01 } });
    expect(tail).toMatchObject({ code: 'inconsistent', path: 'voids.kL' });
    expect(tail?.message).toBe(
      "voids.kL: with kN = 0.01 the void tail's discs are kL/kN = 0.100 µm apart; they must be at least 1 µm apart (kL >= kN), or kL = 0 for no tail length",
    );
    expect(parseBondConfig({ voids: { kL: 0, kN: 0.01 } }).ok).toBe(true);
    expect(parseBondConfig({ voids: { kL: 0.01, kN: 0.01 } }).ok).toBe(true);
  });

  it('reads an inline layout drawn top row first into rows counted from minimum y', () => {
    const r = parseBondConfig({
      die: { W: 4000, L: 2000 },
      pads: { p: 10, layout: { blockUm: 1000, redundantCopies: 2, rows: ['CCR.', '..CC'] } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pads.layout).toEqual({
      blockUm: 1000,
      redundantCopies: 2,
      rows: [
        ['empty', 'empty', 'critical', 'critical'],
        ['critical', 'critical', 'redundant', 'empty'],
      ],
    });
  });

  it('refuses a malformed layout with the row and column', () => {
    const issues = issuesOf({
      die: { W: 2000, L: 2000 },
      pads: { layout: { blockUm: 1000, rows: ['CC', 'CX', 'C'], extra: 1 } },
    });
    expect(issues.map((i) => i.code)).toEqual([
      'unknown-key',
      'invalid-layout',
      'invalid-layout',
      'invalid-layout',
    ]);
    expect(issues[1]).toMatchObject({ path: 'pads.layout.rows[1]' });
    expect(issues[1]?.message).toBe('pads.layout.rows[1]: column 2: "X" is not C, R or .');
    expect(issues[3]?.message).toContain('do not fit');
  });
});
