// Host requests that an S9 can end: E5 S9F1/3/5/7/11 mean the equipment discarded the primary named
// by MHEAD and will send no reply, so the request fails at once instead of waiting out T3.

import type { HsmsMessage } from '../../hsms/transactions.js';
import type { SecsMessage } from '../../message.js';

const S9_MEANING: Record<number, string> = {
  1: 'unrecognized device id',
  3: 'unrecognized stream',
  5: 'unrecognized function',
  7: 'illegal data',
  11: 'data too long',
};

/**
 * Outstanding W requests by SxFy, oldest first (an S9 names the stream and function it refused). The
 * session does not expose the system bytes it chose, so with two requests of the same SxFy open at
 * once an S9 fails the older one, which is the one the equipment answers first when it handles them in
 * order; the other then waits for its reply or T3.
 */
export class S9Waits {
  private readonly waiting = new Map<string, ((err: Error) => void)[]>();

  /** @param failure the error a request fails with, given `SxFy`, the S9 function and its meaning */
  constructor(private readonly failure: (key: string, fn: number, meaning: string) => Error) {}

  /** The reply of `pending` (sent for `msg`), unless an S9 naming `msg` arrives first. */
  async race(msg: SecsMessage, pending: Promise<HsmsMessage | undefined>): Promise<HsmsMessage | undefined> {
    if (!msg.wBit) return pending;
    pending.catch(() => {}); // after an S9 nobody awaits it; T3 or link loss still settles it
    const key = `S${msg.stream}F${msg.function}`;
    let reject: (err: Error) => void = () => {};
    const rejected = new Promise<never>((_, rej) => {
      reject = rej;
    });
    const queue = this.waiting.get(key) ?? [];
    queue.push(reject);
    this.waiting.set(key, queue);
    try {
      return await Promise.race([pending, rejected]);
    } finally {
      const i = queue.indexOf(reject);
      if (i >= 0) queue.splice(i, 1);
      if (queue.length === 0 && this.waiting.get(key) === queue) this.waiting.delete(key);
    }
  }

  /** An S9F`fn` with this MHEAD arrived: fail the oldest outstanding request it names. */
  reject(fn: number, header: Uint8Array | undefined): void {
    const meaning = S9_MEANING[fn];
    if (header?.length !== 10 || meaning === undefined) return;
    const key = `S${header[2]! & 0x7f}F${header[3]!}`;
    this.waiting.get(key)?.shift()?.(this.failure(key, fn, meaning));
  }
}
