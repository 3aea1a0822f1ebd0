// End to end: `bondline demo` with a few pairs, from an empty working folder: the host's progress
// lines, the table and summary it prints, and demo-out/ (the default --out) with the lot's files.
// What the host received over GEM must be what the tool recorded for the same pairs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../render/png.js';
import { hasStackTrace, runBondline } from './e2e.test-util.js';
import type { LotJson } from './tool-report.js';

const cwd = mkdtempSync(join(tmpdir(), 'bondline-demo-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('bondline demo', () => {
  it('runs a lot through a GEM host and prints, per pair, what the tool recorded', async () => {
    const r = await runBondline('demo', ['--pairs', '3', '--seed', '4'], '', { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const ids = ['DEMO-4-P01', 'DEMO-4-P02', 'DEMO-4-P03'];
    expect(r.stderr).toMatch(/listening on 127\.0\.0\.1:\d+; a GEM host connects/);
    for (const [i, id] of ids.entries()) expect(r.stderr).toContain(`pair ${i + 1}/3 ${id}: die yield `);
    expect(r.stderr).toContain(
      'wrote 15 files to demo-out (lot.json, pairs.csv, 3 pair JSON files, 10 PNG maps)',
    );

    // The files come from the tool's records; the table from the host's reports.
    const out = join(cwd, 'demo-out');
    const lot = JSON.parse(readFileSync(join(out, 'lot.json'), 'utf8')) as LotJson;
    const csv = readFileSync(join(out, 'pairs.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(lot.pairs.map((p) => p.id)).toEqual(ids);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('DEMO-4-P'));
    expect(rows.length).toBe(3);
    rows.forEach((row, i) => {
      const [id, x, y, voids, yieldPct, alarms] = row.split(/\s+/);
      const rec = (csv[i] ?? '').split(',');
      const pair = lot.pairs[i];
      expect(id).toBe(ids[i]);
      expect(x).toBe(Number(rec[10]).toFixed(1));
      expect(y).toBe(Number(rec[11]).toFixed(1));
      expect(Number(voids)).toBe(pair?.voids);
      // one decimal (two where a loss would round up to 100.0): the printed value is the record's
      expect(Math.abs(Number(yieldPct) - 100 * (pair?.yield ?? Number.NaN))).toBeLessThanOrEqual(0.05);
      expect(alarms).toBe(pair?.alarms.join(',') || '-');
    });
    expect(r.stdout).toContain('lot DEMO-4 completed: 3 pairs, recipe BOND-STD');
    const shown = /^ {2}yield +(\d+\.\d+) %/m.exec(r.stdout)?.[1];
    expect(Math.abs(Number(shown) - 100 * lot.lot.yield)).toBeLessThanOrEqual(0.05);
    expect(r.stdout).toContain(`  bottleneck  ${lot.lot.bottleneck}`);
    expect(r.stdout).toMatch(
      new RegExp(
        `throughput  ${lot.lot.pairsPerHour.toFixed(1)} pairs/h in steady state; bound ${lot.lot.boundPairsPerHour.toFixed(1)} pairs/h`,
      ),
    );
    for (const name of [
      'DEMO-4-P02-dies.png',
      'DEMO-4-P02-voids.png',
      'DEMO-4-P02-overlay.png',
      'lot-dies.png',
    ]) {
      expect(decodePng(readFileSync(join(out, name))).width).toBeGreaterThanOrEqual(600);
    }
  }, 120_000);
});
