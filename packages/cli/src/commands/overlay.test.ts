import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../render/png.js';
import { hasStackTrace, runBondline } from './e2e.test-util.js';

const cli = (args: string[]) => runBondline('overlay', args);

const EXAMPLES = join(import.meta.dirname, '../../../../examples/overlay');

describe('bondline overlay fit (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-overlay-'));
  // 4-term data written out by hand: dx = Tx − Rot·Y + Mag·X, dy = Ty + Rot·X + Mag·Y with
  // Tx = 3 nm, Ty = −2 nm, Rot = 0.5 µrad, Mag = 1 ppm (5e-4 and 1e-3 nm/µm), no noise.
  const pts = [
    [0, 0],
    [10000, 0],
    [0, 10000],
    [-10000, 0],
    [0, -10000],
    [7000, 7000],
  ];
  const csv = [
    'wafer,X,Y,dx,dy',
    ...pts.map(([X, Y]) => {
      const x = X as number;
      const y = Y as number;
      return `A1,${x},${y},${3 - 5e-4 * y + 1e-3 * x},${-2 + 5e-4 * x + 1e-3 * y}`;
    }),
  ].join('\n');
  const good = join(dir, 'good.csv');
  writeFileSync(good, `${csv}\n`);

  it('--json prints the documented shape with exact terms', async () => {
    const r = await cli(['fit', good, '--model', '4', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['wafers', 'lot']);
    expect(Object.keys(j.wafers[0])).toEqual(['id', 'model', 'terms', 'residual']);
    expect(j.wafers[0].id).toBe('A1');
    expect(j.wafers[0].model).toBe('4');
    expect(Object.keys(j.wafers[0].terms)).toEqual(['Tx', 'Ty', 'Rot', 'Mag']);
    const want: Record<string, [number, string]> = {
      Tx: [3, 'nm'],
      Ty: [-2, 'nm'],
      Rot: [0.5, 'µrad'],
      Mag: [1, 'ppm'],
    };
    for (const [k, [v, unit]] of Object.entries(want)) {
      expect(j.wafers[0].terms[k].value).toBeCloseTo(v, 9);
      expect(j.wafers[0].terms[k].unit).toBe(unit);
      expect(j.wafers[0].terms[k].stderr).toBeLessThan(1e-9);
    }
    expect(Object.keys(j.wafers[0].residual)).toEqual(['x', 'y']);
    expect(Object.keys(j.wafers[0].residual.x)).toEqual(['n', 'mean', 'sigma', 'mean3sigma', 'maxAbs', 'r2']);
    expect(j.lot.wafers).toBe(1);
  });

  it('prints terms as value ± stderr unit, and the lot summary', async () => {
    const r = await cli(['fit', join(EXAMPLES, 'lot-3-wafers.csv'), '--model', '6']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wafer P01 {2}model 6-term {2}sites 300$/m);
    expect(r.stdout).toMatch(/^ {2}Tx +\d+\.\d{4} ± \d\.\d{4} +nm$/m);
    expect(r.stdout).toMatch(/^lot: 3 wafer\(s\)$/m);
    expect(r.stdout).toMatch(/^ {2}NonOrth /m);
  });

  it('--robust names the rejected sites by line (JSON) and --plot writes a PNG', async () => {
    const png = join(dir, 'map.png');
    const r = await cli([
      'fit',
      join(EXAMPLES, 'lot-3-wafers.csv'),
      '--model',
      '10',
      '--robust',
      '--json',
      '--plot',
      png,
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // The example generator adds flyers at the 11th and 61st site of P01 (file lines 12 and 62).
    expect(j.wafers[0].rejected.map((s: { line: number }) => s.line)).toEqual([12, 62]);
    expect(j.wafers[1].rejected).toEqual([]);
    const img = decodePng(readFileSync(png));
    expect(img.width).toBeGreaterThan(500);
    // Both arrow colours are present.
    const has = (rgb: number[]) => {
      for (let i = 0; i < img.data.length; i += 4) {
        if (img.data[i] === rgb[0] && img.data[i + 1] === rgb[1] && img.data[i + 2] === rgb[2]) return true;
      }
      return false;
    };
    expect(has([30, 90, 200])).toBe(true);
    expect(has([210, 40, 40])).toBe(true);
  });

  it('refuses a file with bad rows (exit 2, line and column), and --skip-bad lists them', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${csv}\nA1,5,5,x1,2\nA1,1,2,3\n`);
    const r = await cli(['fit', bad, '--model', '4']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:8:8: dx: expected number, got "x1"`);
    expect(r.stderr).toContain(`${bad}:9:1: expected 5 columns (wafer,X,Y,dx,dy), found 4`);
    expect(r.stderr).toContain('--skip-bad');
    expect(hasStackTrace(r.stderr)).toBe(false);
    const s = await cli(['fit', bad, '--model', '4', '--skip-bad']);
    expect(s.code).toBe(0);
    expect(s.stderr.trim().split('\n')).toEqual([
      `skipped ${bad}:8:8: dx: expected number, got "x1"`,
      `skipped ${bad}:9:1: expected 5 columns (wafer,X,Y,dx,dy), found 4 (is the line cut short?)`,
    ]);
  });

  it('degenerate layouts and bad flags exit 2 with a clear message', async () => {
    const line = join(dir, 'line.csv');
    writeFileSync(
      line,
      'wafer,X,Y,dx,dy\nL1,0,0,1,1\nL1,1000,1000,1,1\nL1,2000,2000,1,2\nL1,3000,3000,2,1\n',
    );
    // (The 4-term model is still determined by collinear sites: dx and dy share Rot and Mag.)
    const r = await cli(['fit', line, '--model', '6']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wafer L1: all 4 sites lie on one line/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(await cli(['fit', good, '--model', '12'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--model: '12'/),
    });
    expect((await cli(['fit', good, '--model', '10'])).stderr).toMatch(/needs the field,x,y columns/);
    expect(await cli(['fit', join(dir, 'missing.csv')])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/file not found: .*missing\.csv/),
    });
    expect((await cli(['fit', good, '--plot', join(dir, 'p.png'), '--wafer', 'ZZ'])).stderr).toMatch(
      /no wafer 'ZZ'/,
    );
  });

  it('--model poly3 --select bic lists the dropped terms; the lot summary has n, mean, sigma, unit per term', async () => {
    const r = await cli([
      'fit',
      join(EXAMPLES, 'lot-3-wafers.csv'),
      '--model',
      'poly3',
      '--select',
      'bic',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const w of j.wafers) {
      expect(Object.keys(w)).toEqual(['id', 'model', 'terms', 'residual', 'dropped']);
      // The example's distortion is linear in X, Y (plus field terms), so all cubic terms go.
      expect(w.dropped).toEqual(expect.arrayContaining(['cx_30', 'cx_03', 'cy_30', 'cy_03']));
      expect(Object.keys(w.terms).length + w.dropped.length).toBe(20);
      expect(w.terms.cx_10.unit).toBe('nm/µm');
    }
    expect(Object.keys(j.lot)).toEqual(['wafers', 'terms', 'residual']);
    expect(Object.keys(j.lot.terms.cx_00)).toEqual(['n', 'mean', 'sigma', 'unit']);
    expect(j.lot.terms.cx_00.n).toBe(3);
    expect(j.lot.residual.x.n).toBe(900);
  });

  it('reads JSON site files', async () => {
    const r = await cli(['fit', join(EXAMPLES, 'wafer-sites.json'), '--model', '6', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // Generated with Tx = 4 nm, Mx = My = 0.2 ppm and 1 nm noise.
    expect(Math.abs(j.wafers[0].terms.Tx.value - 4)).toBeLessThan(4 * j.wafers[0].terms.Tx.stderr);
    expect(Math.abs(j.wafers[0].terms.Mag.value - 0.2)).toBeLessThan(4 * j.wafers[0].terms.Mag.stderr);
  });

  describe('hostile site files: exit 2, the file, line and column or key, no stack trace', () => {
    const lot = readFileSync(join(EXAMPLES, 'lot-3-wafers.csv'), 'utf8');
    const cases: [string, string | Uint8Array, RegExp][] = [
      // Once printed NaN ± NaN with exit 0: dx of 1e200 overflowed the residual sum of squares.
      [
        'huge.csv',
        'wafer,X,Y,dx,dy\nA,0,0,1e200,1\nA,1000,0,2,1\nA,0,1000,1,3\nA,-1000,0,1,1\nA,0,-1000,1,2\n',
        /huge\.csv:2:7: dx: 1e\+200 nm is outside the plausible range -1000000 to 1000000 nm/,
      ],
      [
        'far.csv',
        'wafer,X,Y,dx,dy\nA,1e300,0,1,1\n',
        /far\.csv:2:3: X: 1e\+300 µm is outside the plausible range/,
      ],
      ['inf.csv', 'wafer,X,Y,dx,dy\nA,1e999,0,1,1\n', /inf\.csv:2:3: X: expected number, got "1e999"/],
      [
        'cut.csv',
        `${lot.split('\n').slice(0, 4).join('\n')}\nP01,-57850,-139425,-2_-4,-5850`,
        /cut\.csv:5:1: expected 8 columns \(wafer,X,Y,field,x,y,dx,dy\), found 5 \(is the line cut short\?\)/,
      ],
      [
        'string.json',
        '[\n  { "wafer": "A", "X": 1, "Y": 2, "dx": 1, "dy": 1 },\n  { "wafer": "A", "X": 3, "Y": "4", "dx": 1, "dy": 1 }\n]',
        /string\.json:3:27: \[1\]\.Y: expected number, got "4"/,
      ],
      ['empty.csv', '', /empty\.csv: the file is empty; expected a CSV header/],
      ['blank.json', '[]', /blank\.json: the array of sites is empty/],
      ['utf16.csv', Uint8Array.from([0xff, 0xfe, 0x77, 0x00]), /utf16\.csv: the file is UTF-16/],
      ['binary.csv', Uint8Array.from([0x77, 0x00, 0x01]), /binary\.csv: byte 1 is NUL/],
      [
        'hidden.csv',
        'wafer,X,Y,d\u200bx,dy\nA,1,2,3,4\n',
        /hidden\.csv:1:11: unknown column "d<U\+200B zero-width space>x" in the header/,
      ],
    ];
    for (const [name, content, message] of cases) {
      it(name, async () => {
        const file = join(dir, name);
        writeFileSync(file, content);
        const r = await cli(['fit', file]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/NaN|Infinity|internal error/);
        expect(hasStackTrace(r.stderr)).toBe(false);
      });
    }

    it('a byte-order mark before the CSV header is accepted: the same fit as without it', async () => {
      const bom = join(dir, 'bom.csv');
      writeFileSync(bom, `\ufeff${lot}`);
      const [withBom, plain] = await Promise.all([
        cli(['fit', bom, '--model', '10', '--json']),
        cli(['fit', join(EXAMPLES, 'lot-3-wafers.csv'), '--model', '10', '--json']),
      ]);
      expect(withBom.code).toBe(0);
      expect(withBom.stdout).toBe(plain.stdout);
    });

    it('thousands of wafers that cannot be fitted: the first 20 issues and a count', async () => {
      const many = join(dir, 'many.csv');
      writeFileSync(
        many,
        `wafer,X,Y,dx,dy\n${Array.from({ length: 5000 }, (_, i) => `W${i},${i},0,1,1`).join('\n')}\n`,
      );
      const r = await cli(['fit', many]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toBe('bondline overlay: 5000 problems:');
      expect(lines[1]).toBe('  wafer W0: 1 site is too few for 6 terms (needs at least 4)');
      expect(lines.at(-1)).toBe('  ... and 4980 more');
      expect(lines).toHaveLength(22);
    });

    it('--radius out of its range', async () => {
      const r = await cli(['fit', good, '--radius', '1e12']);
      expect(r).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/--radius: 1e12 is out of range; allowed: a number from 1 to 1000000/),
      });
    });
  });
});
