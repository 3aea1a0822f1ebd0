import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, issue, ok } from '@bondline/core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ReadBytes } from './layout-file.js';
import { loadBondConfig } from './load.js';

/** A stand-in file system: text files as UTF-8, others as bytes; anything else is missing. */
function files(map: Record<string, string | Uint8Array>): ReadBytes {
  return async (p: string) => {
    const content = map[p];
    if (content === undefined) return fail(issue('file-not-found', `${p}: no such file`));
    return ok(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  };
}

const yamlText = `# demo
wafer:
  R: 150000
die: { W: 5000, L: 4000, s: 200 }
pads:
  p: 2
overlay:
  sigmaR: 0.03
  muTx: 0.05
voids:
  D0: 2.0e-9
`;
const jsonText = JSON.stringify(
  {
    wafer: { R: 150000 },
    die: { W: 5000, L: 4000, s: 200 },
    pads: { p: 2 },
    overlay: { sigmaR: 0.03, muTx: 0.05 },
    voids: { D0: 2e-9 },
  },
  null,
  2,
);

describe('loadBondConfig', () => {
  it('reads YAML and JSON of the same content to the same parameters', async () => {
    const readBytes = files({ '/c/a.yaml': yamlText, '/c/a.json': jsonText, '/c/a.yml': yamlText });
    const y = await loadBondConfig('/c/a.yaml', { readBytes });
    const j = await loadBondConfig('/c/a.json', { readBytes });
    const y2 = await loadBondConfig('/c/a.yml', { readBytes });
    expect(y.ok && j.ok && y2.ok).toBe(true);
    if (!y.ok || !j.ok) return;
    expect(j.value.params).toEqual(y.value.params);
    expect(y.value.params.die).toEqual({ W: 5000, L: 4000, s: 200 });
    expect(y.value.format).toBe('bondline');
  });

  it('places a value issue at the key line and column', async () => {
    const readBytes = files({ '/c/b.yaml': 'wafer:\n  R: 150000\noverlay:\n  sigmaR: -2\n  kMagg: 1\n' });
    const r = await loadBondConfig('/c/b.yaml', { readBytes });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'out-of-range', path: 'overlay.sigmaR' });
    expect(r.issues[0]?.message).toMatch(/^\/c\/b\.yaml:4:3: overlay\.sigmaR: -2 µm is out of range/);
    expect(r.issues[1]).toMatchObject({ code: 'unknown-key', path: 'overlay.kMagg' });
    expect(r.issues[1]?.message).toMatch(/^\/c\/b\.yaml:5:3: overlay\.kMagg: unknown key/);
  });

  it('places a JSON value issue at its line too', async () => {
    const readBytes = files({ '/c/b.json': '{\n  "pads": {\n    "p": "ten"\n  }\n}\n' });
    const r = await loadBondConfig('/c/b.json', { readBytes });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'wrong-type', path: 'pads.p' });
    expect(!r.ok && r.issues[0]?.message).toMatch(
      /^\/c\/b\.json:3:5: pads\.p: must be a finite number in µm \(got the text "ten"\)/,
    );
  });

  it('reports unparsable YAML with line and column', async () => {
    const readBytes = files({ '/c/bad.yaml': 'wafer:\n  R: 1\n  R: 2\ndie: [1, 2\n' });
    const r = await loadBondConfig('/c/bad.yaml', { readBytes });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'syntax', path: '3:3' });
    expect(r.issues[0]?.message).toMatch(/^\/c\/bad\.yaml:3:3: /);
    expect(r.issues[0]?.message).toMatch(/YAML syntax: .*unique/i);
    expect(r.issues.length).toBeGreaterThanOrEqual(2);
  });

  it('reports unparsable JSON with line and column', async () => {
    const readBytes = files({ '/c/bad.json': '{\n  "wafer": { "R": 1, }\n}\n' });
    const r = await loadBondConfig('/c/bad.json', { readBytes });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'syntax', path: '2:22' });
  });

  it('reports a missing file and an unsupported extension', async () => {
    const r = await loadBondConfig('/c/none.yaml', { readBytes: files({}) });
    expect(!r.ok && r.issues[0]).toMatchObject({
      code: 'file-not-found',
      message: '/c/none.yaml: no such file',
    });
    const t = await loadBondConfig('/c/a.toml', { readBytes: files({}) });
    expect(!t.ok && t.issues[0]?.message).toContain('.yaml, .yml or .json');
  });

  it('reads a pad layout file relative to the configuration', async () => {
    const readBytes = files({
      '/c/d/cfg.yaml': 'die: { W: 2000, L: 1000 }\npads:\n  layout: layouts/l.json\n',
      '/c/d/layouts/l.json': '{ "blockUm": 1000, "rows": ["CR"], "redundantCopies": 3 }',
    });
    const r = await loadBondConfig('/c/d/cfg.yaml', { readBytes });
    expect(r.ok && r.value.params.pads.layout).toEqual({
      blockUm: 1000,
      redundantCopies: 3,
      rows: [['critical', 'redundant']],
    });
    const missing = await loadBondConfig('/c/d/cfg.yaml', {
      readBytes: files({ '/c/d/cfg.yaml': 'pads:\n  layout: x.json\n' }),
    });
    expect(!missing.ok && missing.issues[0]).toMatchObject({
      code: 'file-not-found',
      path: 'pads.layout',
      message: '/c/d/x.json: no such file',
    });
    // A problem inside a layout file is placed in that file, under its full key path.
    const inside = await loadBondConfig('/c/d/cfg.yaml', {
      readBytes: files({
        '/c/d/cfg.yaml': 'die: { W: 2000, L: 1000 }\npads:\n  layout: l.yaml\n',
        '/c/d/l.yaml': 'blockUm: 1000\nrows:\n  - CR\n  - CX\n',
      }),
    });
    expect(!inside.ok && inside.issues[0]).toMatchObject({
      code: 'invalid-layout',
      path: 'pads.layout.rows[1]',
      message: '/c/d/l.yaml:4:5: pads.layout.rows[1]: column 2: "X" is not C, R or .',
    });
  });

  it('reads a PNG block bitmap layout and refuses a PNG given without its block size', async () => {
    // 3 x 1 pixels: dark (critical), red (redundant), white (empty).
    const png = new PNG({ width: 3, height: 1 });
    png.data = Buffer.from([10, 10, 10, 255, 220, 30, 30, 255, 255, 255, 255, 255]);
    const bytes = PNG.sync.write(png);
    const readBytes = files({
      '/c/l.png': bytes,
      '/c/a.yaml':
        'die: { W: 3000, L: 1000 }\npads:\n  layout: { image: l.png, blockUm: 1000, redundantCopies: 2 }\n',
      '/c/b.yaml': 'pads:\n  layout: l.png\n',
      '/c/c.yaml': 'pads:\n  layout: { image: missing.png, blockUm: 1000 }\n',
      '/c/d.yaml': 'pads:\n  layout: bad.json\n',
      '/c/bad.json': '{ "blockUm": 1000,\n  "rows": [ }',
    });
    const r = await loadBondConfig('/c/a.yaml', { readBytes });
    expect(r.ok && r.value.params.pads.layout).toEqual({
      blockUm: 1000,
      redundantCopies: 2,
      rows: [['critical', 'redundant', 'empty']],
    });
    const b = await loadBondConfig('/c/b.yaml', { readBytes });
    expect(!b.ok && b.issues[0]?.message).toContain('needs its block size');
    const c = await loadBondConfig('/c/c.yaml', { readBytes });
    expect(!c.ok && c.issues[0]).toMatchObject({ code: 'file-not-found', path: 'pads.layout.image' });
    const d = await loadBondConfig('/c/d.yaml', { readBytes });
    expect(!d.ok && d.issues[0]).toMatchObject({ code: 'syntax', path: 'pads.layout' });
    expect(!d.ok && d.issues[0]?.message).toMatch(/^\/c\/bad\.json:2:\d+: JSON syntax/);
  });

  it('detects a YAP file, reads the chosen section and refuses --section on a Bondline file', async () => {
    const yap = readFileSync(join(import.meta.dirname, '../../../../examples/yap/w2w-config.yaml'), 'utf8');
    const readBytes = files({ '/y.yaml': yap, '/c/a.yaml': yamlText });
    const m = await loadBondConfig('/y.yaml', { readBytes });
    expect(m.ok && m.value.format).toBe('yap');
    const s = await loadBondConfig('/y.yaml', { readBytes, section: 'w2w_simulation' });
    expect(s.ok && s.value.params.pads.p).toBe(1);
    const bad = await loadBondConfig('/y.yaml', { readBytes, section: 'w2w_other' });
    expect(!bad.ok && bad.issues[0]?.code).toBe('unknown-section');
    const nat = await loadBondConfig('/c/a.yaml', { readBytes, section: 'w2w_modeling' });
    expect(!nat.ok && nat.issues[0]?.message).toContain('applies to YAP files only');
  });

  it('places a YAP issue at the YAP key', async () => {
    const readBytes = files({ '/y.yaml': 'w2w_modeling:\n  MODE: x\n  PITCH: 0.05\n' });
    const r = await loadBondConfig('/y.yaml', { readBytes });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'out-of-range', path: 'w2w_modeling.PITCH' });
    expect(!r.ok && r.issues[0]?.message).toMatch(
      /^\/y\.yaml:3:3: w2w_modeling\.PITCH: 0\.05 µm is out of range/,
    );
  });
});
