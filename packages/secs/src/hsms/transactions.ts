import type { Clock, TimerHandle } from './clock.js';
import { HsmsError } from './errors.js';
import { encodeHeader, SType } from './frame.js';

/** An incoming data message (primary or reply). */
export interface HsmsMessage {
  sessionId: number;
  stream: number;
  function: number;
  wBit: boolean;
  systemBytes: number;
  /** SECS-II item bytes; empty for header-only messages. */
  body: Uint8Array;
}

interface Pending {
  resolve: (m: HsmsMessage) => void;
  reject: (e: Error) => void;
  deadline: number;
  stream: number;
  function: number;
}

function answers(reply: HsmsMessage, p: Pending): boolean {
  return reply.stream === p.stream && (reply.function === p.function + 1 || reply.function === 0);
}

/**
 * Open data transactions keyed by system bytes, with the T3 reply timeout. Every transaction has
 * the same T3, so deadlines grow in insertion order: one timer for the oldest is enough, instead
 * of a timer per message (which costs more than the message at 100k messages/s).
 */
export class TransactionTable {
  private readonly open = new Map<number, Pending>();
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly t3Ms: number,
    /** Our session id, for the header bytes reported with a T3 timeout. */
    private readonly sessionId = 0,
  ) {}

  get size(): number {
    return this.open.size;
  }

  has(systemBytes: number): boolean {
    return this.open.has(systemBytes);
  }

  /** Open a transaction; the promise settles with the reply, a T3 timeout or `fail`. */
  add(systemBytes: number, stream: number, fn: number): Promise<HsmsMessage> {
    return new Promise<HsmsMessage>((resolve, reject) => {
      this.open.set(systemBytes, {
        resolve,
        reject,
        deadline: this.clock.now() + this.t3Ms,
        stream,
        function: fn,
      });
      if (this.timer === undefined) this.timer = this.clock.setTimeout(this.sweep, this.t3Ms);
    });
  }

  /**
   * Deliver a reply; false when it answers no open transaction. A reply must carry the system bytes
   * of the primary, its stream, and its function + 1 (or 0, the SxF0 abort): an S6F14 with the system
   * bytes of our S1F13 answers nothing, and the S1F13 stays open for its own reply.
   */
  settle(reply: HsmsMessage): boolean {
    const p = this.open.get(reply.systemBytes);
    if (p === undefined || !answers(reply, p)) return false;
    this.open.delete(reply.systemBytes);
    p.resolve(reply);
    return true;
  }

  /**
   * Fail the transaction that `reply` (a reply whose body could not be read: over the size limit)
   * would have settled; false when it answers no open transaction (same rule as `settle`).
   */
  failReply(reply: HsmsMessage, err: HsmsError): boolean {
    const p = this.open.get(reply.systemBytes);
    if (p === undefined || !answers(reply, p)) return false;
    return this.fail(reply.systemBytes, err);
  }

  /** Fail one transaction; false when it is not open. */
  fail(systemBytes: number, err: HsmsError): boolean {
    const p = this.open.get(systemBytes);
    if (p === undefined) return false;
    this.open.delete(systemBytes);
    p.reject(err);
    return true;
  }

  /**
   * End the transaction of our primary `stream`/`fn` sent with `systemBytes`, which the peer says it
   * discarded (GEM: an S9 whose MHEAD names it), with `err`; false when no such transaction is open.
   */
  discard(systemBytes: number, stream: number, fn: number, err: Error): boolean {
    const p = this.open.get(systemBytes);
    if (p === undefined || p.stream !== stream || p.function !== fn) return false;
    this.open.delete(systemBytes);
    p.reject(err);
    return true;
  }

  /** Fail every open transaction (connection lost). */
  failAll(err: HsmsError): void {
    const all = Array.from(this.open.values());
    this.open.clear();
    this.idle();
    for (const p of all) p.reject(err);
  }

  // The sweep timer is left running when the table empties (it finds nothing and stops): in
  // request-by-request traffic that saves a setTimeout/clearTimeout pair per transaction.
  private idle(): void {
    if (this.open.size === 0 && this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private readonly sweep = (): void => {
    this.timer = undefined;
    const now = this.clock.now();
    for (const [sb, p] of this.open) {
      if (p.deadline > now) {
        this.timer = this.clock.setTimeout(this.sweep, p.deadline - now);
        return;
      }
      this.open.delete(sb);
      const header = encodeHeader({
        sessionId: this.sessionId,
        stream: p.stream,
        function: p.function,
        wBit: true,
        pType: 0,
        sType: SType.data,
        systemBytes: sb,
      });
      const text = `no reply to S${p.stream}F${p.function} (system bytes ${sb}) within T3 = ${this.t3Ms / 1000} s`;
      p.reject(new HsmsError('t3-timeout', text, { header }));
    }
  };
}
