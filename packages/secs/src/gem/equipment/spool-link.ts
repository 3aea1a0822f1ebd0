// The equipment's use of the durable spool (E30 6.5): store a primary that cannot go out now, and
// deliver the stored ones in order after S6F23, each acknowledged by the host before the next is sent
// (the spool advances its head durably on each ack: nothing is lost and at most the message in flight
// at a crash is sent twice).

import { SecsEncodeError } from '../../codec/encode.js';
import { toOutgoing } from '../../hsms/secs-message.js';
import type { OutgoingMessage } from '../../hsms/session-types.js';
import type { SecsMessage } from '../../message.js';
import type { Spool } from '../spool/spool.js';

/** The E30 spooling activated / deactivated events, as the equipment's model declares them. */
export interface SpoolNotice {
  /** The S6F11 to spool ahead of the first message (undefined: no event, or not enabled). */
  activated?: () => SecsMessage | undefined;
  /** Report the deactivated event (the link is up: sent, not spooled). */
  deactivated?: () => void;
}

export class SpoolLink {
  private delivering = false;

  constructor(
    readonly spool: Spool,
    /**
     * Send with W and resolve on the reply (reject on T3 or link loss): the equipment's outbound
     * path, so a delivery goes after the S6F24 that started it and a T3 is answered with S9F9.
     */
    private readonly send: (out: OutgoingMessage) => Promise<unknown>,
    private readonly fail: (err: Error) => void,
    private readonly notice: SpoolNotice = {},
  ) {}

  /** Spool a primary if S2F43 selected its stream/function; a full or oversize spool is reported. */
  store(msg: SecsMessage): void {
    // E30 spooling activated: raised while the link is down, so spooled like any event, ahead of the
    // first message it announces.
    if (this.spool.stateName === 'inactive' && this.spool.isSpoolable(msg.stream, msg.function)) {
      const announce = this.notice.activated?.();
      if (announce !== undefined) this.append(announce);
    }
    this.append(msg);
  }

  /** The spool went back to inactive (emptied by transmit or purge): E30 spooling deactivated. */
  emptied(): void {
    this.notice.deactivated?.();
  }

  private append(msg: SecsMessage): void {
    let out: OutgoingMessage;
    try {
      out = toOutgoing(msg);
    } catch (err) {
      // A body that cannot be encoded (over the encoder's size limit) cannot be spooled either.
      if (!(err instanceof SecsEncodeError)) throw err;
      this.fail(new Error(`S${msg.stream}F${msg.function} not spooled: ${err.message}`, { cause: err }));
      return;
    }
    const r = this.spool.append({
      stream: msg.stream,
      function: msg.function,
      wBit: msg.wBit,
      body: out.body ?? new Uint8Array(),
    });
    if (!r.spooled && r.reason !== 'not-spoolable')
      this.fail(new Error(`S${msg.stream}F${msg.function} not spooled: spool ${r.reason}`));
  }

  /** Deliver while the spool is in its transmit state; stops (keeping the rest) if a send fails. */
  async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    const spool = this.spool;
    try {
      for (;;) {
        const m = spool.peek();
        if (m === undefined || !spool.stateName.endsWith('/transmit')) return;
        await this.send({
          stream: m.stream,
          function: m.function,
          wBit: m.wBit,
          ...(m.body.length > 0 ? { body: m.body } : {}),
        });
        // The host may purge (S6F23 RSDC 1) while a message is in flight: nothing is left to acknowledge.
        if (!spool.stateName.endsWith('/transmit')) return;
        spool.ack();
        if (spool.stateName === 'inactive') this.emptied();
      }
    } catch (err) {
      spool.linkLost();
      this.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.delivering = false;
    }
  }

  linkLost(): void {
    this.spool.linkLost();
  }
}
