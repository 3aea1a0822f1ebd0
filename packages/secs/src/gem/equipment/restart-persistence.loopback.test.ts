// Restart persistence over loopback: every persisted item (constants, reports with links and enables,
// alarm enables, limits, the LOCAL/REMOTE switch, the S2F31 clock offset, the DATAID counter) survives
// an equipment restart on the same state directory, and a crash mid-write keeps the previous state.
// The ECs GEM acts on (OverWriteSpool, EnableSpooling, TimeFormat...) are also in effect after restart.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOOLEAN, F8, U1, U2, U4 } from '../../item/constructors.js';
import { Spool } from '../spool/spool.js';
import { DocumentStore } from '../store/document-store.js';
import type { GemEquipmentOptions } from './gem-equipment.js';
import { jsonStateStore, type StateStore } from './state-store.js';
import { dropLink, type Rig, reconnect, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Equipment on `dir` with a fresh state store on `dir/state` (as after a process restart), online. */
async function online(dir: string, equipment: Partial<GemEquipmentOptions> = {}): Promise<Rig> {
  rig = await startRig({ dir, equipment: { store: jsonStateStore(join(dir, 'state')), ...equipment } });
  expect(await rig.host.requestOnline()).toBe(0);
  return rig;
}

/** Stop the equipment once its last state write has landed. */
async function shutDown(): Promise<void> {
  await rig?.equipment.flush();
  await rig?.close();
  rig = undefined;
}

/** A state store that also records every DATAID mark it is asked to save. */
function recordingStore(dir: string, marks: number[]): StateStore {
  const inner = jsonStateStore(join(dir, 'state'));
  return {
    load: () => inner.load(),
    save: (s) => {
      if (s.dataId !== undefined) marks.push(s.dataId.reservedThrough);
      return inner.save(s);
    },
  };
}

describe('persistence across restart', () => {
  it('keeps constants, reports, links, enables, alarm enables, limits and the LOCAL/REMOTE switch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-persist-'));
    try {
      let r = await online(dir);
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
      r = await online(dir);
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
      let r = await online(dir);
      r.equipment.setRemote(false);
      await r.equipment.flush();
      await r.close();
      rig = undefined;
      r = await online(dir);
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

  it('DATAID: no event after a restart reuses a DATAID from before it; the mark is saved per block, not per event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-dataid-'));
    try {
      const marks: number[] = [];
      let r = await online(dir, { store: recordingStore(dir, marks) });
      const before: number[] = [];
      r.host.on('event', (e) => {
        if (e.ceid === 400) before.push(Number(e.dataId)); // U4 from Bondline: NaN would fail below
      });
      for (let i = 0; i < 20; i++) expect(await r.equipment.triggerEvent(400)).toBe(true);
      // S6F15 answers take their DATAID from the same counter.
      before.push(Number((await r.host.requestEventReport(400)).dataId));
      // The control-state event of going online may have taken DATAID 1.
      expect(before).toEqual(Array.from({ length: 21 }, (_, i) => before[0]! + i));
      expect(before[0]).toBeLessThanOrEqual(2);
      expect(new Set(marks)).toEqual(new Set([10_000])); // reserved at start, before the first event
      await shutDown();
      r = await online(dir, { store: recordingStore(dir, marks) });
      const after: number[] = [];
      r.host.on('event', (e) => {
        if (e.ceid === 400) after.push(Number(e.dataId));
      });
      for (let i = 0; i < 5; i++) expect(await r.equipment.triggerEvent(400)).toBe(true);
      // Counting resumes above the saved mark 10,000: no DATAID of the first run comes again.
      expect(after).toEqual(Array.from({ length: 5 }, (_, i) => after[0]! + i));
      expect(after[0]).toBeGreaterThan(10_000);
      expect(after[0]).toBeLessThanOrEqual(10_002);
      expect(new Set(marks)).toEqual(new Set([10_000, 20_000]));
      await r.equipment.flush();
      expect(await (await DocumentStore.open(join(dir, 'state'))).read('data-id')).toEqual({
        reservedThrough: 20_000,
      });
    } finally {
      await shutDown();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the S2F31 clock offset: equipment time runs on from the wall clock after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-clock-'));
    try {
      let wall = Date.UTC(2026, 10, 24, 8, 0, 0);
      const wallClock = (): number => wall;
      let r = await online(dir, { wallClock });
      expect(await r.host.setTime('2031020304050600')).toBe(0);
      wall += 90_000;
      expect(await r.host.getTime()).toBe('2031020304063600');
      await shutDown();
      wall += 3_600_000; // the tool was off for an hour
      r = await online(dir, { wallClock });
      expect(await r.host.getTime()).toBe('2031020305063600');
      expect(r.equipment.now()).toBe(Date.UTC(2031, 1, 3, 5, 6, 36));
    } finally {
      await shutDown();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the ECs GEM acts on keep their values and are applied at start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-gem-ecs-'));
    const wallClock = (): number => Date.UTC(2026, 10, 24, 8, 9, 10, 120);
    // As `bondline equipment` does: the spool opens with the policy of the OverWriteSpool default (true).
    const openSpool = (): Promise<Spool> =>
      Spool.open({
        dir: join(dir, 'spool'),
        maxMessages: 10,
        maxBytes: 1 << 20,
        policy: 'overwrite',
        sync: false,
      });
    let spool = await openSpool();
    try {
      let r = await online(dir, { spool, wallClock });
      const values = [
        { ecid: 1010, value: BOOLEAN(false) }, // OverWriteSpool
        { ecid: 1011, value: U4(4) }, // MaxSpoolTransmit
        { ecid: 1012, value: BOOLEAN(false) }, // EnableSpooling
        { ecid: 1013, value: U2(7) }, // EstablishCommunicationsTimeout
        { ecid: 1014, value: U1(0) }, // TimeFormat
      ];
      expect(await r.host.setConstants(values)).toBe(0);
      await shutDown();
      await spool.close();
      spool = await openSpool();
      expect(spool.policy).toBe('overwrite');
      r = await online(dir, { spool, wallClock });
      expect(await r.host.readConstants([1010, 1011, 1012, 1013, 1014])).toEqual({
        '1010': false,
        '1011': 4,
        '1012': false,
        '1013': 7,
        '1014': 0,
      });
      expect(spool.policy).toBe('stop');
      expect(await r.host.getTime()).toBe('261124080910');
      expect((await r.host.readStatus([1]))['1']).toBe('261124080910');
      // EnableSpooling false: an event fired with the link down is not spooled.
      expect(await r.host.linkEvents([{ ceid: 400, rptids: [] }])).toBe(0);
      expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
      await dropLink(r);
      expect(await r.equipment.triggerEvent(400)).toBe(false);
      await reconnect(r);
      expect((await r.host.readStatus([20]))['20']).toBe(0); // SpoolCountActual
    } finally {
      await shutDown();
      await spool.close();
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
        clock: { offsetMs: -1500 },
        dataId: { reservedThrough: 20000 },
      };
      await store.save(state);
      // Each item is its own document in the one DocumentStore.
      expect(readdirSync(dir).sort()).toEqual([
        'alarm-enables.json',
        'clock-offset.json',
        'control-default.json',
        'data-id.json',
        'equipment-constants.json',
        'reports.json',
      ]);
      // A crash mid-write leaves the temp file (named as core's writeFileAtomic names it).
      const debris = join(dir, '.reports.json.4242.0a1b2c3d.tmp');
      writeFileSync(debris, '{"format": "bondline-gem-st');
      expect(await jsonStateStore(dir).load()).toEqual(state);
      expect(existsSync(debris)).toBe(false); // debris removed on open
      const file = join(dir, 'equipment-constants.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"1000": 5', '"1000": 6'));
      await expect(jsonStateStore(dir).load()).rejects.toMatchObject({
        code: 'corrupt-document',
        document: 'equipment-constants',
      });
      rmSync(file);
      const other = await DocumentStore.open(dir, { sync: false });
      await other.write('control-default', 'online-remote'); // valid envelope, wrong content
      await expect(jsonStateStore(dir).load()).rejects.toMatchObject({ code: 'bad-state-file' });
      await other.write('control-default', { remote: true });
      await other.write('data-id', { reservedThrough: -1 });
      await expect(jsonStateStore(dir).load()).rejects.toMatchObject({ code: 'bad-state-file' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
