import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { type LoadOptions, loadBondConfig } from './load.js';

function files(map: Record<string, string>): NonNullable<LoadOptions['readText']> {
  return async (p: string) => {
    const text = map[p];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    return text;
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
    const readText = files({ '/c/a.yaml': yamlText, '/c/a.json': jsonText, '/c/a.yml': yamlText });
    const y = await loadBondConfig('/c/a.yaml', { readText });
    const j = await loadBondConfig('/c/a.json', { readText });
    const y2 = await loadBondConfig('/c/a.yml', { readText });
    expect(y.ok && j.ok && y2.ok).toBe(true);
    if (!y.ok || !j.ok) return;
    expect(j.value).toEqual(y.value);
    expect(y.value.die).toEqual({ W: 5000, L: 4000, s: 200 });
    expect(y.format).toBe('bondline');
  });

  it('places a value issue at the key line and column', async () => {
    const readText = files({ '/c/b.yaml': 'wafer:\n  R: 150000\noverlay:\n  sigmaR: -2\n  kMagg: 1\n' });
    const r = await loadBondConfig('/c/b.yaml', { readText });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({
      code: 'out_of_range',
      path: ['overlay', 'sigmaR'],
      line: 4,
      column: 3,
    });
    expect(r.issues[1]).toMatchObject({
      code: 'unknown_key',
      path: ['overlay', 'kMagg'],
      line: 5,
      column: 3,
    });
  });

  it('places a JSON value issue at its line too', async () => {
    const readText = files({ '/c/b.json': '{\n  "pads": {\n    "p": "ten"\n  }\n}\n' });
    const r = await loadBondConfig('/c/b.json', { readText });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'invalid_type', line: 3, column: 5 });
  });

  it('reports unparsable YAML with line and column', async () => {
    const readText = files({ '/c/bad.yaml': 'wafer:\n  R: 1\n  R: 2\ndie: [1, 2\n' });
    const r = await loadBondConfig('/c/bad.yaml', { readText });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'syntax', line: 3, column: 3 });
    expect(r.issues[0]?.message).toMatch(/YAML syntax: .*unique/i);
    expect(r.issues.length).toBeGreaterThanOrEqual(2);
  });

  it('reports unparsable JSON with line and column', async () => {
    const readText = files({ '/c/bad.json': '{\n  "wafer": { "R": 1, }\n}\n' });
    const r = await loadBondConfig('/c/bad.json', { readText });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'syntax', line: 2, column: 22 });
  });

  it('reports a missing file and an unsupported extension', async () => {
    const r = await loadBondConfig('/c/none.yaml', { readText: files({}) });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'file_not_found' });
    const denied = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const u = await loadBondConfig('/c/locked.yaml', { readText: denied });
    expect(!u.ok && u.issues[0]).toMatchObject({ code: 'file_unreadable' });
    expect(!u.ok && u.issues[0]?.message).toContain('permission denied');
    const t = await loadBondConfig('/c/a.toml', { readText: files({}) });
    expect(!t.ok && t.issues[0]?.message).toContain('.yaml, .yml or .json');
  });

  it('reads a pad layout file relative to the configuration', async () => {
    const readText = files({
      '/c/d/cfg.yaml': 'die: { W: 2000, L: 1000 }\npads:\n  layout: layouts/l.json\n',
      '/c/d/layouts/l.json': '{ "blockUm": 1000, "rows": ["CR"], "redundantCopies": 3 }',
    });
    const r = await loadBondConfig('/c/d/cfg.yaml', { readText });
    expect(r.ok && r.value.pads.layout).toEqual({
      blockUm: 1000,
      redundantCopies: 3,
      rows: [['critical', 'redundant']],
    });
    const missing = await loadBondConfig('/c/d/cfg.yaml', {
      readText: files({ '/c/d/cfg.yaml': 'pads:\n  layout: x.json\n' }),
    });
    expect(!missing.ok && missing.issues[0]).toMatchObject({
      code: 'file_not_found',
      path: ['pads', 'layout'],
      line: 2,
    });
  });

  it('reads a PNG block bitmap layout and refuses a PNG given without its block size', async () => {
    // 3 x 1 pixels: dark (critical), red (redundant), white (empty).
    const png = new PNG({ width: 3, height: 1 });
    png.data = Buffer.from([10, 10, 10, 255, 220, 30, 30, 255, 255, 255, 255, 255]);
    const bytes = PNG.sync.write(png);
    const readBytes = async (p: string) => {
      if (p !== '/c/l.png') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return bytes;
    };
    const readText = files({
      '/c/a.yaml':
        'die: { W: 3000, L: 1000 }\npads:\n  layout: { image: l.png, blockUm: 1000, redundantCopies: 2 }\n',
      '/c/b.yaml': 'pads:\n  layout: l.png\n',
      '/c/c.yaml': 'pads:\n  layout: { image: missing.png, blockUm: 1000 }\n',
      '/c/d.yaml': 'pads:\n  layout: bad.json\n',
      '/c/bad.json': '{ "blockUm": 1000,\n  "rows": [ }',
    });
    const r = await loadBondConfig('/c/a.yaml', { readText, readBytes });
    expect(r.ok && r.value.pads.layout).toEqual({
      blockUm: 1000,
      redundantCopies: 2,
      rows: [['critical', 'redundant', 'empty']],
    });
    const b = await loadBondConfig('/c/b.yaml', { readText, readBytes });
    expect(!b.ok && b.issues[0]?.message).toContain('needs its block size');
    const c = await loadBondConfig('/c/c.yaml', { readText, readBytes });
    expect(!c.ok && c.issues[0]).toMatchObject({ code: 'file_not_found', path: ['pads', 'layout', 'image'] });
    const d = await loadBondConfig('/c/d.yaml', { readText, readBytes });
    expect(!d.ok && d.issues[0]?.message).toMatch(/^in bad\.json line 2:\d+: JSON syntax/);
  });

  it('detects a YAP file, reads the chosen section and refuses --section on a Bondline file', async () => {
    const yap = readFileSync(join(import.meta.dirname, '../../../../examples/yap/w2w-config.yaml'), 'utf8');
    const readText = files({ '/y.yaml': yap, '/c/a.yaml': yamlText });
    const m = await loadBondConfig('/y.yaml', { readText });
    expect(m.ok && m.format).toBe('yap');
    const s = await loadBondConfig('/y.yaml', { readText, section: 'w2w_simulation' });
    expect(s.ok && s.value.pads.p).toBe(1);
    const bad = await loadBondConfig('/y.yaml', { readText, section: 'w2w_other' });
    expect(!bad.ok && bad.issues[0]?.code).toBe('unknown_section');
    const nat = await loadBondConfig('/c/a.yaml', { readText, section: 'w2w_modeling' });
    expect(!nat.ok && nat.issues[0]?.message).toContain('applies to YAP files only');
  });

  it('places a YAP issue at the YAP key', async () => {
    const readText = files({ '/y.yaml': 'w2w_modeling:\n  MODE: x\n  PITCH: 0.05\n' });
    const r = await loadBondConfig('/y.yaml', { readText });
    expect(!r.ok && r.issues[0]).toMatchObject({ path: ['w2w_modeling', 'PITCH'], line: 3, column: 3 });
  });
});
