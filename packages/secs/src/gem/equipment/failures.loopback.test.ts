// Failures as values, bugs as bugs: an event that cannot be built or spooled is an 'error' event,
// never an unhandled rejection; a handler's I/O failure gets its E5 answer, but a programmer error
// (TypeError...) is not disguised as SxF0 or an acknowledge code: it is reported and not answered.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecipeStore } from './recipe-directory.js';
import { dropLink, type Rig, startRig, startSpoolRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function withoutUnhandled(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const on = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', on);
  try {
    await run();
    // The equipment's own sends settle within a few turns; Node reports an unhandled rejection once
    // the microtasks of a turn have run.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  } finally {
    process.off('unhandledRejection', on);
  }
  return unhandled;
}

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
    const r = await startRig({ equipment: { recipes }, hsms: { t3Ms: 1000 } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    await expect(r.host.listRecipes()).rejects.toMatchObject({ code: 't3-timeout' });
    await expect(r.host.deleteRecipes(['BOND-STD'])).rejects.toMatchObject({ code: 't3-timeout' });
    expect(errors).toEqual([
      "S7F19 not answered: Cannot read properties of undefined (reading 'x')",
      "S7F17 not answered: Cannot read properties of undefined (reading 'x')",
    ]);
  });
});
