// Loopback scenarios for alarms, remote commands, process programs, terminal services, T3 -> S9F9,
// and restart persistence.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { A, F8, U4 } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import { DocumentStore } from '../store/document-store.js';
import { jsonStateStore } from './state-store.js';
import { next, type Rig, startRig } from './test-rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function online(dir?: string, withStore = false): Promise<Rig> {
  rig = await startRig(
    dir === undefined
      ? {}
      : { dir, ...(withStore ? { equipment: { store: jsonStateStore(join(dir, 'state')) } } : {}) },
  );
  expect(await rig.host.requestOnline()).toBe(0);
  return rig;
}

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
    rig = await startRig({ hsms: { t3Ms: 1000 } });
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    // The host application stops answering: take over the session's handler.
    const s9: number[] = [];
    r.hostSession.onMessage((m) => {
      if (m.stream === 9) s9.push(m.function, ...m.body.subarray(2, 6));
      return undefined;
    });
    const errors: Error[] = [];
    r.equipment.on('error', (e) => errors.push(e));
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    await new Promise((res) => setTimeout(res, 50));
    expect(s9).toEqual([9, 0, 1, 0x86, 11]); // S9F9, SHEAD = device 1, S6F11 with W
    expect(errors[0]?.message).toMatch(/T3/);
  });
});

describe('persistence across restart', () => {
  it('keeps constants, reports, links, enables, alarm enables, limits and the LOCAL/REMOTE switch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-persist-'));
    try {
      let r = await online(dir, true);
      expect(await r.host.setConstants([{ ecid: 1000, value: F8(12345) }])).toBe(0);
      expect(await r.host.defineReports([{ rptid: 7, vids: [50, 53] }])).toBe(0);
      expect(await r.host.linkEvents([{ ceid: 400, rptids: [7] }])).toBe(0);
      expect(await r.host.enableEvents(false, [201])).toBe(0);
      expect(await r.host.enableAlarm(false, 3)).toBe(0);
      expect(
        (await r.host.defineLimits([{ vid: 10, limits: [{ limitId: 2, deadband: { upper: 5, lower: 1 } }] }]))
          .vlaack,
      ).toBe(0);
      r.equipment.setRemote(false);
      await r.equipment.flush();
      await r.close();
      rig = undefined;
      r = await online(dir, true);
      expect(await r.host.readConstants([1000])).toEqual({ '1000': 12345 });
      expect(r.equipment.reports.report(7)).toEqual([50, 53]);
      expect(r.equipment.reports.reportsFor(400)).toEqual([{ rptid: 7, vids: [50, 53] }]);
      expect(r.equipment.reports.isEnabled(201)).toBe(false);
      expect(r.equipment.reports.isEnabled(200)).toBe(true);
      expect((await r.host.listEnabledAlarms()).map((a) => a.alid)).toEqual([1, 2]);
      expect(r.equipment.control.state).toBe('online-local');
      expect((await r.host.limitAttributes([10]))[0]?.attributes?.limits).toEqual([
        { limitId: 2, upper: 5, lower: 1 },
      ]);
    } finally {
      // Close the equipment (and let its last state write land) before removing its directory.
      await rig?.equipment.flush();
      await rig?.close();
      rig = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the control default: the LOCAL/REMOTE switch survives both ways; start-up is the configured initial state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-control-'));
    try {
      let r = await online(dir, true);
      r.equipment.setRemote(false);
      await r.equipment.flush();
      await r.close();
      rig = undefined;
      r = await online(dir, true);
      expect(r.equipment.control.remote).toBe(false);
      expect(r.equipment.control.state).toBe('online-local');
      r.equipment.setRemote(true);
      expect(r.equipment.control.state).toBe('online-remote');
      await r.equipment.flush();
      await r.close();
      rig = undefined;
      // Restart: the model's `control.initial` (host-offline) is entered, whatever the state at shutdown.
      rig = await startRig({ dir, equipment: { store: jsonStateStore(join(dir, 'state')) } });
      expect(rig.equipment.control.state).toBe('host-offline');
      expect(rig.equipment.control.remote).toBe(true);
      expect(await rig.host.requestOnline()).toBe(0);
      expect(rig.equipment.control.state).toBe('online-remote');
    } finally {
      await rig?.equipment.flush();
      await rig?.close();
      rig = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a half-written temporary file does not replace the previous state; a damaged or foreign document is a typed error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-crash-'));
    try {
      const store = jsonStateStore(dir, { sync: false });
      expect(await store.load()).toEqual({});
      const state = {
        constants: { '1000': 5 },
        reports: { reports: [{ rptid: 1, vids: [10] }], links: [{ ceid: 400, rptids: [1] }], enabled: [400] },
        alarmsEnabled: [1],
        control: { remote: false },
      };
      await store.save(state);
      // Each item is its own document in the one DocumentStore.
      expect(readdirSync(dir).sort()).toEqual([
        'alarm-enables.json',
        'control-default.json',
        'equipment-constants.json',
        'reports.json',
      ]);
      writeFileSync(join(dir, 'reports.json.tmp'), '{"format": "bondline-gem-st'); // crash mid-write
      expect(await jsonStateStore(dir).load()).toEqual(state);
      expect(existsSync(join(dir, 'reports.json.tmp'))).toBe(false); // debris removed on open
      const file = join(dir, 'equipment-constants.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"1000": 5', '"1000": 6'));
      await expect(jsonStateStore(dir).load()).rejects.toMatchObject({
        code: 'corrupt-document',
        document: 'equipment-constants',
      });
      rmSync(file);
      const other = DocumentStore.open(dir, { sync: false });
      other.write('control-default', 'online-remote'); // valid envelope, wrong content
      await expect(jsonStateStore(dir).load()).rejects.toMatchObject({ code: 'bad-state-file' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
