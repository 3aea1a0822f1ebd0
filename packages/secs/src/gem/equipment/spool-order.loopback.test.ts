// E30 6.5: while the spool is active (it holds messages not yet delivered or purged), new spoolable
// primaries join it behind the older ones, even with the link back up: a host never receives a new
// event before the older spooled ones (DATAID order), and only S6F23 empties the spool.
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import { dropLink, type Rig, reconnect, startSpoolRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('spool order after reconnect', () => {
  it('an event raised with the link back up but the spool still active is spooled behind the older ones', async () => {
    const r = await startSpoolRig();
    rig = r;
    const { spool } = r;
    expect(await r.host.defineReports([{ rptid: 1, vids: [12] }])).toBe(0); // WafersBonded
    expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    await dropLink(r);
    for (const n of [1, 2]) {
      r.equipment.set('WafersBonded', n);
      expect(await r.equipment.triggerEvent(400)).toBe(false);
    }
    await reconnect(r);
    const got: number[] = [];
    r.host.on('event', (e: HostEvent) => {
      if (e.ceid === 400) got.push(e.reports[0]?.items[0]?.value[0] as number);
    });
    r.equipment.set('WafersBonded', 3);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    expect(spool.countActual).toBe(3);
    expect(got).toEqual([]);
    const delivered = new Promise<void>((res) => {
      r.host.on('event', () => {
        if (got.length === 3) res();
      });
    });
    expect(await r.host.transmitSpool()).toBe(0);
    await delivered;
    expect(got).toEqual([1, 2, 3]);
    // The last S6F12 is read by the equipment after the host's event handler ran.
    await until(() => spool.stateName === 'inactive', 'the spool emptied and inactive');
    // Emptied: events go straight to the host again.
    r.equipment.set('WafersBonded', 4);
    expect(await r.equipment.triggerEvent(400)).toBe(true);
    expect(got).toEqual([1, 2, 3, 4]);
  });
});
