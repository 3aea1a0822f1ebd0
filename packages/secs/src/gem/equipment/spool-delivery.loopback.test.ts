// Delivery of the spool after S6F23 (E30 6.5) as a foreign host sees it: the S6F24 comes first, then
// the spooled messages; a spooled primary the host does not answer within T3 is reported with S9F9
// carrying its header (E5), like any other primary of the equipment, and stays in the spool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { toOutgoing } from '../../hsms/secs-message.js';
import { B, L, U1 } from '../../item/constructors.js';
import { Spool } from '../spool/spool.js';
import { dropLink, type Rig, reconnect, startRig } from './test-rig.test-util.js';
import { Wire } from './wire-log.test-util.js';

let rig: Rig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * Equipment with a spool for S6F11, online, two events spooled while the link was down; its session's
 * timers on `clock`.
 */
async function twoSpooled(home: string, wire: Wire, spool: Spool, clock: FakeClock): Promise<Rig> {
  rig = await startRig({ dir: home, toolLog: wire, toolHsms: { clock }, equipment: { spool } });
  const r = rig;
  expect(await r.host.requestOnline()).toBe(0);
  expect(await r.host.linkEvents([{ ceid: 400, rptids: [] }])).toBe(0);
  expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  await dropLink(r);
  for (let i = 0; i < 2; i++) expect(await r.equipment.triggerEvent(400)).toBe(false);
  expect(spool.countActual).toBe(2);
  return r;
}

/** Reconnect as a host that answers S1F13 only; `s9` is the body of the first S9 it receives. */
async function reconnectNotAnsweringEvents(r: Rig): Promise<{ s9: Promise<Uint8Array> }> {
  const s9 = new Promise<Uint8Array>((resolve) => {
    r.hostSession.onMessage((m) => {
      if (m.stream === 1 && m.function === 13)
        return toOutgoing({ stream: 1, function: 14, wBit: false, body: L(B([0]), L()) });
      if (m.stream === 9) resolve(m.body);
      return undefined; // S6F11: the host application has stopped answering
    });
  });
  await reconnect(r);
  return { s9 };
}

describe('spool delivery after S6F23', () => {
  it('a spooled S6F11 the host does not answer times out: S9F9 with its header, the spool keeps it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gem-spool-t3-'));
    const spool = await Spool.open({
      dir: join(dir, 'spool'),
      maxMessages: 10,
      maxBytes: 1 << 20,
      policy: 'stop',
    });
    try {
      const wire = new Wire();
      // The equipment's T3 on a fake clock: it runs out when the test says, however loaded the machine.
      const clock = new FakeClock();
      const r = await twoSpooled(dir, wire, spool, clock);
      const errors: string[] = [];
      r.equipment.on('error', (e) => errors.push(e.message));
      const { s9 } = await reconnectNotAnsweringEvents(r);
      wire.clear();
      expect((await r.host.request({ stream: 6, function: 23, wBit: true, body: U1(0) })).body).toEqual(
        B([0]),
      );
      await until(() => wire.frames.includes('S6F11 CEID 400'), 'the first spooled S6F11 sent');
      clock.advance(r.toolSession.config.t3Ms);
      const body = await s9;
      // S9F9 <B[10] SHEAD>: device 1, S6 with W, F11; then the system bytes of the spooled S6F11.
      expect([...body.subarray(0, 6)]).toEqual([0x21, 10, 0, 1, 0x86, 11]);
      // Both spooled messages went out at once (the delivery window, SpoolOptions.transmitWindow);
      // each unanswered one gets its own S9F9.
      expect(wire.frames).toEqual([
        'S6F24',
        'S6F11 CEID 400',
        'S6F11 CEID 400',
        'S9F9 of S6F11',
        'S9F9 of S6F11',
      ]);
      expect(errors).toEqual([expect.stringMatching(/T3/)]);
      expect(spool.countActual).toBe(2); // nothing acknowledged: both wait for the next S6F23
    } finally {
      await spool.close();
    }
  });
});

/** Equipment with a spool of window `transmitWindow` for S6F11, `n` events spooled while the link was down. */
async function spooledEvents(
  n: number,
  transmitWindow: number,
  wire: Wire,
): Promise<{ r: Rig; spool: Spool }> {
  dir = mkdtempSync(join(tmpdir(), 'gem-spool-window-'));
  const spool = await Spool.open({
    dir: join(dir, 'spool'),
    maxMessages: 100,
    maxBytes: 1 << 20,
    policy: 'stop',
    sync: false,
    transmitWindow,
  });
  rig = await startRig({ dir, toolLog: wire, equipment: { spool } });
  const r = rig;
  expect(await r.host.requestOnline()).toBe(0);
  expect(await r.host.linkEvents([{ ceid: 400, rptids: [] }])).toBe(0);
  expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
  await dropLink(r);
  for (let i = 0; i < n; i++) expect(await r.equipment.triggerEvent(400)).toBe(false);
  expect(spool.countActual).toBe(n);
  return { r, spool };
}

/**
 * Reconnect as a host that holds its S6F12s: each S6F11 waits until the test releases it (or, after
 * `answerAll`, is answered at once). `held` lists the DATAIDs received, in arrival order.
 */
async function reconnectHoldingReplies(
  r: Rig,
): Promise<{ held: number[]; release(n: number): void; answerAll(): void }> {
  const waiting: (() => void)[] = [];
  const held: number[] = [];
  let holding = true;
  r.hostSession.onMessage(async (m) => {
    if (m.stream === 1 && m.function === 13)
      return toOutgoing({ stream: 1, function: 14, wBit: false, body: L(B([0]), L()) });
    if (m.stream !== 6 || m.function !== 11) return undefined;
    // S6F11 <L[3] <U4 DATAID> ...>: the DATAID's 4 bytes follow the list and item headers.
    held.push(new DataView(m.body.buffer, m.body.byteOffset).getUint32(4));
    if (holding) await new Promise<void>((answer) => waiting.push(answer));
    return toOutgoing({ stream: 6, function: 12, wBit: false, body: B([0]) });
  });
  await reconnect(r);
  return {
    held,
    release: (n) => {
      for (const answer of waiting.splice(0, n)) answer();
    },
    answerAll: () => {
      holding = false;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

describe('spool delivery window (SpoolOptions.transmitWindow)', () => {
  it('keeps the window in flight, in DATAID order, and acknowledges each as its reply comes', async () => {
    const wire = new Wire();
    const { r, spool } = await spooledEvents(10, 4, wire);
    const host = await reconnectHoldingReplies(r);
    wire.clear();
    expect(await r.host.transmitSpool()).toBe(0);
    // Four go out before any reply; no fifth while they wait.
    await until(() => host.held.length === 4, 'four spooled S6F11 in flight');
    expect(spool.countActual).toBe(10);
    // One reply: one acknowledged (the head moves), one more sent.
    host.release(1);
    await until(
      () => host.held.length === 5 && spool.countActual === 9,
      'the fifth sent once the first was answered',
    );
    host.answerAll();
    await until(() => spool.countActual === 0, 'all ten acknowledged');
    expect(host.held).toHaveLength(10);
    expect(spool.stateName).toBe('inactive');
    const sent = wire.dataIds.slice(0, 10);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(new Set(sent).size).toBe(10);
  });

  it('a window of 1 sends each only once the previous one was answered', async () => {
    const wire = new Wire();
    const { r, spool } = await spooledEvents(3, 1, wire);
    const host = await reconnectHoldingReplies(r);
    expect(await r.host.transmitSpool()).toBe(0);
    await until(() => host.held.length === 1, 'the first spooled S6F11 in flight');
    // Whatever the host does meanwhile (a round trip here), nothing more goes out.
    expect((await r.host.request({ stream: 1, function: 1, wBit: true })).function).toBe(2);
    expect(host.held).toHaveLength(1);
    host.release(1);
    await until(() => host.held.length === 2 && spool.countActual === 2, 'the second after the first reply');
    expect((await r.host.request({ stream: 1, function: 1, wBit: true })).function).toBe(2);
    expect(host.held).toHaveLength(2);
    host.answerAll();
    await until(() => spool.countActual === 0, 'all acknowledged');
    expect(host.held).toHaveLength(3);
  });

  it('a link lost with the window in flight keeps every unanswered message, sent again in order', async () => {
    const wire = new Wire();
    const { r, spool } = await spooledEvents(6, 4, wire);
    const host = await reconnectHoldingReplies(r);
    expect(await r.host.transmitSpool()).toBe(0);
    await until(() => host.held.length === 4, 'four in flight');
    // Two answered, two not, when the link goes.
    host.release(2);
    await until(() => spool.countActual === 4 && host.held.length === 6, 'two acknowledged, two more sent');
    const firstIds = host.held.slice();
    await dropLink(r);
    expect(spool.countActual).toBe(4);
    expect(spool.stateName).toBe('active/not-full/no-output');
    // A host answering at once gets the four again, oldest first, and the spool empties.
    wire.clear();
    r.hostSession.onMessage((m) => {
      if (m.stream === 1 && m.function === 13)
        return toOutgoing({ stream: 1, function: 14, wBit: false, body: L(B([0]), L()) });
      if (m.stream === 6 && m.function === 11)
        return toOutgoing({ stream: 6, function: 12, wBit: false, body: B([0]) });
      return undefined;
    });
    await reconnect(r);
    expect(await r.host.transmitSpool()).toBe(0);
    await until(() => spool.countActual === 0, 'the rest delivered');
    expect(wire.dataIds.slice(0, 4)).toEqual(firstIds.slice(2, 6));
  });
});
