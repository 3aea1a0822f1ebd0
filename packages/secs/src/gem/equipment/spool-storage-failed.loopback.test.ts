// The spool's storage fails under a running equipment (issue 9): the failure is one `error` event
// `storage-failed` (never an uncaught error or an unhandled rejection), the equipment keeps running,
// nothing more is spooled (events raised with the link down are not spooled and not reported again),
// events go to the host once it is back, and S6F23 answers RSDA 1. The failure is real: the spool's
// directory is removed under it, so its first document write (spooling activated) cannot create its
// temp file.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import type { GemEquipmentError } from './gem-equipment-error.js';
import { dropLink, reconnect, type SpoolRig, startSpoolRig } from './test-rig.test-util.js';

const BONDED = 400;
let rig: SpoolRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what}`);
    await new Promise((res) => setTimeout(res, 2));
  }
}

describe('spool storage failure under a running equipment', () => {
  it('is one storage-failed error; the equipment keeps running without spooling', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = await startSpoolRig({ maxMessages: 100 });
      rig = r;
      const errors: GemEquipmentError[] = [];
      r.equipment.on('error', (e) => errors.push(e));
      expect(await r.host.linkEvents([{ ceid: BONDED, rptids: [] }])).toBe(0);
      expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
      const got: number[] = [];
      r.host.on('event', (e: HostEvent) => got.push(e.ceid));
      await dropLink(r);
      rmSync(join(r.dir, 'spool'), { recursive: true, force: true });
      // The first spooled event activates the spool: its document cannot be written any more.
      const first = await Promise.all(Array.from({ length: 5 }, () => r.equipment.triggerEvent(BONDED)));
      expect(first).toEqual([false, false, false, false, false]);
      await until(() => errors.length > 0, 'the storage failure reported');
      expect(errors.map((e) => e.code)).toEqual(['storage-failed']);
      expect(errors[0]?.message).toMatch(
        /^spool failed, nothing more is spooled until the equipment restarts/,
      );
      expect(errors[0]?.message).toMatch(/ENOENT/);
      expect(r.spool.failed).toBeDefined();
      expect(r.spool.countActual).toBe(0);
      // Still running: more events with the link down are answered, not reported again.
      expect(await r.equipment.triggerEvent(BONDED)).toBe(false);
      expect(r.spool.stats.refusedFailed).toBeGreaterThanOrEqual(1);
      await reconnect(r);
      expect(await r.host.transmitSpool()).toBe(1); // RSDA 1: cannot now
      // With the link up events go to the host, not to the failed spool.
      expect(await r.equipment.triggerEvent(BONDED)).toBe(true);
      expect(got).toEqual([BONDED]);
      expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(1);
      expect(errors.map((e) => e.code)).toEqual(['storage-failed']);
      // The rig closes the spool: that resolves too.
      await r.close();
      rig = undefined;
      for (let i = 0; i < 5; i++) await new Promise((res) => setImmediate(res));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
