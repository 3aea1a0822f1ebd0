import type { Clock, TimerHandle } from './clock.js';

/** A restartable single timer on an injected clock: at most one pending callback. */
export class OneShotTimer {
  private handle: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  get armed(): boolean {
    return this.handle !== undefined;
  }

  /** (Re)start: any pending callback is dropped. */
  start(ms: number, fn: () => void): void {
    this.stop();
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      fn();
    }, ms);
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
