// Trace data collection: S2F23/S2F24 (trace initialize) and S6F1/S6F2 (trace data send).

import { A, I8, L, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { type ItemReader, readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ack, id, message, readId, readWireIds, type WireId } from './message-helpers.js';

/** S2F23 content: TRID (integer or text), DSPER (hhmmss or hhmmsscc), TOTSMP, REPGSZ, SVIDs. */
export interface TraceInit {
  trid: number | string;
  dsper: string;
  totsmp: number;
  repgsz: number;
  svids: number[];
}
// TRID as received keeps its value: a negative or very large integer TRID (E5 allows any integer
// format) is echoed as I8, not refused by U4.
export const tridItem = (t: number | string): Item =>
  typeof t === 'string' ? A(t) : t >= 0 && t <= 0xffffffff ? U4(t) : I8(t);
const readTrid = (r: ItemReader): number | string => (r.is('A') ? r.ascii() : readId(r));

/** S2F23 W: L[TRID, DSPER, TOTSMP, REPGSZ, L of SVID]. */
export const s2f23 = (t: TraceInit): SecsMessage =>
  message(2, 23, true, L(tridItem(t.trid), A(t.dsper), U4(t.totsmp), U4(t.repgsz), L.from(t.svids.map(id))));
/** S2F23 as received: SVIDs may name nothing here (see WireId). */
export function parseS2f23(body: Item | undefined): Omit<TraceInit, 'svids'> & { svids: WireId[] } {
  const [t, d, n, g, s] = readItem(body).list(5);
  return {
    trid: readTrid(t!),
    dsper: d!.ascii(),
    totsmp: readId(n!),
    repgsz: readId(g!),
    svids: readWireIds(s!),
  };
}
/** S2F24: TIAACK. */
export const s2f24 = (tiaack: number): SecsMessage => message(2, 24, false, ack(tiaack));

/** S6F1 content: the group's samples flattened (REPGSZ x SVIDs values, sample by sample). */
export interface TraceData {
  trid: number | string;
  smpln: number;
  /** STIME, 16-character E5 time. */
  stime: string;
  values: Item[];
}
/** S6F1 W: L[TRID, SMPLN, STIME, L of SV]. */
export const s6f1 = (t: TraceData): SecsMessage =>
  message(6, 1, true, L(tridItem(t.trid), U4(t.smpln), A(t.stime), L.from(t.values)));
export function parseS6f1(body: Item | undefined): TraceData {
  const [t, n, s, v] = readItem(body).list(4);
  return {
    trid: readTrid(t!),
    smpln: readId(n!),
    stime: s!.ascii(),
    values: v!.list().map((x) => x.present()),
  };
}
/** S6F2: ACKC6. */
export const s6f2 = (ackc6: number): SecsMessage => message(6, 2, false, ack(ackc6));
