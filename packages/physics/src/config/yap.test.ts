import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYapConfig } from './yap.js';

// The shipped copy of the YAP+ sample (examples/yap, see its NOTICE), so the test runs in any checkout.
const SAMPLE = join(import.meta.dirname, '../../../../examples/yap/w2w-config.yaml');
const sample = parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;

describe('parseYapConfig', () => {
  it('maps the w2w_modeling section of the YAP+ sample onto Bondline parameters', () => {
    const r = parseYapConfig(sample);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value.params;
    // Values as written in the sample's w2w_modeling section.
    expect(p.pads).toEqual({ p: 10, botRatio: 0.5, topRatio: 0.667 });
    expect(p.die).toEqual({ W: 10000, L: 10000, s: 1000 });
    expect(p.wafer.R).toBe(150000);
    expect(p.overlay.sigmaR).toBe(0.02);
    expect(p.overlay.muTheta).toBe(5e-8);
    expect(p.overlay.kMag).toBe(0.1);
    expect(p.voids.t0).toBe(0.1);
    expect(p.voids.kL).toBe(0.062);
    expect(p.copper.w).toBe(1.3);
    expect(p.copper.kPeel).toBe(6.66e15);
    expect(p.copper.E).toBe(73e9);
  });

  it('reads the w2w_simulation section when asked (its own pitch, t_0, k_peel)', () => {
    const r = parseYapConfig(sample, 'w2w_simulation');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.params.pads.p).toBe(1);
    expect(r.value.params.voids.t0).toBe(1);
    expect(r.value.params.copper.kPeel).toBe(6.66e12);
    expect(r.value.params.copper.w).toBe(1.2);
  });

  it('reports unmodelled keys and the unused section as notes, not silently', () => {
    const r = parseYapConfig(sample);
    if (!r.ok) throw new Error('expected ok');
    const text = r.value.notes.map((n) => n.message).join('\n');
    for (const key of ['MODE', 'DEBUG', 'num_samples', 'VOID_SHAPE', 'multi2one_flag'])
      expect(text).toContain(key);
    expect(text).toContain('w2w_simulation: section not used');
    expect(text).toContain('redundant_logical_pad_copy');
  });

  it('says that active YAP redundancy is not mapped (all pads critical)', () => {
    const r = parseYapConfig(sample, 'w2w_simulation');
    if (!r.ok) throw new Error('expected ok');
    expect(
      r.value.notes.some(
        (n) => n.message.startsWith('w2w_simulation: not mapped') && n.message.includes('critical'),
      ),
    ).toBe(true);
  });

  it('names YAP keys in issues: out of range, unknown key, non-zero random mean, missing section', () => {
    const bad = {
      w2w_modeling: { PITCH: 0.01, FOO: 1, RANDOM_MISALIGNMENT_MEAN: 0.5, WAF_R: 'big' },
    };
    const r = parseYapConfig(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.code}:${i.path}`).sort()).toEqual([
      'out-of-range:w2w_modeling.PITCH',
      'unknown-key:w2w_modeling.FOO',
      'unsupported:w2w_modeling.RANDOM_MISALIGNMENT_MEAN',
      'wrong-type:w2w_modeling.WAF_R',
    ]);
    // The YAP key is named in the message too, with the file when given.
    const placed = parseYapConfig(bad, 'w2w_modeling', { source: 'y.yaml' });
    expect(!placed.ok && placed.issues.map((i) => i.message)).toContain(
      'y.yaml: w2w_modeling.PITCH: 0.01 µm is out of range (allowed [0.2, 1000] µm: pad pitch)',
    );
    // A key that is a property of every object is still an unknown key, not a mapped or ignored one.
    const proto = parseYapConfig({ w2w_modeling: { constructor: 1, toString: 2 } });
    expect(!proto.ok && proto.issues.map((i) => i.code)).toEqual(['unknown-key', 'unknown-key']);
    const missing = parseYapConfig({ w2w_simulation: {} });
    expect(!missing.ok && missing.issues[0]?.message).toContain('sections in this file: w2w_simulation');
  });
});
