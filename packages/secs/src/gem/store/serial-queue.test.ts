import { gate } from '@bondline/core/testing';
import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs operations one at a time in the order asked for, whatever each one takes', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const op = (name: string, until: Promise<void>) => async () => {
      log.push(`${name} start`);
      await until;
      log.push(`${name} end`);
      return name;
    };
    // The first operation asked for is the last to be allowed to finish.
    const [a, b, c] = [gate(), gate(), gate()];
    const all = Promise.all([q.run(op('a', a.done)), q.run(op('b', b.done)), q.run(op('c', c.done))]);
    c.open();
    b.open();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    a.open();
    const results = await all;
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
    const [one, two] = [gate(), gate()];
    let first = false;
    void q.run(async () => {
      await one.done;
      first = true;
    });
    const settled = q.settled();
    let second = false;
    void q.run(async () => {
      await two.done;
      second = true;
    });
    one.open();
    await settled;
    expect([first, second]).toEqual([true, false]);
    two.open();
    await q.settled();
    expect(second).toBe(true);
  });
});
