import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadAt } from '../store/positional-io.js';
import { Spool } from './spool.js';
import type { SpoolMessage } from './spool-record.js';
import { type ReadWrap, type RecoveredSpool, recoverSpool } from './spool-recover.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-segment-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = (i: number): SpoolMessage => ({
  stream: 6,
  function: 11,
  wBit: true,
  body: new Uint8Array([0xb1, 4, 0, 0, (i >>> 8) & 255, i & 255]),
});

/** 40 records spooled, the first 10 delivered (so the head is inside the segment), files closed. */
async function spoolFiles(): Promise<void> {
  const s = await Spool.open({ dir, maxMessages: 1000, maxBytes: 1 << 20, policy: 'stop', sync: false });
  await s.setStreams([{ stream: 6, functions: [] }]);
  await Promise.all(Array.from({ length: 40 }, (_, i) => s.append(event(i))));
  s.startTransmit();
  for (let i = 0; i < 10; i++) {
    await s.peek();
    await s.ack();
  }
  await s.close();
}

// Reads that return at most `chunk` bytes each (and count the calls): what a signal, a network file
// system or a large request can do. None of them is the end of the file.
function shortReads(chunk: number, calls: { n: number }): ReadWrap {
  return (read: ReadAt): ReadAt =>
    (buffer, offset, length, position) => {
      calls.n++;
      return read(buffer, offset, Math.min(length, chunk), position);
    };
}

const segmentFile = (): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.seg'))!);

/** What recovery finds in `dir` through `wrap`, its files closed again. */
async function recovered(wrap: ReadWrap): Promise<RecoveredSpool> {
  const r = await recoverSpool(dir, false, wrap);
  await Promise.all([r.fh.close(), r.head.close()]);
  return r;
}

describe('spool recovery with short reads', () => {
  it('reads every good record and the head when each read returns only a few bytes', async () => {
    await spoolFiles();
    const calls = { n: 0 };
    const { records, headOffset, validEnd } = await recovered(shortReads(7, calls));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(calls.n).toBeGreaterThan(100); // the 1,000-byte segment really came in 7-byte pieces
    expect(headOffset).toBe(records[10]!.offset);
    expect(statSync(segmentFile()).size).toBe(validEnd); // nothing cut off
  });

  it('still drops a torn last record, and only that, when reads are short', async () => {
    await spoolFiles();
    const good = statSync(segmentFile()).size;
    // The first 12 bytes of a 25-byte record: a crash in the middle of the last append.
    appendFileSync(segmentFile(), Buffer.from([0, 0, 0, 17, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0]));
    const { records, validEnd } = await recovered(shortReads(5, { n: 0 }));
    expect(records).toHaveLength(40);
    expect(validEnd).toBe(good);
    expect(statSync(segmentFile()).size).toBe(good);
  });
});
