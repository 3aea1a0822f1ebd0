// One HSMS-SS session: the E37 protocol over whatever transport is attached (one at a time).
import { type Clock, realClock, type TimerHandle } from './clock.js';
import type { CommLog } from './comm-log.js';
import { type HsmsConfig, type HsmsConfigInput, resolveHsmsConfig } from './config.js';
import { ConnectionStateMachine, type HsmsState, type HsmsStateEvent } from './connection-state.js';
import {
  CONTROL_SESSION_ID,
  DeselectStatus,
  encodeControl,
  RejectReason,
  SelectStatus,
  sTypeName,
} from './control.js';
import { HsmsError } from './errors.js';
import { TypedEmitter } from './events.js';
import { encodeFrame, FrameParser, type HsmsFrame, type HsmsHeader, SType } from './frame.js';
import { type HsmsMessage, TransactionTable } from './transactions.js';
import type { Transport } from './transport.js';

/** A data message to send. `wBit` defaults to false; `body` to empty. */
export interface OutgoingMessage {
  stream: number;
  function: number;
  wBit?: boolean;
  body?: Uint8Array;
}

/** A handler's answer: the reply to send, or nothing (it may call `reply` itself). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler written as statements returns void
export type HandlerResult = OutgoingMessage | undefined | void;

/** What to do with an incoming primary: return the reply (sent if the primary has W) or nothing. */
export type MessageHandler = (message: HsmsMessage) => HandlerResult | Promise<HandlerResult>;

/** Which side of the connection this session plays (E37: the active side sends Select.req). */
export type HsmsRole = 'active' | 'passive';

export interface HsmsEvents {
  /** A state transition. */
  state: { from: HsmsState; to: HsmsState };
  /** A data message for another session id. GEM answers it with S9F1 (its body is `header`). */
  'unknown-device': { message: HsmsMessage; header: Uint8Array };
  /** The peer sent Reject.req for one of our messages. */
  rejected: { systemBytes: number; reason: number; rejectedType: number };
  /** Something went wrong that is not tied to a promise (timeouts that close the link, bad frames, handler failures). */
  error: HsmsError;
}

export interface HsmsSessionOptions extends HsmsConfigInput {
  clock?: Clock;
  log?: CommLog;
}

type ControlKind = 'select' | 'deselect' | 'linktest';

interface ControlPending {
  kind: ControlKind;
  timer: TimerHandle;
  resolve: (status: number) => void;
  reject: (e: HsmsError) => void;
}

const RESPONSE_OF: Readonly<Record<number, ControlKind>> = {
  [SType.selectRsp]: 'select',
  [SType.deselectRsp]: 'deselect',
  [SType.linktestRsp]: 'linktest',
};

/**
 * An HSMS-SS session. Attach a transport (endpoints do this on connect), then `send`, `reply`, and
 * handle incoming primaries with `onMessage`. State follows E37: not-connected -> not-selected ->
 * selected. Timers: T3 (replies), T6 (control transactions), T7 (not selected), T8 (stalled frame),
 * and an optional periodic linktest.
 */
export class HsmsSession extends TypedEmitter<HsmsEvents> {
  readonly config: HsmsConfig;
  private readonly clock: Clock;
  private readonly log: CommLog | undefined;
  private readonly machine = new ConnectionStateMachine();
  private readonly transactions: TransactionTable;
  private readonly control = new Map<number, ControlPending>();
  private transport: Transport | undefined;
  private parser: FrameParser | undefined;
  private role: HsmsRole = 'passive';
  private handler: MessageHandler | undefined;
  private nextSystemBytes = 1;
  private t7Timer: TimerHandle | undefined;
  private t8Timer: TimerHandle | undefined;
  private linktestTimer: TimerHandle | undefined;
  private lastDataAt = 0;

  constructor(options: HsmsSessionOptions = {}) {
    super();
    const { clock, log, ...config } = options;
    this.config = resolveHsmsConfig(config);
    this.clock = clock ?? realClock;
    this.log = log;
    this.transactions = new TransactionTable(this.clock, this.config.t3Ms);
  }

  get state(): HsmsState {
    return this.machine.state;
  }

  /** Data transactions waiting for a reply. */
  get openTransactions(): number {
    return this.transactions.size;
  }

  /** Set the handler for incoming primary messages (replacing any previous one). */
  onMessage(handler: MessageHandler | undefined): void {
    this.handler = handler;
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
    if (this.transport !== undefined) throw new TypeError('HsmsSession already has a transport');
    this.transport = transport;
    this.role = role;
    const parser = new FrameParser(
      (frame) => {
        if (this.parser === parser) this.onFrame(frame);
      },
      { maxMessageBytes: this.config.maxMessageBytes },
    );
    this.parser = parser;
    transport.bind({
      data: (chunk) => {
        if (this.transport === transport) this.onData(chunk);
      },
      close: () => {
        if (this.transport === transport) {
          this.drop(new HsmsError('connection-closed', 'the HSMS connection closed'), false);
        }
      },
      error: (err) => {
        if (this.transport === transport) {
          this.emit(
            'error',
            new HsmsError('transport-error', `HSMS transport error: ${err.message}`, { cause: err }),
          );
        }
      },
    });
    this.move('connected');
    this.startT7();
    if (role === 'active') {
      this.select().catch((err: unknown) => {
        if (this.transport !== transport) return;
        this.emit('error', err instanceof HsmsError ? err : new HsmsError('protocol-error', String(err)));
        this.drop(new HsmsError('connection-closed', 'select failed; connection closed'), true);
      });
    }
  }

  /**
   * Send a data message. With W set, resolves with the reply (or rejects with `t3-timeout`,
   * `connection-closed`, `rejected`); without W, resolves with undefined once written.
   */
  send(message: OutgoingMessage): Promise<HsmsMessage | undefined> {
    const err = this.checkSendable(message);
    if (err !== undefined) return Promise.reject(err);
    const systemBytes = this.allocSystemBytes();
    const wBit = message.wBit === true;
    const done = wBit ? this.transactions.add(systemBytes, message.stream, message.function) : undefined;
    this.writeData(message, wBit, systemBytes);
    return done ?? Promise.resolve(undefined);
  }

  /**
   * Send the reply to `primary` (same system bytes). `function` defaults to the primary's + 1.
   * Throws HsmsError `not-selected`/`not-connected`/`message-too-large` when it cannot be sent.
   */
  reply(primary: HsmsMessage, message: Partial<OutgoingMessage> = {}): void {
    const out: OutgoingMessage = {
      stream: message.stream ?? primary.stream,
      function: message.function ?? primary.function + 1,
      ...(message.body === undefined ? {} : { body: message.body }),
    };
    const err = this.checkSendable(out);
    if (err !== undefined) throw err;
    this.writeData(out, false, primary.systemBytes);
  }

  /** Select.req (T6). Resolves when selected; rejects with `select-refused` (status in `reason`) or `t6-timeout`. */
  async select(): Promise<void> {
    const status = await this.controlTransaction('select', SType.selectReq);
    // Status 1 after a crossing Select.req has already selected us means the same thing as 0.
    const selectedAnyway = status === SelectStatus.alreadyActive && this.state === 'selected';
    if (status !== SelectStatus.ok && !selectedAnyway) {
      throw new HsmsError('select-refused', `Select.rsp status ${status}`, { reason: status });
    }
    // A Select.req crossing ours may already have selected us.
    if (this.state === 'not-selected') this.enterSelected();
  }

  /** Deselect.req (T6). Resolves when back in NOT SELECTED. */
  async deselect(): Promise<void> {
    const status = await this.controlTransaction('deselect', SType.deselectReq);
    if (status !== DeselectStatus.ok) {
      throw new HsmsError('deselect-refused', `Deselect.rsp status ${status}`, { reason: status });
    }
    if (this.state === 'selected') this.leaveSelected();
  }

  /** Linktest.req (T6). Resolves with the round trip in ms. */
  async linktest(): Promise<number> {
    const t0 = this.clock.now();
    await this.controlTransaction('linktest', SType.linktestReq);
    return this.clock.now() - t0;
  }

  /** Send Separate.req and close the connection (no response in E37). */
  separate(): void {
    const t = this.transport;
    if (t === undefined) return;
    const sb = this.allocSystemBytes();
    this.writeControl(SType.separateReq, this.controlSessionId(), sb, 0, 0);
    this.drop(new HsmsError('connection-closed', 'HSMS session separated'), false);
    t.end();
  }

  /** Close the connection without Separate.req (open transactions fail with `connection-closed`). */
  close(): void {
    this.drop(new HsmsError('connection-closed', 'HSMS connection closed locally'), true);
  }

  // ---- receiving ---------------------------------------------------------------------------------

  private onData(chunk: Uint8Array): void {
    const parser = this.parser;
    if (parser === undefined) return;
    this.lastDataAt = this.clock.now();
    const err = parser.push(chunk);
    if (err !== undefined) {
      this.emit(
        'error',
        new HsmsError(err.code === 'message-too-large' ? 'message-too-large' : 'protocol-error', err.message),
      );
      this.drop(new HsmsError('connection-closed', `connection closed: ${err.message}`), true);
      return;
    }
    if (parser.pending > 0 && this.t8Timer === undefined && this.parser === parser) {
      this.t8Timer = this.clock.setTimeout(this.onT8, this.config.t8Ms);
    }
  }

  private onFrame(frame: HsmsFrame): void {
    const h = frame.header;
    this.log?.record({ direction: 'in', header: h, body: frame.body });
    if (h.pType !== 0) {
      if (h.sType !== SType.rejectReq) {
        this.writeControl(
          SType.rejectReq,
          h.sessionId,
          h.systemBytes,
          h.pType,
          RejectReason.pTypeNotSupported,
        );
      }
      return;
    }
    switch (h.sType) {
      case SType.data:
        this.onDataMessage(frame);
        break;
      case SType.selectReq:
        this.onSelectReq(h);
        break;
      case SType.deselectReq:
        this.onDeselectReq(h);
        break;
      case SType.linktestReq:
        this.writeControl(SType.linktestRsp, h.sessionId, h.systemBytes, 0, 0);
        break;
      case SType.selectRsp:
      case SType.deselectRsp:
      case SType.linktestRsp:
        this.onControlResponse(h);
        break;
      case SType.rejectReq:
        this.onRejectReq(h);
        break;
      case SType.separateReq:
        this.drop(new HsmsError('connection-closed', 'peer sent Separate.req'), true);
        break;
      default:
        this.writeControl(
          SType.rejectReq,
          h.sessionId,
          h.systemBytes,
          h.sType,
          RejectReason.sTypeNotSupported,
        );
    }
  }

  private onDataMessage(frame: HsmsFrame): void {
    const h = frame.header;
    if (this.state !== 'selected') {
      this.writeControl(
        SType.rejectReq,
        h.sessionId,
        h.systemBytes,
        SType.data,
        RejectReason.entityNotSelected,
      );
      return;
    }
    const message: HsmsMessage = {
      sessionId: h.sessionId,
      stream: h.stream,
      function: h.function,
      wBit: h.wBit,
      systemBytes: h.systemBytes,
      body: frame.body,
    };
    if (h.sessionId !== this.config.sessionId) {
      // E37/E5: a message for an unknown device id is answered with S9F1 by the SECS-II layer.
      const header = Buffer.allocUnsafe(10);
      header.writeUInt16BE(h.sessionId, 0);
      header[2] = (h.wBit ? 0x80 : 0) | h.stream;
      header[3] = h.function;
      header[4] = 0;
      header[5] = 0;
      header.writeUInt32BE(h.systemBytes, 6);
      this.emit('unknown-device', { message, header });
      return;
    }
    if (h.function % 2 === 0) {
      // Secondary (or function 0, abort): must answer an open transaction.
      if (!this.transactions.settle(message)) {
        this.writeControl(
          SType.rejectReq,
          h.sessionId,
          h.systemBytes,
          SType.data,
          RejectReason.transactionNotOpen,
        );
      }
      return;
    }
    this.dispatch(message);
  }

  private dispatch(message: HsmsMessage): void {
    const handler = this.handler;
    if (handler === undefined) return;
    let result: ReturnType<MessageHandler>;
    try {
      result = handler(message);
    } catch (err) {
      this.handlerFailed(message, err);
      return;
    }
    if (result === undefined) return;
    if (result instanceof Promise) {
      result.then(
        (r) => this.replyFromHandler(message, r),
        (err: unknown) => this.handlerFailed(message, err),
      );
    } else {
      this.replyFromHandler(message, result);
    }
  }

  private replyFromHandler(primary: HsmsMessage, r: HandlerResult): void {
    if (r === undefined || r === null || !primary.wBit || this.state !== 'selected') return;
    try {
      this.reply(primary, r);
    } catch (err) {
      this.handlerFailed(primary, err);
    }
  }

  private handlerFailed(m: HsmsMessage, err: unknown): void {
    const text = err instanceof Error ? err.message : String(err);
    this.emit(
      'error',
      new HsmsError('handler-error', `handler for S${m.stream}F${m.function} failed: ${text}`, {
        cause: err,
      }),
    );
  }

  private onSelectReq(h: HsmsHeader): void {
    if (this.state === 'selected') {
      this.writeControl(SType.selectRsp, h.sessionId, h.systemBytes, 0, SelectStatus.alreadyActive);
      return;
    }
    this.writeControl(SType.selectRsp, h.sessionId, h.systemBytes, 0, SelectStatus.ok);
    this.enterSelected();
  }

  private onDeselectReq(h: HsmsHeader): void {
    if (this.state !== 'selected') {
      this.writeControl(SType.deselectRsp, h.sessionId, h.systemBytes, 0, DeselectStatus.notSelected);
      return;
    }
    this.writeControl(SType.deselectRsp, h.sessionId, h.systemBytes, 0, DeselectStatus.ok);
    this.leaveSelected();
  }

  private onControlResponse(h: HsmsHeader): void {
    const p = this.control.get(h.systemBytes);
    if (p === undefined || p.kind !== RESPONSE_OF[h.sType]) {
      this.writeControl(
        SType.rejectReq,
        h.sessionId,
        h.systemBytes,
        h.sType,
        RejectReason.transactionNotOpen,
      );
      return;
    }
    this.control.delete(h.systemBytes);
    this.clock.clearTimeout(p.timer);
    p.resolve(h.function);
  }

  private onRejectReq(h: HsmsHeader): void {
    const reason = h.function;
    this.emit('rejected', { systemBytes: h.systemBytes, reason, rejectedType: h.stream });
    const err = new HsmsError('rejected', `peer rejected system bytes ${h.systemBytes}: reason ${reason}`, {
      reason,
    });
    if (this.transactions.fail(h.systemBytes, err)) return;
    const p = this.control.get(h.systemBytes);
    if (p !== undefined) {
      this.control.delete(h.systemBytes);
      this.clock.clearTimeout(p.timer);
      p.reject(err);
    }
  }

  // ---- state and timers --------------------------------------------------------------------------

  private move(event: HsmsStateEvent): void {
    const t = this.machine.fire(event);
    // Callers only fire events that the current state allows; a refusal is a bug in this file.
    if (!t.ok) throw new TypeError(`illegal HSMS transition '${event}' in state ${t.from}`);
    this.emit('state', { from: t.from, to: t.to });
  }

  private enterSelected(): void {
    this.clearTimer('t7Timer');
    this.move('select');
    this.scheduleLinktest();
  }

  private leaveSelected(): void {
    this.clearTimer('linktestTimer');
    this.move('deselect');
    this.startT7();
  }

  private startT7(): void {
    this.clearTimer('t7Timer');
    this.t7Timer = this.clock.setTimeout(() => {
      this.t7Timer = undefined;
      if (this.state !== 'not-selected') return;
      this.emit(
        'error',
        new HsmsError('t7-timeout', `not selected within T7 = ${this.config.t7Ms / 1000} s`),
      );
      this.drop(new HsmsError('connection-closed', 'connection closed: T7 expired'), true);
    }, this.config.t7Ms);
  }

  private readonly onT8 = (): void => {
    this.t8Timer = undefined;
    if (this.transport === undefined || this.parser === undefined || this.parser.pending === 0) return;
    const idle = this.clock.now() - this.lastDataAt;
    if (idle < this.config.t8Ms) {
      this.t8Timer = this.clock.setTimeout(this.onT8, this.config.t8Ms - idle);
      return;
    }
    const msg = `frame stalled with ${this.parser.pending} bytes pending for T8 = ${this.config.t8Ms / 1000} s`;
    this.emit('error', new HsmsError('t8-timeout', msg));
    this.drop(new HsmsError('connection-closed', `connection closed: ${msg}`), true);
  };

  private scheduleLinktest(): void {
    if (this.config.linktestMs === 0) return;
    this.clearTimer('linktestTimer');
    this.linktestTimer = this.clock.setTimeout(() => {
      this.linktestTimer = undefined;
      if (this.state !== 'selected') return;
      this.linktest().then(
        () => this.scheduleLinktest(),
        () => {}, // a T6 timeout has already closed the connection and reported the error
      );
    }, this.config.linktestMs);
  }

  private clearTimer(key: 't7Timer' | 't8Timer' | 'linktestTimer'): void {
    const t = this[key];
    if (t !== undefined) {
      this.clock.clearTimeout(t);
      this[key] = undefined;
    }
  }

  /** Tear down the connection: timers, open transactions, state. `destroy` also closes the transport. */
  private drop(reason: HsmsError, destroy: boolean): void {
    const t = this.transport;
    if (t === undefined) return;
    this.transport = undefined;
    this.parser = undefined;
    this.clearTimer('t7Timer');
    this.clearTimer('t8Timer');
    this.clearTimer('linktestTimer');
    if (destroy) t.destroy();
    const controls = [...this.control.values()];
    this.control.clear();
    for (const p of controls) {
      this.clock.clearTimeout(p.timer);
      p.reject(reason);
    }
    this.transactions.failAll(reason);
    this.move('disconnected');
  }

  // ---- sending -----------------------------------------------------------------------------------

  private checkSendable(m: OutgoingMessage): HsmsError | undefined {
    if (this.transport === undefined) return new HsmsError('not-connected', 'HSMS session is not connected');
    if (this.state !== 'selected') return new HsmsError('not-selected', 'HSMS session is not selected');
    const size = 10 + (m.body?.length ?? 0);
    if (size > this.config.maxMessageBytes) {
      return new HsmsError(
        'message-too-large',
        `S${m.stream}F${m.function} is ${size} bytes, over the ${this.config.maxMessageBytes}-byte limit`,
      );
    }
    return undefined;
  }

  private writeData(m: OutgoingMessage, wBit: boolean, systemBytes: number): void {
    const header: HsmsHeader = {
      sessionId: this.config.sessionId,
      stream: m.stream,
      function: m.function,
      wBit,
      pType: 0,
      sType: SType.data,
      systemBytes,
    };
    const body = m.body ?? EMPTY;
    this.log?.record({ direction: 'out', header, body });
    this.transport!.write(encodeFrame(header, body));
  }

  private writeControl(
    sType: number,
    sessionId: number,
    systemBytes: number,
    byte2: number,
    byte3: number,
  ): void {
    const t = this.transport;
    if (t === undefined) return;
    const frame = encodeControl(sType, sessionId, systemBytes, byte2, byte3);
    if (this.log !== undefined) {
      const header = { sessionId, stream: byte2, function: byte3, wBit: false, pType: 0, sType, systemBytes };
      this.log.record({ direction: 'out', header, body: EMPTY });
    }
    t.write(frame);
  }

  private controlTransaction(kind: ControlKind, sType: number): Promise<number> {
    if (this.transport === undefined) {
      return Promise.reject(new HsmsError('not-connected', `cannot send ${sTypeName(sType)}: not connected`));
    }
    const sb = this.allocSystemBytes();
    return new Promise<number>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        if (!this.control.delete(sb)) return;
        const err = new HsmsError(
          't6-timeout',
          `no ${sTypeName(sType + 1)} within T6 = ${this.config.t6Ms / 1000} s`,
        );
        reject(err);
        this.emit('error', err);
        // E37: a control transaction timeout is a communication failure.
        this.drop(new HsmsError('connection-closed', `connection closed: ${err.message}`), true);
      }, this.config.t6Ms);
      this.control.set(sb, { kind, timer, resolve, reject });
      this.writeControl(sType, this.controlSessionId(), sb, 0, 0);
    });
  }

  private controlSessionId(): number {
    return this.config.controlSessionId === 'ffff' ? CONTROL_SESSION_ID : this.config.sessionId;
  }

  private allocSystemBytes(): number {
    for (;;) {
      const sb = this.nextSystemBytes;
      this.nextSystemBytes = sb === 0xffffffff ? 1 : sb + 1;
      if (!this.transactions.has(sb) && !this.control.has(sb)) return sb;
    }
  }
}

const EMPTY = new Uint8Array(0);
