// The controller's only notion of time (docs/tool.md §1): callbacks scheduled at virtual seconds,
// run one at a time in time order. At `max` pacing the clock jumps from one event to the next and
// never sleeps; at a factor it sleeps until the real time an event maps to. Events never run inside
// the call that scheduled them, so a command issued from an event listener cannot re-enter the code
// that emitted the event.
import { EventQueue, type QueuedEvent } from './event-queue.js';
import type { Pacing } from './pacing.js';
import { type RealTime, systemRealTime } from './real-time.js';

export interface ClockOptions {
  pacing?: Pacing;
  /** Real time to follow (default: the process's). */
  realTime?: RealTime;
  /** Virtual time at construction, seconds (default 0). */
  startS?: number;
  /** Called when a scheduled callback throws (default: rethrown outside the clock's loop). */
  onError?: (error: unknown) => void;
}

/** A scheduled callback; cancel() is a no-op once it ran. */
export interface ClockTimer {
  cancel(): void;
}

// At max pacing the loop lets I/O in after this many events or this much real time, whichever first:
// a GEM host talking to a tool running at max speed is still answered.
const YIELD_EVERY_EVENTS = 512;
const YIELD_EVERY_MS = 8;

/** A virtual clock with pluggable pacing. Time is in seconds. */
export class VirtualClock {
  private readonly queue = new EventQueue();
  private readonly rt: RealTime;
  private readonly onError: (error: unknown) => void;
  private seq = 0;
  private lastS: number;
  private pace: Pacing;
  private anchorMs: number;
  private anchorS: number;
  private running = false;
  private dispatching = false;
  private wake: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(options: ClockOptions = {}) {
    this.rt = options.realTime ?? systemRealTime;
    this.pace = options.pacing ?? { mode: 'max' };
    this.lastS = options.startS ?? 0;
    this.anchorS = this.lastS;
    this.anchorMs = this.rt.nowMs();
    this.onError =
      options.onError ??
      ((error) =>
        queueMicrotask(() => {
          throw error;
        }));
  }

  /** Current pacing. */
  get pacing(): Pacing {
    return this.pace;
  }

  /**
   * Virtual time now, seconds. Inside a callback it is the callback's time; between callbacks at a
   * factor it follows real time, never past the next scheduled event (events stay in order).
   */
  get nowS(): number {
    if (this.dispatching || this.pace.mode === 'max') return this.lastS;
    const mapped = this.anchorS + ((this.rt.nowMs() - this.anchorMs) / 1000) * this.pace.factor;
    const next = this.queue.peek();
    return Math.max(this.lastS, Math.min(mapped, next === undefined ? mapped : next.atS));
  }

  /** Scheduled callbacks not yet run. */
  get pending(): number {
    return this.queue.size;
  }

  /** Change pacing from now on (virtual time continues where it is). */
  setPacing(pacing: Pacing): void {
    this.lastS = this.nowS;
    this.anchorS = this.lastS;
    this.anchorMs = this.rt.nowMs();
    this.pace = pacing;
    this.wake?.();
  }

  /** Run `fn` at virtual time `atS` (seconds, not before now: a programmer error throws RangeError). */
  at(atS: number, fn: () => void): ClockTimer {
    const now = this.nowS;
    if (!Number.isFinite(atS) || atS < now) {
      throw new RangeError(`clock: cannot schedule at ${atS} s, now is ${now} s`);
    }
    return this.push(atS, fn);
  }

  /**
   * Run `fn` after `delayS` virtual seconds (≥ 0). Virtual time is read once: at a factor it follows
   * real time, so `at(nowS + d)` could find the clock already past the time it was given.
   */
  after(delayS: number, fn: () => void): ClockTimer {
    if (!Number.isFinite(delayS) || delayS < 0) throw new RangeError(`clock: bad delay ${delayS} s`);
    return this.push(this.nowS + delayS, fn);
  }

  private push(atS: number, fn: () => void): ClockTimer {
    const e: QueuedEvent = { atS, seq: this.seq++, fn, cancelled: false };
    this.queue.push(e);
    this.ensureRunning();
    // A paced loop asleep until a later event must wake for this one.
    this.wake?.();
    return { cancel: () => this.queue.cancel(e) };
  }

  /** Resolves once no callback is scheduled and the loop has stopped. */
  idle(): Promise<void> {
    if (!this.running && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private ensureRunning(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    // Never run an event inside the at() that scheduled it.
    await this.rt.yieldNow();
    let batch = 0;
    let sinceMs = this.rt.nowMs();
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined) break;
      if (this.pace.mode === 'factor') {
        const dueMs = this.anchorMs + ((next.atS - this.anchorS) * 1000) / this.pace.factor;
        const waitMs = dueMs - this.rt.nowMs();
        if (waitMs > 0) {
          await this.sleep(waitMs);
          continue;
        }
      } else if (++batch >= YIELD_EVERY_EVENTS || this.rt.nowMs() - sinceMs >= YIELD_EVERY_MS) {
        batch = 0;
        await this.rt.yieldNow();
        sinceMs = this.rt.nowMs();
        continue;
      }
      this.queue.pop();
      this.lastS = next.atS;
      this.dispatching = true;
      try {
        next.fn();
      } catch (error) {
        this.onError(error);
      } finally {
        this.dispatching = false;
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let stop = (): void => {};
      const done = (): void => {
        this.wake = undefined;
        stop();
        resolve();
      };
      this.wake = done;
      stop = this.rt.setTimer(ms, done);
    });
  }
}
