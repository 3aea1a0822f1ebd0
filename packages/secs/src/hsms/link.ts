// One HSMS connection: a transport, its frame parser, T8, and the control transactions (T6).
// The session above it outlives connections and owns selection, data transactions and T7.
import type { Clock, TimerHandle } from './clock.js';
import type { CommLog } from './comm-log.js';
import type { HsmsConfig } from './config.js';
import { encodeControl, RejectReason, sTypeName } from './control.js';
import { type ControlKind, ControlTransactions } from './control-transactions.js';
import { HsmsError } from './errors.js';
import { encodeDataFrame, type HsmsFrame, type HsmsHeader, SType } from './frame.js';
import { FrameParser, type OversizeFrame } from './frame-parser.js';
import { OutboundFlow } from './outbound-flow.js';
import { ReadGate, type ReadHold } from './read-gate.js';
import type { Transport } from './transport.js';

/** What the link hands up to its session. */
export interface LinkCallbacks {
  /** Frames the link does not answer itself: data, Select.req, Deselect.req, Reject.req, Separate.req. */
  frame(frame: HsmsFrame): void;
  /** A frame over the size limit: its header was read and its body is being discarded (the link stays up). */
  oversize(frame: OversizeFrame): void;
  /** The link closed on its own (peer, transport, T6, T8, bad stream). `error` says why, when it was a failure. */
  closed(reason: HsmsError, error: HsmsError | undefined): void;
  /** The transport reported an error (a close follows). */
  transportError(error: HsmsError): void;
}

const EMPTY = new Uint8Array(0);

const KNOWN_STYPES: ReadonlySet<number> = new Set(Object.values(SType));

export class HsmsLink {
  private readonly parser: FrameParser;
  private readonly flow: OutboundFlow;
  private readonly gate: ReadGate;
  private readonly control: ControlTransactions;
  private t8Timer: TimerHandle | undefined;
  private lastDataAt = 0;
  private open = true;

  constructor(
    private readonly transport: Transport,
    private readonly config: HsmsConfig,
    private readonly clock: Clock,
    private readonly log: CommLog | undefined,
    private readonly up: LinkCallbacks,
  ) {
    this.parser = new FrameParser((f) => this.onFrame(f), {
      maxMessageBytes: config.maxMessageBytes,
      onOversize: (f) => {
        // Judged by its header like any frame: only a supported PType and SType reach the session.
        if (this.open && this.supported(f.header)) this.up.oversize(f);
      },
    });
    this.control = new ControlTransactions(clock, config.t6Ms, (err) =>
      this.fail(new HsmsError('connection-closed', `connection closed: ${err.message}`), err, true),
    );
    // The partial frame of a peer we stopped reading did not stall on its side: T8 starts over.
    this.gate = new ReadGate(transport, () => {
      this.lastDataAt = this.clock.now();
    });
    this.flow = new OutboundFlow(transport, config, clock, this.gate, (err) =>
      this.fail(new HsmsError('connection-closed', `connection closed: ${err.message}`), err, true),
    );
    transport.bind({
      data: (chunk) => this.onData(chunk),
      drain: () => {
        if (this.open) this.flow.drained();
      },
      close: () =>
        this.fail(new HsmsError('connection-closed', 'the HSMS connection closed'), undefined, false),
      error: (err) => {
        if (this.open) {
          this.up.transportError(
            new HsmsError('transport-error', `HSMS transport error: ${err.message}`, { cause: err }),
          );
        }
      },
    });
  }

  /** True until the link is closed. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Bytes written and not yet taken by the peer. */
  get outboundBytes(): number {
    return this.open ? this.flow.bufferedBytes : 0;
  }

  /** True while the link does not read the peer (see `holdReading` and outbound-flow.ts). */
  get readingPaused(): boolean {
    return this.open && this.gate.paused;
  }

  /** Stop (`on`) or allow reading the peer for `reason`; reading resumes once no reason holds it. */
  holdReading(reason: ReadHold, on: boolean): void {
    if (!this.open) return;
    if (on) this.gate.hold(reason);
    else this.gate.release(reason);
  }

  /** Whether a control transaction uses these system bytes. */
  hasControl(systemBytes: number): boolean {
    return this.control.has(systemBytes);
  }

  /**
   * Write a data message (one frame, one write). False when it was not written: the link is closed,
   * or closes now because the peer does not read (`send-overflow`, see outbound-flow.ts).
   */
  writeData(
    sessionId: number,
    stream: number,
    fn: number,
    wBit: boolean,
    systemBytes: number,
    body: Uint8Array,
  ): boolean {
    if (!this.open) return false;
    if (this.log !== undefined) {
      const header = { sessionId, stream, function: fn, wBit, pType: 0, sType: SType.data, systemBytes };
      this.log.record({ direction: 'out', header, body });
    }
    return this.send(encodeDataFrame(sessionId, stream, fn, wBit, systemBytes, body));
  }

  /** Write a control message; `byte2`/`byte3` as in `encodeControl`. False as for `writeData`. */
  writeControl(sType: number, sessionId: number, systemBytes: number, byte2: number, byte3: number): boolean {
    if (!this.open) return false;
    if (this.log !== undefined) {
      const header = { sessionId, stream: byte2, function: byte3, wBit: false, pType: 0, sType, systemBytes };
      this.log.record({ direction: 'out', header, body: EMPTY });
    }
    return this.send(encodeControl(sType, sessionId, systemBytes, byte2, byte3));
  }

  private send(frame: Uint8Array): boolean {
    const overflow = this.flow.write(frame);
    if (overflow === undefined) return true;
    this.fail(new HsmsError('connection-closed', `connection closed: ${overflow.message}`), overflow, true);
    return false;
  }

  /**
   * Send a control request and resolve with the response's status byte. No response within T6
   * rejects with `t6-timeout` and closes the link (E37 treats it as a communication failure).
   * `settle` runs synchronously when the response is read, before the next frame of the same chunk:
   * a state change (SELECTED, NOT SELECTED) made there applies to the frames behind the response,
   * which a promise continuation would only see after they were handled.
   */
  controlTransaction(
    kind: ControlKind,
    sType: number,
    sessionId: number,
    systemBytes: number,
    settle?: (status: number) => void,
  ): Promise<number> {
    if (!this.open) {
      return Promise.reject(new HsmsError('not-connected', `cannot send ${sTypeName(sType)}: not connected`));
    }
    const done = this.control.add(kind, sType, systemBytes, settle);
    this.writeControl(sType, sessionId, systemBytes, 0, 0);
    return done;
  }

  /** Fail one control transaction (the peer rejected it); false if none is open under these bytes. */
  rejectControl(systemBytes: number, err: HsmsError): boolean {
    return this.control.reject(systemBytes, err);
  }

  /**
   * Close at the session's request (no `closed` callback): `destroy` drops the socket at once,
   * otherwise it is ended after pending writes. Open control transactions fail with `reason`.
   */
  close(reason: HsmsError, destroy: boolean): void {
    if (!this.open) return;
    this.open = false;
    if (this.t8Timer !== undefined) this.clock.clearTimeout(this.t8Timer);
    this.t8Timer = undefined;
    this.flow.stop();
    if (destroy) this.transport.destroy();
    else this.transport.end();
    this.control.failAll(reason);
  }

  private fail(reason: HsmsError, error: HsmsError | undefined, destroy: boolean): void {
    if (!this.open) return;
    this.close(reason, destroy);
    this.up.closed(reason, error);
  }

  private onData(chunk: Uint8Array): void {
    if (!this.open) return;
    const err = this.parser.push(chunk);
    if (err !== undefined) {
      // Oversized frames are skipped (see `oversize`), so only a length below 10 gets here.
      this.fail(
        new HsmsError('connection-closed', `connection closed: ${err.message}`),
        new HsmsError('protocol-error', err.message),
        true,
      );
      return;
    }
    // Only a partial frame needs the time of its last byte (most chunks end on a frame boundary).
    if (this.parser.midFrame && this.open) {
      this.lastDataAt = this.clock.now();
      if (this.t8Timer === undefined) this.t8Timer = this.clock.setTimeout(this.onT8, this.config.t8Ms);
    }
  }

  // T8 is checked lazily against the time of the last byte, so a steady stream costs no timer churn.
  private readonly onT8 = (): void => {
    this.t8Timer = undefined;
    if (!this.open || !this.parser.midFrame) return;
    // Not reading the peer is our doing (outbound-flow.ts): its partial frame is not stalled.
    if (this.gate.paused) {
      this.t8Timer = this.clock.setTimeout(this.onT8, this.config.t8Ms);
      return;
    }
    const idle = this.clock.now() - this.lastDataAt;
    if (idle < this.config.t8Ms) {
      this.t8Timer = this.clock.setTimeout(this.onT8, this.config.t8Ms - idle);
      return;
    }
    const { pending, skipping } = this.parser;
    const what =
      skipping > 0 ? `${skipping} bytes of an oversized frame still to come` : `${pending} bytes pending`;
    const msg = `frame stalled with ${what} for T8 = ${this.config.t8Ms / 1000} s`;
    this.fail(
      new HsmsError('connection-closed', `connection closed: ${msg}`),
      new HsmsError('t8-timeout', msg),
      true,
    );
  };

  private onFrame(frame: HsmsFrame): void {
    if (!this.open) return; // closed by an earlier frame of the same chunk
    const h = frame.header;
    this.log?.record({ direction: 'in', header: h, body: frame.body });
    if (!this.supported(h)) return;
    switch (h.sType) {
      case SType.linktestReq:
        this.writeControl(SType.linktestRsp, h.sessionId, h.systemBytes, 0, 0);
        break;
      case SType.selectRsp:
      case SType.deselectRsp:
      case SType.linktestRsp:
        this.onControlResponse(h);
        break;
      default:
        this.up.frame(frame);
    }
  }

  /**
   * True for PType 0 (SECS-II) and an SType E37 defines. Otherwise answers Reject.req reason 2 (PType,
   * echoed in byte 2) or 1 (SType), except to a Reject.req, and returns false.
   */
  private supported(h: HsmsHeader): boolean {
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
      return false;
    }
    if (KNOWN_STYPES.has(h.sType)) return true;
    this.writeControl(SType.rejectReq, h.sessionId, h.systemBytes, h.sType, RejectReason.sTypeNotSupported);
    return false;
  }

  private onControlResponse(h: HsmsHeader): void {
    if (this.control.respond(h)) return;
    this.writeControl(SType.rejectReq, h.sessionId, h.systemBytes, h.sType, RejectReason.transactionNotOpen);
  }
}
