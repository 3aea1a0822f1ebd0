// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// End to end: `bondline equipment --scenario` / `--operator` with a GemHost on the other side. The
// alarm drill reaches the host as S5F1 and S6F11; the link-drop drill's events fired while the link is
// down are spooled and delivered after the host reconnects and sends S6F23.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import type { HostEvent } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStackTrace, REPO_ROOT, runBondline } from './e2e.test-util.js';
import {
  type Cleanups,
  connectOnlineHost,
  MODEL,
  type Simulator,
  startSimulatorProcess,
} from './simulator-process.test-util.js';

const scenario = (name: string): string => join(REPO_ROOT, 'examples/scenarios', name);

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const startSimulator = (args: string[], input?: string): Promise<Simulator> =>
  startSimulatorProcess(cleanups, args, input);
const connectHost = (port: number) => connectOnlineHost(cleanups, port);

describe('bondline equipment --scenario', () => {
  it('alarm drill: the host receives S5F1 set/clear, the alarm events and the limit events; exit 0', async () => {
    const sim = await startSimulator(['--scenario', scenario('alarm-drill.txt'), '--exit-after-scenario']);
    const { host } = await connectHost(sim.port);
    expect(await host.defineReports([{ rptid: 1, vids: ['ChamberPressure'] }])).toBe(0);
    expect(await host.defineReports([{ rptid: 2, vids: ['LimitVariable', 'ChamberPressure'] }])).toBe(0);
    expect(
      await host.linkEvents([
        { ceid: 500, rptids: [1] },
        { ceid: 501, rptids: [1] },
        { ceid: 600, rptids: [2] },
      ]),
    ).toBe(0);
    expect(
      await host.defineLimits([{ vid: 10, limits: [{ limitId: 1, deadband: { upper: 50, lower: 10 } }] }]),
    ).toEqual({ vlaack: 0, rejections: [] });
    const alarms: string[] = [];
    host.on('alarm', (a) => alarms.push(`${a.alid} ${a.set ? 'set' : 'clear'} ${a.altx}`));
    const events: HostEvent[] = [];
    host.on('event', (e) => events.push(e));
    expect((await host.command('START')).hcack).toBe(0);
    expect(await sim.exited).toBe(0);
    expect(hasStackTrace(sim.err())).toBe(false);
    expect(alarms).toEqual(['1 set Chamber vacuum lost', '1 clear Chamber vacuum lost']);
    const drill = events.filter((e) => [500, 501, 600, 201].includes(e.ceid));
    const pressure = (e: HostEvent): number | undefined => {
      const p = e.values.ChamberPressure as number | undefined;
      return p === undefined ? undefined : Math.round(p * 1e6) / 1e6;
    };
    expect(drill.map((e) => [e.name, pressure(e)])).toEqual([
      ['ChamberVacuumAlarmSet', 0.001],
      ['LimitZoneChanged', 60.001], // 0.001 + 2 x 30 Pa: past the upper limit of 50
      ['ProcessingStopped', undefined],
      ['LimitZoneChanged', 0.001],
      ['ChamberVacuumAlarmCleared', 0.001],
    ]);
    expect(sim.out()).toContain('alarm 1 set: Chamber vacuum lost (S5F1 sent)');
    expect(sim.out()).toContain('alarm 1 cleared: Chamber vacuum lost (S5F1 sent)');
    expect(sim.out()).toMatch(/scenario .*alarm-drill\.txt: finished/);
  });

  it('bond cycle with the shipped host script, both sides on the command line: 25 PairBonded events', async () => {
    const sim = await startSimulator(['--scenario', scenario('bond-cycle.txt'), '--exit-after-scenario']);
    const host = await runBondline('host', [
      '--connect',
      `127.0.0.1:${sim.port}`,
      '--script',
      join(REPO_ROOT, 'examples/host/start-bond-cycle.sml'),
      '--wait',
      '60000', // the simulator ends the session when the scenario is done, which ends the wait
    ]);
    expect(await sim.exited).toBe(0);
    expect(host.stderr).toBe('');
    expect(host.code).toBe(0);
    // Each pair's report: PairId 1..25, then BondForce, OverlayX, OverlayY as F8.
    const pairs = [
      ...host.stdout.matchAll(
        /<- S6F11 W <L \[3\] <U4 \d+> <U4 400> .*?<A "(\d+)"> <F8 [^>]+> <F8 [^>]+> <F8 [^>]+>/g,
      ),
    ];
    expect(pairs.map((m) => Number(m[1]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(host.stdout).toMatch(/<- S6F11 W <L \[3\] <U4 \d+> <U4 201> /); // ProcessingStopped
    expect(sim.out()).toMatch(/bond cycle: 25 pairs bonded\n/);
    expect(host.stdout).toMatch(/equipment ended the session \(HSMS not-/);
    expect(hasStackTrace(sim.err())).toBe(false);
  });

  it('link drop: events fired while the link is down are spooled and arrive after reconnect and S6F23', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-link-drop-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await startSimulator(['--state-dir', dir, '--scenario', scenario('link-drop.txt')]);
    const { host, session, active } = await connectHost(sim.port);
    expect(await host.defineReports([{ rptid: 1, vids: ['PairId', 'WafersBonded'] }])).toBe(0);
    expect(await host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect((await host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    const got: string[] = [];
    host.on('event', (e) => {
      if (e.ceid === 400) got.push(`${e.values.PairId} ${e.values.WafersBonded}`);
    });
    // Hold the reconnection until the simulator has fired its events with the link down.
    session.on('state', (s) => {
      if (s.to === 'not-connected') active.stop();
    });
    expect((await host.command('START')).hcack).toBe(0);
    await sim.printed(/link dropped: TCP connection closed without Separate\.req\n/);
    // 10 events plus the example's SpoolingActivated (700), spooled behind the first of them.
    await sim.printed(/status: .*spool 11 /);
    expect(got).toEqual(['up-1 1', 'up-2 2', 'up-3 3', 'up-4 4', 'up-5 5']);
    expect(sim.out().match(/: spooled, link down/g)).toHaveLength(10);
    active.start();
    await sim.printed(/host reconnected/);
    const all = new Promise<void>((resolve) => host.on('event', () => got.length === 15 && resolve()));
    expect(await host.transmitSpool()).toBe(0);
    await all;
    expect(got.slice(5)).toEqual(Array.from({ length: 10 }, (_, i) => `down-${i + 1} ${i + 6}`));
    sim.proc.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(hasStackTrace(sim.err())).toBe(false);
  });
});

describe('bondline equipment --operator and scenario errors', () => {
  it('runs commands typed on stdin, reports a bad line and goes on serving', async () => {
    const sim = await startSimulator(
      ['--operator'],
      'status\nrepeat 2\n  say tick ${i}\nend\nbogus\nsay after\n',
    );
    await sim.printed(/operator: end of input/);
    expect(sim.out()).toMatch(/status: control host-offline .*\ntick 1\ntick 2\nafter\n/);
    // stderr is another pipe: what the simulator wrote there before stdout's last line may still be
    // on its way.
    await until(() => sim.err().includes("operator:5: unknown command 'bogus'"), 'the bad line on stderr', {
      detail: () => sim.err(),
    });
    sim.proc.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  });

  it('--seed: the same seed draws the same values, another seed others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-seed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const f = join(dir, 'draw.txt');
    writeFileSync(
      f,
      'repeat 3\n  set BondForce normal 20000 150\n  set OverlayX uniform -5 5\n  event PairBonded\nend\n',
    );
    const run = async (seed: string): Promise<string[]> => {
      const r = await runBondline('equipment', [
        ...['--port', '0', '--model', MODEL, '--scenario', f, '--exit-after-scenario', '--seed', seed],
      ]);
      expect(r.code).toBe(0);
      return r.stdout.split('\n').filter((l) => l.startsWith('event PairBonded'));
    };
    const [a, b, c] = await Promise.all([run('5'), run('5'), run('6')]);
    expect(a).toHaveLength(3);
    expect(a[0]).toMatch(/not sent: control state host-offline \[.*BondForce=[\d.]+ OverlayX=-?[\d.]+/);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('a scenario with issues is refused before the simulator starts: exit 2, every file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-scenario-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const f = join(dir, 'bad.txt');
    writeFileSync(f, 'say ok\nevent Nope\nrepeat 2\n  set WafersBonded -x\n');
    const r = await runBondline('equipment', ['--port', '0', '--model', MODEL, '--scenario', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:2: unknown collection event 'Nope'`);
    expect(r.stderr).toContain(`${f}:3: repeat has no matching end`);
    expect(r.stderr).toContain(`${f}:4: set WafersBonded: value (U4): '-x' is not a number`);
    expect(r.stdout).not.toContain('listening');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a command that fails at run time stops the scenario: exit 1 with --exit-after-scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-scenario-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const f = join(dir, 'stop.txt');
    writeFileSync(f, 'say first\nprocess STOP\nsay never\n');
    const r = await runBondline('equipment', [
      '--port',
      '0',
      '--model',
      MODEL,
      '--scenario',
      f,
      '--exit-after-scenario',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `scenario stopped at ${f}:2: process STOP: not allowed in processing state IDLE`,
    );
    expect(r.stdout).toContain('first\n');
    expect(r.stdout).not.toContain('never');
  });

  it('--exit-after-scenario needs --scenario', async () => {
    const r = await runBondline('equipment', ['--port', '0', '--model', MODEL, '--exit-after-scenario']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--exit-after-scenario needs --scenario');
  });
});
