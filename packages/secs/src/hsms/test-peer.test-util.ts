// Test helper (not exported from the package): a transport whose far end is the test itself.
import { FakeClock } from './fake-clock.js';
import { HsmsSession } from './session.js';
import type { HsmsSessionOptions } from './session-types.js';
import type { Transport, TransportHandlers } from './transport.js';

/** A transport that records what the session writes and lets the test inject bytes. */
export class ScriptedTransport implements Transport {
  readonly written: Buffer[] = [];
  ended = false;
  destroyed = false;
  /** While true, written bytes stay in `bufferedBytes` (a peer that does not read) until `drain`. */
  stalled = false;
  bufferedBytes = 0;
  readingPaused = false;
  private handlers: TransportHandlers | undefined;

  bind(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }
  write(data: Uint8Array): void {
    this.written.push(Buffer.from(data));
    if (this.stalled) this.bufferedBytes += data.length;
  }
  pauseReading(): void {
    this.readingPaused = true;
  }
  resumeReading(): void {
    this.readingPaused = false;
  }
  /** The peer took `bytes` (default all) of what waits; the session hears of it as a drain. */
  drain(bytes = this.bufferedBytes): void {
    this.bufferedBytes -= Math.min(bytes, this.bufferedBytes);
    this.handlers!.drain();
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Deliver bytes to the session as if they came from the peer. */
  feed(hexOrBytes: string | Uint8Array): void {
    const b =
      typeof hexOrBytes === 'string' ? Buffer.from(hexOrBytes.replace(/\s+/g, ''), 'hex') : hexOrBytes;
    this.handlers!.data(b);
  }
  /** The peer closed the socket. */
  peerClose(): void {
    this.handlers!.close();
  }
  /** Everything written since the last call, as spaced upper-case hex per write. */
  take(): string[] {
    const out = this.written.map((b) =>
      b
        .toString('hex')
        .toUpperCase()
        .replace(/(..)(?!$)/g, '$1 '),
    );
    this.written.length = 0;
    return out;
  }
}

/** A frame written by hand: length 10 + body, then the 10 header bytes given as hex, then the body. */
export function frameHex(header: string, body = ''): string {
  const h = header.replace(/\s+/g, '');
  const b = body.replace(/\s+/g, '');
  if (h.length !== 20) throw new TypeError('header must be 10 bytes');
  const len = (10 + b.length / 2).toString(16).padStart(8, '0');
  return `${len}${h}${b}`;
}

/** Hex as `take()` shows it: upper case, bytes separated by one space. */
export const spaced = (h: string): string =>
  h
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

/** A passive session (device id 100, fake clock) attached to a scripted peer, NOT SELECTED. */
export function passive(options: HsmsSessionOptions = {}) {
  const clock = new FakeClock();
  const session = new HsmsSession({ sessionId: 100, clock, ...options });
  const wire = new ScriptedTransport();
  const states: string[] = [];
  session.on('state', (s) => states.push(s.to));
  session.attach(wire, 'passive');
  return { clock, session, wire, states };
}

/** As `passive`, then selected by the peer's Select.req (system bytes 1); the Select.rsp is taken. */
export function selected(options: HsmsSessionOptions = {}) {
  const s = passive(options);
  s.wire.feed(frameHex('FFFF 00 00 00 01 00000001'));
  s.wire.take();
  return s;
}
