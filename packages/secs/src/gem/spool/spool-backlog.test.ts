// A producer far faster than the disk (issue 9, "nothing on the wire can exhaust the equipment"):
// appends not yet on disk stay within maxPendingAppends / maxPendingBytes whatever the rate, read from
// the spool's own counters (never from RSS or time); the overwrite policy still keeps the newest
// messages in order; the stop policy refuses with `backlog`. Every append is answered; an unhandled
// rejection would fail the run (vitest reports them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RSDA, Spool, type SpoolOptions } from './spool.js';
import type { SpoolMessage } from './spool-record.js';

let dir: string;
const opened: Spool[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-spool-backlog-'));
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

// S6F11 whose body is `<U4 id>` (format byte 0xB1, one length byte 4): the id stands for the DATAID.
function event(id: number): SpoolMessage {
  const body = new Uint8Array(6);
  body.set([0xb1, 4]);
  new DataView(body.buffer).setUint32(2, id);
  return { stream: 6, function: 11, wBit: true, body };
}
const idOf = (m: SpoolMessage): number => new DataView(m.body.buffer, m.body.byteOffset).getUint32(2);
const RECORD_BYTES = 8 + 11 + 6; // header, fixed payload, body
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

async function openSpool(o: Partial<SpoolOptions>): Promise<Spool> {
  const s = await Spool.open({
    dir,
    maxMessages: 1000,
    maxBytes: 1 << 24,
    policy: 'overwrite',
    sync: false,
    ...o,
  });
  opened.push(s);
  expect(await s.setStreams([{ stream: 6, functions: [11] }])).toEqual({ ok: true });
  return s;
}

async function deliverAll(s: Spool): Promise<number[]> {
  expect(s.startTransmit()).toBe(RSDA.ok);
  const got: number[] = [];
  for await (const m of s.messages()) {
    got.push(idOf(m));
    await s.ack();
  }
  return got;
}

/** Tallies the answers of appends the producer does not keep (as the equipment fires events). */
function tally(): {
  add(p: Promise<{ spooled: boolean; overwritten?: number }>): void;
  spooled: number;
  overwritten: number;
  answered: number;
} {
  const t = {
    spooled: 0,
    overwritten: 0,
    answered: 0,
    add(p: Promise<{ spooled: boolean; overwritten?: number }>): void {
      void p.then((r) => {
        t.answered++;
        if (r.spooled) t.spooled++;
        t.overwritten += r.overwritten ?? 0;
      });
    },
  };
  return t;
}

describe('spool appends faster than the disk', () => {
  it('50,000 appends in one burst into a 100-message overwrite spool: pending stays bounded, the newest 100 are kept in order', async () => {
    const s = await openSpool({ maxMessages: 100, maxPendingAppends: 256, maxPendingBytes: 1 << 20 });
    const t = tally();
    // One synchronous loop: the disk gets no turn at all until it ends.
    for (let id = 0; id < 50_000; id++) {
      t.add(s.append(event(id)));
      expect(s.stats.pendingAppends).toBeLessThanOrEqual(100);
    }
    expect(s.stats.peakPendingAppends).toBeLessThanOrEqual(100);
    expect(s.stats.peakPendingBytes).toBeLessThanOrEqual(100 * RECORD_BYTES);
    await s.flush();
    expect(t.answered).toBe(50_000);
    expect(t.spooled).toBe(50_000);
    expect(t.overwritten).toBe(49_900); // every append accounted for: held or overwritten
    expect(s.stats.pendingAppends).toBe(0);
    expect(s.countActual).toBe(100);
    expect(s.countTotal).toBe(50_000);
    expect(await deliverAll(s)).toEqual(range(49_900, 50_000));
  });

  it('200,000 appends at full speed with the event loop turning: pending never passes its bound, the held stay newest and in order', async () => {
    const maxPendingAppends = 256;
    const maxPendingBytes = 4096; // about 160 records: the byte bound decides here
    const s = await openSpool({ maxMessages: 1000, maxPendingAppends, maxPendingBytes });
    const t = tally();
    let id = 0;
    let peakSeen = 0;
    for (let turn = 0; turn < 100; turn++) {
      for (let k = 0; k < 2000; k++) t.add(s.append(event(id++)));
      expect(s.stats.pendingAppends).toBeLessThanOrEqual(maxPendingAppends);
      expect(s.stats.pendingBytes).toBeLessThanOrEqual(maxPendingBytes);
      peakSeen = Math.max(peakSeen, s.stats.pendingAppends);
      await new Promise((r) => setImmediate(r));
    }
    await s.flush();
    const st = s.stats;
    expect(st.peakPendingAppends).toBeLessThanOrEqual(maxPendingAppends);
    expect(st.peakPendingBytes).toBeLessThanOrEqual(maxPendingBytes);
    expect(st.peakPendingAppends).toBeGreaterThanOrEqual(peakSeen);
    // 2,000 per turn against a bound of ~160: each turn dropped most of its own appends.
    expect(st.droppedUnwritten).toBeGreaterThan(100 * (2000 - 160 - 1));
    expect(st.refusedBacklog).toBe(0);
    expect(t.answered).toBe(200_000);
    expect(t.spooled).toBe(200_000);
    expect(s.countActual).toBe(1000);
    expect(t.overwritten + s.countActual).toBe(200_000);
    const got = await deliverAll(s);
    expect(got).toHaveLength(1000);
    expect(got.every((d, i) => i === 0 || d > got[i - 1]!)).toBe(true);
    expect(got[got.length - 1]).toBe(199_999); // the newest is always kept
  });

  it('the stop policy refuses at the pending bound (`backlog`), counted in SpoolCountTotal, and takes messages again once the disk caught up', async () => {
    const s = await openSpool({ maxMessages: 10_000, policy: 'stop', maxPendingAppends: 256 });
    const answers = Array.from({ length: 1000 }, (_, id) => s.append(event(id)));
    const results = await Promise.all(answers);
    expect(results.slice(0, 256).every((r) => r.spooled)).toBe(true);
    expect(results.slice(256)).toEqual(Array(744).fill({ spooled: false, reason: 'backlog' }));
    expect(s.stats.refusedBacklog).toBe(744);
    expect(s.countActual).toBe(256);
    expect(s.countTotal).toBe(1000);
    expect(await s.append(event(1000))).toEqual({ spooled: true, overwritten: 0 });
    expect(await deliverAll(s)).toEqual([...range(0, 256), 1000]);
  });

  it('a record larger than the pending byte bound is taken when nothing else waits', async () => {
    const s = await openSpool({ maxPendingBytes: 10 });
    expect(await s.append(event(1))).toEqual({ spooled: true, overwritten: 0 });
    expect(await s.append(event(2))).toEqual({ spooled: true, overwritten: 0 });
    expect(await deliverAll(s)).toEqual([1, 2]);
  });

  it('refuses pending bounds below 1 (a programmer error)', () => {
    const o = { dir, maxMessages: 10, maxBytes: 1000, policy: 'stop' as const };
    expect(() => Spool.open({ ...o, maxPendingAppends: 0 })).toThrow(RangeError);
    expect(() => Spool.open({ ...o, maxPendingBytes: Number.NaN })).toThrow(RangeError);
  });
});
