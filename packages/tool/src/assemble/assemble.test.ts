import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@bondline/core';
import { GemHost, HsmsActiveEndpoint, HsmsSession } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../gem/gem-rig.test-util.js';
import { runToolLot } from './run-tool-lot.js';
import { openSimulatedTool, type SimulatedTool } from './simulated-tool.js';
import { startToolEquipment } from './tool-equipment.js';

const dirs: string[] = [];
const tools: SimulatedTool[] = [];
afterEach(async () => {
  for (const t of tools.splice(0)) await t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(seed: number, profile = 'mature'): Promise<SimulatedTool> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tool-assemble-'));
  dirs.push(stateDir);
  const r = await openSimulatedTool({ stateDir, seed, profile });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  tools.push(r.value);
  return r.value;
}

describe('the assembled simulated tool', () => {
  it('opens from the default configuration, seeds its recipes and runs a lot with progress', async () => {
    const tool = await open(7);
    expect(tool.profileName).toBe('mature');
    expect(await tool.recipes.list()).toEqual(['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL']);
    const progress: number[] = [];
    const r = await runToolLot(tool, { pairs: 3, onProgress: (p) => progress.push(p.done) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(progress).toEqual([1, 2, 3]);
    expect(r.value.summary).toMatchObject({
      lotId: 'LOT-1',
      recipe: 'BOND-STD',
      pairs: 3,
      outcome: 'completed',
    });
    // docs/tool.md §2's worked example: BOND-STD is bonder-bound at 3600 / 151 s.
    expect(r.value.summary.bottleneck).toBe('bonder');
    expect(r.value.summary.boundPairsPerHour).toBeCloseTo(3600 / 151, 9);
    expect(r.value.pairs.map((p) => p.stackId)).toEqual(['LOT-1-S01', 'LOT-1-S02', 'LOT-1-S03']);
  });

  it('gives the same lot from the same seed, another from another seed', async () => {
    const yields = async (seed: number): Promise<number[]> => {
      const r = await runToolLot(await open(seed), { pairs: 2 });
      if (!r.ok) throw new Error('lot refused');
      return r.value.pairs.map((p) => p.overlay.Tx);
    };
    const a = await yields(11);
    expect(await yields(11)).toEqual(a);
    expect(await yields(12)).not.toEqual(a);
  });

  it("reports E10 figures per module that count the lot's operator-clear and maintenance alarms as failures", async () => {
    const tool = await open(2, 'immature');
    const failuresBy = new Map<string, number>();
    let alarms = 0;
    tool.controller.on('alarm', (a) => {
      if (!a.set) return;
      alarms++;
      if (a.fault.recovery === 'auto-retry') return;
      failuresBy.set(a.fault.moduleId, (failuresBy.get(a.fault.moduleId) ?? 0) + 1);
    });
    const r = await runToolLot(tool, { pairs: 10 });
    if (!r.ok) throw new Error('lot refused');
    expect(alarms).toBeGreaterThan(0);
    expect(failuresBy.size).toBeGreaterThan(0);
    for (const m of r.value.e10.modules)
      expect(m.metrics.failures, m.entity).toBe(failuresBy.get(m.entity) ?? 0);
    // docs/tool.md §6: every second of the tool's life is in one state; availability is uptime over it.
    const t = r.value.e10.tool.metrics;
    expect(t.totalS).toBeCloseTo(r.value.summary.endedS, 6);
    expect(t.availability).toBeCloseTo(t.uptimeS / t.totalS, 12);
  });

  it('refuses an unknown recipe and an unknown profile', async () => {
    const tool = await open(1);
    const r = await runToolLot(tool, { pairs: 1, recipe: 'NOPE' });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['unknown-recipe']);
    const stateDir = mkdtempSync(join(tmpdir(), 'tool-assemble-'));
    dirs.push(stateDir);
    const bad = await openSimulatedTool({ stateDir, seed: 1, profile: 'nonsense' });
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual(['unknown-profile']);
  });

  it('serves as GEM equipment a host can bring online, with its state and spool in the state directory', async () => {
    const tool = await open(3);
    const issues: Issue[] = [];
    const eq = await startToolEquipment(tool, { port: 0, onIssue: (i) => issues.push(i) });
    if (!eq.ok) throw new Error(eq.issues.map((i) => i.message).join('\n'));
    const session = new HsmsSession({ sessionId: 0 });
    const host = new GemHost(session);
    const ceids: number[] = [];
    host.on('event', (e) => ceids.push(e.ceid));
    const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port: eq.value.port });
    active.start();
    try {
      await until(() => eq.value.equipment.communicationState === 'communicating', 'communicating');
      const online = await host.requestOnline();
      expect(online).toBe(0);
      // The ControlStateRemote event (docs/tool.md §7.6: CEID 4004) reaches the host.
      await until(() => ceids.includes(4004), 'ControlStateRemote');
      expect(eq.value.equipment.control.state).toBe('online-remote');
      expect(readdirSync(dirs[0] ?? '')).toContain('spool');
    } finally {
      active.dispose();
      await eq.value.close();
    }
    expect(issues).toEqual([]);
  });
});
