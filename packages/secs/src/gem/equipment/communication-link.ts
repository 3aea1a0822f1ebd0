// The equipment side of E30 communication establishment: S1F13 once the HSMS link is selected,
// WAIT DELAY and retry after a refusal or T3, link loss, and the host's own S1F13. The state lives in
// the communication transition table; this class adds the timers and the messages.

import type { FireResult } from '@bondline/core';
import type { Clock, TimerHandle } from '../../hsms/clock.js';
import type { SecsMessage } from '../../message.js';
import { isProgrammerError } from '../../programmer-error.js';
import * as s1 from '../messages/s1.js';
import { type CommunicationState, communicationMachine } from '../state/communication-state.js';

export interface CommunicationLinkOptions {
  clock: Clock;
  /** The WAIT DELAY before the next S1F13, ms; read at each refusal (the EC may change at run time). */
  retryDelayMs: () => number;
  identity: () => s1.Identity;
  /** Send a primary and resolve with the decoded reply (rejects on T3, link loss...). */
  send: (msg: SecsMessage) => Promise<SecsMessage | undefined>;
  /** True while the HSMS session is SELECTED. */
  selected: () => boolean;
  changed: (from: CommunicationState, to: CommunicationState) => void;
}

export class CommunicationLink {
  private readonly machine = communicationMachine();
  private retryTimer: TimerHandle | undefined;

  constructor(private readonly o: CommunicationLinkOptions) {}

  get state(): CommunicationState {
    return this.machine.state;
  }

  /** True when messages may flow (COMMUNICATING and the link selected). */
  get up(): boolean {
    return this.machine.state === 'communicating' && this.o.selected();
  }

  /** Leave DISABLED (the equipment starts enabled). */
  enable(): void {
    this.move(this.machine.fire('enable'));
    if (this.o.selected()) this.linkUp();
  }

  /** The host sent S1F13 (answered COMMACK 0 by the handler). */
  crReceived(): void {
    this.move(this.machine.fire('cr-received'));
  }

  /** The HSMS session became SELECTED. */
  linkUp(): void {
    if (this.machine.state === 'wait-delay') {
      this.cancelRetry();
      this.move(this.machine.fire('delay-expired'));
    }
    // At once: the HSMS session is SELECTED on both sides by the time our S1F13 can reach the host
    // (the host's session selects as it reads the Select.rsp, before the frames behind it).
    if (this.machine.state === 'wait-cra') void this.establish();
  }

  /** The HSMS session left SELECTED. */
  linkDown(): void {
    this.cancelRetry();
    if (this.machine.state === 'communicating') this.move(this.machine.fire('link-lost'));
    else if (this.machine.state === 'wait-cra') this.move(this.machine.fire('cra-failed'));
  }

  /** Stop timers (equipment shutdown). */
  stop(): void {
    this.cancelRetry();
  }

  /** One S1F13 attempt from WAIT CRA; on failure wait the retry delay and try again. */
  private async establish(): Promise<void> {
    let accepted = false;
    try {
      const reply = await this.o.send(s1.s1f13(this.o.identity()));
      accepted = reply?.function === 14 && s1.parseS1f14(reply.body).commack === 0;
    } catch (err) {
      // No reply (T3, link loss, SxF0...) or a malformed S1F14 is a refusal (E30: retry after the
      // delay); a bug is not.
      if (isProgrammerError(err)) throw err;
      accepted = false;
    }
    if (this.machine.state !== 'wait-cra') return; // the host's S1F13 got there first, or the link dropped
    if (accepted) {
      this.move(this.machine.fire('cra-accepted'));
      return;
    }
    this.move(this.machine.fire('cra-failed'));
    this.retryTimer = this.o.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.machine.state !== 'wait-delay' || !this.o.selected()) return;
      this.move(this.machine.fire('delay-expired'));
      void this.establish();
    }, this.o.retryDelayMs());
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.o.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private move(r: FireResult<CommunicationState, string>): void {
    if (r.ok && r.value.from !== r.value.to) this.o.changed(r.value.from, r.value.to);
  }
}
