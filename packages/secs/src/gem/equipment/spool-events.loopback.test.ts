// E30 spooling activated / deactivated collection events: "activated" is raised while the link is
// down when the first message goes into the spool, and spooled right behind it (DATAID order, see
// spool-dataid-order.loopback.test.ts); "deactivated" is sent once the spool is emptied, by S6F23
// transmit or by purge.
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import type { Spool } from '../spool/spool.js';
import {
  dropLink,
  exampleModel,
  type Rig,
  reconnect,
  setRetryDelay,
  startSpoolRig,
  whenAcknowledged,
} from './test-rig.test-util.js';

const ACTIVATED = 700;
const DEACTIVATED = 701;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function spoolingRig(): Promise<{ r: Rig; spool: Spool; got: number[] }> {
  const model = exampleModel(); // with its spool activatedCeid / deactivatedCeid
  setRetryDelay(model, 1);
  const r = await startSpoolRig({ model, maxMessages: 1000 });
  rig = r;
  const { spool } = r;
  expect(await r.host.linkEvents([400, ACTIVATED, DEACTIVATED].map((ceid) => ({ ceid, rptids: [] })))).toBe(
    0,
  );
  expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  const got: number[] = [];
  r.host.on('event', (e: HostEvent) => got.push(e.ceid));
  return { r, spool, got };
}

const eventArrives = (r: Rig, ceid: number): Promise<void> =>
  new Promise((resolve) => r.host.on('event', (e: HostEvent) => e.ceid === ceid && resolve()));

describe('E30 spooling activated / deactivated events', () => {
  it('activated is spooled behind the first spooled event; deactivated follows the transmit that empties the spool', async () => {
    const { r, spool, got } = await spoolingRig();
    await dropLink(r);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    expect(spool.countActual).toBe(3); // the first event, activated once, the second event
    await reconnect(r);
    const deactivated = eventArrives(r, DEACTIVATED);
    expect(await r.host.transmitSpool()).toBe(0);
    await deactivated;
    expect(got).toEqual([400, ACTIVATED, 400, DEACTIVATED]);
    expect(spool.stateName).toBe('inactive');
  });

  it('a purge that empties the spool raises deactivated; the next link loss raises activated again', async () => {
    const { r, spool, got } = await spoolingRig();
    await dropLink(r);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    await reconnect(r);
    const deactivated = eventArrives(r, DEACTIVATED);
    expect(await r.host.purgeSpool()).toBe(0);
    await deactivated;
    expect(got).toEqual([DEACTIVATED]);
    await whenAcknowledged(r); // else the deactivated event, still in flight, would be spooled too
    await dropLink(r);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    expect(spool.countActual).toBe(2); // the event, then activated again
  });

  it('no activated event when it is not enabled by S2F37', async () => {
    const { r, spool } = await spoolingRig();
    expect(await r.host.enableEvents(false, [ACTIVATED])).toBe(0);
    await dropLink(r);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
    expect(spool.countActual).toBe(1);
  });
});
