// The operator runner's time and link commands on loopback: sleep and wait on a fake clock, cancel,
// and a link drop while the host enabled spooling (events fired while down are spooled and delivered
// after the host reconnects and sends S6F23).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { onlineRigPerTest, type Rig } from '../equipment/test-rig.test-util.js';
import type { HostEvent } from '../host/gem-host.js';
import { Spool } from '../spool/spool.js';
import { runScript, startScript, stoppedAt } from './operator-test-kit.test-util.js';

// Registered before the rig's afterEach, so it runs after the rig is closed (hooks run as a stack).
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});
const startOnline = onlineRigPerTest({ learnNames: true });

const onlineRig = (spool?: Spool): Promise<Rig> =>
  startOnline(spool === undefined ? {} : { equipment: { spool } });

describe('operator runner: sleep, wait, cancel', () => {
  it('sleep holds the script until the clock has advanced', async () => {
    const r = await onlineRig();
    const clock = new FakeClock();
    const run = startScript(r, 'sleep 1000\nsay woke', { clock });
    await Promise.resolve();
    expect(clock.pending).toBe(1);
    expect(run.lines).toEqual([]);
    clock.advance(1000);
    expect(await run.done).toEqual({ ok: true, value: undefined });
    expect(run.lines).toEqual(['woke']);
  });

  it('wait ends when the host moves the equipment there', async () => {
    const r = await onlineRig();
    const run = startScript(r, 'wait processing EXECUTING\nsay started');
    expect((await r.host.command('START')).hcack).toBe(0);
    expect(await run.done).toEqual({ ok: true, value: undefined });
    expect(run.lines).toEqual(['waiting for processing EXECUTING', 'started']);
  });

  it('a wait timeout names the state the equipment is in and stops the script', async () => {
    const r = await onlineRig();
    const clock = new FakeClock();
    const run = startScript(r, 'say x\nwait processing EXECUTING timeout 500\nsay never', { clock });
    await Promise.resolve();
    clock.advance(500);
    expect(await run.done).toEqual(
      stoppedAt(2, 'wait processing EXECUTING: timed out after 500 ms (processing state is IDLE)'),
    );
    expect(run.lines).toEqual(['x', 'waiting for processing EXECUTING']);
  });

  it('cancel ends a waiting run', async () => {
    const r = await onlineRig();
    const run = startScript(r, 'wait control host-offline\nsay never');
    run.runner.cancel();
    expect(await run.done).toMatchObject({ ok: false, issues: [{ code: 'cancelled', path: '1' }] });
    expect(run.lines).toEqual(['waiting for control host-offline']);
  });
});

describe('operator runner: drop', () => {
  it('drops the link; events fired while down are spooled and delivered after reconnect and S6F23', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-operator-'));
    const spool = await Spool.open({
      dir,
      maxMessages: 1000,
      maxBytes: 1 << 20,
      policy: 'stop',
      sync: false,
    });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = await onlineRig(spool);
    expect(await r.host.defineReports([{ rptid: 1, vids: [12] }])).toBe(0); // WafersBonded
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    const got: number[] = [];
    r.host.on('event', (e: HostEvent) => got.push(e.values.WafersBonded as number));
    const { result, lines } = await runScript(
      r,
      [
        'repeat 2',
        '  set WafersBonded +1',
        '  event PairBonded',
        'end',
        'drop',
        'repeat 3',
        '  set WafersBonded +1',
        '  event PairBonded',
        'end',
        'wait communicating timeout 60000', // a deadline for a hang: the host is back after T5 (1 s)
        'status',
        'set WafersBonded +1',
        'event PairBonded',
      ].join('\n'),
    );
    expect(result).toEqual({ ok: true, value: undefined });
    expect(lines.slice(0, 7)).toEqual([
      'event PairBonded (400): acknowledged [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
      'event PairBonded (400): acknowledged [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
      'link dropped: TCP connection closed without Separate.req',
      'event PairBonded (400): spooled, link down (1 in the spool) [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
      'event PairBonded (400): spooled, link down (2 in the spool) [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
      'event PairBonded (400): spooled, link down (3 in the spool) [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
      'waiting for communicating',
    ]);
    expect(lines[7]).toMatch(
      /^status: control online-remote .*communication communicating, HSMS selected, spool 3/,
    );
    // Link up again, but the spool still holds older events: this one joins them (E30 6.5).
    expect(lines[8]).toBe(
      'event PairBonded (400): spooled, spool not yet emptied by S6F23 (4 in the spool) [PairId="" BondForce=0 OverlayX=0 OverlayY=0]',
    );
    expect(got).toEqual([1, 2]);
    const delivered = new Promise<void>((resolve) => r.host.on('event', () => got.length === 6 && resolve()));
    expect(await r.host.transmitSpool()).toBe(0);
    await delivered;
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    await spool.close();
  });

  it('an event the full spool refuses (stop policy) is reported as not sent, not as spooled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-operator-'));
    const spool = await Spool.open({ dir, maxMessages: 2, maxBytes: 1 << 20, policy: 'stop', sync: false });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = await onlineRig(spool);
    r.equipment.on('error', () => {}); // the equipment also reports the refusal as an error event
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [] }])).toBe(0);
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    r.active.stop();
    const { result, lines } = await runScript(r, 'drop\nrepeat 3\n  event PairBonded\nend');
    expect(result).toEqual({ ok: true, value: undefined });
    expect(lines.slice(1).map((l) => l.replace(/ \[.*$/, ''))).toEqual([
      'event PairBonded (400): spooled, link down (1 in the spool)',
      'event PairBonded (400): spooled, link down (2 in the spool)',
      'event PairBonded (400): not sent: link down, spool full (2 held, stop policy)',
    ]);
    await spool.close();
  });

  it('an alarm whose S6F11 is spooled but whose S5F1 is not selected by S2F43 is reported as not spooled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-operator-'));
    const spool = await Spool.open({
      dir,
      maxMessages: 1000,
      maxBytes: 1 << 20,
      policy: 'stop',
      sync: false,
    });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = await onlineRig(spool);
    expect(await r.host.linkEvents([{ ceid: 500, rptids: [] }])).toBe(0); // ChamberVacuumAlarmSet
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    r.active.stop();
    const { result, lines } = await runScript(r, 'drop\nalarm set 1');
    expect(result).toEqual({ ok: true, value: undefined });
    expect(lines[1]).toBe('alarm 1 set: Chamber vacuum lost (not sent: link down (wait-delay), not spooled)');
    expect(spool.countActual).toBe(1); // the alarm's set event (S6F11), not its S5F1
    await spool.close();
  });

  it('drop with no connection stops the script', async () => {
    const r = await onlineRig();
    r.active.stop();
    const { result } = await runScript(r, 'drop\ndrop');
    expect(result).toEqual(stoppedAt(2, 'drop: no HSMS connection to drop'));
  });
});
