import { describe, expect, it } from 'vitest';
import { PendingRecords } from './spool-pending.js';

function filled(n: number): PendingRecords {
  const p = new PendingRecords();
  for (let i = 0; i < n; i++) p.push(i * 10, 10, i);
  return p;
}

describe('PendingRecords', () => {
  it('counts records and bytes, oldest first, through drops past the trim point', () => {
    const p = filled(3000);
    for (let i = 0; i < 2000; i++) p.dropOldest();
    expect(p.count).toBe(1000);
    expect(p.bytes).toBe(10_000);
    expect(p.oldest).toEqual({ offset: 20_000, size: 10, seq: 2000 });
    p.push(30_000, 7, 3000);
    expect(p.count).toBe(1001);
    expect(p.bytes).toBe(10_007);
  });

  it('dropping from an empty queue changes nothing', () => {
    const p = new PendingRecords();
    p.dropOldest();
    expect(p.count).toBe(0);
    expect(p.bytes).toBe(0);
    expect(p.oldest).toBeUndefined();
  });

  it('shiftOffsets moves the held records to the front of a compacted segment', () => {
    const p = filled(4);
    p.dropOldest();
    p.shiftOffsets(10);
    expect(p.oldest).toEqual({ offset: 0, size: 10, seq: 1 });
    expect(p.count).toBe(3);
    expect(p.bytes).toBe(30);
  });

  it('clear empties it', () => {
    const p = filled(5);
    p.clear();
    expect([p.count, p.bytes, p.oldest]).toEqual([0, 0, undefined]);
  });
});
