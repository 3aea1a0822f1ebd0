// Group commit for spool appends: instead of an fsync per append, one fsync at most `delayMs` after the
// first unsynced append, on the injected clock.

import type { Clock, TimerHandle } from '../../hsms/clock.js';

export class GroupCommit {
  private unsynced = 0;
  private timer: TimerHandle | undefined;

  /** `sync` makes every append written so far durable (the segment's fsync). */
  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly sync: () => void,
  ) {}

  /** Appends written but not yet synced. */
  get pending(): number {
    return this.unsynced;
  }

  /** An append was written without fsync: sync it within `delayMs`. */
  appended(): void {
    this.unsynced++;
    this.timer ??= this.clock.setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sync the deferred appends now. */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unsynced === 0) return;
    this.sync();
    this.unsynced = 0;
  }

  /** The segment was rewritten and synced by other means: nothing is pending. */
  synced(): void {
    this.unsynced = 0;
  }
}
