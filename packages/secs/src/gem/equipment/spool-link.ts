// The equipment's use of the durable spool (E30 6.5): store a primary that cannot go out now, and
// deliver the stored ones in order after S6F23, a window of them in flight (SpoolOptions.transmitWindow,
// default 16): the spool advances its head durably as each is acknowledged by the host after every
// older one, so nothing is lost and at most the window in flight at a crash is sent twice. The spool's place for a message is taken at once, the disk write
// follows: `store` resolves once the message is on disk, so whoever reports it as spooled waits.
//
// What is reported (`fail`): a message refused (`not-spooled`, each one); messages overwritten before
// they reached the disk because its writes fell behind (`not-spooled`, once when it starts and once
// with their number when the writes caught up); a storage failure (`storage-failed`, once: the spool
// then refuses everything until the equipment restarts, and the refusals are not reported again).

import { SecsEncodeError } from '../../codec/encode.js';
import { toOutgoing } from '../../hsms/secs-message.js';
import type { OutgoingMessage } from '../../hsms/session-types.js';
import type { SecsMessage } from '../../message.js';
import type { AppendResult, Spool } from '../spool/spool.js';
import { GemEquipmentError } from './gem-equipment-error.js';

/** The E30 spooling activated / deactivated events, as the equipment's model declares them. */
export interface SpoolNotice {
  /**
   * Raise the activated event: the spool just took its first message. Raised like any event (the
   * link is down: it is spooled), so it takes the next DATAID and its place behind every message
   * raised before it, those still held behind a reply included.
   */
  activated?: () => void;
  /** Report the deactivated event (the link is up: sent, not spooled). */
  deactivated?: () => void;
}

// Refusals not reported per message: not selected by S2F43; the spool failed (reported once) or closed.
const SILENT: ReadonlySet<string> = new Set(['not-spoolable', 'storage-failed', 'closed']);

export class SpoolLink {
  private delivering = false;
  // Overwritten before reaching the disk: how many were reported, and whether an episode is open.
  private dropsReported = 0;
  private dropping = false;

  constructor(
    readonly spool: Spool,
    /**
     * Send with W and resolve on the reply (reject on T3 or link loss): the equipment's outbound
     * path, so a delivery goes after the S6F24 that started it and a T3 is answered with S9F9.
     */
    private readonly send: (out: OutgoingMessage) => Promise<unknown>,
    private readonly fail: (err: Error) => void,
    private readonly notice: SpoolNotice = {},
  ) {
    spool.onFailure((err) =>
      this.fail(
        new GemEquipmentError(
          'storage-failed',
          `spool failed, nothing more is spooled until the equipment restarts (its files are recovered then): ${err.message}`,
          { cause: err },
        ),
      ),
    );
  }

  /**
   * Spool a primary if S2F43 selected its stream/function; resolves once it is on disk. A full or
   * oversize spool and a failed write are reported through `fail`, never thrown.
   */
  store(msg: SecsMessage): Promise<void> {
    const wasInactive = this.spool.stateName === 'inactive';
    const stored = this.append(msg);
    // E30 spooling activated happens when the first message goes in: after that message, which was
    // raised (and given its DATAID) before the spool activated.
    if (wasInactive && this.spool.stateName !== 'inactive') this.notice.activated?.();
    return stored;
  }

  /** The spool went back to inactive (emptied by transmit or purge): E30 spooling deactivated. */
  emptied(): void {
    this.notice.deactivated?.();
  }

  private async append(msg: SecsMessage): Promise<void> {
    const what = `S${msg.stream}F${msg.function}`;
    let out: OutgoingMessage;
    try {
      out = toOutgoing(msg);
    } catch (err) {
      // A body that cannot be encoded (over the encoder's size limit) cannot be spooled either.
      if (!(err instanceof SecsEncodeError)) throw err;
      this.fail(new GemEquipmentError('not-spooled', `${what} not spooled: ${err.message}`, { cause: err }));
      return;
    }
    const appended = this.spool.append({
      stream: msg.stream,
      function: msg.function,
      wBit: msg.wBit,
      body: out.body ?? new Uint8Array(),
    });
    this.noteDrops();
    // The spool answers every append (it never rejects).
    const r: AppendResult = await appended;
    this.noteDrops();
    if (!r.spooled && !SILENT.has(r.reason))
      this.fail(new GemEquipmentError('not-spooled', `${what} not spooled: spool ${r.reason}`));
  }

  private noteDrops(): void {
    const { droppedUnwritten, pendingAppends } = this.spool.stats;
    if (!this.dropping && droppedUnwritten > this.dropsReported) {
      this.dropping = true;
      this.fail(
        new GemEquipmentError(
          'not-spooled',
          'spool writes fell behind the messages: the oldest not yet on disk are overwritten until they catch up',
        ),
      );
    } else if (this.dropping && pendingAppends === 0) {
      this.dropping = false;
      const n = droppedUnwritten - this.dropsReported;
      this.dropsReported = droppedUnwritten;
      this.fail(
        new GemEquipmentError(
          'not-spooled',
          `spool writes caught up: ${n} messages were overwritten before they reached the disk`,
        ),
      );
    }
  }

  /**
   * Deliver while the spool is in its transmit state, up to `transmitWindow` messages in flight, in
   * order. Each is acknowledged in the spool as its reply comes, once every older one was: delivered
   * at once, the head write following in the spool's file queue (head moves asked for while one is
   * queued share it), so a crash resends at most the window and the moves not yet written. Stops,
   * keeping the rest, when a send fails or the link drops: what was in flight and not acknowledged is
   * sent again by the next delivery.
   */
  async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    const spool = this.spool;
    const transmitting = (): boolean => spool.stateName.endsWith('/transmit');
    // Sent and not yet acknowledged in the spool, oldest first; `replied` once its reply came.
    const inFlight: { seq: number; replied: boolean }[] = [];
    let failure: { err: unknown } | undefined;
    // A reply or a failure since the loop last looked (set even while it is not waiting).
    let signalled = false;
    let wake: (() => void) | undefined;
    const signal = (): void => {
      signalled = true;
      wake?.();
    };
    // Acknowledge, oldest first, the messages whose reply came; none once the transmission ended
    // (purged, paused or the link lost: what is left is sent again).
    const acknowledge = (): void => {
      while (inFlight[0]?.replied === true && transmitting()) {
        const m = inFlight.shift();
        if (m === undefined) break;
        // A failed head write fails the spool: reported once, and the next read rejects with it.
        spool.ackSeq(m.seq).catch(() => undefined);
        // Emptied at the call: deactivated is raised now, before anything raised meanwhile.
        if (spool.stateName === 'inactive') this.emptied();
      }
      signal();
    };
    let last: number | undefined;
    try {
      for (;;) {
        let exhausted = false;
        while (
          failure === undefined &&
          inFlight.length < spool.transmitWindow &&
          spool.mayTransmit(inFlight.length)
        ) {
          const m = await spool.next(last);
          if (m === undefined || !transmitting()) {
            exhausted = true;
            break;
          }
          last = m.seq;
          const entry = { seq: m.seq, replied: false };
          inFlight.push(entry);
          const { message } = m;
          this.send({
            stream: message.stream,
            function: message.function,
            wBit: message.wBit,
            ...(message.body.length > 0 ? { body: message.body } : {}),
          }).then(
            () => {
              entry.replied = true;
              acknowledge();
            },
            (err: unknown) => {
              failure ??= { err };
              signal();
            },
          );
        }
        if (failure !== undefined) throw failure.err;
        if (!transmitting() || (inFlight.length === 0 && (exhausted || !spool.mayTransmit(0)))) return;
        if (inFlight.length === 0) continue;
        if (!signalled) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        signalled = false;
      }
    } catch (err) {
      spool.linkLost();
      // A storage failure was reported once when it happened.
      if (err !== spool.failed) this.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.delivering = false;
    }
  }

  linkLost(): void {
    this.spool.linkLost();
  }
}
