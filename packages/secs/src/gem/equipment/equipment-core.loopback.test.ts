// Host-to-equipment scenarios over loopback TCP: communication, control, variables, constants,
// clock, dynamic event reports. Expected ack codes are E5's (see messages/acks.ts for the values).
import { afterEach, describe, expect, it } from 'vitest';
import { toOutgoing } from '../../hsms/secs-message.js';
import { A, F4, F8, L, U1, U4 } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import { formatGemTime } from './gem-time.js';
import { next, type Rig, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function online(): Promise<Rig> {
  rig = await startRig();
  expect(await rig.host.requestOnline()).toBe(0);
  return rig;
}

describe('communication and control state', () => {
  it('the equipment establishes communications on connect and the host can too', async () => {
    rig = await startRig();
    expect(rig.equipment.communicationState).toBe('communicating');
    expect(await rig.host.establishCommunications()).toEqual({
      commack: 0,
      identity: { mdln: 'BL-HB300', softrev: '0.1.0' },
    });
  });

  it('HOST OFF-LINE answers S1F1 with an abort, S1F17 brings it online (REMOTE switch), S1F15 back', async () => {
    rig = await startRig();
    expect(rig.equipment.control.state).toBe('host-offline');
    await expect(rig.host.areYouThere()).rejects.toMatchObject({ code: 'aborted' });
    const ev = next<HostEvent>((f) => rig!.host.once('event', f));
    expect(await rig.host.requestOnline()).toBe(0);
    expect(rig.equipment.control.state).toBe('online-remote');
    expect((await ev).ceid).toBe(103);
    expect(await rig.host.requestOnline()).toBe(2); // already online
    expect(await rig.host.areYouThere()).toEqual({ mdln: 'BL-HB300', softrev: '0.1.0' });
    const off = next<HostEvent>((f) => rig!.host.once('event', f));
    expect(await rig.host.requestOffline()).toBe(0);
    expect((await off).ceid).toBe(101); // reported although the move was to offline
    expect(rig.equipment.control.state).toBe('host-offline');
  });

  it('operator online sends S1F1 and enters the switch position; operator offline refuses S1F17', async () => {
    rig = await startRig();
    rig.equipment.operatorOffline();
    expect(rig.equipment.control.state).toBe('equipment-offline');
    expect(await rig.host.requestOnline()).toBe(1);
    rig.equipment.setRemote(false);
    expect(await rig.equipment.operatorOnline()).toBe('online-local');
    rig.equipment.setRemote(true);
    expect(rig.equipment.control.state).toBe('online-remote');
  });
});

describe('status and data variables, namelists', () => {
  it('S1F3 values by name after S1F11/S1F21/S1F23/S2F29, zero-length for unknown SVIDs', async () => {
    const r = await online();
    await r.host.learnNames();
    expect(r.host.vidNames.get(10)).toBe('ChamberPressure');
    expect(r.host.ceidNames.get(200)).toBe('ProcessingStarted');
    r.equipment.set('WafersBonded', 7);
    const v = await r.host.readStatus([
      'ControlState',
      'ChamberPressure',
      'WafersBonded',
      'ProcessState',
      9999,
    ]);
    expect(v).toEqual({
      ControlState: 5,
      ChamberPressure: 1e-3,
      WafersBonded: 7,
      ProcessState: 0,
      '9999': [],
    });
    expect(await r.host.readStatusItems([11])).toEqual([F4(23)]);
    const clock = (await r.host.readStatus(['Clock'])).Clock as string;
    expect(clock).toMatch(/^\d{16}$/);
    expect(await r.host.statusNames([10, 77])).toEqual([
      { id: 10, name: 'ChamberPressure', unit: 'Pa' },
      { id: 77, name: '', unit: '' },
    ]);
    expect(await r.host.dataNames([50])).toEqual([{ id: 50, name: 'BondForce', unit: 'N' }]);
    expect(await r.host.eventNames([400])).toEqual([
      { ceid: 400, name: 'PairBonded', vids: [53, 50, 51, 52] },
    ]);
  });
});

describe('equipment constants', () => {
  it('S2F29 gives limits and defaults; S2F15 acks 0/1/3 and is all-or-nothing; change event', async () => {
    const r = await online();
    await r.host.learnNames();
    expect(await r.host.constantNames([1002])).toEqual([
      { ecid: 1002, name: 'AlignmentRetries', min: U1(0), max: U1(5), def: U1(2), unit: '' },
    ]);
    await r.host.defineReports([{ rptid: 1, vids: ['ChangedEcid'] }]);
    await r.host.linkEvents([{ ceid: 300, rptids: [1] }]);
    const changed = next<HostEvent>((f) => r.host.once('event', f));
    expect(await r.host.setConstants([{ ecid: 'BondForceSetpoint', value: F8(25000) }])).toBe(0);
    expect((await changed).values).toEqual({ ChangedEcid: 1000 });
    expect(await r.host.readConstants(['BondForceSetpoint'])).toEqual({ BondForceSetpoint: 25000 });
    expect(await r.host.setConstants([{ ecid: 4242, value: F8(1) }])).toBe(1); // unknown
    expect(await r.host.setConstants([{ ecid: 1000, value: F8(99) }])).toBe(3); // below min 100
    expect(await r.host.setConstants([{ ecid: 1002, value: A('x') }])).toBe(3); // wrong type
    // one good and one bad: nothing changes
    expect(
      await r.host.setConstants([
        { ecid: 1003, value: U4(60) },
        { ecid: 1000, value: F8(1e9) },
      ]),
    ).toBe(3);
    expect(await r.host.readConstants([1003, 1000])).toEqual({ '1003': 30, '1000': 25000 });
    expect(r.equipment.vars.get(1003)).toBe(30);
  });
});

describe('clock', () => {
  it('S2F31 sets the equipment time, S2F17 reads it; a bad time gets TIACK 1', async () => {
    const r = await online();
    expect(await r.host.setTime('2030010203040506')).toBe(0);
    const t = await r.host.getTime();
    // Within a second of what was set (the equipment clock runs on).
    const set = Date.UTC(2030, 0, 2, 3, 4, 5, 60);
    expect(t >= formatGemTime(set) && t <= formatGemTime(set + 1000)).toBe(true);
    expect(await r.host.setTime('20301302000000')).toBe(1);
    expect(await r.host.setTime('2030023100000000')).toBe(1); // 31 February
  });
});

describe('dynamic event reports', () => {
  it('define/link/enable acks, and S6F11 decoded by names', async () => {
    const r = await online();
    await r.host.learnNames();
    expect(await r.host.defineReports([{ rptid: 10, vids: ['PairId', 'BondForce', 'OverlayX'] }])).toBe(0);
    expect(await r.host.defineReports([{ rptid: 10, vids: [50] }])).toBe(3); // exists
    expect(await r.host.defineReports([{ rptid: 11, vids: [50, 9999] }])).toBe(4); // unknown VID
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [10] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [10] }])).toBe(3); // already linked
    expect(await r.host.linkEvents([{ ceid: 9999, rptids: [10] }])).toBe(4);
    expect(await r.host.linkEvents([{ ceid: 201, rptids: [77] }])).toBe(5);
    expect(await r.host.enableEvents(true, [9999])).toBe(1);
    r.equipment.set('PairId', 'P-001');
    r.equipment.set('BondForce', 20500.5);
    const ev = next<HostEvent>((f) => r.host.once('event', f));
    expect(await r.equipment.triggerEvent(400)).toBe(true);
    const e = await ev;
    expect(e).toMatchObject({
      ceid: 400,
      name: 'PairBonded',
      values: { PairId: 'P-001', BondForce: 20500.5, OverlayX: 0 },
    });
    expect(await r.host.requestEventReport(400)).toMatchObject({ values: { PairId: 'P-001' } });
    expect(await r.host.requestReport(10)).toEqual([A('P-001'), F8(20500.5), F8(0)]);
    expect(await r.host.requestReport(99)).toEqual([]);
    // disabled events are not sent
    expect(await r.host.enableEvents(false, [400])).toBe(0);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    // deleting the report unlinks it
    expect(await r.host.enableEvents(true)).toBe(0);
    expect(await r.host.defineReports([{ rptid: 10, vids: [] }])).toBe(0);
    const ev2 = next<HostEvent>((f) => r.host.once('event', f));
    await r.equipment.triggerEvent(400);
    expect((await ev2).reports).toEqual([]);
  });

  it('no event reports while offline', async () => {
    rig = await startRig();
    expect(await rig.equipment.triggerEvent(400)).toBe(false);
  });
});

describe('S9 error messages', () => {
  it('unknown stream, unknown function, illegal data', async () => {
    const r = await online();
    const err = () =>
      next<{ function: number; header: Uint8Array | undefined }>((f) => r.host.once('error-message', f));
    let e = err();
    r.hostSession.send({ stream: 99, function: 1, wBit: true }).catch(() => {}); // never answered: S9F3 instead
    expect((await e).function).toBe(3);
    e = err();
    r.hostSession.send({ stream: 1, function: 99, wBit: false }).catch(() => {});
    const got = await e;
    expect(got.function).toBe(5);
    expect(Array.from(got.header!.subarray(0, 4))).toEqual([0, 1, 1, 99]); // MHEAD: device 1, S1F99 (no W)
    e = err();
    r.hostSession
      .send(toOutgoing({ stream: 2, function: 15, wBit: false, body: L(A('not a list of pairs')) }))
      .catch(() => {});
    expect((await e).function).toBe(7);
    e = err();
    r.hostSession
      .send({ stream: 2, function: 15, wBit: false, body: new Uint8Array([0x01, 0x05]) })
      .catch(() => {});
    expect((await e).function).toBe(7); // truncated body
  });
});
