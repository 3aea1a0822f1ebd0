// One HSMS-SS session (E37): selection, data transactions, T7 and linktest, over one link at a time.
import { type Clock, realClock } from './clock.js';
import type { CommLog } from './comm-log.js';
import { type HsmsConfig, resolveHsmsConfig } from './config.js';
import { connectionStateMachine, type HsmsState, type HsmsStateEvent } from './connection-state.js';
import { CONTROL_SESSION_ID, DeselectStatus, SelectStatus, sTypeName } from './control.js';
import { deselectAnswer, selectAnswer } from './control-answers.js';
import { DataExchange } from './data-exchange.js';
import { HsmsError } from './errors.js';
import { TypedEmitter } from './events.js';
import { type HsmsFrame, type HsmsHeader, SType } from './frame.js';
import { HsmsLink } from './link.js';
import type { MessageHandler } from './message-handler.js';
import { OneShotTimer } from './one-shot-timer.js';
import type { HsmsEvents, HsmsRole, HsmsSessionOptions, OutgoingMessage } from './session-types.js';
import type { HsmsMessage } from './transactions.js';
import type { Transport } from './transport.js';

/**
 * An HSMS-SS session. Endpoints attach a transport on connect; then `send`, `reply`, and handle
 * incoming primaries with `onMessage`. State follows E37: not-connected -> not-selected -> selected.
 * Timers: T3 (replies), T6 (control transactions), T7 (not selected), T8 (stalled frame), and an
 * optional periodic linktest.
 */
export class HsmsSession extends TypedEmitter<HsmsEvents> {
  readonly config: HsmsConfig;
  private readonly clock: Clock;
  private readonly log: CommLog | undefined;
  private readonly machine = connectionStateMachine();
  private readonly data: DataExchange;
  private link: HsmsLink | undefined;
  private readonly t7: OneShotTimer;
  private readonly linktestTimer: OneShotTimer;

  constructor(options: HsmsSessionOptions = {}) {
    super();
    const { clock, log, ...config } = options;
    this.config = resolveHsmsConfig(config);
    this.clock = clock ?? realClock;
    this.log = log;
    this.data = new DataExchange(this.config, this.clock, {
      link: () => this.link,
      selected: () => this.machine.state === 'selected',
      unknownDevice: (message, header) => this.emit('unknown-device', { message, header }),
      tooLarge: (message, header, declaredLength) =>
        this.emit('message-too-large', { message, header, declaredLength }),
      error: (err) => this.emit('error', err),
      overloaded: (err) => {
        this.emit('error', err);
        this.drop(new HsmsError('connection-closed', `connection closed: ${err.message}`), true);
      },
      // Too many of the peer's primaries still being handled: read no more of them until some finish.
      inProgress: (count) => this.link?.holdReading('handlers', count > this.config.maxPrimariesInProgress),
    });
    this.t7 = new OneShotTimer(this.clock);
    this.linktestTimer = new OneShotTimer(this.clock);
  }

  get state(): HsmsState {
    return this.machine.state;
  }

  /** Bytes written on the current connection and not yet taken by the peer (0 when not connected). */
  get outboundBytes(): number {
    return this.link?.outboundBytes ?? 0;
  }

  /** True while the session does not read the peer, whose unsent bytes are over the high-water mark. */
  get readingPaused(): boolean {
    return this.link?.readingPaused ?? false;
  }

  /** Data transactions waiting for a reply. */
  get openTransactions(): number {
    return this.data.openTransactions;
  }

  /** Set the handler for incoming primary messages (replacing any previous one). */
  onMessage(handler: MessageHandler | undefined): void {
    this.data.handler = handler;
  }

  /** Resolves when the session reaches `state` (at once if it is there). */
  whenState(state: HsmsState): Promise<void> {
    if (this.state === state) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on('state', (s) => {
        if (s.to === state) {
          off();
          resolve();
        }
      });
    });
  }

  /**
   * Take a freshly connected transport. The active side then sends Select.req (closing the
   * connection if it is refused or times out); both sides run T7 until selected.
   * Throws TypeError if a transport is already attached (endpoints never do that).
   */
  attach(transport: Transport, role: HsmsRole): void {
    if (this.link !== undefined) throw new TypeError('HsmsSession already has a transport');
    const link: HsmsLink = new HsmsLink(transport, this.config, this.clock, this.log, {
      frame: (f) => {
        if (this.link === link) this.onFrame(f);
      },
      oversize: (f) => {
        if (this.link !== link) return;
        if (f.header.sType === SType.data) this.data.receiveOversized(f, link);
        else {
          // A control message has no body; one declaring a huge length is skipped and reported.
          const msg = `${sTypeName(f.header.sType)} declares ${f.declaredLength} bytes; skipped`;
          this.emit('error', new HsmsError('protocol-error', msg, { header: f.headerBytes }));
        }
      },
      closed: (reason, error) => {
        if (this.link !== link) return;
        this.link = undefined;
        if (error !== undefined) this.emit('error', error);
        this.afterClose(reason);
      },
      transportError: (e) => {
        if (this.link === link) this.emit('error', e);
      },
    });
    this.link = link;
    this.move('connected');
    this.startT7();
    if (role === 'active') {
      this.select().catch((err: unknown) => {
        // A bug is not a refused select: it surfaces (unhandled) instead of dropping the link quietly.
        if (!(err instanceof HsmsError)) throw err;
        if (this.link !== link) return; // the link already closed and reported why
        this.emit('error', err);
        this.drop(new HsmsError('connection-closed', 'select failed; connection closed'), true);
      });
    }
  }

  /**
   * Send a data message. With W set, resolves with the reply (or rejects with `t3-timeout`,
   * `connection-closed`, `rejected`, or the error given to `discard`); without W, resolves with
   * undefined once written.
   */
  send(message: OutgoingMessage): Promise<HsmsMessage | undefined> {
    return this.data.send(message);
  }

  /**
   * End the open transaction of our primary whose 10-byte header is `header` (the MHEAD of a GEM S9
   * message: the peer discarded the primary and will send no reply): its `send` rejects with `err`
   * at once instead of at T3. Matched by system bytes, stream and function (W set); false when no
   * such transaction is open (already answered, timed out, or not ours).
   */
  discard(header: Uint8Array, err: Error): boolean {
    return this.data.discard(header, err);
  }

  /**
   * Send the reply to `primary` (same system bytes). `function` defaults to the primary's + 1.
   * Throws HsmsError `not-selected`/`not-connected`/`message-too-large` when it cannot be sent.
   */
  reply(primary: HsmsMessage, message: Partial<OutgoingMessage> = {}): void {
    this.data.reply(primary, message);
  }

  /** Select.req (T6). Resolves when selected; rejects with `select-refused` (status in `reason`) or `t6-timeout`. */
  async select(): Promise<void> {
    let granted = false as boolean;
    // The state changes as the Select.rsp is read (see `HsmsLink.controlTransaction`): the peer may
    // send data right behind it, in the same chunk, and that data must find us SELECTED.
    const status = await this.controlTransaction('select', SType.selectReq, (s) => {
      // Status 1 after a crossing Select.req has already selected us means the same thing as 0.
      granted = s === SelectStatus.ok || (s === SelectStatus.alreadyActive && this.state === 'selected');
      if (granted && this.state === 'not-selected') this.enterSelected();
    });
    if (!granted) throw new HsmsError('select-refused', `Select.rsp status ${status}`, { reason: status });
  }

  /** Deselect.req (T6). Resolves when back in NOT SELECTED. */
  async deselect(): Promise<void> {
    // As in `select`: data behind the Deselect.rsp in the same chunk must find us NOT SELECTED.
    const status = await this.controlTransaction('deselect', SType.deselectReq, (s) => {
      if (s === DeselectStatus.ok && this.state === 'selected') this.leaveSelected();
    });
    if (status !== DeselectStatus.ok) {
      throw new HsmsError('deselect-refused', `Deselect.rsp status ${status}`, { reason: status });
    }
  }

  /** Linktest.req (T6). Resolves with the round trip in ms. */
  async linktest(): Promise<number> {
    const t0 = this.clock.now();
    await this.controlTransaction('linktest', SType.linktestReq);
    return this.clock.now() - t0;
  }

  /** Send Separate.req and close the connection gracefully (E37: no response). */
  separate(): void {
    const link = this.link;
    if (link === undefined) return;
    link.writeControl(SType.separateReq, this.controlSessionId(), this.data.allocSystemBytes(), 0, 0);
    this.drop(new HsmsError('connection-closed', 'HSMS session separated'), false);
  }

  /** Close the connection without Separate.req (open transactions fail with `connection-closed`). */
  close(): void {
    this.drop(new HsmsError('connection-closed', 'HSMS connection closed locally'), true);
  }

  // ---- receiving ---------------------------------------------------------------------------------

  private onFrame(frame: HsmsFrame): void {
    const h = frame.header;
    switch (h.sType) {
      case SType.data:
        this.data.receive(frame, this.link!);
        break;
      case SType.selectReq: {
        const status = selectAnswer(this.state, h.sessionId, this.config.sessionId);
        this.link!.writeControl(SType.selectRsp, h.sessionId, h.systemBytes, 0, status);
        if (status === SelectStatus.ok) this.enterSelected();
        break;
      }
      case SType.deselectReq: {
        const status = deselectAnswer(
          this.state,
          this.data.openTransactions,
          h.sessionId,
          this.config.sessionId,
        );
        this.link!.writeControl(SType.deselectRsp, h.sessionId, h.systemBytes, 0, status);
        if (status === DeselectStatus.ok) this.leaveSelected();
        break;
      }
      case SType.rejectReq:
        this.onRejectReq(h);
        break;
      case SType.separateReq:
        this.drop(new HsmsError('connection-closed', 'peer sent Separate.req'), true);
        break;
    }
  }

  private onRejectReq(h: HsmsHeader): void {
    const reason = h.function;
    this.emit('rejected', { systemBytes: h.systemBytes, reason, rejectedType: h.stream });
    const err = new HsmsError('rejected', `peer rejected system bytes ${h.systemBytes}: reason ${reason}`, {
      reason,
    });
    if (!this.data.reject(h.systemBytes, err)) this.link?.rejectControl(h.systemBytes, err);
  }

  // ---- state and timers --------------------------------------------------------------------------

  private move(event: HsmsStateEvent): void {
    const t = this.machine.fire(event);
    // Callers only fire events that the current state allows; a refusal is a bug in this file.
    if (!t.ok) throw new TypeError(t.issues[0]?.message);
    this.emit('state', { from: t.value.from, to: t.value.to });
  }

  private enterSelected(): void {
    this.t7.stop();
    this.move('select');
    this.scheduleLinktest();
  }

  private leaveSelected(): void {
    this.linktestTimer.stop();
    this.move('deselect');
    this.startT7();
  }

  private startT7(): void {
    this.t7.start(this.config.t7Ms, () => {
      if (this.state !== 'not-selected') return;
      this.emit(
        'error',
        new HsmsError('t7-timeout', `not selected within T7 = ${this.config.t7Ms / 1000} s`),
      );
      this.drop(new HsmsError('connection-closed', 'connection closed: T7 expired'), true);
    });
  }

  private scheduleLinktest(): void {
    if (this.config.linktestMs === 0) return;
    this.linktestTimer.start(this.config.linktestMs, () => {
      if (this.state !== 'selected') return;
      this.linktest().then(
        () => this.scheduleLinktest(),
        (err: unknown) => {
          // A T6 timeout has already closed the connection and reported it; a bug surfaces.
          if (!(err instanceof HsmsError)) throw err;
        },
      );
    });
  }

  /** Close the link at our own initiative. `destroy` drops the socket; otherwise it is ended gracefully. */
  private drop(reason: HsmsError, destroy: boolean): void {
    const link = this.link;
    if (link === undefined) return;
    this.link = undefined;
    link.close(reason, destroy);
    this.afterClose(reason);
  }

  private afterClose(reason: HsmsError): void {
    this.t7.stop();
    this.linktestTimer.stop();
    this.data.failAll(reason);
    this.move('disconnected');
  }

  // ---- control transactions ----------------------------------------------------------------------

  private controlTransaction(
    kind: 'select' | 'deselect' | 'linktest',
    sType: number,
    settle?: (status: number) => void,
  ): Promise<number> {
    const link = this.link;
    if (link === undefined)
      return Promise.reject(new HsmsError('not-connected', 'HSMS session is not connected'));
    const systemBytes = this.data.allocSystemBytes();
    return link.controlTransaction(kind, sType, this.controlSessionId(), systemBytes, settle);
  }

  private controlSessionId(): number {
    return this.config.controlSessionId === 'ffff' ? CONTROL_SESSION_ID : this.config.sessionId;
  }
}
