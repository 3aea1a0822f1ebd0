// End to end: `bondline tool run --replay <file>` (the built command) on the shipped example replay
// (examples/tool/replay/pl-vac-037.yaml): the summary names the ticket, the tool and the forced fault
// point; --json adds the replay; the same replay gives the same lot; bad files and clashing options are
// refused with exit 2, a message at the file's line:col and key, and no stack trace.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, hasStackTrace, runBondline } from './e2e.test-util.js';
import type { ReplayJson } from './tool-replay.js';
import type { LotJson } from './tool-report.js';

const EXAMPLE = 'examples/tool/replay/pl-vac-037.yaml';
const dir = mkdtempSync(join(tmpdir(), 'bondline-tool-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const replay = (...args: string[]) => runBondline('tool', ['run', '--replay', ...args]);

function refused(r: CliRun, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  for (const p of parts) expect(r.stderr).toContain(p);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe.concurrent('bondline tool run --replay', { timeout: 120_000 }, () => {
  it('runs the shipped example: the summary names its source and the forced fault point', async () => {
    const out = join(dir, 'out');
    const r = await replay(EXAMPLE, '--pairs', '3', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    // --out's lot.json is the --json document, the replay included.
    const lot = JSON.parse(readFileSync(join(out, 'lot.json'), 'utf8')) as { replay: ReplayJson };
    expect(lot.replay.faults).toEqual([{ id: 'PL-VAC-037', pairs: 3 }]);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stdout).toMatch(
      /^replay examples\/tool\/replay\/pl-vac-037\.yaml: ticket T-2026-0412, tool HB300-01, module PL1, fault point PL-VAC-037, captured 2026-12-07T09:14:03\+08:00$/m,
    );
    // perStep 1 fires at the first plasma step and stays until maintenance (docs/tool.md §5.5).
    expect(r.stdout).toMatch(/^ {2}forced faults {2}PL-VAC-037 \(acted on 3 of 3 pairs\)$/m);
    expect(r.stdout).toMatch(
      /^ {2}constants {6}R2R_TX_NM 12\.5, .*TimeFormat 1 \(GEM only: no effect offline\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}recipe {9}BOND-STD version 1 \(the replay's body\)$/m);
    // The file's seed (7); --pairs given wins over its 10.
    expect(r.stdout).toMatch(
      /^lot LOT-1: 3 pairs, recipe BOND-STD, profile mature\+PL-VAC-037, seed 7 \(completed\)$/m,
    );
  });

  it('--json adds the replay; the same replay twice gives the same document, another --seed another lot', async () => {
    const [a, b, c] = await Promise.all([
      replay(EXAMPLE, '--pairs', '2', '--json'),
      replay(EXAMPLE, '--pairs', '2', '--json'),
      replay(EXAMPLE, '--pairs', '2', '--json', '--seed', '8'),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout) as LotJson & { replay: ReplayJson };
    expect(Object.keys(doc).sort()).toEqual(['lot', 'pairs', 'replay']);
    expect(doc.replay).toEqual({
      file: EXAMPLE,
      source: {
        ticket: 'T-2026-0412',
        tool: 'HB300-01',
        module: 'PL1',
        capturedAt: '2026-12-07T09:14:03+08:00',
        faultId: 'PL-VAC-037',
        note: 'Edge voids on most stacks of lot L26-118 after the plasma lid was opened',
      },
      faults: [{ id: 'PL-VAC-037', pairs: 2 }],
      constants: { R2R_TX_NM: 12.5, R2R_TY_NM: -8, R2R_ROT_URAD: 0.1, R2R_MAG_PPM: 0, TimeFormat: 1 },
      recipe: { name: 'BOND-STD', version: 1, fromBody: true },
    });
    // A silent point never shows as an alarm (docs/tool.md §8.1).
    for (const p of doc.pairs) expect(p.alarms).not.toContain('PL-VAC-037');
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).pairs).not.toEqual(doc.pairs);
  });

  it('a bad file: every problem at its line:col and key, exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'format: bondline-replay/1\nconstants: { R2R_TX_NM: 5000 }\nseed: -1\n');
    refused(
      await replay(bad),
      `bondline tool: --replay ${bad}: cannot replay it (2 problems):`,
      `${bad}:2:14: constants.R2R_TX_NM: 5000 nm is outside its limits -1000..1000 nm`,
      `${bad}:3:1: seed: -1 is not a seed`,
    );
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'format: bondline-replay/1\nfaults:\n  PL-VAC-999: { perStep: 1 }\n');
    refused(await replay(unknown), `${unknown}:3:3: faults.PL-VAC-999: PL-VAC-999 is not a fault point of `);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '\u0000\u0001garbage');
    refused(await replay(junk), `--replay ${junk}: cannot replay it (1 problem):`, 'not a text file');
    refused(await replay(join(dir, 'none.yaml')), `${join(dir, 'none.yaml')}: no such file`);
  });

  it('--config, --profile and --recipe are refused with --replay, each named', async () => {
    refused(
      await replay(EXAMPLE, '--recipe', 'CLEAN-LONG', '--config', 'examples/tool/tool.yaml'),
      'bondline tool: --config, --recipe: cannot be given with --replay: the replay file sets the config, recipe',
    );
    refused(await replay(EXAMPLE, '--profile', 'immature'), '--profile: cannot be given with --replay');
  });
});
