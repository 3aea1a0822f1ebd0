import { describe, expect, it } from 'vitest';
import { FifoList } from './fifo-list.js';

describe('FifoList', () => {
  it('shifts in push order and pops from the back, against an array', () => {
    const f = new FifoList<number>();
    const model: number[] = [];
    // Long enough to pass the compaction threshold several times.
    for (let i = 0; i < 10_000; i++) {
      f.push(i);
      model.push(i);
      if (i % 3 === 0) expect(f.shift()).toBe(model.shift());
      if (i % 7 === 0) expect(f.pop()).toBe(model.pop());
      expect(f.length).toBe(model.length);
      expect(f.first).toBe(model[0]);
      expect(f.last).toBe(model[model.length - 1]);
    }
    while (model.length > 0) expect(f.shift()).toBe(model.shift());
    expect(f.shift()).toBeUndefined();
    expect(f.pop()).toBeUndefined();
    expect(f.first).toBeUndefined();
    expect(f.last).toBeUndefined();
  });

  it('clear empties it', () => {
    const f = new FifoList<string>();
    f.push('a');
    f.push('b');
    f.clear();
    expect(f.length).toBe(0);
    expect(f.first).toBeUndefined();
  });
});
