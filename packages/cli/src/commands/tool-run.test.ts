// End to end: `bondline tool run` (the built command) on the shipped tool: the --json document's shape
// and its consistency, the human summary, --out's files, a kept --state-dir, and reproducibility.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../render/png.js';
import { hasStackTrace, REPO_ROOT, runBondline } from './e2e.test-util.js';
import type { LotJson } from './tool-report.js';

const dir = mkdtempSync(join(tmpdir(), 'bondline-tool-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODULES = ['LP1', 'LP2', 'LP3', 'TR1', 'PA1', 'PL1', 'CL1', 'FL1', 'BD1', 'IN1'];

/** The shipped recipes, as the state folder must leave them. */
const recipesBefore = readdirSync(join(REPO_ROOT, 'examples/tool/recipes')).sort();

describe.concurrent('bondline tool run', { timeout: 120_000 }, () => {
  it('--json prints exactly the documented shape; the lot yield is the mean of the pair yields', async () => {
    const r = await runBondline('tool', ['run', '--pairs', '4', '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const doc = JSON.parse(r.stdout) as LotJson;
    expect(Object.keys(doc).sort()).toEqual(['lot', 'pairs']);
    expect(Object.keys(doc.lot).sort()).toEqual(
      ['bottleneck', 'boundPairsPerHour', 'modules', 'pairs', 'pairsPerHour', 'yield'].sort(),
    );
    expect(doc.lot.pairs).toBe(4);
    expect(doc.pairs.length).toBe(4);
    expect(doc.lot.modules.map((m) => m.name)).toEqual(MODULES);
    for (const m of doc.lot.modules) {
      expect(Object.keys(m).sort()).toEqual(['busyFraction', 'name']);
      expect(m.busyFraction).toBeGreaterThanOrEqual(0);
      expect(m.busyFraction).toBeLessThanOrEqual(1);
    }
    expect(doc.lot.bottleneck).not.toBe('');
    expect(doc.lot.boundPairsPerHour).toBeGreaterThan(0);
    expect(doc.lot.pairsPerHour).toBeGreaterThan(0);
    const mean = doc.pairs.reduce((s, p) => s + p.yield, 0) / doc.pairs.length;
    expect(doc.lot.yield).toBeCloseTo(mean, 12);
    doc.pairs.forEach((p, i) => {
      const n = String(i + 1).padStart(2, '0');
      expect(Object.keys(p).sort()).toEqual(
        ['alarms', 'bottomId', 'id', 'overlay', 'stackId', 'topId', 'voids', 'yield'].sort(),
      );
      expect(p).toMatchObject({
        id: `LOT-1-P${n}`,
        topId: `LOT-1-T${n}`,
        bottomId: `LOT-1-B${n}`,
        stackId: `LOT-1-S${n}`,
      });
      expect(Object.keys(p.overlay).sort()).toEqual(['magnification', 'rotation', 'tx', 'ty']);
      // A healthy tool bonds within tens of nm (docs/tool.md §4: 15 nm stage noise, 200 nm pixels).
      expect(Math.abs(p.overlay.tx)).toBeLessThan(1000);
      expect(p.yield).toBeGreaterThanOrEqual(0);
      expect(p.yield).toBeLessThanOrEqual(1);
      expect(Number.isInteger(p.voids)).toBe(true);
      expect(Array.isArray(p.alarms)).toBe(true);
    });
  });

  it('the same seed gives the same lot; another seed another one', async () => {
    const args = (seed: string) => ['run', '--pairs', '3', '--seed', seed, '--json'];
    const [a, b, c] = await Promise.all([
      runBondline('tool', args('11')),
      runBondline('tool', args('11')),
      runBondline('tool', args('12')),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('prints the lot summary and one table row per pair', async () => {
    const r = await runBondline('tool', ['run', '--pairs', '3', '--recipe', 'CLEAN-LONG']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^lot LOT-1: 3 pairs, recipe CLEAN-LONG, profile mature, seed 1 \(completed\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}yield +\d+\.\d %/m);
    expect(r.stdout).toMatch(/^ {2}throughput +\d+\.\d pairs\/h in steady state; bound \d+\.\d pairs\/h/m);
    expect(r.stdout).toMatch(/^ {2}bottleneck +\S+$/m);
    expect(r.stdout).toMatch(/^ {2}busy \(steady\) +LP1 \d+\.\d, .*BD1 \d+\.\d/m);
    expect(r.stdout).toMatch(/^ {2}fill \/ drain +\d+ s \/ \d+ s/m);
    expect(r.stdout).toMatch(
      /^ {2}E10 \(tool\) +availability \d+\.\d %, utilisation \d+\.\d %, \d+ failures?, MTBF /m,
    );
    expect(r.stdout).toMatch(/^pair +stack +yield % +Tx nm +Ty nm +Rot µrad +Mag ppm +voids +alarms$/m);
    for (const n of ['01', '02', '03'])
      expect(r.stdout).toMatch(new RegExp(`^LOT-1-P${n} +LOT-1-S${n} +\\d+\\.\\d `, 'm'));
  });

  it('--out writes lot.json (the --json document), pairs.csv, a JSON file and three maps per pair, and the lot map', async () => {
    const out = join(dir, 'out');
    const r = await runBondline('tool', ['run', '--pairs', '2', '--seed', '3', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `wrote 11 files to ${out} (lot.json, pairs.csv, 2 pair JSON files, 7 PNG maps)`,
    );
    expect(JSON.parse(readFileSync(join(out, 'lot.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
    const csv = readFileSync(join(out, 'pairs.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(
      'pair,top,bottom,stack,slot,yield,tx_nm,ty_nm,rot_urad,mag_ppm,overlay_x_m3s_nm,overlay_y_m3s_nm,sites,voids,alarms,done_s',
    );
    expect(csv.length).toBe(3);
    const doc = JSON.parse(r.stdout) as LotJson;
    for (const [i, p] of doc.pairs.entries()) {
      const row = csv[i + 1]!.split(',');
      expect(row[0]).toBe(p.id);
      expect(Number(row[5])).toBe(p.yield);
      expect(Number(row[13])).toBe(p.voids);
      const detail = JSON.parse(readFileSync(join(out, `${p.id}.json`), 'utf8')) as {
        yield: number;
        voids: number;
        sites: unknown[];
        dies: { cols: number; rows: number; grid: string[] };
      };
      expect(detail.yield).toBe(p.yield);
      expect(detail.voids).toBe(p.voids);
      expect(detail.sites.length).toBe(Number(row[12]));
      // The die grid: the good dies over all dies is the pair's yield.
      const cells = detail.dies.grid.join('');
      const good = [...cells].filter((ch) => ch === 'G').length;
      const all = [...cells].filter((ch) => ch !== '.').length;
      expect(detail.dies.grid.length).toBe(detail.dies.rows);
      expect(good / all).toBeCloseTo(p.yield, 12);
      for (const map of ['dies', 'voids', 'overlay']) {
        const png = decodePng(readFileSync(join(out, `${p.id}-${map}.png`)));
        expect(png.width).toBeGreaterThanOrEqual(600);
        expect(png.height).toBeGreaterThanOrEqual(600);
      }
    }
    expect(decodePng(readFileSync(join(out, 'lot-dies.png'))).width).toBe(640);
  });

  it('--state-dir keeps the recipes it seeded; the shipped ones are left as they were', async () => {
    const state = join(dir, 'state');
    const r = await runBondline('tool', ['run', '--pairs', '1', '--state-dir', state]);
    expect(r.code, r.stderr).toBe(0);
    expect(
      readdirSync(join(state, 'recipes'))
        .filter((f) => f.endsWith('.yaml'))
        .sort(),
    ).toEqual(recipesBefore);
    expect(readdirSync(join(REPO_ROOT, 'examples/tool/recipes')).sort()).toEqual(recipesBefore);
    expect(existsSync(join(REPO_ROOT, 'examples/tool/recipes/.versions'))).toBe(false);
  });
});
