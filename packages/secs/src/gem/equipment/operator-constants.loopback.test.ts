// An equipment constant changed at the tool (GemEquipment.set, E30's operator EC change) over
// loopback: the host receives the ConstantChanged event with ChangedEcid, the ECs GEM acts on take
// effect, the value survives a restart like an S2F15 change, and a value that does not fit throws a
// RangeError naming the limit without changing, reporting or persisting anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import { Spool } from '../spool/spool.js';
import { jsonStateStore } from './state-store.js';
import { next, type Rig, startRig } from './test-rig.test-util.js';

// Example model: BondForceSetpoint 1000 (F8 100..50000, default 20000), OverWriteSpool 1010,
// TimeFormat 1014, ConstantChanged event 300, ChangedEcid DV 54, Clock SV 1.
const CONSTANT_CHANGED = 300;

let rig: Rig | undefined;
let spool: Spool | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await rig?.equipment.flush();
  await rig?.close();
  await spool?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  rig = undefined;
  spool = undefined;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gem-operator-ec-'));
  dirs.push(dir);
  return dir;
}

async function openSpool(dir: string): Promise<Spool> {
  spool = await Spool.open({
    dir: join(dir, 'spool'),
    maxMessages: 10,
    maxBytes: 1 << 20,
    policy: 'overwrite',
    sync: false,
  });
  return spool;
}

/** Equipment on `dir` with a state store and a spool there, online. */
async function start(dir: string): Promise<Rig> {
  const store = jsonStateStore(join(dir, 'state'));
  rig = await startRig({ dir, equipment: { store, spool: await openSpool(dir) } });
  expect(await rig.host.requestOnline()).toBe(0);
  await rig.host.learnNames();
  return rig;
}

/** As `start`, with ConstantChanged reporting ChangedEcid and BondForceSetpoint. */
async function onlineRig(dir: string): Promise<Rig> {
  const r = await start(dir);
  expect(await r.host.defineReports([{ rptid: 1, vids: ['ChangedEcid', 'BondForceSetpoint'] }])).toBe(0);
  expect(await r.host.linkEvents([{ ceid: CONSTANT_CHANGED, rptids: [1] }])).toBe(0);
  return r;
}

/** Stop once the last state write landed and start again on the same directory. */
async function restart(dir: string): Promise<Rig> {
  await rig?.equipment.flush();
  await rig?.close();
  await spool?.close();
  rig = undefined;
  return start(dir);
}

describe('an equipment constant set at the tool', () => {
  it('is reported to the host with ChangedEcid, read back with S2F13, and told to the tool', async () => {
    const r = await onlineRig(tempDir());
    const event = next<HostEvent>((f) => r.host.once('event', f));
    const told = next<{ ecids: number[] }>((f) => r.equipment.once('constants-changed', f));
    r.equipment.set('BondForceSetpoint', 25000);
    expect(await event).toMatchObject({
      ceid: CONSTANT_CHANGED,
      name: 'ConstantChanged',
      values: { ChangedEcid: 1000, BondForceSetpoint: 25000 },
    });
    expect(await told).toEqual({ ecids: [1000] });
    expect(await r.host.readConstants([1000])).toEqual({ '1000': 25000 });
  });

  it('refuses a value outside min/max, of the wrong type or outside a builtin range: RangeError, nothing sent', async () => {
    const r = await onlineRig(tempDir());
    const events: HostEvent[] = [];
    r.host.on('event', (e) => events.push(e));
    expect(() => r.equipment.set('BondForceSetpoint', 60000)).toThrow(
      new RangeError('equipment constant BondForceSetpoint (1000): 60000 is outside 100..50000'),
    );
    expect(() => r.equipment.set(1000, 'high')).toThrow(
      new RangeError('equipment constant BondForceSetpoint (1000): expected a number for F8'),
    );
    expect(() => r.equipment.set('OverWriteSpool', 1)).toThrow(
      /OverWriteSpool \(1010\): expected true or false/,
    );
    expect(() => r.equipment.set('TimeFormat', 3)).toThrow(/TimeFormat \(1014\): 3 is outside 0\.\.2/);
    expect(r.equipment.vars.get(1000)).toBe(20000);
    // The first event the host sees is the one of the accepted change: the refusals sent none.
    const event = next<HostEvent>((f) => r.host.once('event', f));
    r.equipment.set('BondForceSetpoint', 30000);
    expect((await event).values).toEqual({ ChangedEcid: 1000, BondForceSetpoint: 30000 });
    expect(events).toHaveLength(1);
  });

  it('puts builtin ECs into effect: OverWriteSpool false stops the spool, TimeFormat 0 shortens the clock', async () => {
    const r = await onlineRig(tempDir());
    expect(spool?.policy).toBe('overwrite');
    r.equipment.set('OverWriteSpool', false);
    expect(spool?.policy).toBe('stop');
    r.equipment.set('TimeFormat', 0);
    const clock = (await r.host.readStatus([1]))['1'];
    expect(clock).toMatch(/^\d{12}$/); // YYMMDDhhmmss
  });

  it('survives a restart, and a restored builtin EC is applied at start', async () => {
    const dir = tempDir();
    const r = await onlineRig(dir);
    r.equipment.set('BondForceSetpoint', 25000);
    r.equipment.set('OverWriteSpool', false);
    const again = await restart(dir);
    expect(await again.host.readConstants([1000, 1010])).toEqual({ '1000': 25000, '1010': false });
    expect(spool?.policy).toBe('stop');
  });

  it('a refused value is not persisted', async () => {
    const dir = tempDir();
    const r = await onlineRig(dir);
    r.equipment.set('BondForceSetpoint', 25000);
    expect(() => r.equipment.set('BondForceSetpoint', 99)).toThrow(RangeError);
    const again = await restart(dir);
    expect(await again.host.readConstants([1000])).toEqual({ '1000': 25000 });
  });
});
