// A running simulated tool takes fix records (SimulatedTool.deployFixes, docs/tool.md §5.7): before its
// first step it is the tool opened with those fixes, pair for pair; between two lots the second lot
// bonds like the mature tool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairRecord } from '../controller/tool-api.js';
import { loadProfile } from '../faults/load-profile.js';
import { runToolLot } from './run-tool-lot.js';
import { openSimulatedTool, type SimulatedTool } from './simulated-tool.js';

const dirs: string[] = [];
const opened: SimulatedTool[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(o: { profile: string; fixes?: number }): Promise<SimulatedTool> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tool-deploy-'));
  dirs.push(stateDir);
  const tool = await openSimulatedTool({ stateDir, seed: 1, ...o });
  if (!tool.ok) throw new Error(tool.issues.map((i) => i.message).join('\n'));
  opened.push(tool.value);
  return tool.value;
}

async function lot(tool: SimulatedTool, lotId: string, pairs: number): Promise<PairRecord[]> {
  const r = await runToolLot(tool, { recipe: 'BOND-STD', pairs, lotId });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.pairs;
}

const mean = (ps: PairRecord[]) => ps.reduce((s, p) => s + p.yield, 0) / ps.length;

describe('SimulatedTool.deployFixes', () => {
  it('before the first step: the same pairs as the tool opened with those fixes', async () => {
    const fixed = await open({ profile: 'mature', fixes: 100 });
    const mature = await loadProfile('mature', fixed.catalogue);
    if (!mature.ok) throw new Error('the mature profile does not load');
    const deployed = await open({ profile: 'immature' });
    expect(deployed.deployFixes(mature.value.fixes.slice(0, 100)).ok).toBe(true);
    expect(deployed.deployedFixes().map((f) => f.id)).toEqual(
      mature.value.fixes.slice(0, 100).map((f) => f.id),
    );
    const a = await lot(fixed, 'A', 6);
    const b = await lot(deployed, 'A', 6);
    expect(b.map((p) => p.yield)).toEqual(a.map((p) => p.yield));
  });

  it('between lots: the immature tool bonds the next lot like the mature one', async () => {
    const tool = await open({ profile: 'immature' });
    const mature = await loadProfile('mature', tool.catalogue);
    if (!mature.ok) throw new Error('the mature profile does not load');
    const first = await lot(tool, 'M1', 25);
    expect(tool.deployFixes(mature.value.fixes).ok).toBe(true);
    const second = await lot(tool, 'M2', 25);
    // packages/tool/README.md "Maturity": immature 9.7%, mature 100.0% over 50 pairs, seed 1.
    expect(mean(first)).toBeLessThanOrEqual(0.2);
    expect(mean(second)).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses a fix of a point the catalogue lacks, naming it, and applies nothing', async () => {
    const tool = await open({ profile: 'immature' });
    const r = tool.deployFixes([
      {
        id: 'FIX-900',
        date: '2026-01-05',
        faultId: 'XX-NONE-001',
        kind: 'hardware',
        revision: 'ECN-1',
        change: 'none',
        effect: 'retire',
      },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'unknown-fault', path: 'FIX-900' });
    expect(tool.deployedFixes()).toEqual([]);
  });
});
