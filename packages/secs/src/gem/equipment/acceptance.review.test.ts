// Findings of the second acceptance review, each driven as a foreign host would (raw primaries through
// GemHost.request), checked against the E5/E30 answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toOutgoing } from '../../hsms/secs-message.js';
import { A, B, L, U1, U4 } from '../../item/constructors.js';
import type { SecsMessage } from '../../message.js';
import { Spool } from '../spool/spool.js';
import type { RecipeStore } from './recipe-directory.js';
import { dropLink, type Rig, reconnect, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
let dirs: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const msg = (stream: number, fn: number, body?: SecsMessage['body']): SecsMessage =>
  body === undefined ? { stream, function: fn, wBit: true } : { stream, function: fn, wBit: true, body };

/** A small stop-policy spool (10 messages, no fsync) in a fresh directory removed after the test. */
async function tempSpool(prefix: string): Promise<{ dir: string; spool: Spool }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  const spool = await Spool.open({
    dir: join(dir, 'spool'),
    maxMessages: 10,
    maxBytes: 1 << 20,
    policy: 'stop',
    sync: false,
  });
  return { dir, spool };
}

async function online(opts: Parameters<typeof startRig>[0] = {}): Promise<Rig> {
  rig = await startRig(opts);
  expect(await rig.host.requestOnline()).toBe(0);
  return rig;
}

describe('a primary right behind the S1F14 that answers the equipment S1F13', () => {
  it('is served, not aborted: the host sent it after communications were established', async () => {
    const r = await online();
    await dropLink(r);
    // A host that answers S1F13 and sends S1F3 at once: both frames go out in one write.
    const reply = new Promise<number>((resolve) => {
      r.hostSession.onMessage((m) => {
        if (m.stream !== 1 || m.function !== 13) return undefined;
        queueMicrotask(() => {
          r.hostSession.send(toOutgoing(msg(1, 3, L(U4(2))))).then(
            (x) => resolve(x?.function ?? -1),
            () => resolve(-2),
          );
        });
        return toOutgoing({ stream: 1, function: 14, wBit: false, body: L(B([0]), L()) });
      });
    });
    r.active.start();
    expect(await reply).toBe(4); // S1F4, not S1F0
  });
});

describe('S2F15 with an empty list', () => {
  it('is acknowledged without reporting a constant change that did not happen', async () => {
    const r = await online();
    const changed: number[][] = [];
    r.equipment.on('constants-changed', (c) => changed.push(c.ecids));
    const events: number[] = [];
    r.host.on('event', (e) => events.push(e.ceid));
    const reply = await r.host.request(msg(2, 15, L()));
    expect(reply.body).toEqual(B([0]));
    await r.host.request(msg(1, 1)); // anything the equipment sent before this reply has arrived
    expect(changed).toEqual([]);
    expect(events).toEqual([]);
  });
});

describe('S2F43 stream and function checks (E5 STRACK)', () => {
  it('refuses streams and functions the equipment never sends, accepts S5F1/S6F11', async () => {
    const { dir, spool } = await tempSpool('gem-review-spool-');
    try {
      const r = await online({ dir, equipment: { spool } });
      expect(await r.host.setSpoolStreams([{ stream: 99, functions: [] }])).toEqual({
        rspack: 1,
        rejections: [{ stream: 99, strack: 2, functions: [] }],
      });
      expect(await r.host.setSpoolStreams([{ stream: 6, functions: [11, 99] }])).toEqual({
        rspack: 1,
        rejections: [{ stream: 6, strack: 3, functions: [99] }],
      });
      expect(await r.host.setSpoolStreams([{ stream: 1, functions: [] }])).toMatchObject({
        rejections: [{ stream: 1, strack: 1 }],
      });
      expect(spool.streams).toEqual([]); // nothing changed by the refusals
      expect(
        await r.host.setSpoolStreams([
          { stream: 5, functions: [1] },
          { stream: 6, functions: [11] },
        ]),
      ).toEqual({ rspack: 0, rejections: [] });
    } finally {
      await spool.close();
    }
  });
});

describe('S6F23 purge while the spool is being transmitted', () => {
  it('ends the delivery quietly: the message in flight is not acknowledged into a purged spool', async () => {
    const { dir, spool } = await tempSpool('gem-review-purge-');
    try {
      const r = await online({ dir, equipment: { spool } });
      expect(await r.host.linkEvents([{ ceid: 400, rptids: [] }])).toBe(0);
      expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
      await dropLink(r);
      for (let i = 0; i < 3; i++) await r.equipment.triggerEvent(400);
      expect(spool.countActual).toBe(3);
      const errors: string[] = [];
      r.equipment.on('error', (e) => errors.push(e.message));
      // The host purges while the first spooled S6F11 waits for its S6F12 (the others of the
      // delivery window are in flight too, answered without a purge of their own).
      let purging = false;
      const purged = new Promise<number>((resolve) => {
        r.hostSession.onMessage(async (m) => {
          if (m.stream === 1 && m.function === 13)
            return toOutgoing({ stream: 1, function: 14, wBit: false, body: L(B([0]), L()) });
          if (m.stream !== 6 || m.function !== 11) return undefined;
          if (purging) return toOutgoing({ stream: 6, function: 12, wBit: false, body: B([0]) });
          purging = true;
          const reply = await r.hostSession.send(toOutgoing(msg(6, 23, U1(1))));
          resolve(reply?.body[2] ?? -1); // S6F24 <B rsda>: 21 01 rsda
          return toOutgoing({ stream: 6, function: 12, wBit: false, body: B([0]) });
        });
      });
      await reconnect(r);
      expect(await r.host.transmitSpool()).toBe(0);
      expect(await purged).toBe(0);
      await r.host.request(msg(1, 1)); // the S6F12 has been processed by now
      expect(spool.countActual).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await spool.close();
    }
  });
});

describe('S6F23 with an RSDC E5 does not define', () => {
  it('is illegal data (S9F7), not "busy, try later" (RSDA 1)', async () => {
    const r = await online();
    await expect(r.host.request(msg(6, 23, U1(7)))).rejects.toMatchObject({ code: 'rejected', s9: 7 });
    expect((await r.host.request(msg(6, 23, U1(1)))).body).toEqual(B([2])); // purge: no spool, no data
  });
});

describe('process programs: E5 ACKC7 values and store failures', () => {
  it('an S7F3 with an unstorable PPID is refused (ACKC7 1), not "will be performed later" (6)', async () => {
    const r = await online();
    expect(await r.host.sendRecipe('../escape', new Uint8Array([1]))).toBe(1);
    expect(await r.host.listRecipes()).toEqual([]);
  });

  it('a failing recipe store gets an E5 answer instead of silence until T3', async () => {
    const broken = (): Promise<never> => Promise.reject(new Error('disk on fire'));
    const recipes: RecipeStore = { list: broken, read: broken, write: broken, remove: broken };
    const r = await online({ equipment: { recipes } });
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    expect(await r.host.sendRecipe('BOND-STD', new Uint8Array([1]))).toBe(1);
    expect(await r.host.downloadRecipe('BOND-STD')).toBeUndefined();
    expect(await r.host.deleteRecipes(['BOND-STD'])).toBe(1);
    await expect(r.host.listRecipes()).rejects.toMatchObject({ code: 'aborted' });
    // Each failure reaches the tool as an 'error' event naming the message.
    expect(errors).toEqual(
      ['S7F3', 'S7F5', 'S7F17', 'S7F19'].map((k) => `handler for ${k} failed: disk on fire`),
    );
  });
});

describe('DATAID in any E5 format', () => {
  it('accepts an ASCII DATAID in S2F33, S2F35 and S2F49 (E5: format 20, 3x or 5x)', async () => {
    const r = await online();
    const define = L(A('D-1'), L(L(U4(9), L(U4(12)))));
    expect((await r.host.request(msg(2, 33, define))).body).toEqual(B([0]));
    const link = L(A('D-2'), L(L(U4(400), L(U4(9)))));
    expect((await r.host.request(msg(2, 35, link))).body).toEqual(B([0]));
    const stop = L(A('D-3'), A(''), A('STOP'), L());
    // STOP in IDLE is refused by the processing state, which shows the message was understood.
    expect((await r.host.request(msg(2, 49, stop))).body).toEqual(L(B([2]), L()));
  });
});
