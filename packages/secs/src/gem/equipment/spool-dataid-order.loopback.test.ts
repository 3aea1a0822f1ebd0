// Spooled messages reach the host in DATAID order, and that is the order the events were raised in:
// E30's spooling activated event is raised when the first message goes into the spool, so it takes
// its DATAID and its place behind every event raised before it, including events still held behind
// a reply when the link dropped (reply-first.ts).
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { A, L } from '../../item/constructors.js';
import type { HostEvent } from '../host/gem-host.js';
import {
  dropLink,
  exampleModel,
  hangingCommand,
  type Rig,
  reconnect,
  setRetryDelay,
  startSpoolRig,
} from './test-rig.test-util.js';

const BONDED = 400;
const ACTIVATED = 700;
const DEACTIVATED = 701;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function spoolingRig(): Promise<{ r: Rig; got: { ceid: number; dataId: number }[] }> {
  const model = exampleModel(); // with its spooling activated / deactivated events
  setRetryDelay(model, 1);
  const r = await startSpoolRig({ model, maxMessages: 1000 });
  rig = r;
  const links = [BONDED, ACTIVATED, DEACTIVATED].map((ceid) => ({ ceid, rptids: [] }));
  expect(await r.host.linkEvents(links)).toBe(0);
  expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  const got: { ceid: number; dataId: number }[] = [];
  r.host.on('event', (e: HostEvent) => got.push({ ceid: e.ceid, dataId: Number(e.dataId) }));
  return { r, got };
}

/** S6F23 transmit, then wait (with a deadline) for the deactivated event that ends it. */
async function transmitAll(r: Rig, got: { ceid: number }[]): Promise<void> {
  expect(await r.host.transmitSpool()).toBe(0);
  await until(() => got.some((e) => e.ceid === DEACTIVATED), 'spooling deactivated', {
    detail: () => JSON.stringify(got),
  });
}

const increasing = (ids: number[]): boolean => ids.every((d, i) => i === 0 || d > ids[i - 1]!);

describe('spooled messages in DATAID order', () => {
  it('spooling activated follows the event that activated the spool, with the next DATAID', async () => {
    const { r, got } = await spoolingRig();
    await dropLink(r);
    expect(await r.equipment.triggerEvent(BONDED)).toBe(false);
    expect(await r.equipment.triggerEvent(BONDED)).toBe(false);
    await reconnect(r);
    await transmitAll(r, got);
    expect(got.map((e) => e.ceid)).toEqual([BONDED, ACTIVATED, BONDED, DEACTIVATED]);
    expect(increasing(got.map((e) => e.dataId))).toBe(true);
  });

  it('a link drop with events held behind a reply: they, then spooling activated, then later events', async () => {
    const { r, got } = await spoolingRig();
    const raised: Promise<boolean>[] = [];
    // A command runner raises three events while S2F42 is not yet written: all three are in flight.
    const { started, finish } = hangingCommand(r.equipment, 'PAUSE', () => {
      for (let i = 0; i < 3; i++) raised.push(r.equipment.triggerEvent(BONDED));
    });
    const reply = r.host.request({ stream: 2, function: 41, wBit: true, body: L(A('PAUSE'), L()) });
    reply.catch(() => {});
    await started;
    await dropLink(r);
    // Raised with the link down behind the held three.
    raised.push(r.equipment.triggerEvent(BONDED), r.equipment.triggerEvent(BONDED));
    finish(0);
    expect(await Promise.all(raised)).toEqual([false, false, false, false, false]);
    await reconnect(r);
    await transmitAll(r, got);
    const ceids = got.map((e) => e.ceid);
    expect(ceids).toEqual([BONDED, BONDED, BONDED, ACTIVATED, BONDED, BONDED, DEACTIVATED]);
    expect(increasing(got.map((e) => e.dataId))).toBe(true);
  });
});
