// The equipment's outgoing primaries: when they may be sent (E30: communicating, ONLINE, session
// selected), where they go when they may not (the spool, E30 6.5), and the E5 answer to a reply
// that never came (S9F9 with the header of the unanswered primary).

import { HsmsError } from '../../hsms/errors.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { SecsMessage } from '../../message.js';
import { S9, s9 } from '../messages/s9-errors.js';
import type { CommunicationState } from '../state/communication-state.js';
import { type ControlState, isOnline } from '../state/control-state.js';
import type { SpoolLink } from './spool-link.js';

export interface OutboundPort {
  readonly session: HsmsSession;
  communicationState(): CommunicationState;
  controlState(): ControlState;
  readonly spoolLink: SpoolLink | undefined;
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
   * Offline equipment sends nothing and spools nothing.
   */
  spoolIfDown(msg: SecsMessage): void {
    const { spoolLink } = this.port;
    if (spoolLink === undefined || !isOnline(this.port.controlState()) || this.linkUp()) return;
    spoolLink.store(msg);
  }

  /** Send a primary and decode its reply; a T3 timeout is answered with S9F9 (E5) and rethrown. */
  async send(msg: SecsMessage): Promise<SecsMessage | undefined> {
    const { session } = this.port;
    try {
      const reply = await session.send(toOutgoing(msg));
      if (reply === undefined) return undefined;
      const r = toSecsMessage(reply);
      return r.ok ? r.message : { stream: reply.stream, function: reply.function, wBit: false };
    } catch (err) {
      if (
        err instanceof HsmsError &&
        err.code === 't3-timeout' &&
        err.header !== undefined &&
        session.state === 'selected'
      )
        void session.send(toOutgoing(s9(S9.transactionTimeout, err.header))).catch(() => {});
      throw err;
    }
  }
}
