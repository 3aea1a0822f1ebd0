// Stream 9 error messages. Most carry MHEAD, the 10-byte header of the offending message (E5 9.2);
// S9F9 carries SHEAD (the header of the primary that timed out) and S9F13 MEXP/EDID.

import { A, B, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { message } from './message-helpers.js';

/** The S9 functions and what they report. */
export const S9 = {
  unrecognizedDeviceId: 1,
  unrecognizedStream: 3,
  unrecognizedFunction: 5,
  illegalData: 7,
  transactionTimeout: 9,
  dataTooLong: 11,
  conversationTimeout: 13,
} as const;

/** S9Fn (n = 1, 3, 5, 7, 9, 11) with the 10-byte header of the message concerned. */
export function s9(fn: number, header: Uint8Array): SecsMessage {
  if (header.length !== 10)
    throw new RangeError(`S9F${fn}: a message header is 10 bytes, got ${header.length}`);
  return message(9, fn, false, B(header));
}
export const parseS9Header = (body: Item | undefined): Uint8Array => readItem(body).binary();

/** S9F13: conversation timeout, L[MEXP (expected message, e.g. "S7F3"), EDID (data id)]. */
export const s9f13 = (mexp: string, edid: string): SecsMessage => message(9, 13, false, L(A(mexp), A(edid)));

/** The 10-byte HSMS header of a received data message, as S9 reports it. */
export function headerBytes(m: {
  sessionId: number;
  stream: number;
  function: number;
  wBit: boolean;
  systemBytes: number;
}): Uint8Array {
  const h = new Uint8Array(10);
  const v = new DataView(h.buffer);
  v.setUint16(0, m.sessionId);
  h[2] = (m.wBit ? 0x80 : 0) | m.stream;
  h[3] = m.function;
  v.setUint32(6, m.systemBytes >>> 0);
  return h;
}
