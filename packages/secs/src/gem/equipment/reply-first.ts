// E30's scenarios have the equipment answer a host primary first and then report what it caused
// (S1F17 -> S1F18, then the control-state S6F11). Handlers raise their events while they run, before
// their reply is written, so every equipment primary raised while a host primary is being handled is
// held until that primary's reply is out. Held primaries keep their order, and a primary raised while
// others are held waits behind them: the wire order is the order of raising (DATAID order). With no
// handler running and nothing held, a primary goes out at once.

import type { Clock, TimerHandle } from '../../hsms/clock.js';

/** A primary waiting for replies: how many handlings it waits for and how to send it. */
interface Held {
  blockers: number;
  run(): void;
}

/** One host primary being handled, from its arrival until its reply (if any) was written. */
export interface Handling {
  /** `SxFy` of the host primary, for the overdue report. */
  readonly key: string;
}

interface ActiveHandling extends Handling {
  /** The connection it arrived on (see `linkLost`). */
  readonly link: number;
  /** The held primaries raised while this one was being handled. */
  readonly waiting: Held[];
  timer: TimerHandle | undefined;
}

export interface ReplyFirstOptions {
  readonly clock: Clock;
  /**
   * How long a handler may hold primaries back, ms (the session's T3: a host waiting longer has
   * given up on the reply anyway). A handler that awaits an event it raised itself would otherwise
   * hold it, and everything behind it, forever.
   */
  holdLimitMs(): number;
  /** A handler ran past the limit: the primaries it held were sent before its reply. */
  overdue(key: string, released: number): void;
}

export class ReplyFirst {
  private readonly active = new Set<ActiveHandling>();
  private readonly held: Held[] = [];
  private link = 0;

  constructor(private readonly options: ReplyFirstOptions) {}

  /** Primaries held now, waiting for replies. */
  get heldCount(): number {
    return this.held.length;
  }

  /** A host primary arrived: primaries raised from now until `replied` wait for its reply. */
  begin(key: string): Handling {
    const h: ActiveHandling = { key, link: this.link, waiting: [], timer: undefined };
    this.active.add(h);
    return h;
  }

  /** The reply to `h` was written (or it has none): send what waited only for it. Idempotent. */
  replied(h: Handling): void {
    const a = h as ActiveHandling;
    if (!this.active.delete(a)) return;
    if (a.timer !== undefined) this.options.clock.clearTimeout(a.timer);
    for (const w of a.waiting) w.blockers--;
    a.waiting.length = 0;
    this.release();
  }

  /**
   * The connection closed: no reply of a primary handled now can be written any more, so nothing
   * waits for them (what was held goes out, or to the spool, now, not after T3 on the next connection).
   */
  linkLost(): void {
    this.link++;
    for (const h of Array.from(this.active)) this.replied(h);
  }

  /** False when `h` arrived on a connection that has closed since: its reply must not be written. */
  sameLink(h: Handling): boolean {
    return (h as ActiveHandling).link === this.link;
  }

  /** Run `send` now, or once the replies it must follow were written; resolves or rejects as it does. */
  submit<T>(send: () => Promise<T>): Promise<T> {
    if (this.active.size === 0 && this.held.length === 0) return send();
    return new Promise<T>((resolve, reject) => {
      const entry: Held = {
        blockers: this.active.size,
        run: () => {
          try {
            send().then(resolve, reject);
          } catch (err) {
            reject(err);
          }
        },
      };
      for (const h of this.active) {
        h.waiting.push(entry);
        h.timer ??= this.options.clock.setTimeout(() => this.expire(h), this.options.holdLimitMs());
      }
      this.held.push(entry);
    });
  }

  // Send from the head while nothing is left to wait for (in raising order: a later primary never
  // overtakes an earlier one that still waits).
  private release(): void {
    while (this.held.length > 0 && this.held[0]!.blockers === 0) this.held.shift()!.run();
  }

  private expire(h: ActiveHandling): void {
    h.timer = undefined;
    const released = h.waiting.length;
    this.replied(h);
    this.options.overdue(h.key, released);
  }
}
