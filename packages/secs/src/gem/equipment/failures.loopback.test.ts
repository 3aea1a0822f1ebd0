// Failures as values, bugs as bugs: an event that cannot be built or spooled is an 'error' event,
// never an unhandled rejection; a handler's I/O failure gets its E5 answer, but a programmer error
// (TypeError...) is not disguised as SxF0 or an acknowledge code: it is reported and not answered.
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import type { RecipeStore } from './recipe-directory.js';
import {
  dropLink,
  type Rig,
  roundTrip,
  startRig,
  startSpoolRig,
  withoutUnhandled,
} from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('events that cannot be built or sent', () => {
  it('a report past the encoder limit, fired without await with the link down, is reported, not an unhandled rejection', async () => {
    const r = await startSpoolRig({ maxBytes: 64 * 1024 * 1024 });
    rig = r;
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    expect(await r.host.defineReports([{ rptid: 1, vids: [13] }])).toBe(0); // Recipe (A), empty now
    expect(await r.host.linkEvents([{ ceid: 200, rptids: [1] }])).toBe(0); // ProcessingStarted
    expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    await dropLink(r);
    r.equipment.set('Recipe', 'R'.repeat(16 * 1024 * 1024 + 1)); // grew past what E5 can encode since
    const unhandled = await withoutUnhandled(async () => {
      // The processing transition reports its event itself, without awaiting it.
      expect(r.equipment.processingEvent('START').ok).toBe(true);
    });
    expect(unhandled).toEqual([]);
    expect(errors).toEqual([
      'S6F11 not spooled: body[2][0][1][0]: length 16777217 exceeds 16777215 (3 length bytes)',
    ]);
    expect(r.spool.countActual).toBe(0);
  });
});

describe('handler failures', () => {
  it('an I/O failure of the recipe store gets its E5 answer (unchanged)', async () => {
    const io = (): Promise<never> =>
      Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    const recipes: RecipeStore = { list: io, read: io, write: io, remove: io };
    const r = await startRig({ equipment: { recipes } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    expect(await r.host.deleteRecipes(['BOND-STD'])).toBe(1); // ACKC7 1
  });

  it('a TypeError in the recipe store is reported and not answered: no SxF0, no ACKC7 standing in for it', async () => {
    const bug = (): Promise<never> =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const recipes: RecipeStore = { list: bug, read: bug, write: bug, remove: bug };
    // The host's T3 on a fake clock: it runs out once the equipment has reported the bug, not before.
    const clock = new FakeClock();
    const r = await startRig({ equipment: { recipes }, hostHsms: { clock } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    const t3 = r.hostSession.config.t3Ms;
    const listed = r.host.listRecipes();
    await until(() => errors.length === 1, 'the S7F19 failure reported');
    await roundTrip(r); // any answer written before the S1F2 (there must be none) has been read
    clock.advance(t3);
    await expect(listed).rejects.toMatchObject({ code: 't3-timeout' });
    const deleted = r.host.deleteRecipes(['BOND-STD']);
    await until(() => errors.length === 2, 'the S7F17 failure reported');
    await roundTrip(r);
    clock.advance(t3);
    await expect(deleted).rejects.toMatchObject({ code: 't3-timeout' });
    expect(errors).toEqual([
      "S7F19 not answered: Cannot read properties of undefined (reading 'x')",
      "S7F17 not answered: Cannot read properties of undefined (reading 'x')",
    ]);
  });
});
