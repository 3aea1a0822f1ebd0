import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

const tick = (ms: number): Promise<void> => new Promise((res) => setTimeout(res, ms));

describe('SerialQueue', () => {
  it('runs operations one at a time in the order asked for, whatever each one takes', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const op = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await tick(ms);
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([q.run(op('a', 20)), q.run(op('b', 0)), q.run(op('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(q.enqueued).toBe(3);
  });

  it('after a failure refuses every later operation with the same error, without running it', async () => {
    const q = new SerialQueue();
    const boom = new Error('disk full');
    let ranAfter = false;
    q.run(async () => {
      throw boom;
    }).catch(() => {});
    const later = q.run(async () => {
      ranAfter = true;
    });
    await expect(later).rejects.toBe(boom);
    expect(ranAfter).toBe(false);
    expect(q.failed).toBe(boom);
    await expect(q.settled()).rejects.toBe(boom);
  });

  it('settled waits for what was asked before it, not for what comes after', async () => {
    const q = new SerialQueue();
    let first = false;
    void q.run(async () => {
      await tick(10);
      first = true;
    });
    const settled = q.settled();
    let second = false;
    void q.run(async () => {
      await tick(30);
      second = true;
    });
    await settled;
    expect([first, second]).toEqual([true, false]);
    await q.settled();
    expect(second).toBe(true);
  });
});
