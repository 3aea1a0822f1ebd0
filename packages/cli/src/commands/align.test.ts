import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
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
    expect(r.stderr).toBe(`wrote ${img} (128x128 PNG)\nwrote ${tpl} (64x64 PNG)\n`);
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

  describe('out-of-domain options and unusable images: exit 2, a clear message, no stack trace', () => {
    const grey = (w: number, h: number, fill: (x: number, y: number) => number) => {
      const png = new PNG({ width: w, height: h });
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = fill(x, y);
          png.data.set([v, v, v, 255], 4 * (y * w + x));
        }
      }
      return PNG.sync.write(png, { colorType: 0, inputColorType: 6 });
    };
    const file = (name: string, data: Uint8Array) => {
      const f = join(dir, name);
      writeFileSync(f, data);
      return f;
    };

    // Files made from the synthesised image and template of the tests above (they run first).
    const made: Record<string, string> = {};
    beforeAll(() => {
      made.small = file(
        'small.png',
        grey(16, 16, (x) => x * 10),
      );
      made.tiny = file(
        'tiny.png',
        grey(2, 2, (x) => x * 100),
      );
      made.flat = file(
        'flat.png',
        grey(8, 8, () => 90),
      );
      const good = readFileSync(img);
      made.cut = file('cut.png', good.subarray(0, good.length - 40));
      const huge = Buffer.from(good);
      huge.writeUInt32BE(100_000, 16);
      made.huge = file('huge.png', huge);
    });
    const cases: [string, () => string[], RegExp][] = [
      [
        '--ambiguity 0',
        () => ['register', img, '--template', tpl, '--ambiguity', '0'],
        /--ambiguity: 0 is out of range \(allowed above 0, up to 1\)/,
      ],
      [
        '--min-score 0',
        () => ['register', img, '--template', tpl, '--min-score', '0'],
        /--min-score: 0 is out of range/,
      ],
      [
        '--min-score -0.5',
        () => ['register', img, '--template', tpl, '--min-score=-0.5'],
        /--min-score: -0\.5 is out of range/,
      ],
      [
        '--ambiguity NaN',
        () => ['register', img, '--template', tpl, '--ambiguity', 'NaN'],
        /--ambiguity: 'NaN' is not a number/,
      ],
      [
        'an image smaller than the template',
        () => ['register', made.small!, '--template', tpl],
        /the template \(64x64 px\) is larger than the image \(16x16 px\); the image must contain the whole template/,
      ],
      [
        'a 2x2 template',
        () => ['register', img, '--template', made.tiny!],
        /the template is 2x2 px; it must be at least 3x3 px/,
      ],
      ['a flat template', () => ['register', img, '--template', made.flat!], /the template has no contrast/],
      [
        'a cut-off PNG',
        () => ['register', made.cut!, '--template', tpl],
        /image .*cut\.png: the PNG data is damaged/,
      ],
      [
        'a PNG header claiming 100000 px',
        () => ['register', img, '--template', made.huge!],
        /--template .*huge\.png: the image is 100000x128 pixels; at most 8192 per side/,
      ],
      [
        'synth: a mark shifted off the image',
        () => ['synth', '--out', join(dir, 'off.png'), '--shift-x', '1000'],
        /--shift-x: 1000 is out of range; allowed: a number from -63\.5 to 63\.5/,
      ],
      [
        'synth: shift-y off the image',
        () => ['synth', '--out', join(dir, 'off.png'), '--shift-y=-64'],
        /--shift-y: -64 is out of range/,
      ],
      [
        'synth: more pixels than register reads',
        () => ['synth', '--out', join(dir, 'big.png'), '--width', '4096', '--height', '4096'],
        /is 16777216 px; at most 4194304 px/,
      ],
      [
        'synth: a rotated mark on a large image',
        () => [
          'synth',
          '--out',
          join(dir, 'rot.png'),
          '--width',
          '2048',
          '--height',
          '1024',
          '--rotation',
          '5',
        ],
        /at most 1048576 px with --rotation/,
      ],
    ];
    for (const [name, args, msg] of cases) {
      it(name, async () => {
        const r = await cli(args());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(msg);
        expect(hasStackTrace(r.stderr)).toBe(false);
      });
    }

    it('a mark shifted off the image is refused as clipped or missing (exit 3), never found', async () => {
      const off = join(dir, 'edge.png');
      expect((await cli(['synth', '--out', off, '--shift-x', '63', '--shift-y=-63'])).code).toBe(0);
      const r = await cli(['register', off, '--template', tpl, '--json']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: false,
        issues: [{ code: expect.stringMatching(/clipped|missing/) }],
      });
    });
  });
});
