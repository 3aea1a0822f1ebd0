// End to end: `bondline tool` as a child process on a free port, driven by a standard GEM host
// (@bondline/secs GemHost): online remote, report set-up, PP-SELECT and START, every pair result and
// the lot end received with their data; then stopped with a signal.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { A, type HostEvent, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStackTrace, type RunningBondline, startBondline } from './e2e.test-util.js';
import { type Cleanups, connectOnlineHost, until } from './simulator-process.test-util.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

/** `bondline tool --port 0 ...args` once it listens, and its port; killed by the cleanup if still running. */
async function startTool(args: string[]): Promise<{ tool: RunningBondline; port: number }> {
  const tool = startBondline('tool', ['--port', '0', ...args]);
  cleanups.push(async () => {
    await tool.stop('SIGKILL');
  });
  const m = await tool.printed(/listening on port (\d+)/, 60_000);
  return { tool, port: Number(m[1]) };
}

describe('bondline tool (GEM equipment) driven by a GEM host', () => {
  it('a host goes online remote, selects a recipe, starts a lot and receives every pair result and the lot end', async () => {
    const state = mkdtempSync(join(tmpdir(), 'bondline-tool-serve-'));
    cleanups.push(() => rmSync(state, { recursive: true, force: true }));
    const { tool, port } = await startTool(['--state-dir', state, '--seed', '5']);
    expect(tool.out()).toMatch(
      /^HB-300 0\.1\.0 \(HB300-01\) device 0 listening on port \d+ \(profile mature, seed 5, speed max\)$/m,
    );
    expect(tool.out()).toContain('recipes: BOND-STD, CLEAN-LONG, INSPECT-FULL');

    // The host's default device id (0) is the tool's.
    const { host } = await connectOnlineHost(cleanups, port);
    const ceid = (name: string) => [...host.ceidNames].find(([, n]) => n === name)?.[0] ?? -1;
    expect(
      await host.defineReports([
        { rptid: 1, vids: ['PairId', 'StackId', 'PairYield', 'VoidCount', 'OverlayXM3s', 'StackSlot'] },
        { rptid: 2, vids: ['LotId', 'LotPairsDone', 'LotYield', 'LotOutcome', 'LotBottleneck'] },
      ]),
    ).toBe(0);
    expect(
      await host.linkEvents([
        { ceid: ceid('PairResult'), rptids: [1] },
        { ceid: ceid('LotEnded'), rptids: [2] },
      ]),
    ).toBe(0);
    const events: HostEvent[] = [];
    host.on('event', (e) => events.push(e));

    expect((await host.command('PP-SELECT', [{ name: 'PPID', value: A('CLEAN-LONG') }])).hcack).toBe(0);
    expect(await host.readStatus(['SelectedPPID'])).toEqual({ SelectedPPID: 'CLEAN-LONG' });
    const start = await host.command('START', [
      { name: 'LOTID', value: A('L7') },
      { name: 'PAIRS', value: U4(3) },
    ]);
    expect(start.hcack).toBe(0);
    await until('the LotEnded report', () => events.some((e) => e.name === 'LotEnded'));

    const pairs = events.filter((e) => e.name === 'PairResult').map((e) => e.values);
    expect(pairs.map((p) => p.PairId)).toEqual(['L7-P01', 'L7-P02', 'L7-P03']);
    expect(pairs.map((p) => p.StackSlot)).toEqual(['L7-STK:1', 'L7-STK:2', 'L7-STK:3']);
    const lot = events.find((e) => e.name === 'LotEnded')?.values;
    expect(lot).toMatchObject({ LotId: 'L7', LotPairsDone: 3, LotOutcome: 'completed' });
    const mean = pairs.reduce((s, p) => s + Number(p.PairYield), 0) / pairs.length;
    expect(Number(lot?.LotYield)).toBeCloseTo(mean, 12);
    // Every event (all are enabled at start) came in order: the lot started before its pairs.
    const names = events.map((e) => e.name);
    expect(names.indexOf('LotStarted')).toBeLessThan(names.indexOf('PairResult'));
    expect(names.filter((n) => n === 'BonderStepEnded').length).toBe(3);

    // The tool's own lines follow the lot.
    await tool.printed(/^lot L7 completed: 3 pairs/m);
    expect(tool.out()).toContain('lot L7 started: 3 pairs, recipe CLEAN-LONG');
    for (const n of ['01', '02', '03'])
      expect(tool.out()).toMatch(new RegExp(`^pair L7-P${n} done: yield \\d+\\.\\d %`, 'm'));

    expect(await tool.stop('SIGTERM')).toBe(0);
    expect(tool.out()).toContain('SIGTERM: stopping');
    expect(hasStackTrace(tool.err())).toBe(false);
    // The state folder kept the recipes and the GEM state; the spool is there.
    expect(readdirSync(join(state, 'recipes')).filter((f) => f.endsWith('.yaml')).length).toBe(3);
    expect(existsSync(join(state, 'spool'))).toBe(true);
  });

  it('without --state-dir it works in a temporary folder that SIGINT removes', async () => {
    const { tool } = await startTool([]);
    const m = /^state: (\S+) \(temporary, removed at exit\)$/m.exec(tool.out());
    expect(m).not.toBeNull();
    const folder = m?.[1] ?? '';
    expect(existsSync(join(folder, 'recipes', 'BOND-STD.yaml'))).toBe(true);
    expect(await tool.stop('SIGINT')).toBe(0);
    expect(tool.out()).toContain('SIGINT: stopping');
    expect(existsSync(folder)).toBe(false);
  });
});
