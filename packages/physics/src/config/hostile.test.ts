import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, issue, ok, visible } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { MAX_LAYOUT_BLOCKS } from './layout.js';
import type { ReadBytes } from './layout-file.js';
import { loadBondConfig, MAX_CONFIG_BYTES } from './load.js';
import { MAX_DIES, parseBondConfig } from './validate.js';

// Hostile and damaged variants of the shipped configurations (examples/yield.yaml, examples/yap): each
// must come back as a value, with messages that name the file, the place and the key, and show no
// character a person cannot see.
const EXAMPLES = join(import.meta.dirname, '../../../../examples');
const yieldYaml = readFileSync(join(EXAMPLES, 'yield.yaml'), 'utf8');
const yap = readFileSync(join(EXAMPLES, 'yap/w2w-config.yaml'), 'utf8');

function files(map: Record<string, string | Uint8Array>): ReadBytes {
  return async (p: string) => {
    const content = map[p];
    if (content === undefined) return fail(issue('file-not-found', `${p}: no such file`));
    return ok(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  };
}

async function refused(name: string, content: string | Uint8Array) {
  const r = await loadBondConfig(name, { readBytes: files({ [name]: content }) });
  if (r.ok) throw new Error('expected a refusal');
  for (const i of r.issues) expect(visible(i.message), 'no invisible character').toBe(i.message);
  return r.issues;
}

describe('loadBondConfig on hostile files', () => {
  it('accepts a UTF-8 byte-order mark in YAML, YAP and JSON', async () => {
    const bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
    const readBytes = files({
      '/c/y.yaml': bom(yieldYaml),
      '/c/yap.yaml': bom(yap),
      '/c/j.json': bom('{ "pads": { "p": 2 } }'),
    });
    const y = await loadBondConfig('/c/y.yaml', { readBytes });
    expect(y.ok && y.value.params.pads.p).toBe(1);
    expect((await loadBondConfig('/c/yap.yaml', { readBytes })).ok).toBe(true);
    const j = await loadBondConfig('/c/j.json', { readBytes });
    expect(j.ok && j.value.params.pads.p).toBe(2);
  });

  it('refuses 1e300, .nan, .inf and -.inf by key, with the allowed range', async () => {
    const issues = await refused(
      '/c/big.yaml',
      yieldYaml
        .replace('D0: 5.0e-10', 'D0: 1e300')
        .replace('sigmaR: 0.02', 'sigmaR: .nan')
        .replace('muB: 0.5', 'muB: .inf')
        .replace('M0: 0', 'M0: -.inf'),
    );
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'wrong-type overlay.sigmaR',
      'wrong-type overlay.muB',
      'wrong-type overlay.M0',
      'out-of-range voids.D0',
    ]);
    expect(issues[0]?.message).toBe(
      '/c/big.yaml:23:3: overlay.sigmaR: must be a finite number in µm (got NaN); allowed [0, 10] µm',
    );
    expect(issues[3]?.message).toBe(
      '/c/big.yaml:36:3: voids.D0: 1e+300 1/µm² is out of range (allowed [0, 0.000001] 1/µm²: particle density over the wafer (1e-6 is 100 per cm²))',
    );
    const y = await refused('/c/yap.yaml', yap.replace('PITCH: 10', 'PITCH: 1e300'));
    expect(y[0]).toMatchObject({ code: 'out-of-range', path: 'w2w_modeling.PITCH' });
  });

  it('refuses a die size that would make billions of dies', async () => {
    const issues = await refused('/c/d.yaml', 'die: { W: 1, L: 1, s: 0 }\npads: { p: 0.5 }\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'inconsistent', path: 'die' });
    expect(issues[0]?.message).toBe(
      `/c/d.yaml:1:1: die: a 1 x 1 µm die with a 0 µm street makes about 7.1e+10 dies on a wafer of usable radius 150000 µm; at most ${MAX_DIES} are allowed (is the die size in µm?)`,
    );
    // 300 µm dies (about 440 000 on a 300 mm wafer) are still allowed.
    const r = await loadBondConfig('/c/ok.yaml', {
      readBytes: files({ '/c/ok.yaml': 'die: { W: 300, L: 300, s: 100 }\n' }),
    });
    expect(r.ok).toBe(true);
  });

  it('refuses an alias bomb and deep nesting with a clear message', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k <= 9; k++)
      lines.push(
        `a${k}: &a${k} [${Array(10)
          .fill(`*a${k - 1}`)
          .join(', ')}]`,
      );
    const bomb = await refused('/c/bomb.yaml', `${lines.join('\n')}\n`);
    expect(bomb[0]?.code).toBe('too-many-aliases');
    expect(bomb[0]?.message).toMatch(/^\/c\/bomb\.yaml: the aliases \(\*name\) in this file expand too far/);
    const deep = await refused('/c/deep.json', `{"pads": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep[0]?.code).toBe('too-deep');
  });

  it('names invisible characters in keys and values, and refuses UTF-16, binary and huge files', async () => {
    const nbsp = await refused('/c/n.yaml', 'overlay:\n  sigma\u00A0R: 1\n  C: "\u000B"\n');
    expect(nbsp.map((i) => i.message)).toEqual([
      expect.stringMatching(/^\/c\/n\.yaml:2:3: overlay\.sigma<U\+00A0 no-break space>R: unknown key/),
      expect.stringMatching(
        /^\/c\/n\.yaml:3:3: overlay\.C: must be a finite number \(got the text "<U\+000B vertical tab>"\)/,
      ),
    ]);
    expect(nbsp[0]?.path).toBe('overlay.sigma\u00A0R');
    expect((await refused('/c/u.yaml', new Uint8Array([0xff, 0xfe, 0x61, 0]))).map((i) => i.code)).toEqual([
      'unsupported-encoding',
    ]);
    expect((await refused('/c/b.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0, 1]))).map((i) => i.code)).toEqual(
      ['not-text'],
    );
    const huge = await refused('/c/h.yaml', new Uint8Array(MAX_CONFIG_BYTES + 1).fill(0x20));
    expect(huge[0]?.code).toBe('file-too-large');
  });

  it('refuses a layout file that is not a layout, or too large, naming that file', async () => {
    const readBytes = files({
      '/c/a.yaml': 'pads:\n  layout: l.json\n',
      '/c/l.json': `{"rows": ${'['.repeat(1000)}${']'.repeat(1000)}}`,
      '/c/b.yaml': 'pads:\n  layout: big.json\n',
      '/c/big.json': new Uint8Array(4 * 1024 * 1024 + 1).fill(0x20),
    });
    const a = await loadBondConfig('/c/a.yaml', { readBytes });
    expect(!a.ok && a.issues[0]).toMatchObject({ code: 'too-deep', path: 'pads.layout' });
    expect(!a.ok && a.issues[0]?.message).toMatch(/^\/c\/l\.json:1:\d+: the JSON nests deeper/);
    const b = await loadBondConfig('/c/b.yaml', { readBytes });
    expect(!b.ok && b.issues[0]).toMatchObject({ code: 'file-too-large', path: 'pads.layout' });
  });

  it('refuses a layout of more blocks than MAX_LAYOUT_BLOCKS before reading its rows', () => {
    const r = parseBondConfig({
      wafer: { R: 250000 },
      die: { W: 300000, L: 300000 },
      pads: { p: 0.2, layout: { blockUm: 0.2, rows: Array(2100).fill('C'.repeat(2100)) } },
    });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'invalid-layout', path: 'pads.layout.rows' });
    expect(!r.ok && r.issues[0]?.message).toContain(
      `2100 rows of 2100 blocks are more than the ${MAX_LAYOUT_BLOCKS}`,
    );
  });
});
