import { describe, expect, it } from 'vitest';
import { gate } from './gate.js';

describe('gate', () => {
  it('holds what waits on it until it is opened', async () => {
    const g = gate();
    let through = false;
    const waiting = g.done.then(() => {
      through = true;
    });
    await Promise.resolve();
    expect(through).toBe(false);
    g.open();
    await waiting;
    expect(through).toBe(true);
  });
});
