import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yieldColour } from '../render/colormap.js';
import { decodePng } from '../render/png.js';
import { runBondline } from './e2e.test-util.js';

const cli = (args: string[]) => runBondline('yield', args);

function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('internal error');
}

const dir = mkdtempSync(join(tmpdir(), 'bondline-yield-'));
// docs/physics.md defaults (p = 10 µm) keep each run well under a second.
const cfg = join(dir, 'pair.yaml');
// topRatio 0.667 as in the docs/physics.md §2 check (dCA = 2.30417, dCD = 3.3325).
writeFileSync(
  cfg,
  'wafer: { R: 150000 }\ndie: { W: 10000, L: 10000, s: 1000 }\npads: { p: 10, topRatio: 0.667 }\n',
);

describe('bondline yield (end to end)', () => {
  it.concurrent('prints the summary table, writes one CSV row per die and a PNG map in the yield colours', async () => {
    const csv = join(dir, 'dies.csv');
    const png = join(dir, 'map.png');
    const r = await cli([cfg, '--csv', csv, '--map', png]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${csv} (540 rows + header, CSV)\nwrote ${png} (640x710 PNG)\n`);
    // 540 dies (docs/physics.md §1 check), dCA = 2.30417 and dCD = 3.3325 (§2 check).
    expect(r.stdout).toMatch(/dies\s+540\n/);
    expect(r.stdout).toMatch(/dmax\s+2\.3042 µm \(contact area 2\.3042, bridging 3\.332\d\)/);
    for (const k of ['yield overlay', 'yield void', 'yield Cu', 'yield total']) expect(r.stdout).toContain(k);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('die,col,row,cx_um,cy_um,y_overlay,y_void,y_cu,y_total,lambda');
    expect(lines).toHaveLength(1 + 540);
    const img = decodePng(readFileSync(png));
    expect([img.width, img.height]).toEqual([640, 710]);
    // Die 0's centre on the canvas: map square at (20, 40), 600 px, 596 px per 2R.
    const [, , , cx, cy, , , , total] = lines[1]!.split(',').map(Number);
    const x = Math.floor(320 + (cx! * 596) / 300000);
    const y = Math.floor(340 - (cy! * 596) / 300000);
    const i = (y * img.width + x) * 4;
    expect([...img.data.subarray(i, i + 4)]).toEqual([...yieldColour(total!)]);
  });

  it.concurrent('--json --mc prints one object with the documented fields; --csv adds lot losses', async () => {
    const csv = join(dir, 'mc.csv');
    const png = join(dir, 'mc.png');
    const r = await cli([cfg, '--json', '--mc', '40', '--seed', '7', '--csv', csv, '--map', png]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dies).toBe(540);
    expect(j.dmaxUm).toBeCloseTo(2.30417, 5);
    for (const k of ['overlay', 'void', 'cu', 'total']) {
      expect(j.yield[k]).toBeGreaterThan(0);
      expect(j.yield[k]).toBeLessThanOrEqual(1);
    }
    expect(j.yield.total).toBeLessThanOrEqual(Math.min(j.yield.overlay, j.yield.void, j.yield.cu));
    // Yvoid = mean of exp(-lambda) >= exp(-mean lambda) (Jensen).
    expect(j.yield.void).toBeGreaterThanOrEqual(Math.exp(-j.lambdaMean) - 1e-12);
    expect(j.mc).toMatchObject({ wafers: 40, seed: 7 });
    expect(j.mc.stderr).toBeGreaterThan(0);
    expect(Math.abs(j.mc.mean - j.yield.total)).toBeLessThan(5 * j.mc.stderr);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toContain(',mc_wafers,mc_lost_overlay,mc_lost_void,mc_lost_cu,mc_yield');
    expect(lines).toHaveLength(541);
    // The lot mean is the mean of the per-die MC yields.
    const perDie = lines.slice(1).map((l) => Number(l.split(',').at(-1)));
    expect(perDie.reduce((a, b) => a + b, 0) / perDie.length).toBeCloseTo(j.mc.mean, 12);
    expect(decodePng(readFileSync(png)).width).toBe(640);
  });

  it.concurrent('reads the shipped YAP+ sample and reports the keys it does not model', async () => {
    const r = await cli(['examples/yap/w2w-config.yaml', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'yap', dies: 540, params: { pads: { p: 10 } } });
    expect(r.stderr).toContain('note: w2w_modeling.num_samples: ignored');
    expect(r.stderr).toContain('note: w2w_simulation: section not used');
  });

  it.concurrent('a bad configuration exits 2 naming every key and its allowed range, without a stack', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'pads:\n  p: 0.05\noverlay:\n  sigmaRR: 1\n  C: "half"\n');
    const r = await cli([bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid configuration (3 issues)');
    expect(r.stderr).toContain(`${bad}:2:3: pads.p: 0.05 µm is out of range (allowed [0.2, 1000] µm`);
    expect(r.stderr).toContain(`${bad}:4:3: overlay.sigmaRR: unknown key; did you mean 'sigmaR'?`);
    expect(r.stderr).toContain(`${bad}:5:3: overlay.C: must be a finite number`);
    noStack(r.stderr);
  });

  it.concurrent('unparsable YAML, a missing file and bad flags exit 2 with a clear message', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'wafer:\n  R: [1, 2\n');
    const png = join(dir, 'never.png');
    const [syn, missing, flag, noArg] = await Promise.all([
      cli([broken]),
      cli([join(dir, 'nope.yaml'), '--map', png]),
      cli([cfg, '--mc', '0']),
      cli([]),
    ]);
    expect(syn.code).toBe(2);
    expect(syn.stderr).toMatch(/broken\.yaml:\d+:\d+: YAML syntax/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'nope.yaml')}: no such file`);
    expect(existsSync(png)).toBe(false);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--mc: 0 is out of range');
    expect(noArg.code).toBe(2);
    expect(noArg.stderr).toContain('usage: bondline yield');
    for (const r of [syn, missing, flag, noArg]) noStack(r.stderr);
  });

  it.concurrent('a Monte Carlo run is reproducible from its seed; another seed gives another lot', async () => {
    const [a, b, c] = await Promise.all([
      cli([cfg, '--json', '--mc', '30', '--seed', '3']),
      cli([cfg, '--json', '--mc', '30', '--seed', '3']),
      cli([cfg, '--json', '--mc', '30', '--seed', '4']),
    ]);
    for (const r of [a, b, c]) expect(r.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(c.stdout).mc.mean).not.toBe(JSON.parse(a.stdout).mc.mean);
  });

  it.concurrent('an unwritable output file exits 2 naming the file', async () => {
    const r = await cli([cfg, '--csv', join(dir, 'no-such-dir', 'dies.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--csv ${join(dir, 'no-such-dir', 'dies.csv')}: the folder`);
    noStack(r.stderr);
  });

  it.concurrent('hostile configurations exit 2 with a clear message; a byte-order mark is read', async () => {
    const write = (name: string, content: string | Buffer) => {
      const f = join(dir, name);
      writeFileSync(f, content);
      return f;
    };
    const big = write('big.yaml', 'pads:\n  p: 10\nvoids:\n  t0: 1e300\n  z: .nan\n');
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k <= 9; k++)
      lines.push(
        `a${k}: &a${k} [${Array(10)
          .fill(`*a${k - 1}`)
          .join(', ')}]`,
      );
    const bomb = write('bomb.yaml', `${lines.join('\n')}\n`);
    const dies = write('dies.yaml', 'die: { W: 1, L: 1, s: 0 }\npads: { p: 0.5 }\n');
    const deep = write('deep.json', `{"pads": ${'['.repeat(100000)}${']'.repeat(100000)}}`);
    const bom = write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(cfg)]));
    const run = (f: string) => cli([f, '--json']);
    const [rBig, rBomb, rDies, rDeep, rBom, plain] = await Promise.all([
      run(big),
      run(bomb),
      run(dies),
      run(deep),
      run(bom),
      run(cfg),
    ]);
    for (const r of [rBig, rBomb, rDies, rDeep]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
    }
    expect(rBig.stderr).toContain(`${big}:4:3: voids.t0: 1e+300 µm is out of range (allowed (0, 100] µm`);
    expect(rBig.stderr).toContain(`${big}:5:3: voids.z: must be a finite number (got NaN)`);
    expect(rBomb.stderr).toContain(`${bomb}: the aliases (*name) in this file expand too far`);
    expect(rDies.stderr).toContain(
      `${dies}:1:1: die: a 1 x 1 µm die with a 0 µm street makes about 7.1e+10 dies`,
    );
    expect(rDeep.stderr).toContain(`${deep}:1:`);
    expect(rDeep.stderr).toContain('the JSON nests deeper than 64 levels');
    expect(rBom.code).toBe(0);
    expect(JSON.parse(rBom.stdout).yield).toEqual(JSON.parse(plain.stdout).yield);
  });
});
