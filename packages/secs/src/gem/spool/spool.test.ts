import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../store/store-error.js';
import { RSDA, Spool, type SpoolOptions } from './spool.js';
import { HeadFile } from './spool-head.js';
import { encodeRecord, type SpoolMessage } from './spool-record.js';

let dir: string;
const open: Spool[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-spool-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) {
    try {
      await s.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

// S6F11 W whose body is `<U4 i>` written out by hand (format byte 0xB1, one length byte 4).
function event(i: number, pad = 0): SpoolMessage {
  const body = new Uint8Array(6 + pad);
  body.set([0xb1, 4, (i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
  return { stream: 6, function: 11, wBit: true, body };
}
function idOf(m: SpoolMessage): number {
  return ((m.body[2]! << 24) | (m.body[3]! << 16) | (m.body[4]! << 8) | m.body[5]!) >>> 0;
}

async function openSpool(o: Partial<SpoolOptions> = {}): Promise<Spool> {
  const s = await Spool.open({
    dir,
    maxMessages: 10_000,
    maxBytes: 16 * 1024 * 1024,
    policy: 'stop',
    sync: false,
    wallTime: () => 1_790_000_000_000,
    ...o,
  });
  open.push(s);
  if (s.streams.length === 0)
    expect(await s.setStreams([{ stream: 6, functions: [] }])).toEqual({ ok: true });
  return s;
}

/** Deliver everything, acknowledging each; returns the ids in delivery order. */
async function deliverAll(s: Spool): Promise<number[]> {
  expect(s.startTransmit()).toBe(RSDA.ok);
  const got: number[] = [];
  for await (const m of s.messages()) {
    got.push(idOf(m));
    await s.ack();
  }
  return got;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('Spool', () => {
  it('a delivery window: next() walks the held messages from disk and memory, ackSeq in order, MaxSpoolTransmit bounds the sends', async () => {
    const s = await openSpool({ maxMessages: 5, policy: 'overwrite' });
    for (const i of range(0, 5)) await s.append(event(i));
    // Two more in memory, not awaited: the oldest two are overwritten.
    void s.append(event(5));
    void s.append(event(6));
    expect(s.startTransmit(4)).toBe(RSDA.ok);
    const window: { seq: number; id: number }[] = [];
    let last: number | undefined;
    while (s.mayTransmit(window.length)) {
      const m = await s.next(last);
      if (m === undefined) break;
      last = m.seq;
      window.push({ seq: m.seq, id: idOf(m.message) });
    }
    // MaxSpoolTransmit 4: four in flight, the oldest held first.
    expect(window.map((w) => w.id)).toEqual([2, 3, 4, 5]);
    expect(await s.next(last)).toMatchObject({ seq: expect.any(Number) });
    for (const w of window) await s.ackSeq(w.seq);
    // Four acknowledged: paused with the newest held.
    expect(s.stateName).toBe('active/full/no-output');
    expect(s.countActual).toBe(1);
    expect(s.mayTransmit(0)).toBe(false);
    expect(await deliverAll(s)).toEqual([6]);
  });

  it('refuses a transmit window that is not a positive integer', async () => {
    await expect(openSpool({ transmitWindow: 0 })).rejects.toThrow(
      /transmitWindow must be a positive integer/,
    );
  });

  it('5,000 messages spooled while down are delivered in order, none twice', async () => {
    const s = await openSpool();
    expect(s.stateName).toBe('inactive');
    for (let i = 0; i < 5000; i++)
      expect(await s.append(event(i))).toEqual({ spooled: true, overwritten: 0 });
    expect(s.stateName).toBe('active/not-full/no-output');
    expect(s.countActual).toBe(5000);
    expect(s.countTotal).toBe(5000);
    expect(s.startTime).toBe(1_790_000_000_000);
    expect(await deliverAll(s)).toEqual(range(0, 5000));
    expect(s.stateName).toBe('inactive');
    expect(s.countActual).toBe(0);
    expect(s.startTransmit()).toBe(RSDA.noData);
  });

  it('the same across a restart between spooling and delivery', async () => {
    const a = await openSpool();
    for (let i = 0; i < 5000; i++) await a.append(event(i));
    await a.close();
    const b = await openSpool();
    expect(b.stateName).toBe('active/not-full/no-output');
    expect(b.countActual).toBe(5000);
    expect(b.countTotal).toBe(5000);
    expect(await deliverAll(b)).toEqual(range(0, 5000));
    await b.close();
    expect((await openSpool()).countActual).toBe(0);
  });

  it('a crash mid-delivery resends only the message in flight', async () => {
    const a = await openSpool({ sync: true });
    for (let i = 0; i < 300; i++) await a.append(event(i));
    expect(a.startTransmit()).toBe(RSDA.ok);
    const got: number[] = [];
    for await (const m of a.messages()) {
      got.push(idOf(m));
      if (got.length === 120) break; // sent, reply never came: crash here (no close)
      await a.ack();
    }
    const b = await openSpool();
    expect(b.countActual).toBe(181);
    const rest = await deliverAll(b);
    expect(rest[0]).toBe(119); // the one in flight, again
    expect([...got.slice(0, 119), ...rest]).toEqual(range(0, 300));
  });

  it('discards a torn last record after a crash and keeps every earlier one', async () => {
    const a = await openSpool();
    for (let i = 0; i < 50; i++) await a.append(event(i));
    await a.close();
    const seg = readdirSync(dir).find((f) => f.endsWith('.seg'))!;
    const before = statSync(join(dir, seg)).size;
    // Half of a 25-byte record (8 header + 11 fixed + 6 body) made it to disk.
    appendFileSync(join(dir, seg), Buffer.from([0, 0, 0, 17, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0]));
    const b = await openSpool();
    expect(b.countActual).toBe(50);
    expect(statSync(join(dir, seg)).size).toBe(before); // debris cut off
    await b.append(event(50));
    await b.close();
    expect(await deliverAll(await openSpool())).toEqual(range(0, 51));
  });

  it('a last record with a bad checksum is treated as torn', async () => {
    const a = await openSpool();
    for (let i = 0; i < 5; i++) await a.append(event(i));
    await a.close();
    const seg = readdirSync(dir).find((f) => f.endsWith('.seg'))!;
    // A full-length record whose payload is zeros: length 17, CRC 0 does not match.
    appendFileSync(join(dir, seg), Buffer.concat([Buffer.from([0, 0, 0, 17, 0, 0, 0, 0]), Buffer.alloc(17)]));
    expect(await deliverAll(await openSpool())).toEqual(range(0, 5));
  });

  it('stop policy: at the bound new messages are refused, the held ones stay', async () => {
    const s = await openSpool({ maxMessages: 100, policy: 'stop', wallTime: () => 5 });
    for (let i = 0; i < 150; i++) await s.append(event(i));
    expect(await s.append(event(150))).toEqual({ spooled: false, reason: 'full' });
    expect(s.stateName).toBe('active/full/no-output');
    expect(s.fullTime).toBe(5);
    expect(s.countActual).toBe(100);
    expect(s.countTotal).toBe(151);
    expect(await deliverAll(s)).toEqual(range(0, 100));
  });

  it('overwrite policy: the oldest are dropped, the newest kept in order', async () => {
    const s = await openSpool({ maxMessages: 100, policy: 'overwrite' });
    for (let i = 0; i < 99; i++) await s.append(event(i));
    expect(s.stateName).toBe('active/not-full/no-output');
    await s.append(event(99));
    expect(s.stateName).toBe('active/full/no-output');
    expect(await s.append(event(100))).toEqual({ spooled: true, overwritten: 1 });
    for (let i = 101; i < 250; i++) await s.append(event(i));
    expect(s.countActual).toBe(100);
    expect(s.countTotal).toBe(250);
    await s.close();
    expect(await deliverAll(await openSpool({ maxMessages: 100, policy: 'overwrite' }))).toEqual(
      range(150, 250),
    );
  });

  it('overwrite by byte bound compacts the segment so disk use stays bounded', async () => {
    const opts = { maxMessages: 1000, maxBytes: 100_000, policy: 'overwrite' as const };
    const s = await openSpool(opts);
    for (let i = 0; i < 400; i++) await s.append(event(i, 4000)); // 4,025-byte records
    expect(s.bytesHeld).toBeLessThanOrEqual(100_000);
    const held = s.countActual;
    expect(held).toBe(Math.floor(100_000 / 4025));
    const segBytes = readdirSync(dir)
      .filter((f) => f.endsWith('.seg'))
      .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(segBytes).toBeLessThanOrEqual(2 * 100_000 + 64 * 1024);
    await s.close();
    expect(await deliverAll(await openSpool(opts))).toEqual(range(400 - held, 400));
  });

  it('refuses a message larger than the whole spool', async () => {
    const s = await openSpool({ maxBytes: 1000 });
    expect(await s.append(event(1, 2000))).toEqual({ spooled: false, reason: 'too-large' });
    expect(s.stateName).toBe('inactive');
  });

  it('purge discards everything, durably', async () => {
    const a = await openSpool();
    for (let i = 0; i < 20; i++) await a.append(event(i));
    expect(await a.purge()).toBe(RSDA.ok);
    expect(a.stateName).toBe('inactive');
    expect(a.countActual).toBe(0);
    expect(await a.purge()).toBe(RSDA.noData);
    await a.close();
    expect((await openSpool()).countActual).toBe(0);
  });

  it('link loss during delivery keeps the rest for the next request', async () => {
    const s = await openSpool();
    for (let i = 0; i < 10; i++) await s.append(event(i));
    expect(s.startTransmit()).toBe(RSDA.ok);
    expect(s.startTransmit()).toBe(RSDA.busy);
    for (let i = 0; i < 4; i++) {
      expect(idOf((await s.peek())!)).toBe(i);
      await s.ack();
    }
    s.linkLost();
    expect(s.stateName).toBe('active/not-full/no-output');
    expect(() => s.ack()).toThrow(TypeError);
    await s.append(event(10));
    expect(await deliverAll(s)).toEqual(range(4, 11));
  });

  it('spools only the streams and functions S2F43 selected, never S1 or secondaries', async () => {
    const s = await openSpool();
    expect(
      await s.setStreams([
        { stream: 5, functions: [1] },
        { stream: 6, functions: [11, 13] },
      ]),
    ).toEqual({ ok: true });
    expect(s.isSpoolable(5, 1)).toBe(true);
    expect(s.isSpoolable(6, 1)).toBe(false);
    expect(await s.append({ stream: 1, function: 1, wBit: true, body: new Uint8Array() })).toEqual({
      spooled: false,
      reason: 'not-spoolable',
    });
    await s.close();
    // The selection persists.
    expect((await openSpool()).isSpoolable(6, 13)).toBe(true);
  });
});

describe('Spool overwrite during delivery', () => {
  it('a message overwritten while in flight is not counted against the next one', async () => {
    const s = await openSpool({ maxMessages: 3, policy: 'overwrite' });
    for (let i = 0; i < 3; i++) await s.append(event(i));
    expect(s.startTransmit()).toBe(RSDA.ok);
    expect(idOf((await s.peek())!)).toBe(0);
    await s.append(event(3)); // drops 0, the one in flight
    await s.ack(); // the host acknowledged 0
    expect(idOf((await s.peek())!)).toBe(1);
    expect(s.countActual).toBe(3);
  });
});

describe('Spool ECs', () => {
  it('MaxSpoolTransmit pauses delivery after that many messages; the next request resumes', async () => {
    const s = await openSpool();
    for (let i = 0; i < 10; i++) await s.append(event(i));
    expect(s.startTransmit(4)).toBe(RSDA.ok);
    let yielded = 0;
    for await (const _ of s.messages()) yielded++;
    expect(yielded).toBe(1); // the generator stops when not acknowledged
    const first: number[] = [];
    for await (const m of s.messages()) {
      first.push(idOf(m));
      await s.ack();
    }
    expect(first).toEqual([0, 1, 2, 3]);
    expect(s.stateName).toBe('active/not-full/no-output');
    expect(await deliverAll(s)).toEqual(range(4, 10));
  });

  it('OverWriteSpool switches the policy at run time', async () => {
    const s = await openSpool({ maxMessages: 3, policy: 'stop' });
    for (let i = 0; i < 3; i++) await s.append(event(i));
    expect(await s.append(event(3))).toEqual({ spooled: false, reason: 'full' });
    s.setPolicy('overwrite');
    expect(await s.append(event(4))).toEqual({ spooled: true, overwritten: 1 });
    expect(await deliverAll(s)).toEqual([1, 2, 4]);
  });
});

describe('Spool crash recovery around segment generations', () => {
  it('a crash after writing the next generation but before moving the head keeps the current one', async () => {
    const a = await openSpool();
    for (let i = 0; i < 5; i++) await a.append(event(i));
    await a.close();
    // The would-be compacted copy got written, the head never moved to it.
    writeFileSync(join(dir, 'spool-1.seg'), encodeRecord(99, event(99)));
    const b = await openSpool();
    expect(existsSync(join(dir, 'spool-1.seg'))).toBe(false);
    expect(await deliverAll(b)).toEqual(range(0, 5));
  });

  it('a crash after moving the head but before deleting the old segment drops the old one', async () => {
    const a = await openSpool();
    for (let i = 0; i < 5; i++) await a.append(event(i));
    expect(await a.purge()).toBe(RSDA.ok); // now in generation 1, empty
    await a.close();
    writeFileSync(join(dir, 'spool-0.seg'), encodeRecord(0, event(0)));
    const b = await openSpool();
    expect(b.countActual).toBe(0);
    expect(existsSync(join(dir, 'spool-0.seg'))).toBe(false);
  });

  it('a head that does not point at a record start is reported, not guessed around', async () => {
    const a = await openSpool();
    for (let i = 0; i < 3; i++) await a.append(event(i));
    await a.close();
    const h = await HeadFile.open(join(dir, 'spool-head.bin'), false);
    await h.write({ generation: 0, offset: 7 });
    await h.close();
    let err: unknown;
    try {
      await Spool.open({ dir, maxMessages: 10, maxBytes: 1e6, policy: 'stop', sync: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('corrupt-document');
    expect((err as StoreError).message).toContain('offset 7');
  });
});
