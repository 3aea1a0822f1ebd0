import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './e2e.test-util.js';

const cli = (args: string[]) => runBondline('align', args);

describe('bondline align (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-align-'));
  const img = join(dir, 'img.png');
  const tpl = join(dir, 'tpl.png');

  it('synth writes a 16-bit greyscale image and its 64x64 template', async () => {
    const r = await cli([
      'synth',
      '--out',
      img,
      '--template-out',
      tpl,
      '--shift-x',
      '3.25',
      '--shift-y=-7.5',
      '--noise',
      '0.02',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('shift (3.25, -7.5) px');
    // Check the PNG header bytes directly: IHDR width, height, bit depth 16, colour type 0.
    const bytes = readFileSync(img);
    expect(bytes.readUInt32BE(16)).toBe(128);
    expect(bytes.readUInt32BE(20)).toBe(128);
    expect([bytes[24], bytes[25]]).toEqual([16, 0]);
    expect(readFileSync(tpl).readUInt32BE(16)).toBe(64);
  });

  it('register --json finds the synthesised shift with both methods', async () => {
    for (const method of ['ncc', 'phase']) {
      const r = await cli(['register', img, '--template', tpl, '--method', method, '--json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const j = JSON.parse(r.stdout);
      expect(j).toMatchObject({ ok: true, method });
      expect(Math.abs(j.dx - 3.25)).toBeLessThan(0.03);
      expect(Math.abs(j.dy + 7.5)).toBeLessThan(0.03);
      expect(j.score).toBeGreaterThan(0.95);
      expect(j.sigmaX).toBeGreaterThan(0);
    }
  });

  it('register prints one human line and exits 0 (here with the illumination-gradient model)', async () => {
    const r = await cli(['register', img, '--template', tpl, '--gradient']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dx 3\.2\d+ px {2}dy -7\.[45]\d+ px .*score 0\.9\d+ {2}method ncc\n$/);
  });

  it('a refused match exits 3 with the reason: 8-bit mark cut by the image edge is clipped', async () => {
    const cut = join(dir, 'cut.png');
    expect((await cli(['synth', '--out', cut, '--shift-x', '60', '--bit-depth', '8'])).code).toBe(0);
    expect(readFileSync(cut)[24]).toBe(8);
    const r = await cli(['register', cut, '--template', tpl, '--json', '--method', 'phase']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, method: 'phase', issues: [{ code: 'clipped' }] });
    const m = await cli(['register', cut, '--template', tpl]);
    expect(m.code).toBe(3);
    expect(m.stdout).toMatch(/^refused \(clipped, ncc\): the mark appears at about \(60\.0, 0\.0\) px/);
  });

  it('bad input: colour PNG, missing file, bad flag values: exit 2, a clear message, no stack', async () => {
    const rgb = new PNG({ width: 4, height: 4 });
    rgb.data.fill(128);
    const colour = join(dir, 'colour.png');
    writeFileSync(colour, PNG.sync.write(rgb));
    const cases: [string[], RegExp][] = [
      [['register', colour, '--template', tpl], /colour\.png: PNG is RGB colour with alpha; only greyscale/],
      [['register', join(dir, 'nope.png'), '--template', tpl], /image: file not found: .*nope\.png/],
      [['register', img, '--template', tpl, '--method', 'sad'], /--method: 'sad' is not one of ncc, phase/],
      [['synth', '--out', join(dir, 'x.png'), '--bit-depth', '12'], /--bit-depth: 12 is not 8 or 16/],
      [['warp'], /unknown sub-command 'warp'/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
});
