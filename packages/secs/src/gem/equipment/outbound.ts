// The equipment's outgoing primaries: when they may be sent (E30: communicating, ONLINE, session
// selected), where they go when they may not (the spool, E30 6.5), after which reply they go (see
// reply-first.ts), and the E5 answer to a reply that never came (S9F9 with the header of the
// unanswered primary).

import { HsmsError } from '../../hsms/errors.js';
import { HEADER_BYTES } from '../../hsms/frame.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { OutgoingMessage } from '../../hsms/session-types.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import type { SecsMessage } from '../../message.js';
import { S9, s9 } from '../messages/s9-errors.js';
import type { CommunicationState } from '../state/communication-state.js';
import { type ControlState, isOnline } from '../state/control-state.js';
import { isLinkGone } from './link-gone.js';
import type { ReplyFirst } from './reply-first.js';
import type { SpoolLink } from './spool-link.js';

/** A reply as a SECS-II message; one whose body cannot be decoded keeps only its stream and function. */
function decoded(reply: HsmsMessage | undefined): SecsMessage | undefined {
  if (reply === undefined) return undefined;
  const r = toSecsMessage(reply);
  return r.ok ? r.value : { stream: reply.stream, function: reply.function, wBit: false };
}

export interface OutboundPort {
  readonly session: HsmsSession;
  communicationState(): CommunicationState;
  controlState(): ControlState;
  readonly spoolLink: SpoolLink | undefined;
  /** Holds primaries raised while a host primary is handled until its reply is written. */
  readonly order: ReplyFirst;
  /**
   * E30 6.5: the spool is active (holds messages not yet delivered or purged), EnableSpooling is on
   * and it keeps `stream`/`fn`: a new one joins it even with the link up, never overtaking older ones.
   */
  spoolFirst(stream: number, fn: number): boolean;
  /** A failure no caller hears of (an S9F9 that could not be sent for another reason than the link). */
  fail(err: unknown): void;
}

/** A spoolable primary on the wire, waiting for its reply. */
interface InFlight {
  readonly msg: SecsMessage;
  readonly whenDown: (msg: SecsMessage) => Promise<void>;
  /** Handed to `whenDown` when the link dropped before the reply. */
  spooled: boolean;
}

export class Outbound {
  // Spoolable primaries sent and not yet answered, oldest first (see `linkLost`).
  private readonly inFlight = new Set<InFlight>();

  constructor(private readonly port: OutboundPort) {}

  /** Communicating and the HSMS session selected, whatever the control state. */
  linkUp(): boolean {
    return this.port.communicationState() === 'communicating' && this.port.session.state === 'selected';
  }

  /** The link is up and the equipment is ONLINE: primaries go to the host. */
  canSend(): boolean {
    return this.linkUp() && isOnline(this.port.controlState());
  }

  /**
   * E30 6.5: while ONLINE and not communicating (link down), spoolable primaries go to the spool.
   * Offline equipment sends nothing and spools nothing. Resolves once the message is on disk; its
   * place in the spool is taken at once (calls keep their order).
   */
  spoolIfDown(msg: SecsMessage): Promise<void> {
    const { spoolLink } = this.port;
    if (
      spoolLink === undefined ||
      !isOnline(this.port.controlState()) ||
      this.mayGo(msg.stream, msg.function)
    )
      return Promise.resolve();
    return spoolLink.store(msg);
  }

  /** The link is up and no older spooled message of this kind waits (E30 6.5). */
  private mayGo(stream: number, fn: number): boolean {
    return this.linkUp() && !(isOnline(this.port.controlState()) && this.port.spoolFirst(stream, fn));
  }

  /**
   * Send a primary and decode its reply; a T3 timeout is answered with S9F9 (E5) and rethrown. With
   * `whenDown` (a spoolable primary), one that was held behind a reply (reply-first.ts) and finds the
   * link down when its turn comes was never sent: `whenDown` gets it (the spool, E30 6.5) and the
   * result is undefined once what `whenDown` returns has resolved (the message is on disk). So does
   * one sent whose reply the link's end cut off (see `linkLost`).
   */
  async send(
    msg: SecsMessage,
    whenDown?: (msg: SecsMessage) => Promise<void>,
  ): Promise<SecsMessage | undefined> {
    const out = toOutgoing(msg, { maxBodyBytes: this.maxBodyBytes() });
    if (whenDown === undefined) return decoded(await this.transmit(out));
    const entry: InFlight = { msg, whenDown, spooled: false };
    try {
      return decoded(await this.transmit(out, () => whenDown(msg), entry));
    } catch (err) {
      if (entry.spooled) return undefined;
      throw err;
    } finally {
      this.inFlight.delete(entry);
    }
  }

  /**
   * The link dropped (called as the session leaves SELECTED, before any reply promise settles): the
   * spoolable primaries still waiting for a reply go to `whenDown` (the spool) in the order they were
   * sent, ahead of anything raised from now on, so the spool keeps the order of raising. E30 6.5 does
   * not lose what the host never acknowledged; a host that did receive one sees its DATAID again.
   */
  linkLost(): void {
    const waiting = Array.from(this.inFlight);
    this.inFlight.clear();
    for (const e of waiting) {
      e.spooled = true;
      // The spool takes each message's place now (order kept); a write that fails later is reported.
      e.whenDown(e.msg).catch((err: unknown) => this.port.fail(err));
    }
  }

  // E5 allows a body as large as the session's frames; the encoder's own default may differ.
  private maxBodyBytes(): number {
    return this.port.session.config.maxMessageBytes - HEADER_BYTES;
  }

  /**
   * Send an encoded primary (after the reply of any host primary being handled, see reply-first.ts)
   * and resolve with the raw reply; a T3 timeout is answered with S9F9 carrying its header (E5), and
   * the returned promise still rejects with it. The promise is the session's own when nothing is
   * held: no extra turn between the reply and the caller (the spool acknowledges on it).
   */
  transmit(
    out: OutgoingMessage,
    whenDown?: () => Promise<void>,
    entry?: InFlight,
  ): Promise<HsmsMessage | undefined> {
    const { session, order } = this.port;
    const sent = order.submit(() => {
      if (whenDown === undefined || this.mayGo(out.stream, out.function)) {
        // Before the write: a write the peer's backlog refuses drops the link within `send`.
        if (entry !== undefined && out.wBit === true) this.inFlight.add(entry);
        return session.send(out);
      }
      return whenDown().then(() => undefined);
    });
    sent.catch((err: unknown) => {
      if (
        err instanceof HsmsError &&
        err.code === 't3-timeout' &&
        err.header !== undefined &&
        session.state === 'selected'
      ) {
        const s9f9 = toOutgoing(s9(S9.transactionTimeout, err.header));
        // Dropped with the link (nothing to tell the host then); anything else is reported.
        void order
          .submit(() => session.send(s9f9))
          .catch((e: unknown) => {
            if (!isLinkGone(e)) this.port.fail(e);
          });
      }
    });
    return sent;
  }
}
