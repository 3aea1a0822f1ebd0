// Stream 6 event reports: S6F11/S6F12 (event report send), S6F15/S6F16 (event report request),
// S6F19/S6F20 (individual report request).

import { L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import {
  ack,
  dataIdItem,
  type IdRef,
  id,
  idItem,
  message,
  readDataId,
  readId,
  readWireId,
  type WireId,
} from './message-helpers.js';

/** A report as sent: RPTID and its values in definition order. */
interface ReportData {
  rptid: number;
  values: Item[];
}
/** The body of S6F11 / S6F16. DATAID may be text (E5); Bondline's equipment sends U4. */
export interface EventReport<C extends IdRef = number> {
  dataId: number | string;
  /** The equipment's S6F16 echoes an unknown CEID as received. */
  ceid: C;
  reports: ReportData[];
}

const eventBody = (e: EventReport<IdRef>): Item =>
  L(dataIdItem(e.dataId), idItem(e.ceid), L.from(e.reports.map((r) => L(id(r.rptid), L.from(r.values)))));

/** S6F11 W: L[DATAID, CEID, L of L[RPTID, L of V]]. */
export const s6f11 = (e: EventReport): SecsMessage => message(6, 11, true, eventBody(e));
export function parseEventReport(body: Item | undefined): EventReport {
  const [d, c, rs] = readItem(body).list(3);
  return {
    dataId: readDataId(d!),
    ceid: readId(c!),
    reports: rs!.list().map((r) => {
      const [i, v] = r.list(2);
      return { rptid: readId(i!), values: v!.list().map((x) => x.present()) };
    }),
  };
}
/** S6F12: ACKC6. */
export const s6f12 = (ackc6: number): SecsMessage => message(6, 12, false, ack(ackc6));

/** S6F15 W: event report request for one CEID. */
export const s6f15 = (ceid: number): SecsMessage => message(6, 15, true, id(ceid));
/** The CEID of an S6F15 (the RPTID of an S6F19) as received (see WireId). */
export const parseS6f15 = (body: Item | undefined): WireId => readWireId(readItem(body));
/** S6F16: the S6F11 body for that event now (E5: L[0] values when unknown). */
export const s6f16 = (e: EventReport<IdRef>): SecsMessage => message(6, 16, false, eventBody(e));

/** S6F19 W: individual report request. */
export const s6f19 = (rptid: number): SecsMessage => message(6, 19, true, id(rptid));
export const parseS6f19 = parseS6f15;
/** S6F20: L of V (L[0] for an undefined report). */
export const s6f20 = (values: readonly Item[]): SecsMessage => message(6, 20, false, L.from(values));
export const parseS6f20 = (body: Item | undefined): Item[] =>
  readItem(body)
    .list()
    .map((r) => r.present());
