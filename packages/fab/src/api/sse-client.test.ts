// The stream's per-client queue: frames pass straight through while the socket takes them, wait once
// it is full, go out on 'drain', and a client that never drains is dropped at the bound.

import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SseClient } from './sse-client.js';

// A response whose socket takes `capacity` bytes, then nothing until `drain()` is called.
function stalledResponse(capacity: number) {
  const written: string[] = [];
  let pending: (() => void) | undefined;
  const w = new Writable({
    highWaterMark: capacity,
    write(chunk: Buffer, _enc, done) {
      written.push(chunk.toString());
      pending = done;
    },
  });
  return {
    res: w as unknown as ServerResponse,
    written,
    drain: () => {
      const p = pending;
      pending = undefined;
      p?.();
    },
  };
}

describe('SseClient', () => {
  it('queues behind a full socket, sends on drain, in order', async () => {
    const s = stalledResponse(10);
    let dropped = false;
    const client = new SseClient(s.res, 1000, () => {
      dropped = true;
    });
    client.event('event', '{"n":1}');
    client.event('event', '{"n":2}');
    client.comment('heartbeat');
    expect(client.backlogBytes).toBeGreaterThan(0);
    for (let i = 0; i < 10 && s.written.length < 3; i++) {
      s.drain();
      await new Promise((r) => setImmediate(r));
    }
    expect(s.written).toEqual([
      'event: event\ndata: {"n":1}\n\n',
      'event: event\ndata: {"n":2}\n\n',
      ': heartbeat\n\n',
    ]);
    expect(client.backlogBytes).toBe(0);
    expect(dropped).toBe(false);
  });

  it('drops a client that does not read once its queue would pass the bound, and keeps no more', () => {
    const s = stalledResponse(10);
    let drops = 0;
    const client = new SseClient(s.res, 4096, () => {
      drops++;
    });
    let maxBacklog = 0;
    for (let i = 0; i < 10_000; i++) {
      client.event('event', JSON.stringify({ i, pad: 'x'.repeat(100) }));
      maxBacklog = Math.max(maxBacklog, client.backlogBytes);
    }
    expect(drops).toBe(1);
    expect(maxBacklog).toBeLessThanOrEqual(4096);
    expect(client.backlogBytes).toBe(0);
    expect(s.written.length).toBe(1);
  });
});
