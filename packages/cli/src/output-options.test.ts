// Every option that names a file a command writes, end to end: a bad path is refused (exit 2) before
// the command computes anything, two options cannot name one file, a write that fails leaves no file
// (and the old file as it was), and each file written is named on stderr.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './commands/e2e.test-util.js';

const dir = mkdtempSync(join(tmpdir(), 'bondline-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The docs/physics.md default pair (p = 10 µm) keeps yield and gate runs short.
const pair = join(dir, 'pair.yaml');
writeFileSync(pair, 'die: { W: 10000, L: 10000, s: 1000 }\n');

interface OutputCase {
  /** `command --option`, as the test names it. */
  name: string;
  option: string;
  /** The command line with `out` as the option's path. */
  argv: (out: string) => string[];
  /** Exit code of a run that wrote its files. */
  okCode: number;
}

const KLARF = ['--top', 'examples/klarf/top.klarf', '--bottom', 'examples/klarf/bottom.klarf'];
const CASES: OutputCase[] = [
  { name: 'yield --csv', option: '--csv', argv: (o) => ['yield', pair, '--csv', o], okCode: 0 },
  { name: 'yield --map', option: '--map', argv: (o) => ['yield', pair, '--map', o], okCode: 0 },
  {
    name: 'gate --map',
    option: '--map',
    argv: (o) => ['gate', ...KLARF, '--config', pair, '--map', o],
    okCode: 3, // the example pair is sent back to cleaning
  },
  {
    name: 'overlay fit --plot',
    option: '--plot',
    argv: (o) => ['overlay', 'fit', 'examples/overlay/lot-3-wafers.csv', '--plot', o],
    okCode: 0,
  },
  {
    name: 'r2r simulate --plot',
    option: '--plot',
    argv: (o) => ['r2r', 'simulate', '--config', 'examples/r2r/drift-dewma.yaml', '--plot', o],
    okCode: 0,
  },
  {
    name: 'r2r simulate --audit',
    option: '--audit',
    argv: (o) => ['r2r', 'simulate', '--config', 'examples/r2r/drift-dewma.yaml', '--audit', o],
    okCode: 0,
  },
  // Noise keeps the 16-bit PNGs from compressing below the file-size limit of the failure case.
  {
    name: 'align synth --out',
    option: '--out',
    argv: (o) => ['align', 'synth', '--noise', '0.5', '--out', o],
    okCode: 0,
  },
  {
    name: 'align synth --template-out',
    option: '--template-out',
    argv: (o) => [
      'align',
      'synth',
      '--noise',
      '0.5',
      '--template-size',
      '128',
      '--out',
      join(dir, `${o.replaceAll('/', '_')}-image.png`),
      '--template-out',
      o,
    ],
    okCode: 0,
  },
];

let n = 0;
/** A fresh folder per test: its listing shows exactly what a run left behind. */
const fresh = (): string => {
  const d = join(dir, `case-${++n}`);
  mkdirSync(d);
  return d;
};

describe.each(CASES)('$name', ({ option, argv, okCode }) => {
  it.concurrent('a missing folder or a folder given as the file: exit 2 naming the option, nothing computed', async () => {
    const d = fresh();
    const missing = await runBondline('', argv(join(d, 'no-such-folder', 'out.x')));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      new RegExp(`^bondline \\S+: ${option} .*no-such-folder.*: the folder .* does not exist\\n$`),
    );
    // Nothing was computed: no result on stdout.
    expect(missing.stdout).toBe('');
    mkdirSync(join(d, 'taken'));
    const folder = await runBondline('', argv(join(d, 'taken')));
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(new RegExp(`${option} .*taken: is a folder, not a file\\n$`));
    expect(folder.stdout).toBe('');
    expect(hasStackTrace(missing.stderr + folder.stderr)).toBe(false);
  });

  it.concurrent('a write that fails (file-size limit) leaves the old file as it was and no temp file', async () => {
    const d = fresh();
    const out = join(d, 'out');
    writeFileSync(out, 'old');
    const r = await runBondline('', argv(out), '', { fileSizeLimit: 4096 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: cannot be written \(EFBIG\)\n$/);
    // No result printed for a run that failed (files are written before stdout).
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^wrote /m);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['out']);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it.concurrent('a good path: the file is written and named on stderr', async () => {
    const d = fresh();
    const out = join(d, 'out');
    const r = await runBondline('', argv(out));
    expect(r.code).toBe(okCode);
    expect(r.stderr).toMatch(new RegExp(`^wrote ${out} \\(.+\\)$`, 'm'));
    expect(readdirSync(d)).toEqual(['out']);
  });
});

describe('outputs that collide', () => {
  it.concurrent('two options naming one file are refused before anything is written', async () => {
    const d = fresh();
    const [yieldTwice, r2rTwice, synthTwice] = await Promise.all([
      runBondline('yield', [pair, '--csv', join(d, 'x'), '--map', join(d, '.', 'x')]),
      runBondline('r2r', [
        'simulate',
        '--config',
        'examples/r2r/drift-dewma.yaml',
        '--plot',
        join(d, 'y'),
        '--audit',
        join(d, 'y'),
      ]),
      runBondline('align', ['synth', '--out', join(d, 'z'), '--template-out', join(d, 'z')]),
    ]);
    expect(yieldTwice.stderr).toMatch(/--map .*x: is the same file as --csv\n$/);
    expect(r2rTwice.stderr).toMatch(/--audit .*y: is the same file as --plot\n$/);
    expect(synthTwice.stderr).toMatch(/--template-out .*z: is the same file as --out\n$/);
    for (const r of [yieldTwice, r2rTwice, synthTwice]) expect(r.code).toBe(2);
    expect(readdirSync(d)).toEqual([]);
  });

  it.concurrent('an output naming an input file is refused and the input kept', async () => {
    const d = fresh();
    const sites = join(d, 'sites.csv');
    copyFileSync(join(import.meta.dirname, '../../../examples/overlay/lot-3-wafers.csv'), sites);
    const before = readFileSync(sites, 'utf8');
    const r = await runBondline('overlay', ['fit', sites, '--plot', sites]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--plot .*sites\.csv: is the same file as the input site file\n$/);
    expect(readFileSync(sites, 'utf8')).toBe(before);
    const y = await runBondline('yield', [pair, '--map', pair]);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/--map .*pair\.yaml: is the same file as the input config\n$/);
    expect(existsSync(pair)).toBe(true);
  });
});

describe('the check comes before the computation', () => {
  it('yield --mc 100000 with a --map in a missing folder exits 2 before any computation', async () => {
    // 2,000 wafers of this pair take about 25 s on the loaded 2-core machine: 100,000 would take 20 min,
    // far beyond the per-test timeout (vitest.config.ts), so a check made after the lot fails the test.
    const r = await runBondline('yield', [
      'examples/yield.yaml',
      '--mc',
      '100000',
      '--map',
      join(dir, 'no-such-folder', 'map.png'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/Monte Carlo/);
  });
});
