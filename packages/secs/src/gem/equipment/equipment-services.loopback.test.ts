// Loopback scenarios for alarms, remote commands, process programs, terminal services and T3 -> S9F9
// (restart persistence is in restart-persistence.loopback.test.ts).

import { until } from '@bondline/core/testing';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { A, F8, U4 } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import { next, onlineRigPerTest } from './test-rig.test-util.js';

const online = onlineRigPerTest();

describe('alarms', () => {
  it('set/clear sends S5F1 with ALCD bit 8 and category, plus the set/clear events; disabled alarms send no S5F1', async () => {
    const r = await online();
    const alarm = next<{ alcd: number; alid: number; altx: string; set: boolean }>((f) =>
      r.host.once('alarm', f),
    );
    const ev = next<HostEvent>((f) => r.host.once('event', f));
    await r.equipment.setAlarm(1);
    expect(await alarm).toEqual({ alcd: 0x82, alid: 1, altx: 'Chamber vacuum lost', set: true });
    expect((await ev).ceid).toBe(500);
    expect(await r.host.listAlarms([1])).toEqual([{ alcd: 0x82, alid: 1, altx: 'Chamber vacuum lost' }]);
    const cleared = next<{ alcd: number; set: boolean }>((f) => r.host.once('alarm', f));
    await r.equipment.clearAlarm(1);
    expect(await cleared).toMatchObject({ alcd: 0x02, set: false });
    expect(await r.host.enableAlarm(false, 2)).toBe(0);
    expect(await r.host.enableAlarm(true, 99)).toBe(1); // unknown ALID
    expect((await r.host.listEnabledAlarms()).map((a) => a.alid)).toEqual([1, 3]);
    let got = 0;
    r.host.on('alarm', () => got++);
    await r.equipment.setAlarm(2);
    expect(got).toBe(0);
    expect((await r.host.listAlarms()).map((a) => a.alcd)).toEqual([0x02, 0x83, 0x04]);
    expect(await r.host.enableAlarm(false)).toBe(0); // all
    expect(await r.host.listEnabledAlarms()).toEqual([]);
  });
});

describe('remote commands', () => {
  it('START/STOP drive the processing state in ONLINE REMOTE, with HCACK 1/2/3 refusals', async () => {
    const r = await online();
    await r.host.learnNames();
    await r.host.defineReports([{ rptid: 1, vids: ['ProcessState', 'PreviousProcessState', 'Recipe'] }]);
    await r.host.linkEvents([{ ceid: 200, rptids: [1] }]);
    const started = next<HostEvent>((f) => r.host.once('event', f));
    expect(await r.host.command('START', [{ name: 'PPID', value: A('BOND-STD') }])).toEqual({
      hcack: 0,
      params: [],
    });
    expect((await started).values).toEqual({ ProcessState: 1, PreviousProcessState: 0, Recipe: 'BOND-STD' });
    expect(r.equipment.processing.state).toBe('EXECUTING');
    expect((await r.host.command('START')).hcack).toBe(2); // not allowed from EXECUTING
    expect(await r.host.command('FLY')).toEqual({ hcack: 1, params: [] });
    expect(await r.host.command('START', [{ name: 'SPEED', value: U4(1) }])).toEqual({
      hcack: 3,
      params: [{ name: 'SPEED', cpack: 1 }],
    });
    expect(await r.host.command('START', [{ name: 'PPID', value: F8(1) }])).toEqual({
      hcack: 3,
      params: [{ name: 'PPID', cpack: 3 }],
    });
    expect((await r.host.enhancedCommand('Bonder', 'STOP')).hcack).toBe(0);
    expect(r.equipment.processing.state).toBe('IDLE');
    r.equipment.setRemote(false);
    expect((await r.host.command('START')).hcack).toBe(2); // ONLINE LOCAL
    expect((await r.host.enhancedCommand('Bonder', 'START')).hcack).toBe(2);
    expect(r.equipment.processing.state).toBe('IDLE');
  });

  it('a registered runner replaces the default action', async () => {
    const r = await online();
    const seen: unknown[] = [];
    r.equipment.onCommand('PAUSE', (name, params) => {
      seen.push([name, params]);
      return 4;
    });
    expect((await r.host.command('PAUSE')).hcack).toBe(4);
    expect(seen).toEqual([['PAUSE', {}]]);
  });

  it('a runner may refuse a parameter value with its CPACK (E5 CPACK 2, illegal value)', async () => {
    const r = await online();
    r.equipment.onCommand('START', (_name, params) =>
      params.PPID === 'NO-SUCH' ? { hcack: 3, params: [{ name: 'PPID', cpack: 2 }] } : 0,
    );
    expect(await r.host.command('START', [{ name: 'PPID', value: A('NO-SUCH') }])).toEqual({
      hcack: 3,
      params: [{ name: 'PPID', cpack: 2 }],
    });
    expect(await r.host.command('START', [{ name: 'PPID', value: A('BOND-STD') }])).toEqual({
      hcack: 0,
      params: [],
    });
  });
});

describe('process programs', () => {
  it('upload with grant, list, download, delete; refusals PPGNT 2/3, ACKC7 4', async () => {
    const r = await online();
    const body = new TextEncoder().encode('plasma.time_s=30\n');
    expect(await r.host.uploadRecipe('BOND-STD', body)).toEqual({ ppgnt: 0, ackc7: 0 });
    expect(await r.host.sendRecipe('BOND-LOW', body)).toBe(0);
    expect(await r.host.listRecipes()).toEqual(['BOND-LOW', 'BOND-STD']);
    expect(await r.host.downloadRecipe('BOND-STD')).toEqual(body);
    expect(await r.host.downloadRecipe('NOPE')).toBeUndefined();
    expect((await r.host.uploadRecipe('../etc/passwd', body)).ppgnt).toBe(3);
    expect((await r.host.uploadRecipe('HUGE', new Uint8Array(2 * 1024 * 1024))).ppgnt).toBe(2);
    expect(await r.host.deleteRecipes(['BOND-LOW', 'NOPE'])).toBe(4); // nothing deleted
    expect(await r.host.listRecipes()).toEqual(['BOND-LOW', 'BOND-STD']);
    expect(await r.host.deleteRecipes(['BOND-LOW'])).toBe(0);
    expect(await r.host.deleteRecipes([])).toBe(0);
    expect(await r.host.listRecipes()).toEqual([]);
  });
});

describe('terminal services', () => {
  it('S10F3/S10F5 reach the operator; S10F1 reaches the host; unknown terminal gets ACKC10 2', async () => {
    const r = await online();
    const shown = next<{ terminal: number; lines: string[] }>((f) => r.equipment.once('terminal', f));
    expect(await r.host.display(['Lot 42 on hold'])).toBe(0);
    expect(await shown).toEqual({ terminal: 0, lines: ['Lot 42 on hold'] });
    expect(await r.host.display(['a', 'b'])).toBe(0);
    expect(await r.host.display(['x'], 5)).toBe(2);
    const req = next<{ terminal: number; text: string }>((f) => r.host.once('terminal', f));
    expect(await r.equipment.terminalRequest('need help at load port 1')).toBe(0);
    expect(await req).toEqual({ terminal: 0, text: 'need help at load port 1' });
  });
});

describe('T3 timeout', () => {
  it('an event the host never answers times out and the equipment sends S9F9 with its header', async () => {
    // The equipment's T3 on a fake clock: it runs out when the test says, however loaded the machine.
    const clock = new FakeClock();
    const r = await online({ toolHsms: { clock } });
    // The host application stops answering: take over the session's handler.
    const s9: number[] = [];
    r.hostSession.onMessage((m) => {
      if (m.stream === 9) s9.push(m.function, ...m.body.subarray(2, 6));
      return undefined;
    });
    const errors: Error[] = [];
    r.equipment.on('error', (e) => errors.push(e));
    const sent = r.equipment.triggerEvent(400);
    await until(() => r.toolSession.openTransactions === 1, 'the S6F11 waiting for its reply');
    clock.advance(r.toolSession.config.t3Ms);
    expect(await sent).toBe(false);
    await until(() => s9.length > 0, 'the S9F9 at the host');
    expect(s9).toEqual([9, 0, 1, 0x86, 11]); // S9F9, SHEAD = device 1, S6F11 with W
    expect(errors[0]?.message).toMatch(/T3/);
    // The error event carries a code, and the transport's error as its cause.
    expect(errors[0]).toMatchObject({
      name: 'GemEquipmentError',
      code: 'send-failed',
      cause: { code: 't3-timeout' },
    });
  });
});
