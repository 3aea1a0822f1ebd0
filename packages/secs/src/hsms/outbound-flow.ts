// Flow control of one connection's sending side: what a peer that does not read may cost us. Frames
// go to the transport, which keeps what the socket refused (see transport.ts); this file bounds that
// and reacts to it. Above the high-water mark the connection stops reading the peer, whose requests
// would only add replies that cannot be written; the peer that never takes its bytes is cut off, at
// once when a frame would go past `maxOutboundBytes`, or after `outboundStallMs` above the mark.

import type { Clock, TimerHandle } from './clock.js';
import type { HsmsConfig } from './config.js';
import { HsmsError } from './errors.js';
import type { ReadGate } from './read-gate.js';
import type { Transport } from './transport.js';

export type FlowConfig = Pick<HsmsConfig, 'maxOutboundBytes' | 'outboundHighWaterBytes' | 'outboundStallMs'>;

export class OutboundFlow {
  // Above the high-water mark: reading is held and the stall timer runs.
  private over = false;
  private lastDrainAt = 0;
  private stallTimer: TimerHandle | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly config: FlowConfig,
    private readonly clock: Clock,
    private readonly gate: ReadGate,
    /** The peer stayed above the high-water mark for `outboundStallMs` without taking a byte. */
    private readonly stalled: (err: HsmsError) => void,
  ) {}

  /** Bytes written and not yet taken by the peer. */
  get bufferedBytes(): number {
    return this.transport.bufferedBytes;
  }

  /**
   * Hand a frame to the transport, or return the `send-overflow` error (nothing written) when it
   * would take the unsent bytes past `maxOutboundBytes`: the caller closes the connection.
   */
  write(frame: Uint8Array): HsmsError | undefined {
    const waiting = this.transport.bufferedBytes;
    const max = this.config.maxOutboundBytes;
    if (waiting + frame.length > max) {
      return new HsmsError(
        'send-overflow',
        `the peer is not reading: ${waiting} bytes wait to be sent and a ${frame.length}-byte frame would go past maxOutboundBytes = ${max}`,
      );
    }
    this.transport.write(frame);
    if (!this.over && this.transport.bufferedBytes > this.config.outboundHighWaterBytes) this.pause();
    return undefined;
  }

  /** The transport handed bytes to the operating system. */
  drained(): void {
    this.lastDrainAt = this.clock.now();
    if (!this.over || this.transport.bufferedBytes > this.config.outboundHighWaterBytes) return;
    this.over = false;
    this.stopTimer();
    this.gate.release('outbound');
  }

  /** The connection closed: no timer may outlive it. */
  stop(): void {
    this.stopTimer();
  }

  private pause(): void {
    this.over = true;
    this.lastDrainAt = this.clock.now();
    this.gate.hold('outbound');
    this.stallTimer ??= this.clock.setTimeout(this.onStallTimer, this.config.outboundStallMs);
  }

  // Checked lazily against the time of the last drain, like T8: no timer churn while bytes flow.
  private readonly onStallTimer = (): void => {
    this.stallTimer = undefined;
    if (!this.over) return;
    const idle = this.clock.now() - this.lastDrainAt;
    const limit = this.config.outboundStallMs;
    if (idle < limit) {
      this.stallTimer = this.clock.setTimeout(this.onStallTimer, limit - idle);
      return;
    }
    const waiting = this.transport.bufferedBytes;
    this.stalled(
      new HsmsError(
        'send-stalled',
        `the peer is not reading: ${waiting} bytes wait to be sent (high-water mark ${this.config.outboundHighWaterBytes}) and none was taken for outboundStallMs = ${limit / 1000} s`,
      ),
    );
  };

  private stopTimer(): void {
    if (this.stallTimer !== undefined) this.clock.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }
}
