// The equipment's outgoing primaries: when they may be sent (E30: communicating, ONLINE, session
// selected), where they go when they may not (the spool, E30 6.5), after which reply they go (see
// reply-first.ts), and the E5 answer to a reply that never came (S9F9 with the header of the
// unanswered primary).

import { HsmsError } from '../../hsms/errors.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { OutgoingMessage } from '../../hsms/session-types.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import type { SecsMessage } from '../../message.js';
import { S9, s9 } from '../messages/s9-errors.js';
import type { CommunicationState } from '../state/communication-state.js';
import { type ControlState, isOnline } from '../state/control-state.js';
import type { ReplyFirst } from './reply-first.js';
import type { SpoolLink } from './spool-link.js';

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
}

export class Outbound {
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
   * Offline equipment sends nothing and spools nothing. Resolves once a spooled message is on disk.
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
   * `whenDown`, a primary that was held behind a reply (reply-first.ts) and finds the link down when
   * its turn comes was never sent: `whenDown` gets it (the spool, E30 6.5) and the result is undefined,
   * once what `whenDown` returns has resolved (the message is on disk).
   */
  async send(
    msg: SecsMessage,
    whenDown?: (msg: SecsMessage) => Promise<void>,
  ): Promise<SecsMessage | undefined> {
    const down = whenDown === undefined ? undefined : () => whenDown(msg);
    const reply = await this.transmit(toOutgoing(msg), down);
    if (reply === undefined) return undefined;
    const r = toSecsMessage(reply);
    return r.ok ? r.value : { stream: reply.stream, function: reply.function, wBit: false };
  }

  /**
   * Send an encoded primary (after the reply of any host primary being handled, see reply-first.ts)
   * and resolve with the raw reply; a T3 timeout is answered with S9F9 carrying its header (E5), and
   * the returned promise still rejects with it. The promise is the session's own when nothing is
   * held: no extra turn between the reply and the caller (the spool acknowledges on it).
   */
  transmit(out: OutgoingMessage, whenDown?: () => Promise<void>): Promise<HsmsMessage | undefined> {
    const { session, order } = this.port;
    const sent = order.submit(() => {
      if (whenDown === undefined || this.mayGo(out.stream, out.function)) return session.send(out);
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
        void order.submit(() => session.send(s9f9)).catch(() => {});
      }
    });
    return sent;
  }
}
