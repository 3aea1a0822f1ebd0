import { HsmsError } from './errors.js';
import { DEFAULT_MAX_MESSAGE_BYTES, HEADER_BYTES, LENGTH_BYTES } from './frame.js';

/** Resolved HSMS session settings; times in milliseconds. */
export interface HsmsConfig {
  /** Session (device) id of this entity, 0..0xFFFE. */
  sessionId: number;
  /** Reply timeout. */
  t3Ms: number;
  /** Connect separation: minimum time between connection attempts (active side). */
  t5Ms: number;
  /** Control transaction timeout. */
  t6Ms: number;
  /** Longest time a connection may stay NOT SELECTED. */
  t7Ms: number;
  /** Longest gap between bytes of one frame. */
  t8Ms: number;
  /** Period of automatic Linktest.req while SELECTED; 0 = off (the default). */
  linktestMs: number;
  /** Largest accepted declared frame length (header + body), bytes. */
  maxMessageBytes: number;
  /** Session id written in control messages we originate: 0xFFFF (E37 convention) or our own id. */
  controlSessionId: 'ffff' | 'own';
  /**
   * Most bytes that may wait to be sent (written, not yet taken by the peer): a frame that would go
   * past it closes the connection (`send-overflow`). At least `maxMessageBytes + 4`, so that the
   * largest message fits; default twice `maxMessageBytes` (32 MiB).
   */
  maxOutboundBytes: number;
  /**
   * Above this many waiting bytes the session stops reading the peer (its requests would only add
   * replies that cannot be written) until they fall back under it. Below `maxOutboundBytes`; default
   * 1 MiB (or half of `maxOutboundBytes` if that is less).
   */
  outboundHighWaterBytes: number;
  /**
   * A connection that stays above `outboundHighWaterBytes` this long without the peer taking any of
   * it is closed (`send-stalled`). Default 10 s (1-240 s).
   */
  outboundStallMs: number;
  /**
   * Most of our W primaries that may wait for the peer's reply at once: one more closes the
   * connection (`transaction-overflow`; a peer that answers nothing would otherwise cost us memory
   * for every message until T3). Default 10,000.
   */
  maxOpenTransactions: number;
  /**
   * Above this many of the peer's primaries still being handled (the handler's promise not settled),
   * the session stops reading the peer until they fall back to it. Default 1,000.
   */
  maxPrimariesInProgress: number;
}

export type HsmsConfigInput = Partial<HsmsConfig>;

interface TimerRule {
  key: 't3Ms' | 't5Ms' | 't6Ms' | 't7Ms' | 't8Ms';
  name: string;
  defaultS: number;
  minS: number;
  maxS: number;
}

// SEMI E37 defaults and allowed ranges, seconds (docs/secs.md §1.4 Timers).
const TIMERS: readonly TimerRule[] = [
  { key: 't3Ms', name: 'T3', defaultS: 45, minS: 1, maxS: 120 },
  { key: 't5Ms', name: 'T5', defaultS: 10, minS: 1, maxS: 240 },
  { key: 't6Ms', name: 'T6', defaultS: 5, minS: 1, maxS: 240 },
  { key: 't7Ms', name: 'T7', defaultS: 10, minS: 1, maxS: 240 },
  { key: 't8Ms', name: 'T8', defaultS: 5, minS: 1, maxS: 120 },
];

/** The E37 default configuration for a session id. */
export const DEFAULT_HSMS_CONFIG: Readonly<HsmsConfig> = {
  sessionId: 0,
  t3Ms: 45_000,
  t5Ms: 10_000,
  t6Ms: 5_000,
  t7Ms: 10_000,
  t8Ms: 5_000,
  linktestMs: 0,
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  controlSessionId: 'ffff',
  maxOutboundBytes: 2 * DEFAULT_MAX_MESSAGE_BYTES,
  outboundHighWaterBytes: 1024 * 1024,
  outboundStallMs: 10_000,
  maxOpenTransactions: 10_000,
  maxPrimariesInProgress: 1_000,
};

function invalid(message: string): HsmsError {
  return new HsmsError('invalid-config', message);
}

/**
 * Fill defaults and validate. Throws HsmsError `invalid-config` naming the setting and its allowed
 * range (timers in seconds as E37 states them, values given in ms).
 */
export function resolveHsmsConfig(input: HsmsConfigInput = {}): HsmsConfig {
  const c: HsmsConfig = { ...DEFAULT_HSMS_CONFIG, ...input };
  // The outbound bounds follow a changed message size unless they are given.
  if (input.maxOutboundBytes === undefined) c.maxOutboundBytes = 2 * c.maxMessageBytes;
  if (input.outboundHighWaterBytes === undefined) {
    c.outboundHighWaterBytes = Math.min(
      DEFAULT_HSMS_CONFIG.outboundHighWaterBytes,
      Math.floor(c.maxOutboundBytes / 2),
    );
  }
  if (!Number.isInteger(c.sessionId) || c.sessionId < 0 || c.sessionId > 0xfffe) {
    throw invalid(
      `sessionId ${c.sessionId} is not an integer in 0..65534 (0xFFFF is reserved for control messages)`,
    );
  }
  for (const t of TIMERS) {
    const v = c[t.key];
    if (!Number.isFinite(v) || v < t.minS * 1000 || v > t.maxS * 1000) {
      throw invalid(`${t.name} (${t.key}) ${v} ms is outside the allowed range ${t.minS}-${t.maxS} s`);
    }
  }
  if (!Number.isFinite(c.linktestMs) || c.linktestMs < 0 || (c.linktestMs > 0 && c.linktestMs < 1000)) {
    throw invalid(`linktestMs ${c.linktestMs} must be 0 (off) or at least 1000 ms`);
  }
  if (
    !Number.isInteger(c.maxMessageBytes) ||
    c.maxMessageBytes < HEADER_BYTES ||
    c.maxMessageBytes > 0xffffffff
  ) {
    throw invalid(`maxMessageBytes ${c.maxMessageBytes} is not an integer in ${HEADER_BYTES}..4294967295`);
  }
  const largestFrame = c.maxMessageBytes + LENGTH_BYTES;
  if (!Number.isSafeInteger(c.maxOutboundBytes) || c.maxOutboundBytes < largestFrame) {
    throw invalid(
      `maxOutboundBytes ${c.maxOutboundBytes} is not an integer of at least maxMessageBytes + 4 = ${largestFrame}`,
    );
  }
  if (
    !Number.isSafeInteger(c.outboundHighWaterBytes) ||
    c.outboundHighWaterBytes < 0 ||
    c.outboundHighWaterBytes >= c.maxOutboundBytes
  ) {
    throw invalid(
      `outboundHighWaterBytes ${c.outboundHighWaterBytes} is not an integer in 0..maxOutboundBytes - 1 = ${c.maxOutboundBytes - 1}`,
    );
  }
  if (!Number.isFinite(c.outboundStallMs) || c.outboundStallMs < 1000 || c.outboundStallMs > 240_000) {
    throw invalid(`outboundStallMs ${c.outboundStallMs} ms is outside the allowed range 1-240 s`);
  }
  for (const key of ['maxOpenTransactions', 'maxPrimariesInProgress'] as const) {
    if (!Number.isSafeInteger(c[key]) || c[key] < 1) throw invalid(`${key} ${c[key]} is not an integer >= 1`);
  }
  if (c.controlSessionId !== 'ffff' && c.controlSessionId !== 'own') {
    throw invalid(`controlSessionId '${String(c.controlSessionId)}' must be 'ffff' or 'own'`);
  }
  return c;
}
