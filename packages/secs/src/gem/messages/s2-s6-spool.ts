// Spooling messages: S2F43/S2F44 (reset spooling streams and functions), S6F23/S6F24 (request
// spooled data: RSDC 0 transmit, 1 purge).

import { L, U1 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { ItemShapeError, readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import {
  ack,
  type IdRef,
  message,
  readAck,
  readId,
  readWireId,
  readWireIds,
  type WireId,
} from './message-helpers.js';

export interface StreamFunctions {
  stream: number;
  functions: number[];
}
export interface SpoolReply<I extends IdRef = number> {
  rspack: number;
  rejections: { stream: I; strack: number; functions: I[] }[];
}

/** S2F43 W: L of L[STRID, L of FCNID]; an empty list turns spooling off. */
export const s2f43 = (streams: readonly StreamFunctions[]): SecsMessage =>
  message(2, 43, true, L.from(streams.map((s) => L(U1(s.stream), L.from(s.functions.map((f) => U1(f)))))));
/** S2F43 as received: a STRID or FCNID of any integer format, which may name nothing (see WireId). */
export function parseS2f43(body: Item | undefined): { stream: WireId; functions: WireId[] }[] {
  return readItem(body)
    .list()
    .map((r) => {
      const [s, f] = r.list(2);
      return { stream: readWireId(s!, false), functions: readWireIds(f!, false) };
    });
}
// STRID and FCNID are U1 (E5 format 51); the equipment echoes an unknown one as received.
const u1 = (x: IdRef): Item => (typeof x === 'number' ? U1(x) : x);
/** S2F44: L[RSPACK, L of L[STRID, STRACK, L of FCNID]]. */
export const s2f44 = (r: SpoolReply<IdRef>): SecsMessage =>
  message(
    2,
    44,
    false,
    L(
      ack(r.rspack),
      L.from(r.rejections.map((x) => L(u1(x.stream), ack(x.strack), L.from(x.functions.map(u1))))),
    ),
  );
export function parseS2f44(body: Item | undefined): SpoolReply {
  const [a, list] = readItem(body).list(2);
  return {
    rspack: readAck(a!),
    rejections: list!.list().map((r) => {
      const [s, k, f] = r.list(3);
      return { stream: readId(s!), strack: readAck(k!), functions: f!.list().map(readId) };
    }),
  };
}

/** S6F23 W: request spooled data; RSDC 0 = transmit, 1 = purge. */
export const s6f23 = (rsdc: 0 | 1): SecsMessage => message(6, 23, true, U1(rsdc));
/** RSDC 0 or 1; any other value is illegal data (E5 defines no other request). */
export function parseS6f23(body: Item | undefined): 0 | 1 {
  const rsdc = readId(readItem(body));
  if (rsdc !== 0 && rsdc !== 1) throw new ItemShapeError('body', 'RSDC 0 or 1', String(rsdc));
  return rsdc;
}
/** S6F24: RSDA. */
export const s6f24 = (rsda: number): SecsMessage => message(6, 24, false, ack(rsda));
