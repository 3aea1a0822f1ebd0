import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.js';
import type { SpoolMessage } from './spool-record.js';

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

describe('spool group commit', () => {
  it('appends asked for together share fdatasyncs, and each is acknowledged only after one', async () => {
    const s = await Spool.open({ dir, maxMessages: 1000, maxBytes: 1 << 20, policy: 'stop', sync: true });
    await s.setStreams([{ stream: 6, functions: [] }]);
    const syncsAtAck: number[] = [];
    const appends = Array.from({ length: 200 }, (_, i) =>
      s.append(event(i)).then((r) => {
        syncsAtAck.push(s.appendSyncs);
        return r.spooled;
      }),
    );
    // Counted at the call; no write or fdatasync ran inside it (nothing blocked the event loop).
    expect(s.countActual).toBe(200);
    expect(s.appendSyncs).toBe(0);
    expect(await Promise.all(appends)).toEqual(Array(200).fill(true));
    expect(Math.min(...syncsAtAck)).toBeGreaterThanOrEqual(1);
    expect(s.appendSyncs).toBeLessThanOrEqual(2); // one batch (two if the first append started alone)
    await s.close();
  });
});
