import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('fires due callbacks in time order, including ones scheduled while advancing', () => {
    const c = new FakeClock();
    const log: string[] = [];
    c.setTimeout(() => log.push(`b@${c.now()}`), 20);
    c.setTimeout(() => {
      log.push(`a@${c.now()}`);
      c.setTimeout(() => log.push(`c@${c.now()}`), 5);
    }, 10);
    const dropped = c.setTimeout(() => log.push('never'), 15);
    c.clearTimeout(dropped);
    c.advance(19);
    expect(log).toEqual(['a@10', 'c@15']);
    expect(c.now()).toBe(19);
    c.advance(1);
    expect(log).toEqual(['a@10', 'c@15', 'b@20']);
    expect(c.pending).toBe(0);
  });
});
