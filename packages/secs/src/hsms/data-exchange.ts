// Data messages of a session: sending, reply matching (T3), primaries to the handler, unknown ids.
import type { Clock } from './clock.js';
import type { HsmsConfig } from './config.js';
import { RejectReason } from './control.js';
import { HsmsError } from './errors.js';
import { encodeHeader, type HsmsFrame, type HsmsHeader, SType } from './frame.js';
import type { OversizeFrame } from './frame-parser.js';
import type { HsmsLink } from './link.js';
import type { HandlerResult, MessageHandler } from './message-handler.js';
import type { OutgoingMessage } from './session-types.js';
import { type HsmsMessage, TransactionTable } from './transactions.js';

/** What the data exchange needs from its session. */
export interface DataExchangeHost {
  /** The current connection, if any. */
  link(): HsmsLink | undefined;
  selected(): boolean;
  unknownDevice(message: HsmsMessage, header: Uint8Array): void;
  tooLarge(message: HsmsMessage, header: Uint8Array, declaredLength: number): void;
  error(err: HsmsError): void;
  /** The peer leaves too many of our primaries unanswered: the session closes the connection. */
  overloaded(err: HsmsError): void;
  /** The number of the peer's primaries whose handler has not finished changed. */
  inProgress(count: number): void;
}

const EMPTY = new Uint8Array(0);

function toMessage(h: HsmsHeader, body: Uint8Array): HsmsMessage {
  return {
    sessionId: h.sessionId,
    stream: h.stream,
    function: h.function,
    wBit: h.wBit,
    systemBytes: h.systemBytes,
    body,
  };
}

export class DataExchange {
  handler: MessageHandler | undefined;
  private readonly transactions: TransactionTable;
  private nextSystemBytes = 1;
  private running = 0;

  constructor(
    private readonly config: HsmsConfig,
    clock: Clock,
    private readonly host: DataExchangeHost,
  ) {
    this.transactions = new TransactionTable(clock, config.t3Ms, config.sessionId);
  }

  get openTransactions(): number {
    return this.transactions.size;
  }

  /** See `HsmsSession.send`. */
  send(message: OutgoingMessage): Promise<HsmsMessage | undefined> {
    const { stream, function: fn, body } = message;
    const err = this.checkSendable(stream, fn, body);
    if (err !== undefined) return Promise.reject(err);
    const wBit = message.wBit === true;
    if (wBit && this.transactions.size >= this.config.maxOpenTransactions) {
      const max = this.config.maxOpenTransactions;
      this.host.overloaded(
        new HsmsError(
          'transaction-overflow',
          `the peer is not answering: ${max} primaries wait for a reply (maxOpenTransactions) and S${stream}F${fn} would be one more`,
        ),
      );
      return Promise.reject(
        new HsmsError('connection-closed', `S${stream}F${fn} not sent: the connection closed`),
      );
    }
    const systemBytes = this.allocSystemBytes();
    const done = wBit ? this.transactions.add(systemBytes, stream, fn) : undefined;
    // A write the peer's unread backlog refuses closes the link, which fails `done` with it.
    const written = this.write(stream, fn, wBit, systemBytes, body);
    if (done !== undefined) return done;
    if (written) return Promise.resolve(undefined);
    return Promise.reject(
      new HsmsError('connection-closed', `S${stream}F${fn} not sent: the connection closed`),
    );
  }

  /** See `HsmsSession.reply`. */
  reply(primary: HsmsMessage, message: Partial<OutgoingMessage>): void {
    const stream = message.stream ?? primary.stream;
    const fn = message.function ?? primary.function + 1;
    const err = this.checkSendable(stream, fn, message.body);
    if (err !== undefined) throw err;
    // Not written only when the link closes on it (the peer does not read): the session reports that.
    this.write(stream, fn, false, primary.systemBytes, message.body);
  }

  /** A data frame from the link. */
  receive(frame: HsmsFrame, link: HsmsLink): void {
    const h = frame.header;
    if (this.rejectUnselected(h, link)) return;
    const message = toMessage(h, frame.body);
    if (h.sessionId !== this.config.sessionId) {
      // A message for an unknown device id is answered with S9F1 by the SECS-II layer (E5).
      this.host.unknownDevice(message, encodeHeader(h));
      return;
    }
    if (h.function % 2 === 0) {
      // Secondary (or function 0, abort): it must answer an open transaction.
      if (!this.transactions.settle(message)) {
        link.writeControl(
          SType.rejectReq,
          h.sessionId,
          h.systemBytes,
          SType.data,
          RejectReason.transactionNotOpen,
        );
      }
      return;
    }
    if (this.handler !== undefined) this.dispatch(this.handler, message);
  }

  /**
   * A data frame over the size limit whose body the link is discarding. Outside SELECTED it is
   * rejected like any data message; otherwise a reply fails its transaction at once (rather than at
   * T3) and the host hears of it so that GEM can send S9F11.
   */
  receiveOversized(frame: OversizeFrame, link: HsmsLink): void {
    const h = frame.header;
    if (this.rejectUnselected(h, link)) return;
    const message = toMessage(h, EMPTY);
    const limit = this.config.maxMessageBytes;
    const text = `S${h.stream}F${h.function} (system bytes ${h.systemBytes}) declares ${frame.declaredLength} bytes, over the ${limit}-byte limit; body discarded`;
    if (h.function % 2 === 0 && h.sessionId === this.config.sessionId) {
      this.transactions.failReply(
        message,
        new HsmsError('message-too-large', text, { header: frame.headerBytes }),
      );
    }
    this.host.tooLarge(message, frame.headerBytes, frame.declaredLength);
  }

  // E37: data outside SELECTED is answered with Reject.req reason 4. True when it was.
  private rejectUnselected(h: HsmsHeader, link: HsmsLink): boolean {
    if (this.host.selected()) return false;
    link.writeControl(
      SType.rejectReq,
      h.sessionId,
      h.systemBytes,
      SType.data,
      RejectReason.entityNotSelected,
    );
    return true;
  }

  /** Fail the transaction a Reject.req names; false if it is not a data transaction. */
  reject(systemBytes: number, err: HsmsError): boolean {
    return this.transactions.fail(systemBytes, err);
  }

  /** See `HsmsSession.discard`. */
  discard(header: Uint8Array, err: Error): boolean {
    if (header.length !== 10) return false;
    const v = new DataView(header.buffer, header.byteOffset, 10);
    const wStream = v.getUint8(2);
    if ((wStream & 0x80) === 0) return false; // not a primary that waits for a reply
    return this.transactions.discard(v.getUint32(6), wStream & 0x7f, v.getUint8(3), err);
  }

  /** The connection is gone: every open transaction fails with `reason`. */
  failAll(reason: HsmsError): void {
    this.transactions.failAll(reason);
  }

  /** Next free system bytes (shared with control transactions, so both are checked). */
  allocSystemBytes(): number {
    const link = this.host.link();
    for (;;) {
      const sb = this.nextSystemBytes;
      this.nextSystemBytes = sb === 0xffffffff ? 1 : sb + 1;
      if (!this.transactions.has(sb) && link?.hasControl(sb) !== true) return sb;
    }
  }

  // Call the handler, sync or async, so that nothing it does can break the receive path. Written
  // out rather than through callbacks: this runs once per message.
  private dispatch(handler: MessageHandler, message: HsmsMessage): void {
    let result: HandlerResult | Promise<HandlerResult>;
    try {
      result = handler(message);
    } catch (err) {
      this.handlerFailed(message, err);
      return;
    }
    if (result instanceof Promise) {
      this.host.inProgress(++this.running);
      result.then(
        (r) => {
          this.host.inProgress(--this.running);
          this.replyFromHandler(message, r);
        },
        (err: unknown) => {
          this.host.inProgress(--this.running);
          this.handlerFailed(message, err);
        },
      );
    } else {
      this.replyFromHandler(message, result);
    }
  }

  private replyFromHandler(primary: HsmsMessage, r: HandlerResult): void {
    if (r === undefined || r === null || !primary.wBit || !this.host.selected()) return;
    try {
      this.reply(primary, r);
    } catch (err) {
      this.handlerFailed(primary, err);
    }
  }

  private handlerFailed(m: HsmsMessage, err: unknown): void {
    const text = err instanceof Error ? err.message : String(err);
    const e = new HsmsError('handler-error', `handler for S${m.stream}F${m.function} failed: ${text}`, {
      cause: err,
    });
    this.host.error(e);
  }

  private checkSendable(stream: number, fn: number, body: Uint8Array | undefined): HsmsError | undefined {
    if (this.host.link() === undefined)
      return new HsmsError('not-connected', 'HSMS session is not connected');
    if (!this.host.selected()) return new HsmsError('not-selected', 'HSMS session is not selected');
    const size = 10 + (body?.length ?? 0);
    if (size > this.config.maxMessageBytes) {
      const limit = this.config.maxMessageBytes;
      return new HsmsError(
        'message-too-large',
        `S${stream}F${fn} is ${size} bytes, over the ${limit}-byte limit`,
      );
    }
    return undefined;
  }

  private write(
    stream: number,
    fn: number,
    wBit: boolean,
    systemBytes: number,
    body: Uint8Array | undefined,
  ): boolean {
    return this.host.link()!.writeData(this.config.sessionId, stream, fn, wBit, systemBytes, body ?? EMPTY);
  }
}
