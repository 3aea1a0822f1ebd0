import { describe, expect, it } from 'vitest';
import { FakeRealTime, waitFor } from './fake-real-time.test-util.js';
import { parsePacing } from './pacing.js';
import type { RealTime } from './real-time.js';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock at max pacing', () => {
  it('runs callbacks in time order, ties in scheduling order, never inside at()', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.at(5, () => seen.push(`b@${clock.nowS}`));
    clock.at(1, () => {
      seen.push(`a@${clock.nowS}`);
      clock.after(4, () => seen.push(`c@${clock.nowS}`));
    });
    clock.at(5, () => seen.push(`d@${clock.nowS}`));
    expect(seen).toEqual([]);
    await clock.idle();
    expect(seen).toEqual(['a@1', 'b@5', 'd@5', 'c@5']);
    expect(clock.nowS).toBe(5);
  });

  it('skips a cancelled callback and refuses the past', async () => {
    const clock = new VirtualClock({ startS: 10 });
    const seen: number[] = [];
    const t = clock.at(12, () => seen.push(12));
    clock.at(13, () => seen.push(13));
    t.cancel();
    expect(clock.pending).toBe(1);
    expect(() => clock.at(9, () => undefined)).toThrow(RangeError);
    expect(() => clock.after(-1, () => undefined)).toThrow(RangeError);
    await clock.idle();
    expect(seen).toEqual([13]);
  });

  it('keeps running after a callback throws and reports the error', async () => {
    const errors: unknown[] = [];
    const clock = new VirtualClock({ onError: (e) => errors.push(e) });
    const seen: number[] = [];
    clock.at(1, () => {
      throw new Error('boom');
    });
    clock.at(2, () => seen.push(2));
    await clock.idle();
    expect(seen).toEqual([2]);
    expect(errors).toHaveLength(1);
  });

  it('runs a long chain without sleeping (yields, but virtual time jumps)', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const step = (): void => {
      n++;
      if (n < 5000) clock.after(3600, step);
    };
    clock.at(0, step);
    await clock.idle();
    expect(n).toBe(5000);
    expect(clock.nowS).toBe(4999 * 3600);
  });
});

describe('VirtualClock at a factor', () => {
  it('runs each callback when real time reaches virtual time / factor', async () => {
    const rt = new FakeRealTime();
    const clock = new VirtualClock({ pacing: { mode: 'factor', factor: 10 }, realTime: rt });
    const firedMs: number[] = [];
    clock.at(20, () => firedMs.push(rt.nowMs()));
    clock.at(50, () => firedMs.push(rt.nowMs()));
    await waitFor(() => rt.pendingTimers().length > 0, 'the loop to sleep');
    // 20 virtual seconds at factor 10 is 2 real seconds.
    expect(rt.pendingTimers()).toEqual([2000]);
    rt.advanceTo(2000);
    await waitFor(() => firedMs.length === 1 && rt.pendingTimers().length > 0, 'the first event');
    expect(rt.pendingTimers()).toEqual([5000]);
    // Between events, virtual time follows real time.
    rt.advanceTo(3000);
    expect(clock.nowS).toBe(30);
    rt.advanceTo(5000);
    await clock.idle();
    expect(firedMs).toEqual([2000, 5000]);
  });

  it('schedules after(0) while real time moves between two reads of the clock (fab up --demo crashed)', async () => {
    // A real clock moves between any two reads; this one moves 1 ms per read, so reading the virtual
    // time for the argument of at() and again inside it saw the second later than the first.
    const rt = new FakeRealTime();
    const moving: RealTime = {
      nowMs: () => {
        rt.advanceTo(rt.nowMs() + 1);
        return rt.nowMs();
      },
      setTimer: (ms, fn) => rt.setTimer(ms, fn),
      yieldNow: () => rt.yieldNow(),
    };
    const clock = new VirtualClock({ pacing: { mode: 'factor', factor: 60 }, realTime: moving });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) clock.after(0, () => seen.push(i));
    await waitFor(() => seen.length === 5, 'the five callbacks');
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('wakes for an event scheduled earlier than the one it sleeps for', async () => {
    const rt = new FakeRealTime();
    const clock = new VirtualClock({ pacing: { mode: 'factor', factor: 1 }, realTime: rt });
    const seen: number[] = [];
    clock.at(100, () => seen.push(100));
    await waitFor(() => rt.pendingTimers().includes(100_000), 'the loop to sleep');
    rt.advanceTo(1000);
    clock.at(clock.nowS + 2, () => seen.push(clock.nowS));
    await waitFor(() => rt.pendingTimers().includes(3000), 'the loop to wake and sleep again');
    rt.advanceTo(3000);
    await waitFor(() => seen.length === 1, 'the early event');
    expect(seen).toEqual([3]);
    rt.advanceTo(100_000);
    await clock.idle();
    expect(seen).toEqual([3, 100]);
  });

  it('switches pacing without a jump in virtual time', async () => {
    const rt = new FakeRealTime();
    const clock = new VirtualClock({ pacing: { mode: 'factor', factor: 2 }, realTime: rt });
    rt.advanceTo(1000);
    expect(clock.nowS).toBe(2);
    clock.setPacing({ mode: 'max' });
    expect(clock.nowS).toBe(2);
    const seen: number[] = [];
    clock.at(1e6, () => seen.push(clock.nowS));
    await clock.idle();
    expect(seen).toEqual([1e6]);
  });
});

describe('parsePacing', () => {
  it('reads max and positive factors, refuses the rest naming the word', () => {
    expect(parsePacing('max')).toEqual({ ok: true, value: { mode: 'max' } });
    expect(parsePacing('60')).toEqual({ ok: true, value: { mode: 'factor', factor: 60 } });
    for (const bad of ['0', '-1', 'fast', '', 'Infinity', '1e7']) {
      const r = parsePacing(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.message).toContain(`'${bad}'`);
    }
  });
});
