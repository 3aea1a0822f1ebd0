import type { Clock, TimerHandle } from './clock.js';

interface Scheduled {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A manual clock for tests: time moves only through `advance`, which fires due callbacks in time
 * order (and callbacks they schedule, if due within the same advance).
 */
export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private queue: Scheduled[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const s = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.queue.push(s);
    return s.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.queue = this.queue.filter((s) => s.id !== handle);
  }

  /** Number of callbacks waiting. */
  get pending(): number {
    return this.queue.length;
  }

  /** Move time forward by `ms`, firing every callback that falls due. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      let next: Scheduled | undefined;
      for (const s of this.queue) if (s.at <= target && (next === undefined || s.at < next.at)) next = s;
      if (next === undefined) break;
      const due = next;
      this.queue = this.queue.filter((s) => s !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = target;
  }
}
