// E30 spooling variables and the spooling ECs over loopback, as a host sees them: SpoolCountActual,
// SpoolCountTotal, SpoolStartTime and SpoolFullTime read with S1F3 before, during and after spooling;
// OverWriteSpool false makes a full spool refuse (stop policy); MaxSpoolTransmit pauses a transmit
// until the next S6F23; EnableSpooling false spools nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { A, BOOLEAN, U1, U4 } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import { Spool } from '../spool/spool.js';
import { formatGemTime } from './gem-time.js';
import { dropLink, type Rig, reconnect, startRig, whenAcknowledged } from './test-rig.test-util.js';

// Example model ids.
const SPOOL_SVS = [20, 21, 22, 23]; // SpoolCountActual, SpoolCountTotal, SpoolStartTime, SpoolFullTime
const OVERWRITE_SPOOL = 1010;
const MAX_SPOOL_TRANSMIT = 1011;
const ENABLE_SPOOLING = 1012;
const TIME_FORMAT = 1014;

let rig: Rig | undefined;
let spool: Spool | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await rig?.close();
  await spool?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  rig = undefined;
  spool = undefined;
});

let wall = Date.UTC(2026, 10, 24, 8, 0, 0);
const wallClock = (): number => wall;

/** Equipment with an overwrite spool of `maxMessages`, online, PairBonded (400) spooled while down. */
async function spoolingRig(maxMessages: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'gem-spool-ec-'));
  dirs.push(dir);
  spool = await Spool.open({
    dir: join(dir, 'spool'),
    maxMessages,
    maxBytes: 1 << 20,
    policy: 'overwrite',
    wallTime: wallClock,
    sync: false,
  });
  rig = await startRig({ dir, equipment: { spool, wallClock } });
  rig.equipment.on('error', () => {}); // a refusal by a full stop-policy spool is also an error event
  expect(await rig.host.requestOnline()).toBe(0);
  expect(await rig.host.defineReports([{ rptid: 1, vids: [53] }])).toBe(0); // PairId
  expect(await rig.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
  expect((await rig.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  return rig;
}

async function spoolVariables(r: Rig): Promise<unknown[]> {
  const v = await r.host.readStatus(SPOOL_SVS);
  return SPOOL_SVS.map((id) => v[String(id)]);
}

/** Fire PairBonded `n` times with the link down (none can be sent). */
async function fire(r: Rig, n: number): Promise<void> {
  for (let i = 0; i < n; i++) expect(await r.equipment.triggerEvent(400)).toBe(false);
}

/** Resolves with the next `n` PairBonded events the host receives. */
function events(r: Rig, n: number): Promise<HostEvent[]> {
  const got: HostEvent[] = [];
  return new Promise((resolve) => {
    const off = r.host.on('event', (e) => {
      if (e.ceid !== 400) return;
      got.push(e);
      if (got.length === n) {
        off();
        resolve(got);
      }
    });
  });
}

describe('spool status variables', () => {
  it('read 0 and empty before spooling, count and time while active, full time once full, empty after delivery', async () => {
    const r = await spoolingRig(3);
    expect(await spoolVariables(r)).toEqual([0, 0, '', '']);
    const start = wall;
    await dropLink(r);
    await fire(r, 2);
    await reconnect(r);
    expect(await spoolVariables(r)).toEqual([2, 2, formatGemTime(start), '']);
    wall += 60_000;
    await dropLink(r);
    await fire(r, 3); // the third held message fills the spool; two more overwrite the oldest
    await reconnect(r);
    expect(await spoolVariables(r)).toEqual([3, 5, formatGemTime(start), formatGemTime(start + 60_000)]);
    // The times follow the TimeFormat EC. (Its ConstantChanged event would join the still-active
    // spool, E30 6.5, overwriting the oldest: disabled here to keep the counts.)
    expect(await r.host.enableEvents(false, [300])).toBe(0);
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(0) }])).toBe(0);
    expect(await spoolVariables(r)).toEqual([3, 5, '261124080000', '261124080100']);
    const delivered = events(r, 3);
    expect(await r.host.transmitSpool()).toBe(0);
    await delivered;
    expect(await spoolVariables(r)).toEqual([0, 0, '', '']);
  });

  it('read 0 and empty without a spool', async () => {
    rig = await startRig();
    expect(await rig.host.requestOnline()).toBe(0);
    expect(await spoolVariables(rig)).toEqual([0, 0, '', '']);
  });
});

describe('spooling equipment constants', () => {
  it('OverWriteSpool false: a full spool refuses new messages and keeps the oldest', async () => {
    const r = await spoolingRig(3);
    expect(r.equipment.spool?.policy).toBe('overwrite');
    expect(await r.host.setConstants([{ ecid: OVERWRITE_SPOOL, value: BOOLEAN(false) }])).toBe(0);
    expect(r.equipment.spool?.policy).toBe('stop');
    await whenAcknowledged(r); // the ConstantChanged event, else spooled as in flight at the drop
    await dropLink(r);
    for (let i = 1; i <= 4; i++) {
      r.equipment.set('PairId', `P${i}`);
      await fire(r, 1);
    }
    await reconnect(r);
    // The refused fourth counts in SpoolCountTotal (E30) but is not held.
    expect((await spoolVariables(r)).slice(0, 2)).toEqual([3, 4]);
    const delivered = events(r, 3);
    expect(await r.host.transmitSpool()).toBe(0);
    expect((await delivered).map((e) => e.reports[0]?.items[0]?.value)).toEqual(['P1', 'P2', 'P3']);
    expect((await spoolVariables(r)).slice(0, 2)).toEqual([0, 0]); // S1F3 follows the last S6F12
    // Back to true: the policy follows at once.
    expect(await r.host.setConstants([{ ecid: OVERWRITE_SPOOL, value: BOOLEAN(true) }])).toBe(0);
    expect(r.equipment.spool?.policy).toBe('overwrite');
  });

  it('MaxSpoolTransmit 3: an S6F23 delivers three messages, then the rest waits for the next S6F23', async () => {
    const r = await spoolingRig(100);
    expect(await r.host.setConstants([{ ecid: MAX_SPOOL_TRANSMIT, value: U4(3) }])).toBe(0);
    await whenAcknowledged(r);
    await dropLink(r);
    await fire(r, 5);
    await reconnect(r);
    const firstThree = events(r, 3);
    let received = 0;
    r.host.on('event', () => received++);
    expect(await r.host.transmitSpool()).toBe(0);
    await firstThree;
    // S1F3 is served after the host's S6F12 to the third: the spool has paused with two held.
    expect((await spoolVariables(r)).slice(0, 2)).toEqual([2, 5]);
    expect(received).toBe(3);
    expect(spool?.stateName).toBe('active/not-full/no-output');
    const lastTwo = events(r, 2);
    expect(await r.host.transmitSpool()).toBe(0);
    await lastTwo;
    expect(received).toBe(5);
    expect((await spoolVariables(r)).slice(0, 2)).toEqual([0, 0]);
  });

  it('EnableSpooling false: nothing is spooled while the link is down', async () => {
    const r = await spoolingRig(100);
    expect(await r.host.setConstants([{ ecid: ENABLE_SPOOLING, value: BOOLEAN(false) }])).toBe(0);
    await whenAcknowledged(r);
    await dropLink(r);
    await fire(r, 3);
    await r.equipment.setAlarm(1); // S5F1 is not spooled either (S5 not selected, and spooling is off)
    await reconnect(r);
    expect(await spoolVariables(r)).toEqual([0, 0, '', '']);
    expect(await r.host.transmitSpool()).toBe(2); // RSDA 2: no spooled data
    // Enabled again: spooling resumes.
    expect(await r.host.setConstants([{ ecid: ENABLE_SPOOLING, value: BOOLEAN(true) }])).toBe(0);
    await whenAcknowledged(r);
    await dropLink(r);
    await fire(r, 1);
    await reconnect(r);
    expect((await spoolVariables(r)).slice(0, 2)).toEqual([1, 1]);
  });

  it('a value of the wrong type or out of the builtin range is refused (EAC 3) and changes nothing', async () => {
    const r = await spoolingRig(3);
    expect(await r.host.setConstants([{ ecid: OVERWRITE_SPOOL, value: A('no') }])).toBe(3);
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(3) }])).toBe(3);
    expect(await r.host.readConstants([OVERWRITE_SPOOL, TIME_FORMAT])).toEqual({
      [OVERWRITE_SPOOL]: true,
      [TIME_FORMAT]: 1,
    });
  });
});
