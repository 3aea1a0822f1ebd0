// Events raised far faster than the spool's disk, with the link down (issue 9): the spool's appends
// not yet on disk stay within its bound (read from its counters), the overwrite policy keeps the
// newest events in DATAID order, and when the writes fall behind the equipment says so once, then once
// more with the number of events overwritten before they reached the disk. Every event is answered.
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import { dropLink, reconnect, type SpoolRig, startSpoolRig } from './test-rig.test-util.js';

const BONDED = 400;
let rig: SpoolRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function overwriteRig(
  maxMessages: number,
  maxPendingAppends: number,
): Promise<{ r: SpoolRig; got: number[]; errors: string[] }> {
  const r = await startSpoolRig({ maxMessages, maxBytes: 1 << 24, policy: 'overwrite', maxPendingAppends });
  rig = r;
  expect(await r.host.linkEvents([{ ceid: BONDED, rptids: [] }])).toBe(0);
  expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  const got: number[] = [];
  r.host.on('event', (e: HostEvent) => got.push(Number(e.dataId)));
  const errors: string[] = [];
  r.equipment.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
  return { r, got, errors };
}

/** S6F23 transmit, then wait (with a deadline) until `n` spooled events arrived and the spool is empty. */
async function transmitAll(r: SpoolRig, got: number[], n: number): Promise<void> {
  expect(await r.host.transmitSpool()).toBe(0);
  const deadline = Date.now() + 10_000;
  while (got.length < n || r.spool.countActual > 0) {
    if (Date.now() > deadline) throw new Error(`${got.length} of ${n} spooled events within 10 s`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

const increasing = (ids: number[]): boolean => ids.every((d, i) => i === 0 || d > ids[i - 1]!);

describe('a burst of events into an overwrite spool', () => {
  it('20,000 events raised at once into a 200-message spool: pending bounded, the newest 200 delivered in DATAID order', async () => {
    const { r, got, errors } = await overwriteRig(200, 512);
    await dropLink(r);
    const raised: Promise<boolean>[] = [];
    for (let i = 0; i < 20_000; i++) {
      raised.push(r.equipment.triggerEvent(BONDED));
      expect(r.spool.stats.pendingAppends).toBeLessThanOrEqual(200);
    }
    expect((await Promise.all(raised)).every((acked) => !acked)).toBe(true);
    expect(r.spool.stats.peakPendingAppends).toBeLessThanOrEqual(200);
    expect(r.spool.countActual).toBe(200);
    await reconnect(r);
    await transmitAll(r, got, 200);
    expect(got).toHaveLength(200);
    expect(got.every((d, i) => i === 0 || d === got[i - 1]! + 1)).toBe(true); // the newest, none missing
    // The next event takes the DATAID after the last one spooled: the spool kept the newest.
    const lastSpooled = got[got.length - 1];
    expect(await r.equipment.triggerEvent(BONDED)).toBe(true);
    expect(got[200]).toBe(Number(lastSpooled) + 1);
    expect(errors).toEqual([]); // ordinary overwrites at the bound are not errors
  });

  it('raised in turns faster than the writes: pending never passes its bound, drops reported in start/summary pairs', async () => {
    const maxPendingAppends = 64;
    const { r, got, errors } = await overwriteRig(1000, maxPendingAppends);
    await dropLink(r);
    const answered = { n: 0 };
    for (let turn = 0; turn < 40; turn++) {
      for (let k = 0; k < 500; k++)
        void r.equipment.triggerEvent(BONDED).then(() => {
          answered.n++;
        });
      expect(r.spool.stats.pendingAppends).toBeLessThanOrEqual(maxPendingAppends);
      await new Promise((res) => setImmediate(res));
    }
    await r.spool.flush();
    const deadline = Date.now() + 10_000;
    while (answered.n < 20_000) {
      if (Date.now() > deadline) throw new Error(`${answered.n} of 20,000 events answered`);
      await new Promise((res) => setTimeout(res, 5));
    }
    const st = r.spool.stats;
    expect(st.peakPendingAppends).toBeLessThanOrEqual(maxPendingAppends);
    expect(st.droppedUnwritten).toBeGreaterThan(0);
    // How many are held depends on how far the writes got between turns: never more than the bound.
    const held = r.spool.countActual;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(1000);
    // Each episode: one notice as it starts, one with its number once the writes caught up.
    expect(errors.length % 2).toBe(0);
    let summed = 0;
    for (let i = 0; i < errors.length; i += 2) {
      expect(errors[i]).toMatch(/^not-spooled: spool writes fell behind/);
      const m = /^not-spooled: spool writes caught up: (\d+) messages were overwritten/.exec(
        errors[i + 1] ?? '',
      );
      expect(m).not.toBeNull();
      summed += Number(m?.[1]);
    }
    expect(summed).toBe(st.droppedUnwritten);
    await reconnect(r);
    await transmitAll(r, got, held);
    expect(got).toHaveLength(held);
    expect(increasing(got)).toBe(true);
    // The newest was kept: the next event takes the DATAID after the last one delivered.
    expect(await r.equipment.triggerEvent(BONDED)).toBe(true);
    expect(got[held]).toBe(Number(got[held - 1]) + 1);
  });
});
