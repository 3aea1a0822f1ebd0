// Stream 2 dynamic event report set-up: S2F33..S2F38.

import { BOOLEAN, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import {
  ack,
  dataIdItem,
  id,
  message,
  readDataId,
  readWireId,
  readWireIds,
  type WireId,
} from './message-helpers.js';

/** A report definition: RPTID and its VIDs. An empty `vids` in S2F33 deletes the report. */
export interface ReportDefinition {
  rptid: number;
  vids: number[];
}
/** S2F33 W: L[DATAID, L of L[RPTID, L of VID]]; an empty list deletes all reports. */
export const s2f33 = (dataId: number | string, reports: readonly ReportDefinition[]): SecsMessage =>
  message(
    2,
    33,
    true,
    L(dataIdItem(dataId), L.from(reports.map((r) => L(id(r.rptid), L.from(r.vids.map(id)))))),
  );
/** An S2F33 or S2F35 entry as received: its ids may name nothing here (see WireId). */
export interface ReceivedIds {
  id: WireId;
  ids: WireId[];
}
export function parseS2f33(body: Item | undefined): { dataId: number | string; reports: ReceivedIds[] } {
  const [d, list] = readItem(body).list(2);
  return {
    dataId: readDataId(d!),
    reports: list!.list().map((r) => {
      const [rp, v] = r.list(2);
      return { id: readWireId(rp!), ids: readWireIds(v!) };
    }),
  };
}
/** S2F34: DRACK. */
export const s2f34 = (drack: number): SecsMessage => message(2, 34, false, ack(drack));

/** An event link: CEID and its RPTIDs. An empty `rptids` in S2F35 unlinks the event. */
export interface EventLink {
  ceid: number;
  rptids: number[];
}
/** S2F35 W: L[DATAID, L of L[CEID, L of RPTID]]. */
export const s2f35 = (dataId: number | string, links: readonly EventLink[]): SecsMessage =>
  message(
    2,
    35,
    true,
    L(dataIdItem(dataId), L.from(links.map((k) => L(id(k.ceid), L.from(k.rptids.map(id)))))),
  );
export function parseS2f35(body: Item | undefined): { dataId: number | string; links: ReceivedIds[] } {
  const [d, list] = readItem(body).list(2);
  return {
    dataId: readDataId(d!),
    links: list!.list().map((r) => {
      const [c, rp] = r.list(2);
      return { id: readWireId(c!), ids: readWireIds(rp!) };
    }),
  };
}
/** S2F36: LRACK. */
export const s2f36 = (lrack: number): SecsMessage => message(2, 36, false, ack(lrack));

/** S2F37 W: L[CEED, L of CEID]; an empty list means every event. */
export const s2f37 = (enable: boolean, ceids: readonly number[]): SecsMessage =>
  message(2, 37, true, L(BOOLEAN(enable), L.from(ceids.map(id))));
export function parseS2f37(body: Item | undefined): { enable: boolean; ceids: WireId[] } {
  const [e, c] = readItem(body).list(2);
  return { enable: e!.boolean(), ceids: readWireIds(c!) };
}
/** S2F38: ERACK. */
export const s2f38 = (erack: number): SecsMessage => message(2, 38, false, ack(erack));
