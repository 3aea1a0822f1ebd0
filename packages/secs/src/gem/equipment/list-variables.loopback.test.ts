// E30 list SVs over loopback: AlarmsEnabled (24), AlarmsSet (25) and EventsEnabled (26) of the example
// model, read by S1F3 as <L <U4 id> ...> in ascending order and decoded by the host as number[]; they
// follow S5F3, alarm set/clear and S2F37, travel in an event report, can be traced, and refuse limits.
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/host-events.js';
import { exampleModel, next, onlineRigPerTest, type Rig } from './test-rig.test-util.js';

const ALARMS_ENABLED = 24;
const ALARMS_SET = 25;
const EVENTS_ENABLED = 26;
const ALL_CEIDS = exampleModel()
  .events.map((e) => e.id)
  .sort((a, b) => a - b);

const onlineRig = onlineRigPerTest();

/** The three list SVs as the host reads them with S1F3. */
async function lists(r: Rig): Promise<{ enabled: unknown; set: unknown; events: unknown }> {
  const v = await r.host.readStatus([ALARMS_ENABLED, ALARMS_SET, EVENTS_ENABLED]);
  return { enabled: v[ALARMS_ENABLED], set: v[ALARMS_SET], events: v[EVENTS_ENABLED] };
}

describe('E30 list SVs AlarmsEnabled, AlarmsSet, EventsEnabled', () => {
  it('are sent as <L <U4 id> ...> and read by the host as number[]', async () => {
    const r = await onlineRig();
    const [enabled, set] = await r.host.readStatusItems([ALARMS_ENABLED, ALARMS_SET]);
    expect(enabled).toEqual({
      format: 'L',
      value: [1, 2, 3].map((n) => ({ format: 'U4', value: new Uint32Array([n]) })),
    });
    expect(set).toEqual({ format: 'L', value: [] });
    expect(await lists(r)).toEqual({ enabled: [1, 2, 3], set: [], events: ALL_CEIDS });
  });

  it('AlarmsEnabled follows S5F3 for one alarm and for all', async () => {
    const r = await onlineRig();
    expect(await r.host.enableAlarm(false, 2)).toBe(0);
    expect((await lists(r)).enabled).toEqual([1, 3]);
    expect(await r.host.enableAlarm(false)).toBe(0);
    expect((await lists(r)).enabled).toEqual([]);
    expect(await r.host.enableAlarm(true, 3)).toBe(0);
    expect((await lists(r)).enabled).toEqual([3]); // one id is still a list, not a number
    expect(await r.host.enableAlarm(true, 1)).toBe(0);
    expect((await lists(r)).enabled).toEqual([1, 3]);
    expect(await r.host.enableAlarm(true)).toBe(0);
    expect((await lists(r)).enabled).toEqual([1, 2, 3]);
  });

  it('AlarmsSet follows alarm set and clear, ascending whatever the order set', async () => {
    const r = await onlineRig();
    await r.equipment.setAlarm(3);
    await r.equipment.setAlarm(2);
    expect((await lists(r)).set).toEqual([2, 3]);
    await r.equipment.clearAlarm(3);
    expect((await lists(r)).set).toEqual([2]);
    await r.equipment.clearAlarm(2);
    expect((await lists(r)).set).toEqual([]);
  });

  it('EventsEnabled follows S2F37 for some events and for all', async () => {
    const r = await onlineRig();
    expect(await r.host.enableEvents(false, [500, 100])).toBe(0);
    expect((await lists(r)).events).toEqual(ALL_CEIDS.filter((c) => c !== 100 && c !== 500));
    expect(await r.host.enableEvents(false)).toBe(0);
    expect((await lists(r)).events).toEqual([]);
    expect(await r.host.enableEvents(true, [501, 200])).toBe(0);
    expect((await lists(r)).events).toEqual([200, 501]);
    expect(await r.host.enableEvents(true)).toBe(0);
    expect((await lists(r)).events).toEqual(ALL_CEIDS);
  });

  it('an event report carries AlarmsSet with the alarm that raised it', async () => {
    const r = await onlineRig();
    await r.host.learnNames();
    expect(await r.host.defineReports([{ rptid: 90, vids: ['AlarmsSet', 'AlarmsEnabled'] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 500, rptids: [90] }])).toBe(0);
    expect(await r.host.enableAlarm(false, 2)).toBe(0);
    await r.equipment.setAlarm(3);
    const ev = next<HostEvent>((f) => r.host.once('event', f));
    await r.equipment.setAlarm(1); // alarm 1 raises CEID 500
    expect((await ev).values).toEqual({ AlarmsSet: [1, 3], AlarmsEnabled: [1, 3] });
  });

  it('can be traced (S2F23) and refuses limits (S2F45 LVACK 2: not numeric)', async () => {
    const r = await onlineRig();
    await r.equipment.setAlarm(2);
    const trace = next<{ samples: Record<string, unknown>[] }>((f) => r.host.once('trace', f));
    expect(
      await r.host.defineTrace({ trid: 5, dsper: '00000001', totsmp: 1, repgsz: 1, svids: [ALARMS_SET] }),
    ).toBe(0);
    expect(Object.values((await trace).samples[0] ?? {})).toEqual([[2]]);
    const reply = await r.host.defineLimits([
      { vid: ALARMS_SET, limits: [{ limitId: 1, deadband: { upper: 2, lower: 1 } }] },
    ]);
    expect(reply.rejections).toEqual([{ vid: ALARMS_SET, lvack: 2, limits: [] }]);
  });
});
