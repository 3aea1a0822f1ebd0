// The TimeFormat EC (E30) over loopback: 0, 1 and 2 change the Clock SV, the S2F18 answer and trace
// STIME, and S2F31 accepts a time in each of the three forms whatever the current TimeFormat.
import { afterEach, describe, expect, it } from 'vitest';
import { U1 } from '../../item/constructors.js';
import { next, type Rig, startRig } from './test-rig.test-util.js';

const CLOCK_SV = 1;
const TIME_FORMAT = 1014;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const wall = Date.UTC(2026, 10, 24, 8, 9, 10, 120);

async function clockRig(): Promise<Rig> {
  rig = await startRig({ equipment: { wallClock: () => wall } });
  expect(await rig.host.requestOnline()).toBe(0);
  return rig;
}

async function clockSv(r: Rig): Promise<unknown> {
  return (await r.host.readStatus([CLOCK_SV]))[String(CLOCK_SV)];
}

describe('TimeFormat', () => {
  it('picks the form of the Clock SV and of S2F18', async () => {
    const r = await clockRig();
    expect(await clockSv(r)).toBe('2026112408091012'); // default 1
    expect(await r.host.getTime()).toBe('2026112408091012');
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(0) }])).toBe(0);
    expect(await clockSv(r)).toBe('261124080910');
    expect(await r.host.getTime()).toBe('261124080910');
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(2) }])).toBe(0);
    expect(await clockSv(r)).toBe('2026-11-24T08:09:10.120Z');
    expect(await r.host.getTime()).toBe('2026-11-24T08:09:10.120Z');
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(1) }])).toBe(0);
    expect(await r.host.getTime()).toBe('2026112408091012');
  });

  it('S2F31 accepts the 12-character, 16-character and extended forms in any TimeFormat', async () => {
    const r = await clockRig();
    for (const format of [0, 1, 2]) {
      expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(format) }])).toBe(0);
      expect(await r.host.setTime('310203040506')).toBe(0);
      expect(r.equipment.now()).toBe(Date.UTC(2031, 1, 3, 4, 5, 6));
      expect(await r.host.setTime('2031020304050678')).toBe(0);
      expect(r.equipment.now()).toBe(Date.UTC(2031, 1, 3, 4, 5, 6, 780));
      expect(await r.host.setTime('2031-02-03T05:05:06.5+01:00')).toBe(0);
      expect(r.equipment.now()).toBe(Date.UTC(2031, 1, 3, 4, 5, 6, 500));
      expect(await r.host.setTime('2031-02-30T05:05:06Z')).toBe(1); // no 30 February
      expect(await r.host.setTime('2031-02-03 05:05:06Z')).toBe(1);
    }
    expect(await r.host.getTime()).toBe('2031-02-03T04:05:06.500Z');
  });

  it('gives trace STIME in the TimeFormat', async () => {
    const r = await clockRig();
    expect(await r.host.setConstants([{ ecid: TIME_FORMAT, value: U1(2) }])).toBe(0);
    const trace = next<{ stime: string }>((f) => r.host.on('trace', f));
    // One sample after 20 ms (hhmmsscc), one report.
    expect(await r.host.defineTrace({ trid: 1, dsper: '00000002', totsmp: 1, repgsz: 1, svids: [3] })).toBe(
      0,
    );
    expect((await trace).stime).toBe('2026-11-24T08:09:10.120Z');
  });
});
