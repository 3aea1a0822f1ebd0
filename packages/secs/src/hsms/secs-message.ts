// Bridges between HSMS data messages (bytes) and SECS-II messages (items).
import { type DecodeIssue, type DecodeLimits, decodeItem } from '../codec/decode.js';
import { type EncodeOptions, encodeItem } from '../codec/encode.js';
import type { SecsMessage } from '../message.js';
import type { OutgoingMessage } from './session-types.js';
import type { HsmsMessage } from './transactions.js';

/** Encode a SECS-II message for `HsmsSession.send`/`reply`. Throws SecsEncodeError on an unencodable item. */
export function toOutgoing(msg: SecsMessage, options: EncodeOptions = {}): OutgoingMessage {
  const out: OutgoingMessage = { stream: msg.stream, function: msg.function, wBit: msg.wBit };
  if (msg.body !== undefined) out.body = encodeItem(msg.body, options);
  return out;
}

export type SecsDecodeResult =
  | { readonly ok: true; readonly value: SecsMessage }
  | { readonly ok: false; readonly issues: readonly DecodeIssue[] };

/**
 * Decode the body of a received HSMS data message. An empty body is a header-only message. A failure
 * is returned as a value (GEM answers it with S9F7).
 */
export function toSecsMessage(m: HsmsMessage, limits: DecodeLimits = {}): SecsDecodeResult {
  const head = { stream: m.stream, function: m.function, wBit: m.wBit };
  if (m.body.length === 0) return { ok: true, value: head };
  const r = decodeItem(m.body, limits);
  return r.ok ? { ok: true, value: { ...head, body: r.value } } : r;
}
