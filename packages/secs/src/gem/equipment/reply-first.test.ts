import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { ReplyFirst } from './reply-first.js';

const T3 = 45_000;

function setup() {
  const clock = new FakeClock();
  const overdue: string[] = [];
  const order = new ReplyFirst({
    clock,
    holdLimitMs: () => T3,
    overdue: (key, n) => overdue.push(`${key}: ${n}`),
  });
  const sent: string[] = [];
  /** Submit a primary named `name`; it resolves with its name once "sent". */
  const raise = (name: string): Promise<string> =>
    order.submit(() => {
      sent.push(name);
      return Promise.resolve(name);
    });
  return { clock, order, sent, overdue, raise };
}

describe('ReplyFirst', () => {
  it('sends at once when no host primary is being handled', () => {
    const { sent, raise, clock } = setup();
    void raise('S6F11 #1');
    expect(sent).toEqual(['S6F11 #1']);
    expect(clock.pending).toBe(0);
  });

  it('holds what a handler raises until its reply was written, in the order raised', async () => {
    const { order, sent, raise } = setup();
    const h = order.begin('S1F17');
    const results = [raise('S6F11 #1'), raise('S5F1')];
    expect(sent).toEqual([]);
    expect(order.heldCount).toBe(2);
    order.replied(h);
    expect(sent).toEqual(['S6F11 #1', 'S5F1']);
    expect(await Promise.all(results)).toEqual(['S6F11 #1', 'S5F1']);
    void raise('S6F11 #2');
    expect(sent).toEqual(['S6F11 #1', 'S5F1', 'S6F11 #2']);
  });

  it('waits for every handling in progress when raised; a later primary never overtakes an earlier one', () => {
    const { order, sent, raise } = setup();
    const a = order.begin('S2F41');
    void raise('X'); // waits for A
    const b = order.begin('S1F3');
    void raise('Y'); // waits for A and B
    order.replied(a);
    expect(sent).toEqual(['X']);
    void raise('Z'); // waits for B only, and behind Y
    order.replied(b);
    expect(sent).toEqual(['X', 'Y', 'Z']);
    expect(order.heldCount).toBe(0);
  });

  it('a handling that raised nothing holds nothing back after it ended', () => {
    const { order, sent, raise } = setup();
    const h = order.begin('S1F3');
    order.replied(h);
    order.replied(h); // idempotent
    void raise('S6F11');
    expect(sent).toEqual(['S6F11']);
  });

  it('a failed send rejects its own promise only', async () => {
    const { order } = setup();
    const h = order.begin('S2F15');
    const failing = order.submit(() => Promise.reject(new Error('not selected')));
    const thrown = order.submit((): Promise<number> => {
      throw new Error('too large');
    });
    const fine = order.submit(() => Promise.resolve(7));
    order.replied(h);
    await expect(failing).rejects.toThrow('not selected');
    await expect(thrown).rejects.toThrow('too large');
    expect(await fine).toBe(7);
  });

  it('a handler still running after T3 stops holding: what it held goes out, the tool hears why', () => {
    const { clock, order, sent, overdue, raise } = setup();
    const h = order.begin('S2F41');
    void raise('S6F11 #1');
    void raise('S6F11 #2');
    clock.advance(T3 - 1);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual(['S6F11 #1', 'S6F11 #2']);
    expect(overdue).toEqual(['S2F41: 2']);
    void raise('S6F11 #3'); // no longer held by the overdue handler
    expect(sent).toHaveLength(3);
    order.replied(h); // its late reply changes nothing
    expect(overdue).toHaveLength(1);
  });

  it('stops the T3 watch when the reply comes in time', () => {
    const { clock, order, overdue, raise } = setup();
    const h = order.begin('S1F17');
    void raise('S6F11');
    expect(clock.pending).toBe(1);
    order.replied(h);
    expect(clock.pending).toBe(0);
    clock.advance(T3);
    expect(overdue).toEqual([]);
  });
});
