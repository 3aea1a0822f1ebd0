import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../render/png.js';
import { hasStackTrace, REPO_ROOT, runBondline } from './e2e.test-util.js';
import { RECLEAN_EXIT_CODE } from './gate.js';

const cli = (args: string[]) => runBondline('gate', args);

const dir = mkdtempSync(join(tmpdir(), 'bondline-gate-'));
const base = ['--top', 'examples/klarf/top.klarf', '--bottom', 'examples/klarf/bottom.klarf', '--config'];
// The example inspections on the docs/physics.md default pair (p = 10 µm keeps the run short).
const cfg = join(dir, 'pair.yaml');
writeFileSync(cfg, 'die: { W: 10000, L: 10000, s: 1000 }\n');

describe('bondline gate (end to end)', () => {
  it.concurrent('on the examples: 11 voids, the large top particle kills 3 dies, re-clean (exit 3), map', async () => {
    const png = join(dir, 'gate.png');
    const r = await cli([...base, cfg, '--map', png]);
    expect(r.code).toBe(RECLEAN_EXIT_CODE);
    expect(r.stderr).toBe(`wrote ${png} (640x690 PNG)\n`);
    expect(r.stdout).toMatch(/predicted voids\s+11\n/);
    // Top defect 4 is at die (21, 6) of its own wafer, 28 dies a side: mirrored it lands in column 27 - 21 = 6.
    expect(r.stdout).toMatch(/top\s+4 .* \(5,5\) \(6,5\) \(6,6\)\n/);
    expect(r.stdout).toMatch(/killed dies\s+13 of 540\n/);
    expect(r.stdout).toContain('decision          RE-CLEAN');
    const img = decodePng(readFileSync(png));
    expect([img.width, img.height]).toEqual([640, 690]);
  });

  it.concurrent('--max-loss above the predicted loss gives bond (exit 0); --json has the documented fields', async () => {
    const r = await cli([...base, cfg, '--max-loss', '0.05', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      decision: 'bond',
      maxLoss: 0.05,
      heightFactor: 1,
      dies: 540,
      killedDieCount: 13,
    });
    expect(j.predictedLoss).toBeCloseTo(13 / 540, 15);
    expect(j.particles).toHaveLength(11);
    const top1 = j.particles.find((p: { wafer: string; id: number }) => p.wafer === 'top' && p.id === 1);
    // File position x = 18*11000 + 5500 - 154000 = 49500 µm; mirrored into bonded coordinates.
    expect(top1).toMatchObject({ xUm: -49500, yUm: 16500, sizeUm: 0.2 });
  });

  it.concurrent('a smaller height factor shrinks the voids', async () => {
    const r = await cli([...base, cfg, '--height-factor', '0.01', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.heightFactor).toBe(0.01);
    const big = j.particles.find((p: { wafer: string; id: number }) => p.wafer === 'top' && p.id === 4);
    // Main void radius (kR rho + kR0) sqrt(0.03) with rho = hypot(83000, 84000) (docs/physics.md §3 defaults).
    expect(big.mainVoidRadiusUm).toBeCloseTo((1.8e-4 * Math.hypot(83000, 84000) + 230) * Math.sqrt(0.03), 9);
    expect(j.killedDieCount).toBeLessThan(13);
  });

  it.concurrent('a file with several wafers needs --bottom-wafer to pick one', async () => {
    const two = join(dir, 'two.klarf');
    writeFileSync(
      two,
      readFileSync(join(REPO_ROOT, 'examples/klarf/bottom.klarf'), 'utf8').replace(
        'SummarySpec',
        'WaferID "CMOS-W08";\nDefectList\n 1 3000.0 6000.0 16 17 0.22 0.20 0.035 0.21 1;\nSummarySpec',
      ),
    );
    const [ambiguous, picked] = await Promise.all([
      cli(['--top', 'examples/klarf/top.klarf', '--bottom', two, '--config', cfg]),
      cli([
        '--top',
        'examples/klarf/top.klarf',
        '--bottom',
        two,
        '--bottom-wafer',
        'CMOS-W08',
        '--config',
        cfg,
        '--json',
      ]),
    ]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'holds 2 wafers (CMOS-W07, CMOS-W08); choose one with --bottom-wafer <id>',
    );
    expect(JSON.parse(picked.stdout)).toMatchObject({ bottomWafer: 'CMOS-W08' });
    expect(
      JSON.parse(picked.stdout).particles.filter((p: { wafer: string }) => p.wafer === 'bottom'),
    ).toHaveLength(1);
  });

  it.concurrent('a malformed KLARF file and missing options exit 2 naming file, line and problem', async () => {
    const bad = join(dir, 'bad.klarf');
    writeFileSync(
      bad,
      readFileSync(join(REPO_ROOT, 'examples/klarf/bottom.klarf'), 'utf8').replace(
        '2 8000.0 2500.0',
        '2 8000.0 2S00.0',
      ),
    );
    const [r, missing, range] = await Promise.all([
      cli(['--top', 'examples/klarf/top.klarf', '--bottom', bad, '--config', cfg]),
      cli(['--top', 'examples/klarf/top.klarf', '--config', cfg]),
      cli([...base, cfg, '--max-loss', '5']),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:25:11: YREL: '2S00.0' is not a number`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--bottom <file> is required');
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('--max-loss: 5 is out of range; allowed: a number from 0 to 1');
  });

  it.concurrent('a KLARF file with a byte-order mark is read like the same file without one', async () => {
    const bom = join(dir, 'bom.klarf');
    const text = readFileSync(join(REPO_ROOT, 'examples/klarf/bottom.klarf'));
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const [plain, withBom] = await Promise.all([
      cli([...base, cfg, '--json']),
      cli(['--top', 'examples/klarf/top.klarf', '--bottom', bom, '--config', cfg, '--json']),
    ]);
    expect(withBom.code).toBe(RECLEAN_EXIT_CODE);
    expect(withBom.stderr).toBe('');
    expect(withBom.stdout).toBe(plain.stdout);
  });

  it.concurrent('a no-break space, a vertical tab or binary junk exits 2 naming the line and the character', async () => {
    // Each of the first two once made the gate loop until the process died out of memory.
    const bottom = readFileSync(join(REPO_ROOT, 'examples/klarf/bottom.klarf'), 'utf8');
    const write = (name: string, content: string | Buffer) => {
      const f = join(dir, name);
      writeFileSync(f, content);
      return f;
    };
    const nbsp = write('nbsp.klarf', bottom.replace('2 8000.0 2500.0', '2 8000.0\u00A02500.0'));
    const vt = write('vt.klarf', bottom.replace('2 8000.0 2500.0', '2 8000.0\u000B2500.0'));
    const junk = Buffer.from(bottom);
    junk[600] = 0;
    const bin = write('bin.klarf', junk);
    const utf16 = write(
      'utf16.klarf',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bottom, 'utf16le')]),
    );
    const runs = await Promise.all(
      [nbsp, vt, bin, utf16].map((f) =>
        cli(['--top', 'examples/klarf/top.klarf', '--bottom', f, '--config', cfg]),
      ),
    );
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(runs[0]!.stderr).toBe(
      `bondline gate: ${nbsp}:25:10: <U+00A0 no-break space> where KLARF allows only ordinary spaces, tabs and line breaks between values; retype it as a space\n`,
    );
    expect(runs[1]!.stderr).toContain(`${vt}:25:10: <U+000B vertical tab> where KLARF allows only`);
    expect(runs[2]!.stderr).toBe(
      `bondline gate: ${bin}: byte 600 is NUL: this is binary data, not a text file\n`,
    );
    expect(runs[3]!.stderr).toContain(`${utf16}: the file is UTF-16`);
  });

  it.concurrent('a configuration with 1e300 or an alias bomb exits 2 with a clear message', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'die: { W: 10000, L: 10000, s: 1000 }\nvoids:\n  D0: 1e300\n');
    const bomb = join(dir, 'bomb.yaml');
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k <= 9; k++)
      lines.push(
        `a${k}: &a${k} [${Array(10)
          .fill(`*a${k - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(bomb, `${lines.join('\n')}\n`);
    const [r1, r2] = await Promise.all([cli([...base, big]), cli([...base, bomb])]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`${big}:3:3: voids.D0: 1e+300 1/µm² is out of range`);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${bomb}: the aliases (*name) in this file expand too far`);
    for (const r of [r1, r2]) expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
