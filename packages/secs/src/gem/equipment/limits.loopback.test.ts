// Limits monitoring over loopback: S2F45 acks (E5 VLAACK/LVACK/LIMITACK), S2F47 attributes, and the
// limit event with LimitVariable/EventLimit/TransitionType on each zone change (deadband hysteresis).
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { B, F4, U4 } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import { type Rig, roundTrip, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('limits monitoring', () => {
  it('zone changes fire the limit event, values inside the deadband do not', async () => {
    rig = await startRig();
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    await r.host.learnNames();
    expect(
      await r.host.defineReports([
        { rptid: 6, vids: ['LimitVariable', 'EventLimit', 'TransitionType', 'ChuckTemperature'] },
      ]),
    ).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 600, rptids: [6] }])).toBe(0);
    expect(
      await r.host.defineLimits([{ vid: 11, limits: [{ limitId: 1, deadband: { upper: 30, lower: 25 } }] }]),
    ).toEqual({ vlaack: 0, rejections: [] });
    const events: HostEvent[] = [];
    r.host.on('event', (e) => events.push(e));
    for (const t of [20, 35, 27, 29, 20, 26]) r.equipment.set('ChuckTemperature', t);
    await until(() => events.length >= 2, 'the two zone changes at the host');
    await roundTrip(r); // and nothing after them
    expect(events.map((e) => e.values)).toEqual([
      { LimitVariable: 11, EventLimit: 1, TransitionType: 0, ChuckTemperature: 35 },
      { LimitVariable: 11, EventLimit: 1, TransitionType: 1, ChuckTemperature: 20 },
    ]);
    // On the wire: EventLimit is the LIMITID, E5 format 10 (B [1]), as in S2F45; TransitionType too.
    expect(events.map((e) => e.reports[0]?.items)).toEqual([
      [U4(11), B([1]), B([0]), F4(35)],
      [U4(11), B([1]), B([1]), F4(20)],
    ]);
    expect(await r.host.limitAttributes([11, 13])).toEqual([
      {
        vid: 11,
        attributes: {
          units: 'degC',
          limitMin: -50,
          limitMax: 400,
          limits: [{ limitId: 1, upper: 30, lower: 25 }],
        },
      },
      { vid: 13 },
    ]);
  });

  it('refuses unknown variables, unknown LIMITIDs and upper below lower, changing nothing', async () => {
    rig = await startRig();
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    expect(await r.host.defineLimits([{ vid: 9999, limits: [] }])).toEqual({
      vlaack: 1,
      rejections: [{ vid: 9999, lvack: 1, limits: [] }],
    });
    const bad = await r.host.defineLimits([
      { vid: 11, limits: [{ limitId: 9, deadband: { upper: 1, lower: 0 } }] },
    ]);
    expect(bad).toEqual({
      vlaack: 1,
      rejections: [{ vid: 11, lvack: 4, limits: [{ limitId: 9, limitack: 1 }] }],
    });
    const inv = await r.host.defineLimits([
      { vid: 11, limits: [{ limitId: 1, deadband: { upper: 10, lower: 20 } }] },
    ]);
    expect(inv.rejections[0]?.limits[0]?.limitack).toBe(4);
    expect((await r.host.limitAttributes([11]))[0]?.attributes?.limits).toEqual([]);
  });

  it('an existing variable without limits is LVACK 2, not 1; S2F47 of all lists only capable ones', async () => {
    rig = await startRig();
    const r = rig;
    expect(await r.host.requestOnline()).toBe(0);
    // 12 WafersBonded (U4) and 13 Recipe (A) exist but the example model declares no limits for them
    // (E5 LVACK 2: variable has no limits capability; 1 is reserved for a VID that does not exist).
    expect(
      await r.host.defineLimits([
        { vid: 12, limits: [{ limitId: 1, deadband: { upper: 2, lower: 1 } }] },
        { vid: 13, limits: [] },
        { vid: 9999, limits: [] },
      ]),
    ).toEqual({
      vlaack: 1,
      rejections: [
        { vid: 12, lvack: 2, limits: [] },
        { vid: 13, lvack: 2, limits: [] },
        { vid: 9999, lvack: 1, limits: [] },
      ],
    });
    expect((await r.host.limitAttributes([])).map((a) => a.vid)).toEqual([10, 11]);
  });
});
