import { describe, expect, it } from 'vitest';
import { HeldRecords } from './spool-held.js';
import type { AppendResult } from './spool-options.js';

const rec = (n: number): Uint8Array => new Uint8Array(n);

describe('HeldRecords', () => {
  it('counts pending appends until their write is on disk, and answers each append once', async () => {
    const h = new HeldRecords();
    h.recover(0, 30, 0);
    const answers: Promise<AppendResult>[] = [1, 2, 3].map((seq) => h.push(seq, rec(10 * seq), 0));
    expect([h.count, h.bytes, h.pendingAppends, h.pendingBytes]).toEqual([4, 90, 3, 60]);
    const batch = h.take(2, 100, 1000, 30); // up to sequence 2
    expect(batch.map((r) => [r.seq, r.pos])).toEqual([
      [1, 30],
      [2, 40],
    ]);
    expect(h.pendingAppends).toBe(3); // placed, not yet on disk
    h.written(batch);
    h.written(batch); // a second time changes nothing
    expect([h.pendingAppends, h.pendingBytes, h.peakPendingAppends, h.peakPendingBytes]).toEqual([
      1, 30, 3, 60,
    ]);
    expect(h.dropOldestWaiting()).toBe(true); // 3, never written
    expect(await Promise.all(answers)).toEqual([
      { spooled: true, overwritten: 0 },
      { spooled: true, overwritten: 0 },
      { spooled: true, overwritten: 0 },
    ]);
    expect([h.count, h.bytes, h.pendingAppends]).toEqual([3, 60, 0]);
    expect(h.oldest?.seq).toBe(0);
    expect(h.dropOldest()).toBe('placed');
    expect(h.oldestPlaced?.seq).toBe(1);
  });

  it('a write takes at most its count and bytes, and always one record', () => {
    const h = new HeldRecords();
    for (let seq = 0; seq < 5; seq++) void h.push(seq, rec(100), 0);
    expect(h.take(10, 2, 10_000, 0)).toHaveLength(2);
    expect(h.take(10, 10, 250, 200)).toHaveLength(2);
    expect(h.take(10, 10, 1, 400)).toHaveLength(1); // larger than the byte limit, taken alone
    expect(h.take(10, 10, 1, 500)).toHaveLength(0);
  });

  it('a storage failure drops what is not on disk and answers it storage-failed', async () => {
    const h = new HeldRecords();
    h.recover(0, 10, 0);
    const inWrite = h.push(1, rec(10), 0);
    const waiting = h.push(2, rec(10), 0);
    const batch = h.take(1, 10, 100, 10);
    h.failPending(batch);
    const failed = { spooled: false, reason: 'storage-failed' };
    expect(await inWrite).toEqual(failed);
    expect(await waiting).toEqual(failed);
    expect([h.count, h.bytes, h.pendingAppends, h.pendingBytes]).toEqual([1, 10, 0, 0]);
  });

  it('clear answers the waiting appends (delivered or purged) and holds nothing', async () => {
    const h = new HeldRecords();
    const a = h.push(0, rec(10), 2);
    h.clear();
    expect(await a).toEqual({ spooled: true, overwritten: 2 });
    expect([h.count, h.bytes, h.pendingAppends]).toEqual([0, 0, 0]);
    expect(h.oldest).toBeUndefined();
  });
});
