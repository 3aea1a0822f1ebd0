// A real-time source a test advances by hand: timers fire only when the test says so.
import type { RealTime } from './real-time.js';

interface FakeTimer {
  atMs: number;
  fn: () => void;
  live: boolean;
}

export class FakeRealTime implements RealTime {
  private now = 0;
  private timers: FakeTimer[] = [];

  nowMs(): number {
    return this.now;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const t: FakeTimer = { atMs: this.now + Math.max(0, ms), fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  }

  yieldNow(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Real times (ms) the live timers are set for, earliest first. */
  pendingTimers(): number[] {
    return this.timers
      .filter((t) => t.live)
      .map((t) => t.atMs)
      .sort((a, b) => a - b);
  }

  /** Move real time to `ms` and fire every live timer due by then, in time order. */
  advanceTo(ms: number): void {
    this.now = ms;
    const due = this.timers.filter((t) => t.live && t.atMs <= ms).sort((a, b) => a.atMs - b.atMs);
    this.timers = this.timers.filter((t) => t.live && t.atMs > ms);
    for (const t of due) {
      t.live = false;
      t.fn();
    }
  }
}

/** Poll `cond` between macrotasks until it holds; throws after `deadlineMs` of real time. */
export async function waitFor(cond: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
