// How `bondline host` answers the equipment's primaries, and which S9 ends the wait for its own.

import { A, B, formatGemTime, type HsmsMessage, L, type SecsMessage, toSecsMessage } from '@bondline/secs';

const AUTO_REPLY: Record<string, SecsMessage> = {
  S1F1: { stream: 1, function: 2, wBit: false, body: L() },
  S1F13: { stream: 1, function: 14, wBit: false, body: L(B([0]), L()) },
  S5F1: { stream: 5, function: 2, wBit: false, body: B([0]) },
  S6F1: { stream: 6, function: 2, wBit: false, body: B([0]) },
  S6F11: { stream: 6, function: 12, wBit: false, body: B([0]) },
  S10F1: { stream: 10, function: 2, wBit: false, body: B([0]) },
};

/**
 * The answer to an equipment primary with W: code 0 for the messages in AUTO_REPLY, S2F18 with the
 * host's time (`nowMs`, epoch ms; E30 clock, UTC, 16 characters) for S2F17, SxF0 for anything else.
 */
export function answerFor(m: { stream: number; function: number }, nowMs: number): SecsMessage {
  const key = `S${m.stream}F${m.function}`;
  if (key === 'S2F17') return { stream: 2, function: 18, wBit: false, body: A(formatGemTime(nowMs)) };
  return AUTO_REPLY[key] ?? { stream: m.stream, function: 0, wBit: false };
}

/**
 * True when `m` is an S9F1/3/5/7/11 whose MHEAD names a primary of `request`'s stream and function:
 * E5 says the equipment discarded it and no reply will come. S9F9 (our T3) names nothing we await.
 */
export function s9Discards(m: HsmsMessage, request: { stream: number; function: number }): boolean {
  if (m.stream !== 9 || m.function === 9) return false;
  const d = toSecsMessage(m);
  const h = d.ok && d.value.body?.format === 'B' ? d.value.body.value : undefined;
  return h?.length === 10 && (h[2]! & 0x7f) === request.stream && h[3] === request.function;
}
